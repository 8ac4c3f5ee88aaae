"""The domain in pure Python: methods as data, vocabulary, exchange format, analysis.

Nothing here imports Textual, SQLAlchemy or SQLModel (a test checks it).
"""
