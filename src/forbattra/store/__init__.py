"""Storage: SQLModel tables, the engine factory, migrations and the services.

Only ``store.services`` opens sessions. Nothing here imports Textual.
"""
