"""``forbattra list`` reads an SQLite file at the current schema with ``sqlite3`` alone; it
gives the same rows as the SQLAlchemy way, which everything else still takes."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from forbattra.core.exchange import load_file
from forbattra.locations import sample_projects_dir
from forbattra.store import migrate
from forbattra.store.database import Database
from forbattra.store.schema_head import HEAD
from forbattra.store.services import initiatives, portfolio_read
from forbattra.store.services.closures import pause_initiative
from forbattra.store.services.exchange import import_documents
from forbattra.store.services.portfolio_read import read_portfolio

DATA = Path(__file__).parents[1] / "data"
pytestmark = pytest.mark.usefixtures("english")


def fill(database: Database) -> None:
    files = sorted(DATA.glob("*.json")) + sorted(sample_projects_dir().glob("*.json"))
    documents = [(str(path), document) for path in files for document in load_file(path)]
    ids = import_documents(database, "tester", documents)
    pause_initiative(database, "tester", ids[-1], review_by=date(2031, 5, 1))


def test_both_ways_give_the_same_rows(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    fill(database)
    expected = {
        closed: initiatives.list_initiatives(database, include_closed=closed)
        for closed in (False, True)
    }
    statuses = {row.status for row in expected[True]}
    assert len(statuses) >= 3 and any(row.review_by for row in expected[True])
    if database.url.startswith("sqlite"):
        # On SQLite the rows must come from sqlite3: the usual way is not even there.
        def refuse(*_args: Any, **_kwargs: Any) -> Any:
            raise AssertionError("went the SQLAlchemy way")

        monkeypatch.setattr(initiatives, "list_initiatives", refuse)
        path = database.path
        assert path is not None
        for target in (database.url, str(path)):
            for closed in (False, True):
                assert read_portfolio(target, include_closed=closed) == expected[closed]
    else:
        for closed in (False, True):
            assert read_portfolio(database.url, include_closed=closed) == expected[closed]


def test_a_file_that_needs_a_migration_goes_the_usual_way(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copy(Path(__file__).parents[2] / "data" / "schema-0001.db", old)
    assert portfolio_read._read_sqlite(old, True) is None  # not at HEAD
    rows = read_portfolio(str(old), include_closed=True)  # migrates, as any command would
    assert rows
    with Database.open(str(old)) as db:
        assert migrate.current_revision(db.engine) == HEAD
    assert portfolio_read._read_sqlite(old, True) == rows


@pytest.mark.parametrize(
    "make",
    [
        lambda path: None,  # no file yet
        lambda path: path.write_bytes(b""),  # empty
        lambda path: path.write_bytes(b"not a database"),
    ],
    ids=["missing", "empty", "not-sqlite"],
)
def test_what_sqlite3_cannot_read_is_left_to_the_usual_way(tmp_path: Path, make: Any) -> None:
    path = tmp_path / "f.db"
    make(path)
    assert portfolio_read._plain_sqlite_file(str(path)) is None


def test_another_programs_database_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE initiative (id INTEGER)")
    assert portfolio_read._read_sqlite(path, True) is None


def test_the_list_command_reads_without_sqlalchemy(tmp_path: Path) -> None:
    db = str(tmp_path / "f.db")
    with Database.open(db) as database:
        fill(database)
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "forbattra", "--db", db, "list", "--all"],
        env={"FORBATTRA_LANG": "en", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    imported = {
        line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if "|" in line
    }
    assert "forbattra.store.services.portfolio_read" in imported
    assert not {name for name in imported if name.split(".")[0] in {"sqlalchemy", "sqlmodel"}}
    assert len(result.stdout.splitlines()) > 8
