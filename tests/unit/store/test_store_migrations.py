"""Migrations: the code knows its newest revision, upgrades and downgrades work on both
backends, the schema matches the models, and nothing foreign or newer is ever touched."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.pool import NullPool

from forbattra.core.domain import NewInitiative
from forbattra.core.vocabulary import Method
from forbattra.store import migrate
from forbattra.store.database import Database
from forbattra.store.engine import read_session, sqlite_path
from forbattra.store.errors import DatabaseUnavailable
from forbattra.store.models import Initiative, metadata
from forbattra.store.services.initiatives import create_initiative, list_initiatives

pytestmark = pytest.mark.usefixtures("english")

TABLES = {
    "initiative",
    "answer",
    "cause",
    "solution",
    "solution_cause",
    "measure",
    "observation",
    "cycle",
    "stop_item",
    "closure",
    "comment",
    "idea",
    "event",
    "measure_stage",
    "parking_item",
    "vote_round",
    "vote_tally",
    "review_mark",
}


def tables(db: Database) -> set[str]:
    with db.engine.connect() as connection:
        return set(inspect(connection).get_table_names())


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_head_is_the_newest_migration_script() -> None:
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_heads() == [migrate.HEAD]
    assert migrate.known_revisions()[0] == migrate.HEAD


def test_every_migration_script_can_be_read_back_to_the_start() -> None:
    revisions = migrate.known_revisions()
    assert len(revisions) == len(set(revisions))
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_base() == revisions[-1]


def test_opening_a_new_database_creates_every_table(database: Database) -> None:
    assert tables(database) >= TABLES | {"alembic_version"}
    assert migrate.current_revision(database.engine) == migrate.HEAD
    assert database.backup is None


def test_the_migrated_schema_matches_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []


def test_upgrade_downgrade_upgrade(database: Database) -> None:
    create_initiative(database, "tester", NewInitiative(title="före", method=Method.PDSA))
    migrate.downgrade(database.engine, "base")
    assert tables(database) - {"alembic_version"} == set()
    assert migrate.current_revision(database.engine) is None

    assert migrate.upgrade(database.engine) is None  # nothing to back up: it was empty
    assert migrate.current_revision(database.engine) == migrate.HEAD
    assert tables(database) >= TABLES
    assert list_initiatives(database) == []
    row = create_initiative(database, "tester", NewInitiative(title="efter", method=Method.PDSA))
    assert [r.title for r in list_initiatives(database)] == ["efter"]
    assert row.phase == "aim"


def test_opening_twice_migrates_once(database_url: str) -> None:
    with Database.open(database_url) as first:
        create_initiative(first, "tester", NewInitiative(title="kvar", method=Method.DMAIC))
    with Database.open(database_url) as second:
        assert second.backup is None
        assert [row.title for row in list_initiatives(second)] == ["kvar"]


def test_open_without_upgrade_leaves_an_empty_database_empty(database_url: str) -> None:
    with Database.open(database_url, upgrade=False) as db:
        assert tables(db) == set()
        assert migrate.current_revision(db.engine) is None


def test_a_database_from_a_newer_forbattra_is_refused(database: Database) -> None:
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(DatabaseUnavailable, match="newer forbattra"):
        Database.open(database.url)
    assert migrate.current_revision(database.engine) == "9999_future"


def test_another_programs_tables_are_refused_and_kept(database_url: str) -> None:
    engine = create_engine(database_url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            connection.execute(text("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)"))
            connection.execute(text("INSERT INTO people VALUES (1, 'Åsa')"))
        path = sqlite_path(database_url)
        before = digest(path) if path else None
        with pytest.raises(DatabaseUnavailable, match="belongs to another program"):
            Database.open(database_url)
        if path is not None:
            assert digest(path) == before, "the foreign SQLite file was modified"
            assert sorted(p.name for p in path.parent.iterdir()) == [path.name]
        with engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) == {"people"}
            assert connection.execute(text("SELECT name FROM people")).scalar() == "Åsa"
    finally:
        engine.dispose()


def test_a_foreign_sqlite_file_in_rollback_journal_mode_keeps_its_header(tmp_path: Path) -> None:
    # The WAL switch rewrites bytes 18 and 19 of the header: the refusal must come first.
    target = tmp_path / "other.sqlite"
    connection = sqlite3.connect(target)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.commit()
    connection.close()
    header = target.read_bytes()[:100]
    with pytest.raises(DatabaseUnavailable):
        Database.open(str(target))
    assert target.read_bytes()[:100] == header
    check = sqlite3.connect(target)
    try:
        assert check.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    finally:
        check.close()


def test_an_empty_database_gets_no_backup(tmp_path: Path) -> None:
    with Database.open(str(tmp_path / "ny.db")) as db:
        assert db.backup is None
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".bak") == []


def _initiative_titles(path: Path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return [row[0] for row in connection.execute("SELECT title FROM initiative ORDER BY id")]
    finally:
        connection.close()


def test_a_database_at_an_older_revision_is_backed_up_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "forbattra.db"
    with Database.open(str(target)) as db:
        create_initiative(db, "tester", NewInitiative(title="värdefull", method=Method.DMAIC))
    # This forbattra now knows a revision newer than the database's own.
    real_known = migrate.known_revisions()
    monkeypatch.setattr(migrate, "HEAD", "0002_next")
    monkeypatch.setattr(migrate, "known_revisions", lambda: ["0002_next", *real_known])
    with Database.open(str(target)) as db:
        backup = db.backup
    assert backup is not None
    assert backup.parent == tmp_path
    assert backup.name.startswith("forbattra.db.before-0002_next-")
    assert backup.name.endswith(".bak")
    assert _initiative_titles(backup) == ["värdefull"]


def test_the_backup_of_a_live_database_holds_what_is_still_in_the_wal(tmp_path: Path) -> None:
    target = tmp_path / "forbattra.db"
    db = Database.open(str(target))
    try:
        with read_session(db.engine) as session:
            session.execute(text("SELECT 1"))  # keep a connection open: no checkpoint on close
        for title in ("ett", "två", "tre"):
            create_initiative(db, "tester", NewInitiative(title=title, method=Method.DMAIC))
        wal = target.with_name(target.name + "-wal")
        assert wal.exists() and wal.stat().st_size > 0
        copy = migrate.backup_sqlite(target, "test")
        assert copy.name.startswith("forbattra.db.test-")
        assert _initiative_titles(copy) == ["ett", "två", "tre"]
        with Database.open(str(copy)) as restored:
            assert {row.title for row in list_initiatives(restored)} == {"ett", "två", "tre"}
    finally:
        db.close()


def test_current_revision_of_a_migrated_database(database: Database) -> None:
    with read_session(database.engine) as session:
        assert session.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            migrate.HEAD
        )
    assert database.engine.dialect.name in {"sqlite", "postgresql"}


def test_the_version_columns_exist_on_editable_tables(database: Database) -> None:
    editable = TABLES - {
        "solution_cause",
        "closure",
        "idea",
        "event",
        "measure_stage",
        "vote_round",
        "vote_tally",
        "review_mark",
    }
    with database.engine.connect() as connection:
        inspector = inspect(connection)
        for table in editable:
            columns: dict[str, Any] = {c["name"]: c for c in inspector.get_columns(table)}
            assert "version" in columns, table
            assert columns["version"]["nullable"] is False, table
    assert inspect(Initiative).version_id_col is not None


def test_two_programs_opening_a_new_database_at_once(database_url: str) -> None:
    """The second waits for the first's migration and then finds nothing left to do."""
    opened: list[Database] = []
    errors: list[BaseException] = []
    start = threading.Barrier(3)

    def open_it() -> None:
        try:
            start.wait(5)
            opened.append(Database.open(database_url))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    try:
        assert errors == []
        assert len(opened) == 3
        assert {migrate.current_revision(db.engine) for db in opened} == {migrate.HEAD}
        create_initiative(opened[0], "tester", NewInitiative(title="x", method=Method.DMAIC))
        assert [row.title for row in list_initiatives(opened[2])] == ["x"]
    finally:
        for db in opened:
            db.close()
