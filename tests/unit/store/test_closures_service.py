"""Closing without prestige, reopening, pausing and resuming, on both backends.

Every ending is checked for what it stores, the history it leaves, and that the initiative
still exports as a valid exchange document (which holds a closure exactly when closed).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from forbattra.core import methods
from forbattra.core.domain import NewClosure, NewInitiative
from forbattra.core.exchange import parse_document
from forbattra.core.vocabulary import ClosureReason, Method, Status
from forbattra.store.database import Database
from forbattra.store.engine import write_session
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.models import Initiative
from forbattra.store.services import closures
from forbattra.store.services.events import history
from forbattra.store.services.exchange import export_documents, import_documents
from forbattra.store.services.initiatives import create_initiative, get_initiative, move_to_phase

pytestmark = pytest.mark.usefixtures("english")

SAMPLES = Path(__file__).parents[3] / "sample_projects"
MAILBOX = SAMPLES / "03-anonym-forbattringsinkorg.json"
TODAY = date(2025, 6, 15)
LESSON = "Idéerna kom fram när cheferna frågade direkt på arbetsplatsträffen."


def create(db: Database, method: Method = Method.DMAIC, title: str = "Trygg hemgång") -> int:
    return create_initiative(db, "tester", NewInitiative(title, method)).id


def set_status(db: Database, initiative_id: int, status: Status) -> None:
    with write_session(db.engine) as session:
        session.execute(
            update(Initiative).where(Initiative.id == initiative_id).values(status=status.value)  # type: ignore[arg-type]
        )


def closure_events(db: Database, initiative_id: int) -> list[tuple[str, str, str, Any, Any]]:
    return [
        (e.action, e.entity, e.field, e.old, e.new)
        for e in history(db, initiative_id)
        if e.action in {"close", "reopen", "pause", "resume"}
    ]


def exported(db: Database, initiative_id: int) -> dict[str, Any]:
    document = export_documents(db, [initiative_id])[0]
    parse_document(document)  # still a valid exchange document
    return document


PHASES = [(Method.DMAIC, phase.key) for phase in methods.phases(Method.DMAIC)] + [
    (Method.PDSA, phase.key) for phase in methods.phases(Method.PDSA)
]


@pytest.mark.parametrize(("method", "phase"), PHASES, ids=[f"{m}-{p}" for m, p in PHASES])
def test_close_at_any_phase_of_either_method(
    database: Database, method: Method, phase: str
) -> None:
    initiative_id = create(database, method)
    move_to_phase(database, "tester", initiative_id, phase)
    closure = closures.close_initiative(
        database,
        "Petra",
        initiative_id,
        NewClosure(ClosureReason.NO_EFFECT, LESSON, freed_hours=2.5, decided_by="Ledningsgruppen"),
        today=TODAY,
    )
    assert closure.phase_at_close == phase
    assert (closure.closed_on, closure.freed_hours, closure.learned) == (TODAY, 2.5, LESSON)
    row = get_initiative(database, initiative_id)
    assert (row.status, row.phase) == (Status.CLOSED, phase)
    assert closures.get_closure(database, initiative_id) == closure
    document = exported(database, initiative_id)
    assert document["initiative"]["status"] == "closed"
    assert document["closure"]["reason"] == "no_effect"


def test_closing_records_the_whole_closure_in_the_history(database: Database) -> None:
    initiative_id = create(database)
    closures.close_initiative(
        database,
        "Petra",
        initiative_id,
        NewClosure(
            ClosureReason.OTHER,
            f"  {LESSON}\n",
            reason_text="Lagen ändrades",
            keep="Frågan på APT",
            stop_doing="Formuläret",
            freed_hours=6,
            decided_by="  Kommunledningsgruppen ",
            closed_on=date(2025, 1, 21),
        ),
        today=TODAY,
    )
    closure = closures.get_closure(database, initiative_id)
    assert closure is not None
    assert (closure.learned, closure.decided_by) == (LESSON, "Kommunledningsgruppen")
    assert closure_events(database, initiative_id) == [
        ("close", "closure", "status", "active", "closed"),
        ("close", "closure", "reason", None, "other"),
        ("close", "closure", "reason_text", None, "Lagen ändrades"),
        ("close", "closure", "learned", None, LESSON),
        ("close", "closure", "keep", None, "Frågan på APT"),
        ("close", "closure", "stop_doing", None, "Formuläret"),
        ("close", "closure", "freed_hours", None, "6.0"),
        ("close", "closure", "decided_by", None, "Kommunledningsgruppen"),
        ("close", "closure", "closed_on", None, "2025-01-21"),
        ("close", "closure", "phase_at_close", None, "define"),
    ]
    assert all(e.actor == "Petra" for e in history(database, initiative_id)[1:])


@pytest.mark.parametrize(
    ("closure", "fragment"),
    [
        (NewClosure(ClosureReason.NOT_USED, ""), "Write what you learned"),
        (NewClosure(ClosureReason.NOT_USED, " \n "), "Write what you learned"),
        (NewClosure(ClosureReason.OTHER, LESSON), "Describe the reason"),
        (NewClosure(ClosureReason.NOT_USED, LESSON, freed_hours=-1), "negative"),
        (NewClosure(ClosureReason.NOT_USED, LESSON, closed_on=date(2025, 6, 16)), "future"),
    ],
)
def test_refused_closures_change_nothing(
    database: Database,
    table_contents: Callable[[Any], Any],
    closure: NewClosure,
    fragment: str,
) -> None:
    initiative_id = create(database)
    before = table_contents(database.engine)
    with pytest.raises(InvalidInput, match=fragment):
        closures.close_initiative(database, "tester", initiative_id, closure, today=TODAY)
    assert table_contents(database.engine) == before


def test_closing_twice_unknown_or_completed_is_refused(database: Database) -> None:
    initiative_id = create(database)
    closure = NewClosure(ClosureReason.GOAL_REACHED, LESSON)
    closures.close_initiative(database, "tester", initiative_id, closure)
    with pytest.raises(InvalidInput, match="already closed"):
        closures.close_initiative(database, "tester", initiative_id, closure)
    with pytest.raises(NotFound, match="no initiative with id 99"):
        closures.close_initiative(database, "tester", 99, closure)
    completed = create(database)
    set_status(database, completed, Status.COMPLETED)
    with pytest.raises(InvalidInput, match="already completed"):
        closures.close_initiative(database, "tester", completed, closure)


def test_a_stale_version_is_a_conflict(database: Database) -> None:
    initiative_id = create(database)
    version = get_initiative(database, initiative_id).version
    move_to_phase(database, "someone else", initiative_id, "measure")
    closure = NewClosure(ClosureReason.TOO_COSTLY, LESSON)
    with pytest.raises(Conflict):
        closures.close_initiative(
            database, "tester", initiative_id, closure, expected_version=version
        )
    assert closures.get_closure(database, initiative_id) is None
    fresh = get_initiative(database, initiative_id).version
    closures.close_initiative(database, "tester", initiative_id, closure, expected_version=fresh)


def test_reopen_keeps_the_story_and_the_export_valid(database: Database) -> None:
    initiative_id = create(database, Method.PDSA)
    move_to_phase(database, "tester", initiative_id, "cycles")
    first = NewClosure(ClosureReason.NOT_USED, LESSON, freed_hours=6, closed_on=date(2025, 1, 21))
    closures.close_initiative(database, "Petra", initiative_id, first, today=TODAY)

    row = closures.reopen_initiative(database, "Sofia", initiative_id, why="Ny kanal att pröva")
    assert (row.status, row.phase) == (Status.ACTIVE, "cycles")
    assert closures.get_closure(database, initiative_id) is None
    document = exported(database, initiative_id)
    assert document["closure"] is None and document["initiative"]["status"] == "active"
    reopened = [e for e in closure_events(database, initiative_id) if e[0] == "reopen"]
    assert reopened == [
        ("reopen", "closure", "reason", "not_used", None),
        ("reopen", "closure", "learned", LESSON, None),
        ("reopen", "closure", "freed_hours", "6.0", None),
        ("reopen", "closure", "closed_on", "2025-01-21", None),
        ("reopen", "closure", "phase_at_close", "cycles", None),
        ("reopen", "initiative", "status", "closed", "active"),
        ("reopen", "initiative", "note", None, "Ny kanal att pröva"),
    ]
    with pytest.raises(InvalidInput, match="Only a closed initiative can be reopened"):
        closures.reopen_initiative(database, "Sofia", initiative_id)

    # Closed again, for another reason: both closures are in the history.
    second = NewClosure(ClosureReason.REPLACED, "Arbetsgrupperna tog över.")
    closures.close_initiative(database, "Petra", initiative_id, second, today=TODAY)
    document = exported(database, initiative_id)
    assert document["closure"]["reason"] == "replaced"
    learned = [e.new for e in history(database, initiative_id) if e.field == "learned"]
    assert learned == [LESSON, None, "Arbetsgrupperna tog över."]


def test_pause_and_resume(database: Database) -> None:
    initiative_id = create(database)
    with pytest.raises(InvalidInput, match="already passed"):
        closures.pause_initiative(database, "t", initiative_id, date(2025, 6, 14), today=TODAY)
    row = closures.pause_initiative(
        database, "t", initiative_id, date(2025, 9, 1), why="Sommaren", today=TODAY
    )
    assert (row.status, row.review_by) == (Status.PAUSED, date(2025, 9, 1))
    # Paused again: a new date.
    row = closures.pause_initiative(database, "t", initiative_id, date(2025, 10, 1), today=TODAY)
    assert row.review_by == date(2025, 10, 1)
    assert exported(database, initiative_id)["initiative"]["review_by"] == "2025-10-01"
    row = closures.resume_initiative(database, "t", initiative_id)
    assert (row.status, row.review_by) == (Status.ACTIVE, None)
    with pytest.raises(InvalidInput, match="Only a paused initiative can be resumed"):
        closures.resume_initiative(database, "t", initiative_id)
    assert closure_events(database, initiative_id) == [
        ("pause", "initiative", "status", "active", "paused"),
        ("pause", "initiative", "review_by", None, "2025-09-01"),
        ("pause", "initiative", "note", None, "Sommaren"),
        ("pause", "initiative", "review_by", "2025-09-01", "2025-10-01"),
        ("resume", "initiative", "status", "paused", "active"),
        ("resume", "initiative", "review_by", "2025-10-01", None),
    ]


def test_a_paused_initiative_can_be_closed_and_loses_its_review_date(database: Database) -> None:
    initiative_id = create(database)
    closures.pause_initiative(database, "t", initiative_id, TODAY, today=TODAY)
    closures.close_initiative(
        database, "t", initiative_id, NewClosure(ClosureReason.UNREALISTIC, LESSON)
    )
    row = get_initiative(database, initiative_id)
    assert (row.status, row.review_by) == (Status.CLOSED, None)
    with pytest.raises(InvalidInput, match="cannot be paused"):
        closures.pause_initiative(database, "t", initiative_id, date(2099, 1, 1))


def test_overdue_pauses_and_the_portfolio_counts(database: Database) -> None:
    late = create(database, title="Sen")
    later = create(database, title="Senare")
    waiting = create(database, title="Väntar")
    closures.pause_initiative(database, "t", late, date(2025, 3, 1), today=date(2025, 1, 1))
    closures.pause_initiative(database, "t", later, date(2025, 5, 1), today=date(2025, 1, 1))
    closures.pause_initiative(database, "t", waiting, date(2025, 9, 1), today=date(2025, 1, 1))
    overdue = closures.overdue_pauses(database, today=TODAY)
    assert [row.title for row in overdue] == ["Sen", "Senare"]  # the longest overdue first

    for title, reason, hours in [
        ("A", ClosureReason.NOT_USED, 6.0),
        ("B", ClosureReason.NOT_USED, 1.5),
        ("C", ClosureReason.GOAL_REACHED, None),
    ]:
        closures.close_initiative(
            database,
            "t",
            create(database, title=title),
            NewClosure(reason, LESSON, freed_hours=hours),
        )
    set_status(database, create(database, title="Klar"), Status.COMPLETED)
    create(database, title="Pågår")

    counts = closures.lesson_counts(database, today=TODAY)
    assert (counts.active, counts.paused, counts.paused_overdue) == (1, 3, 2)
    assert (counts.completed, counts.closed, counts.lessons, counts.ended) == (1, 3, 3, 4)
    by_reason = dict(counts.by_reason)
    assert list(by_reason) == list(ClosureReason)
    assert (by_reason[ClosureReason.NOT_USED], by_reason[ClosureReason.GOAL_REACHED]) == (2, 1)
    assert by_reason[ClosureReason.OTHER] == 0
    # 6 + 1.5 (+ nothing for C) = 7.5 h a month.
    assert counts.freed_hours_per_month == pytest.approx(7.5)


def test_an_empty_portfolio_counts_nothing(database: Database) -> None:
    counts = closures.lesson_counts(database)
    assert counts.ended == counts.paused_overdue == 0
    assert counts.freed_hours_per_month == 0.0


def test_the_sample_mailbox_closure_round_trips(database: Database) -> None:
    data = json.loads(MAILBOX.read_text("utf-8"))
    document = parse_document(data, str(MAILBOX))
    [initiative_id] = import_documents(database, "tester", [(str(MAILBOX), document)])
    closure = closures.get_closure(database, initiative_id)
    assert closure is not None
    assert closure.reason == ClosureReason.NOT_USED
    assert closure.freed_hours == 6.0 and closure.closed_on == date(2025, 1, 21)
    assert closure.learned.startswith("En förbättringsidé behöver en dialog.")
    assert closure.phase_at_close == "cycles"
    exported_once = exported(database, initiative_id)
    assert exported_once["closure"] == parse_document(data).model_dump(mode="json")["closure"]

    # Reopened and closed again the same way: the closure is the same, the history longer.
    closures.reopen_initiative(database, "Sofia Engström", initiative_id)
    assert exported(database, initiative_id)["closure"] is None
    closures.close_initiative(
        database,
        "Petra Almqvist",
        initiative_id,
        NewClosure(
            ClosureReason(closure.reason),
            closure.learned,
            reason_text=closure.reason_text,
            keep=closure.keep,
            stop_doing=closure.stop_doing,
            freed_hours=closure.freed_hours,
            decided_by=closure.decided_by,
            closed_on=closure.closed_on,
        ),
    )
    again = exported(database, initiative_id)
    assert again["closure"] == exported_once["closure"]
    assert len(again["history"]) > len(exported_once["history"])
    # And that document imports and exports as itself.
    [copy] = import_documents(database, "tester", [("again", parse_document(again))])
    assert exported(database, copy) == again
