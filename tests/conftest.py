"""Fixtures every test layer shares: a migrated database on each backend.

``database`` is a :class:`forbattra.store.database.Database` on a fresh SQLite file, and also on
a real PostgreSQL server when ``FORBATTRA_TEST_DATABASE_URL`` names one
(``scripts/start-postgres.sh`` starts one and prints its URL). Without the variable the
PostgreSQL cases are skipped, not failed.

PostgreSQL isolation: the ``public`` schema is dropped and recreated before every test, then
``Database.open`` migrates it like a first start. So never point the variable at a database
whose contents you care about. One session-level advisory lock is held for
the whole run, so two test runs against the same server wait for each other instead of
dropping each other's tables.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import pytest

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from forbattra.store.database import Database

POSTGRESQL_URL_VARIABLE = "FORBATTRA_TEST_DATABASE_URL"
# Any constant will do; it names "a forbattra test run" among the server's advisory locks.
_RUN_LOCK = 0x666F72_6261
_LOCK_TIMEOUT = "30s"


def postgresql_url() -> str | None:
    """The test server's URL, or None when the PostgreSQL tests are not wanted."""
    return os.environ.get(POSTGRESQL_URL_VARIABLE) or None


# The PostgreSQL case skips itself (in ``postgresql_admin``) when there is no server, so the
# report shows one line for all of them.
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgresql),
]


@pytest.fixture(scope="session")
def postgresql_admin() -> Iterator[Engine]:
    """An engine on the test server, with this run's advisory lock held until the end."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    url = postgresql_url()
    if url is None:
        pytest.skip(f"{POSTGRESQL_URL_VARIABLE} is not set (scripts/start-postgres.sh)")
    engine = create_engine(url, poolclass=NullPool)
    lock: Connection = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        lock.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _RUN_LOCK})
        yield engine
    finally:
        lock.close()  # closing the session releases the advisory lock
        engine.dispose()


def reset_postgresql(admin: Engine) -> None:
    """Drop every table (``alembic_version`` too) by recreating the ``public`` schema."""
    with admin.begin() as connection:
        connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{_LOCK_TIMEOUT}'")
        connection.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        connection.exec_driver_sql("CREATE SCHEMA public")


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The URL of an empty database, not yet migrated: a new SQLite file, or a wiped server."""
    if request.param == "sqlite":
        folder = tmp_path_factory.mktemp("db")
        return f"sqlite:///{folder / 'forbattra.db'}"
    admin: Engine = request.getfixturevalue("postgresql_admin")
    reset_postgresql(admin)
    url = postgresql_url()
    assert url is not None
    return url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """A migrated database, closed after the test."""
    from forbattra.store.database import Database

    db = Database.open(database_url)
    try:
        yield db
    finally:
        db.close()


# --- Shared test data and helpers -----------------------------------------------------------

DATA = Path(__file__).parent / "unit" / "data"


@pytest.fixture
def rich() -> dict[str, Any]:
    """A closed DMAIC initiative that uses every section and field of the exchange format,
    with odd user text (emoji, right-to-left script, combining accents, markup)."""
    return cast(dict[str, Any], json.loads((DATA / "rich-initiative.json").read_text("utf-8")))


@pytest.fixture
def small() -> dict[str, Any]:
    """An active PDSA initiative with little in it."""
    return cast(dict[str, Any], json.loads((DATA / "small-initiative.json").read_text("utf-8")))


@pytest.fixture
def english() -> Iterator[None]:
    """English messages during the test, and the previous language back afterwards."""
    from forbattra.i18n import current_language, set_language

    before = current_language()
    set_language("en")
    try:
        yield
    finally:
        set_language(before)


def _table_contents(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        names = sorted(inspect(connection).get_table_names())
        return {
            name: sorted(
                (tuple(row) for row in connection.execute(text(f'SELECT * FROM "{name}"'))),
                key=repr,
            )
            for name in names
        }


@pytest.fixture
def table_contents() -> Callable[[Engine], dict[str, list[tuple[Any, ...]]]]:
    """Every row of every table, sorted: to show that a failure changed nothing."""
    return _table_contents


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """A predictable environment for the command line: English, a known user, no FORBATTRA_DB."""
    monkeypatch.setenv("FORBATTRA_LANG", "en")
    monkeypatch.setenv("FORBATTRA_USER", "tester")
    monkeypatch.delenv("FORBATTRA_DB", raising=False)
    monkeypatch.delenv("FORBATTRA_DEBUG", raising=False)
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def run_cli(
    cli_env: None, english: None, capsys: pytest.CaptureFixture[str]
) -> Callable[..., CliResult]:
    """Run ``forbattra ARGS`` in this process through ``forbattra.cli.main``."""
    from forbattra.cli import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        with pytest.raises(SystemExit) as stop:
            main(list(args))
        captured = capsys.readouterr()
        code = stop.value.code
        assert isinstance(code, int), f"exit code {code!r}"
        # Whatever goes wrong, a person never sees a traceback.
        assert "Traceback" not in captured.err, captured.err
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def sqlite_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A migrated SQLite database only: for checks that do not depend on the backend."""
    from forbattra.store.database import Database

    folder = tmp_path_factory.mktemp("db")
    db = Database.open(str(folder / "forbattra.db"))
    try:
        yield db
    finally:
        db.close()
