"""Every migration goes up and down cleanly, one step at a time, on SQLite and PostgreSQL;
and a database file made by each earlier schema (tests/data) upgrades with its data intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from forbattra.store import migrate
from forbattra.store.database import Database
from forbattra.store.engine import make_engine
from forbattra.store.services.initiatives import list_initiatives
from forbattra.store.services.workspace import load_workspace

from .harness import integrity, rows

pytestmark = pytest.mark.usefixtures("english")
DATA = Path(__file__).resolve().parents[1] / "data"
# The schema files kept for each earlier revision: every revision but the newest has one.
EARLIER = {"0001_initial": DATA / "schema-0001.db"}


def test_every_earlier_revision_has_a_database_file() -> None:
    earlier = set(migrate.known_revisions()) - {migrate.HEAD}
    assert set(EARLIER) == earlier
    assert all(path.is_file() for path in EARLIER.values())


def test_each_revision_steps_up_and_down(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        oldest_first = list(reversed(migrate.known_revisions()))
        shapes: dict[str, set[str]] = {}
        for revision in oldest_first:
            migrate.upgrade(engine, revision)
            assert migrate.current_revision(engine) == revision
            with engine.connect() as connection:
                shapes[revision] = set(inspect(connection).get_table_names())
        for newer, older in zip(oldest_first[::-1], oldest_first[::-1][1:], strict=False):
            migrate.downgrade(engine, older)
            assert migrate.current_revision(engine) == older
            with engine.connect() as connection:
                assert set(inspect(connection).get_table_names()) == shapes[older], newer
        migrate.downgrade(engine, "base")
        assert migrate.current_revision(engine) is None
    finally:
        engine.dispose()


def _old_rows(path: Path) -> dict[str, list[dict[str, object]]]:
    """Every row of every table but ``alembic_version``, as column: value."""
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        tables = [
            str(row[0])
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
            )
        ]
        return {
            table: [dict(row) for row in connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2")]
            for table in tables
        }
    finally:
        connection.close()


@pytest.mark.parametrize("revision", sorted(EARLIER))
def test_a_database_from_an_earlier_schema_upgrades_with_its_data(
    revision: str, tmp_path: Path
) -> None:
    path = tmp_path / "forbattra.db"
    shutil.copyfile(EARLIER[revision], path)
    assert rows(path, "SELECT version_num FROM alembic_version") == [(revision,)]
    before = _old_rows(path)
    assert all(before.values()), "the kept file has rows in every table"

    with Database.open(str(path)) as db:
        assert migrate.current_revision(db.engine) == migrate.HEAD
        # The copy made first is the old database, whole.
        assert db.backup is not None
        assert rows(db.backup, "SELECT version_num FROM alembic_version") == [(revision,)]
        assert _old_rows(db.backup) == before
        listed = {row.title: row for row in list_initiatives(db, include_closed=True)}
        workspace = load_workspace(db, 1)
    # Every old row is still there, column for column (new columns may have been added).
    after = _old_rows(path)
    for table, old in before.items():
        assert [
            {column: row[column] for column in old_row}
            for row, old_row in zip(after[table], old, strict=True)
        ] == old, table
    assert integrity(path) == (["ok"], [])
    # And the services read it as before.
    assert set(listed) == {
        "Kortare väntetid till hemtjänstbeslut",
        "Färre fel i fakturor till äldreboenden",
        "Ny rutin för synpunkter",
    }
    assert workspace.answer("define", "problem").text.startswith("Beslut dröjer i snitt 24 dagar")
    assert workspace.answer("define", "problem").version == 2
    assert rows(path, "SELECT id, status_reason, votes FROM idea ORDER BY id") == [
        ("idea-0001", "", 0),
        ("idea-0002", "", 0),
    ]
