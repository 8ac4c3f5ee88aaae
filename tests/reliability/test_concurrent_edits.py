"""Two people edit the same answer at once, on SQLite and on PostgreSQL: the second save gets
a conflict that carries the other person's text (the dialog in tests/tui/test_tui_workspace.py
shows it: keep theirs, keep yours, or see both), never a silent overwrite."""

from __future__ import annotations

import threading

import pytest

from forbattra.core.domain import NewInitiative
from forbattra.core.vocabulary import Method
from forbattra.store.database import Database
from forbattra.store.errors import Conflict
from forbattra.store.services.initiatives import create_initiative, set_answer
from forbattra.store.services.workspace import load_workspace

pytestmark = pytest.mark.usefixtures("english")


def test_the_second_of_two_sessions_gets_a_conflict(database_url: str) -> None:
    with Database.open(database_url) as first, Database.open(database_url) as second:
        initiative = create_initiative(first, "Åsa", NewInitiative("Delad", Method.DMAIC))
        seen_by_asa = load_workspace(first, initiative.id).answer("define", "problem")
        seen_by_bo = load_workspace(second, initiative.id).answer("define", "problem")
        assert seen_by_asa.version == seen_by_bo.version == 0

        saved = set_answer(
            first,
            "Åsa",
            initiative.id,
            "define",
            "problem",
            "Åsas text",
            expected_version=seen_by_asa.version,
        )
        with pytest.raises(Conflict, match="Someone else changed this answer") as caught:
            set_answer(
                second,
                "Bo",
                initiative.id,
                "define",
                "problem",
                "Bos text",
                expected_version=seen_by_bo.version,
            )
        assert caught.value.current == saved
        assert load_workspace(second, initiative.id).answer("define", "problem").text == "Åsas text"


def test_many_saves_at_once_overwrite_nothing(database_url: str) -> None:
    """Eight people save against the same version at the same moment: exactly one wins."""
    with Database.open(database_url) as db:
        initiative = create_initiative(db, "Åsa", NewInitiative("Delad", Method.DMAIC))
        set_answer(db, "Åsa", initiative.id, "define", "problem", "Start", expected_version=0)
    handles = [Database.open(database_url) for _ in range(8)]
    start = threading.Barrier(len(handles))
    won: list[str] = []
    conflicts: list[str] = []
    other: list[BaseException] = []

    def save(number: int, db: Database) -> None:
        start.wait()
        try:
            set_answer(
                db,
                f"p{number}",
                initiative.id,
                "define",
                "problem",
                f"Text {number}",
                expected_version=1,
            )
            won.append(f"Text {number}")
        except Conflict:
            conflicts.append(f"Text {number}")
        except BaseException as error:  # reported below
            other.append(error)

    threads = [threading.Thread(target=save, args=(n, db)) for n, db in enumerate(handles)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        for db in handles:
            db.close()
    assert other == []
    assert len(won) == 1 and len(conflicts) == 7
    with Database.open(database_url) as db:
        answer = load_workspace(db, initiative.id).answer("define", "problem")
    assert (answer.text, answer.version) == (won[0], 2)
