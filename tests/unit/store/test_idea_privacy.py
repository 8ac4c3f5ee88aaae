"""An anonymous idea is anonymous in the file itself, not only on screen.

The raw bytes of the SQLite database, its ``-wal`` and its ``-shm`` are scanned for what
could tie an idea to a person: the OS user name, the host name, the acting-user setting and
the exact time of the submission (ISO text to the second and the minute, UTC and local).
Control tests show first that the scanner does find such strings when they are there.
"""

from __future__ import annotations

import getpass
import socket
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from forbattra.core.ideas import NewIdea
from forbattra.store.database import Database
from forbattra.store.services import idea_common, idea_triage, ideas

OS_USER = "ovanligqxanvandare"
ACTING_USER = "Zelmira Qvarnbäck-Ytterström"
TEXT = "Flytta postrummet närmare entrén (unik-idétext-7Q4Z)"
LONG_TEXT = "Lång idé med många ord (unik-overflow-9K2X) " + "fler cykelställ " * 245


@pytest.fixture
def someone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An unusual OS user and acting user, and a local time zone other than UTC."""
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(variable, OS_USER)
    monkeypatch.setenv("FORBATTRA_USER", ACTING_USER)
    monkeypatch.setenv("TZ", "America/St_Johns")  # UTC−3:30: local and UTC differ in minutes
    time.tzset()
    assert getpass.getuser() == OS_USER
    yield
    monkeypatch.undo()
    time.tzset()


def files(path: Path) -> dict[str, bytes]:
    """The database file and its companions, as they are on disk now."""
    found = {}
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(f"{path}{suffix}")
        if candidate.exists():
            found[candidate.name] = candidate.read_bytes()
    return found


def occurrences(path: Path, needles: list[str]) -> list[str]:
    """Which needles occur in which file, as UTF-8 (and, for ASCII ones, UTF-16) bytes."""
    hits = []
    for name, data in files(path).items():
        for needle in needles:
            forms = [needle.encode("utf-8")]
            if needle.isascii():
                forms += [needle.encode("utf-16-le"), needle.encode("utf-16-be")]
            if any(form in data for form in forms):
                hits.append(f"{needle!r} in {name}")
    return hits


def time_strings(start: datetime, end: datetime) -> list[str]:
    """Every way a moment between start and end could be written, to the second and minute."""
    strings: set[str] = set()
    moment = start.replace(microsecond=0) - timedelta(seconds=1)
    while moment <= end + timedelta(seconds=1):
        for shown in (moment.astimezone(UTC), moment.astimezone()):
            for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"):
                strings.add(shown.strftime(pattern))
            strings.add(shown.strftime("%Y-%m-%dT%H:%M"))
        strings.add(str(int(moment.timestamp())))
        moment += timedelta(seconds=1)
    return sorted(strings)


def identifying(start: datetime, end: datetime) -> list[str]:
    needles = [OS_USER, ACTING_USER, *time_strings(start, end)]
    host = socket.gethostname()
    if len(host) >= 4:
        needles.append(host)
    return needles


@pytest.fixture
def db_file(tmp_path: Path) -> Path:
    return tmp_path / "inkorg.db"


# --- The scanner can fail -----------------------------------------------------------------------


def test_the_scanner_finds_a_signed_ideas_name_and_time(someone: None, db_file: Path) -> None:
    """A signed idea writes an event with the name and the exact time: the scan sees both,
    in the WAL while the database is open and in the file after it is closed."""
    start = datetime.now(UTC)
    with Database.open(str(db_file)) as database:
        ideas.submit_idea(database, NewIdea(TEXT, author=ACTING_USER))
        end = datetime.now(UTC)
        assert any("-wal" in hit for hit in occurrences(db_file, [TEXT]))
        assert occurrences(db_file, [ACTING_USER])
        assert occurrences(db_file, time_strings(start, end))
    assert occurrences(db_file, [ACTING_USER])
    assert occurrences(db_file, time_strings(start, end))


def test_the_scanner_finds_text_that_lingers_without_secure_delete(tmp_path: Path) -> None:
    """Plain SQLite leaves a deleted row's bytes in the file: this is what the setting fixes."""
    path = tmp_path / "plain.db"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA secure_delete = OFF")
    connection.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    connection.execute("INSERT INTO note (text) VALUES (?)", (TEXT,))
    connection.execute("INSERT INTO note (text) VALUES ('annat')")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("DELETE FROM note WHERE text = ?", (TEXT,))
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    assert occurrences(path, [TEXT])


# --- Anonymous ideas leave nothing that points to a person or a moment -----------------------


def test_anonymous_ideas_store_no_name_host_or_time(someone: None, db_file: Path) -> None:
    start = datetime.now(UTC)
    with Database.open(str(db_file)) as database:
        first = ideas.submit_idea(database, NewIdea(TEXT, unit="Kontaktcenter", area=4))
        ideas.submit_idea(database, NewIdea(LONG_TEXT))
        ideas.submit_idea(database, NewIdea("Tredje idén (unik-3)"))
        end = datetime.now(UTC)
        assert occurrences(db_file, [TEXT]), "the scanner must see the idea itself"
        assert occurrences(db_file, identifying(start, end)) == []
        with sqlite3.connect(db_file) as raw:
            events = raw.execute("SELECT count(*) FROM event").fetchone()[0]
            rowids = [row[0] for row in raw.execute("SELECT rowid FROM idea")]
            stored = raw.execute(
                "SELECT author, received_on FROM idea WHERE id = ?", (first.id,)
            ).fetchone()
    assert events == 0  # an event row would tell the time (and the order) of submission
    # Nor does the write-ahead log, which keeps commits in order: it is emptied after each.
    assert Path(f"{db_file}-wal").stat().st_size == 0
    assert sorted(rowids) != [1, 2, 3]  # the hidden row number tells no order either
    assert stored == ("", datetime.now().date().isoformat())
    assert occurrences(db_file, identifying(start, end)) == []


def test_the_command_line_keeps_the_idea_anonymous(
    someone: None, db_file: Path, run_cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORBATTRA_USER", ACTING_USER)  # run_cli's environment sets its own
    start = datetime.now(UTC)
    result = run_cli("--db", str(db_file), "idea", "add", TEXT, "--unit", "Ekonomi")
    assert result.code == 0, result.err
    result = run_cli("--db", str(db_file), "--user", ACTING_USER, "idea", "add", LONG_TEXT)
    assert result.code == 0, result.err
    end = datetime.now(UTC)
    assert "anonymous" in result.out
    assert occurrences(db_file, [TEXT])
    assert occurrences(db_file, identifying(start, end)) == []


# --- Deleted ideas do not linger ----------------------------------------------------------------


@pytest.mark.parametrize("text", [TEXT, LONG_TEXT], ids=["short", "overflow-pages"])
def test_a_deleted_idea_is_gone_from_the_file_and_the_wal(db_file: Path, text: str) -> None:
    marker = text[:60]
    with Database.open(str(db_file)) as database:
        kept = ideas.submit_idea(database, NewIdea("En idé som blir kvar (unik-kvar)"))
        gone = ideas.submit_idea(database, NewIdea(text))
        idea_common.checkpoint(database)  # the page is in the file itself now, not only in the WAL
        ideas.submit_idea(database, NewIdea("Ännu en idé"))  # and a newer copy in the WAL
        assert occurrences(db_file, [marker])
        result = idea_triage.delete_idea(database, "Coach", gone.id)
        assert result.wiped
        assert occurrences(db_file, [marker]) == []
        assert [idea.id for idea in ideas.list_ideas(database)].count(kept.id) == 1
    assert occurrences(db_file, [marker]) == []
    assert occurrences(db_file, ["unik-kvar"])
