"""The handle every service takes: an engine for one database, migrated on open."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from forbattra.i18n import _
from forbattra.store import migrate
from forbattra.store.engine import is_read_only, make_engine, sqlite_path, url_for
from forbattra.store.errors import DatabaseUnavailable


@dataclass
class Database:
    """One open database. ``backup`` is the copy made before a migration, if any;
    ``read_only`` is True for an SQLite file forbattra may not write to (it shows, never saves).
    """

    url: str
    engine: Engine
    backup: Path | None = field(default=None)
    read_only: bool = field(default=False)

    @classmethod
    def open(cls, target: str, *, upgrade: bool = True) -> Database:
        """Open ``target`` (a path or an SQLAlchemy URL), upgrading its schema first."""
        url = url_for(target)
        engine = make_engine(url)
        read_only = is_read_only(engine)
        try:
            if read_only:
                _check_current(engine)
                backup = None
            else:
                backup = migrate.upgrade(engine) if upgrade else None
        except BaseException:
            engine.dispose()
            raise
        return cls(url=url, engine=engine, backup=backup, read_only=read_only)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return sqlite_path(self.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _check_current(engine: Engine) -> None:
    """A read-only database can only be shown when its schema needs no upgrade."""
    current = migrate.current_revision(engine)
    if current == migrate.HEAD:
        return
    if current is None:
        raise DatabaseUnavailable(
            _("The database is read-only and empty; there is nothing to show.")
        )
    if current in migrate.known_revisions():
        raise DatabaseUnavailable(
            _(
                "The database is read-only and was made by an older forbattra; copy it somewhere"
                " writable so it can be upgraded."
            )
        )
    raise DatabaseUnavailable(
        _("This database was made by a newer forbattra; please upgrade forbattra.")
    )
