"""The engine: SQLite settings, BEGIN IMMEDIATE, foreign keys, and refusing unusable files."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text
from sqlalchemy.exc import OperationalError, StatementError

from forbattra.core.domain import NewInitiative
from forbattra.core.exchange import parse_document
from forbattra.core.vocabulary import Method
from forbattra.store import engine as engine_module
from forbattra.store.database import Database
from forbattra.store.engine import (
    BUSY_TIMEOUT_MS,
    describe_error,
    make_engine,
    read_session,
    sqlite_path,
    translate_errors,
    url_for,
    write_session,
)
from forbattra.store.errors import DatabaseUnavailable
from forbattra.store.models import (
    Answer,
    Cause,
    Closure,
    Comment,
    Cycle,
    Event,
    Initiative,
    Measure,
    Observation,
    Solution,
    SolutionCause,
    StopItem,
)
from forbattra.store.services.exchange import import_documents
from forbattra.store.services.initiatives import create_initiative

pytestmark = pytest.mark.usefixtures("english")

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    db = Database.open(str(tmp_path / "forbattra.db"))
    try:
        yield db
    finally:
        db.close()


def new(title: str = "Kortare väntetider") -> NewInitiative:
    return NewInitiative(title=title, method=Method.DMAIC)


# --- SQLite settings ---------------------------------------------------------------------------

PRAGMAS = [
    ("journal_mode", "wal"),
    ("synchronous", 2),  # FULL
    ("foreign_keys", 1),
    ("busy_timeout", BUSY_TIMEOUT_MS),
]


@pytest.mark.parametrize(("pragma", "expected"), PRAGMAS)
def test_every_sqlite_session_has_the_pragmas(
    sqlite_db: Database, pragma: str, expected: object
) -> None:
    with read_session(sqlite_db.engine) as session:
        assert session.execute(text(f"PRAGMA {pragma}")).scalar() == expected
    with write_session(sqlite_db.engine) as session:
        assert session.execute(text(f"PRAGMA {pragma}")).scalar() == expected


def test_busy_timeout_is_long_enough_to_wait_for_another_writer() -> None:
    assert BUSY_TIMEOUT_MS >= 5_000


def test_the_database_file_is_in_wal_mode_for_other_programs_too(sqlite_db: Database) -> None:
    path = sqlite_path(sqlite_db.url)
    assert path is not None
    other = sqlite3.connect(path)
    try:
        assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    finally:
        other.close()


def _statements(db: Database) -> list[str]:
    seen: list[str] = []

    def listen(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", listen)
    return seen


def test_write_sessions_begin_immediate_and_read_sessions_do_not(sqlite_db: Database) -> None:
    seen = _statements(sqlite_db)
    with write_session(sqlite_db.engine) as session:
        session.execute(text("SELECT 1"))
    assert seen[:2] == ["BEGIN IMMEDIATE", "SELECT 1"]
    seen.clear()
    with read_session(sqlite_db.engine) as session:
        session.execute(text("SELECT 1"))
    assert seen[:2] == ["BEGIN", "SELECT 1"]


def test_services_write_inside_begin_immediate(sqlite_db: Database) -> None:
    seen = _statements(sqlite_db)
    create_initiative(sqlite_db, "tester", new())
    assert seen[0] == "BEGIN IMMEDIATE"
    assert any(statement.startswith("INSERT INTO initiative") for statement in seen)


def _other_connection(db: Database) -> sqlite3.Connection:
    path = sqlite_path(db.url)
    assert path is not None
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    return other


def test_an_open_write_session_holds_the_write_lock(sqlite_db: Database) -> None:
    other = _other_connection(sqlite_db)
    try:
        with write_session(sqlite_db.engine) as session:
            session.execute(text("SELECT 1"))  # the session's connection starts here
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again after the commit
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_an_open_read_session_does_not_block_writers(sqlite_db: Database) -> None:
    other = _other_connection(sqlite_db)
    try:
        with read_session(sqlite_db.engine) as session:
            session.execute(text("SELECT count(*) FROM initiative"))
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_second_writer_waits_for_the_first_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    first = Database.open(str(path))
    second = Database.open(str(path))
    holding = threading.Event()
    errors: list[BaseException] = []

    def slow_writer() -> None:
        try:
            with write_session(first.engine) as session:
                session.execute(text("SELECT 1"))
                holding.set()
                time.sleep(0.4)
                session.add(Initiative(title="först", method="dmaic", phase="define"))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
            holding.set()

    thread = threading.Thread(target=slow_writer)
    try:
        thread.start()
        assert holding.wait(5)
        started = time.monotonic()
        create_initiative(second, "tester", new("sedan"))
        waited = time.monotonic() - started
        thread.join()
        assert errors == []
        assert waited >= 0.2, "the second writer did not wait for the first"
        with read_session(second.engine) as session:
            titles = session.execute(text("SELECT title FROM initiative ORDER BY id")).scalars()
            assert list(titles) == ["först", "sedan"]
    finally:
        thread.join()
        first.close()
        second.close()


def test_a_writer_that_never_gets_the_lock_gets_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "busy.db"
    Database.open(str(path)).close()
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 150)
    blocker = sqlite3.connect(path, isolation_level=None)
    db = Database.open(str(path))
    try:
        blocker.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        with pytest.raises(DatabaseUnavailable, match="busy"):
            create_initiative(db, "tester", new())
        assert time.monotonic() - started < 5
    finally:
        blocker.close()
        db.close()


# --- Foreign keys, on both backends ------------------------------------------------------------


def test_a_row_pointing_at_no_initiative_is_refused(database: Database) -> None:
    with pytest.raises(DatabaseUnavailable), write_session(database.engine) as session:
        session.add(Answer(initiative_id=4242, phase="define", question="problem", text="x"))
    with read_session(database.engine) as session:
        assert session.execute(select(func.count()).select_from(Answer)).scalar() == 0


CHILD_TABLES = [Answer, Cause, Solution, Measure, Cycle, StopItem, Closure, Comment, Event]


def test_deleting_an_initiative_deletes_everything_in_it(
    database: Database, rich: dict[str, Any], small: dict[str, Any]
) -> None:
    doomed, kept = import_documents(
        database,
        "tester",
        [("rich", parse_document(rich)), ("small", parse_document(small))],
    )

    def counts(initiative_id: int) -> dict[str, int]:
        with read_session(database.engine) as session:
            found = {
                model.__name__: session.execute(
                    select(func.count())
                    .select_from(model)
                    .where(model.initiative_id == initiative_id)  # type: ignore[attr-defined]
                ).scalar_one()
                for model in CHILD_TABLES
            }
            found["Observation"] = session.execute(
                select(func.count())
                .select_from(Observation)
                .join(Measure, Measure.id == Observation.measure_id)  # type: ignore[arg-type]
                .where(Measure.initiative_id == initiative_id)  # type: ignore[arg-type]
            ).scalar_one()
            return found

    before = counts(doomed)
    assert all(before.values()), before  # the rich document fills every table
    kept_before = counts(kept)
    with read_session(database.engine) as session:
        links_before = session.execute(select(func.count()).select_from(SolutionCause)).scalar()
    assert links_before

    with write_session(database.engine) as session:
        session.execute(text("DELETE FROM initiative WHERE id = :id"), {"id": doomed})

    assert set(counts(doomed).values()) == {0}
    assert counts(kept) == kept_before
    with read_session(database.engine) as session:
        assert session.execute(select(func.count()).select_from(SolutionCause)).scalar() == 0
        assert session.execute(select(func.count()).select_from(Observation)).scalar() == 0


def test_deleting_a_solution_or_a_cause_keeps_what_pointed_at_it(
    database: Database, rich: dict[str, Any]
) -> None:
    (initiative_id,) = import_documents(database, "tester", [("rich", parse_document(rich))])
    with write_session(database.engine) as session:
        session.execute(
            text("DELETE FROM solution WHERE initiative_id = :id"), {"id": initiative_id}
        )
        session.execute(
            text("DELETE FROM cause WHERE text = :text"), {"text": "Ingen äger ärendekön"}
        )
    with read_session(database.engine) as session:
        cycles = list(session.execute(select(Cycle)).scalars())
        assert len(cycles) == 3
        assert {cycle.solution_id for cycle in cycles} == {None}
        rutin = session.execute(
            select(Cause).where(Cause.text == "Otydlig rutin för prioritering")  # type: ignore[arg-type]
        ).scalar_one()
        assert rutin.parent_id is None


# --- Time stamps -------------------------------------------------------------------------------


def test_times_are_stored_as_utc_and_come_back_aware(database: Database) -> None:
    stockholm = timezone(timedelta(hours=2))
    moment = datetime(2025, 5, 2, 16, 45, 10, 123456, tzinfo=stockholm)
    with write_session(database.engine) as session:
        initiative = Initiative(
            title="t", method="dmaic", phase="define", created_at=moment, updated_at=moment
        )
        session.add(initiative)
        session.flush()
        initiative_id = initiative.id
    with read_session(database.engine) as session:
        stored = session.get(Initiative, initiative_id)
        assert stored is not None
        assert stored.created_at == moment
        assert stored.created_at.tzinfo == UTC
        assert stored.created_at.hour == 14


def test_a_naive_time_is_refused(database: Database) -> None:
    naive = datetime(2025, 5, 2, 16, 45)
    with pytest.raises(StatementError, match="timezone-aware"), write_session(database.engine) as s:
        s.add(Initiative(title="t", method="dmaic", phase="define", created_at=naive))


# --- Addresses ---------------------------------------------------------------------------------


def test_url_for_a_path_is_an_absolute_sqlite_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert url_for("mina.db") == f"sqlite:///{tmp_path / 'mina.db'}"
    assert url_for(str(tmp_path / "a b" / "å.db")) == f"sqlite:///{tmp_path}/a b/å.db"
    monkeypatch.setenv("HOME", str(tmp_path))
    assert url_for("~/x.db") == f"sqlite:///{tmp_path / 'x.db'}"


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///:memory:",
        "sqlite:////var/lib/forbattra.db",
        "postgresql+psycopg://u:p@db.example:5432/forbattra",
    ],
)
def test_url_for_leaves_urls_alone(url: str) -> None:
    assert url_for(url) == url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:////srv/f.db", Path("/srv/f.db")),
        ("sqlite:///:memory:", None),
        ("sqlite://", None),
        ("postgresql+psycopg://u:p@h/db", None),
    ],
)
def test_sqlite_path(url: str, expected: Path | None) -> None:
    assert sqlite_path(url) == expected


def test_a_plain_postgresql_url_uses_psycopg_3() -> None:
    engine = make_engine("postgresql://u:p@127.0.0.1:1/none")
    try:
        assert engine.url.drivername == "postgresql+psycopg"
    finally:
        engine.dispose()


def test_an_unreachable_server_is_reported_without_a_traceback() -> None:
    with pytest.raises(DatabaseUnavailable, match="Cannot connect to the database server"):
        Database.open("postgresql+psycopg://nobody:secret@127.0.0.1:1/none")


def test_a_broken_url_is_reported() -> None:
    with pytest.raises(DatabaseUnavailable, match="not a database address"):
        make_engine("sqlite+://:::")


@pytest.mark.parametrize(
    ("driver_message", "expected"),
    [
        ("database is locked", "The database is busy"),
        ("attempt to write a readonly database", "read-only"),
        ("file is not a database", "damaged"),
        ("database disk image is malformed", "damaged"),
        ("database or disk is full", "The disk is full"),
        ("unable to open database file", "cannot be opened"),
        ('connection to server at "x" failed', "Cannot connect to the database server"),
        ("something odd\nsecond line", "The database reported an error: something odd"),
    ],
)
def test_driver_errors_become_one_clear_line(driver_message: str, expected: str) -> None:
    error = OperationalError("SELECT 1", {}, sqlite3.OperationalError(driver_message))
    message = describe_error(error)
    assert expected in message
    assert "\n" not in message
    with pytest.raises(DatabaseUnavailable, match=expected), translate_errors():
        raise error


# --- Files SQLite cannot use, each refused before anything touches them ------------------------


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable, match="is a folder, not a database file"):
        Database.open(str(tmp_path))


def test_a_missing_folder_is_refused_and_not_created(tmp_path: Path) -> None:
    target = tmp_path / "finns-inte" / "forbattra.db"
    with pytest.raises(DatabaseUnavailable, match="does not exist"):
        Database.open(str(target))
    assert not target.parent.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"hello, this is a text file\n",
        b"\x00" * 100,
        b"SQLite format 2\x00 and then some",
        bytes(range(256)) * 8,
    ],
    ids=["text", "zeros", "near-miss-header", "binary"],
)
def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(
    tmp_path: Path, content: bytes
) -> None:
    target = tmp_path / "notes.db"
    target.write_bytes(content)
    with pytest.raises(DatabaseUnavailable, match="not a forbattra database"):
        Database.open(str(target))
    assert target.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_damaged_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "damaged.db"
    target.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 20)
    before = digest(target)
    with pytest.raises(DatabaseUnavailable, match="damaged"):
        Database.open(str(target))
    assert digest(target) == before


def test_an_empty_file_becomes_a_new_database(tmp_path: Path) -> None:
    target = tmp_path / "empty.db"
    target.touch()
    with Database.open(str(target)) as db:
        create_initiative(db, "tester", new())
    assert target.read_bytes().startswith(b"SQLite format 3\x00")


def _access_like_an_ordinary_user(path: Any, mode: int, **_kwargs: Any) -> bool:
    """What ``os.access`` says to the file's owner when that owner is not root."""
    try:
        bits = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    wanted = [
        (os.R_OK, stat.S_IRUSR),
        (os.W_OK, stat.S_IWUSR),
        (os.X_OK, stat.S_IXUSR),
    ]
    return all(bits & bit for flag, bit in wanted if mode & flag)


PERMISSIONS = [
    pytest.param(
        "real",
        marks=pytest.mark.skipif(
            RUNNING_AS_ROOT, reason="root may write to read-only files; see the 'simulated' case"
        ),
    ),
    # As root the kernel grants everything, so ask os.access what it would tell the owner.
    pytest.param("simulated"),
]


@pytest.fixture(params=PERMISSIONS)
def permissions(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "simulated":
        monkeypatch.setattr(os, "access", _access_like_an_ordinary_user)
    return str(request.param)


@pytest.fixture
def restore_modes(tmp_path: Path) -> Iterator[None]:
    yield
    for path in [tmp_path, *tmp_path.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


@pytest.mark.usefixtures("restore_modes")
def test_a_read_only_database_opens_read_only_and_refuses_writes(
    tmp_path: Path, permissions: str
) -> None:
    target = tmp_path / "forbattra.db"
    with Database.open(str(target)) as db:
        create_initiative(db, "tester", new())
    for leftover in tmp_path.glob("forbattra.db-*"):
        leftover.unlink()
    target.chmod(0o444)
    before = digest(target)
    with Database.open(str(target)) as db:
        assert db.read_only
        with read_session(db.engine) as session:
            assert session.execute(text("SELECT count(*) FROM initiative")).scalar() == 1
        with pytest.raises(DatabaseUnavailable, match="open read-only"):
            create_initiative(db, "tester", new("inte sparad"))
    assert digest(target) == before


@pytest.mark.usefixtures("restore_modes")
def test_a_read_only_folder_is_refused_with_a_clear_message(
    tmp_path: Path, permissions: str
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    with pytest.raises(DatabaseUnavailable, match="the folder is read-only"):
        Database.open(str(folder / "forbattra.db"))
    assert list(folder.iterdir()) == []


@pytest.mark.usefixtures("restore_modes")
def test_an_unreadable_database_is_refused_with_a_clear_message(
    tmp_path: Path, permissions: str
) -> None:
    target = tmp_path / "forbattra.db"
    Database.open(str(target)).close()
    target.chmod(0o000)
    with pytest.raises(DatabaseUnavailable, match="No permission to read"):
        Database.open(str(target))


def test_the_simulation_agrees_with_the_kernel_for_ordinary_users(tmp_path: Path) -> None:
    """Keep the simulated permission checks honest where the real ones can run."""
    if RUNNING_AS_ROOT:
        pytest.skip("the kernel answers differently for root")
    target = tmp_path / "f"
    target.touch()
    for mode in (0o444, 0o644, 0o000, 0o200):
        target.chmod(mode)
        for flag in (os.R_OK, os.W_OK, os.R_OK | os.W_OK):
            assert _access_like_an_ordinary_user(target, flag) == os.access(target, flag)
    target.chmod(0o644)
