"""The newest schema revision this program knows, importable without SQLAlchemy (the fast
read of ``forbattra list`` compares it with the file's; ``migrate`` migrates to it).

A new migration updates this; a test checks it matches the migration scripts.
"""

HEAD = "0002_stages_workshop_review"
