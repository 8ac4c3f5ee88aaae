"""The handle every service takes: an engine for one database, migrated on open."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from forbattra.store import migrate
from forbattra.store.engine import make_engine, url_for


@dataclass
class Database:
    """One open database. ``backup`` is the copy made before a migration, if any."""

    url: str
    engine: Engine
    backup: Path | None = field(default=None)

    @classmethod
    def open(cls, target: str, *, upgrade: bool = True) -> Database:
        """Open ``target`` (a path or an SQLAlchemy URL), upgrading its schema first."""
        url = url_for(target)
        engine = make_engine(url)
        try:
            backup = migrate.upgrade(engine) if upgrade else None
        except BaseException:
            engine.dispose()
            raise
        return cls(url=url, engine=engine, backup=backup)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
