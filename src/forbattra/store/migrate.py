"""Keep the database schema current: Alembic migrations, run automatically at start.

Before any migration of an existing SQLite database a copy is made with SQLite's backup API
(never by copying the file, which could catch a half-written WAL).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from forbattra.i18n import _
from forbattra.store import schema_head
from forbattra.store.engine import for_writing, sqlite_path, translate_errors
from forbattra.store.errors import DatabaseUnavailable

# The newest revision this program knows (kept in schema_head.py, which needs no SQLAlchemy);
# a test checks it matches the migration scripts.
HEAD = schema_head.HEAD
MIGRATIONS = Path(__file__).parent / "migrations"
# PostgreSQL advisory lock held while migrating, so two programs never migrate at once.
_MIGRATION_LOCK = 0x666F7262  # "forb"


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, or None for an empty database."""
    with translate_errors(engine), engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        if "alembic_version" not in tables:
            if tables - {"sqlite_sequence"}:
                raise DatabaseUnavailable(
                    _("This database belongs to another program; forbattra will not change it.")
                )
            return None
        row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def _alembic_config(connection: object) -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> list[str]:
    from alembic.script import ScriptDirectory

    config = _alembic_config(None)
    scripts = ScriptDirectory.from_config(config)  # type: ignore[arg-type]
    return [script.revision for script in scripts.walk_revisions()]


def backup_sqlite(path: Path, label: str) -> Path:
    """Copy a live SQLite database next to itself with the backup API; returns the copy."""
    from forbattra.store.backup import make_backup

    return make_backup(path, label)


def upgrade(engine: Engine, revision: str = "head") -> Path | None:
    """Bring the schema to ``revision``; returns the backup made first, if one was needed."""
    current = current_revision(engine)
    if current == HEAD and revision == "head":
        return None
    if current is not None and current not in known_revisions():
        raise DatabaseUnavailable(
            _("This database was made by a newer forbattra; please upgrade forbattra.")
        )
    backup = None
    path = sqlite_path(str(engine.url))
    if current is not None and path is not None:
        backup = backup_sqlite(path, f"before-{HEAD}")
    from alembic import command

    # Two programs opening a new database at once: the second waits for the first's
    # transaction (BEGIN IMMEDIATE, or the advisory lock), then Alembic finds nothing to do.
    with translate_errors(engine), for_writing(engine).begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        command.upgrade(_alembic_config(connection), revision)  # type: ignore[arg-type]
    return backup


def downgrade(engine: Engine, revision: str) -> None:
    """Step the schema back to ``revision`` (used by the migration tests)."""
    from alembic import command

    with translate_errors(engine), for_writing(engine).begin() as connection:
        command.downgrade(_alembic_config(connection), revision)  # type: ignore[arg-type]
