"""The idea inbox service on SQLite and PostgreSQL: submit, triage, accept, import, delete."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from forbattra.core.ideas import IdeaStatus, NewIdea
from forbattra.core.ideas_file import ParsedIdea
from forbattra.core.vocabulary import Method
from forbattra.store.database import Database
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.models import Event
from forbattra.store.services import idea_triage, ideas
from forbattra.store.services.events import history
from forbattra.store.services.initiatives import get_initiative, list_initiatives
from forbattra.store.services.workspace import load_workspace

pytestmark = pytest.mark.usefixtures("english")


def all_events(database: Database) -> list[Event]:
    from forbattra.store.engine import read_session

    with read_session(database.engine) as session:
        return list(session.execute(select(Event).order_by(Event.id)).scalars())  # type: ignore[arg-type]


def test_an_anonymous_idea_keeps_only_what_it_must(database: Database) -> None:
    idea = ideas.submit_idea(
        database, NewIdea("  Fler cykelställ vid stadshuset \x1b[31m ", unit=" Fastighet ", area=2)
    )
    assert idea.anonymous and idea.author == ""
    assert idea.text == "Fler cykelställ vid stadshuset [31m"
    assert (idea.unit, idea.area, idea.status) == ("Fastighet", 2, IdeaStatus.NEW)
    assert idea.received_on == date.today()
    assert len(idea.id) == ideas.ID_LENGTH and idea.id.isalnum()
    assert all_events(database) == []  # nothing that tells when, or in which order
    assert ideas.get_idea(database, idea.id) == idea


def test_a_signed_idea_has_its_name_and_an_event(database: Database) -> None:
    idea = ideas.submit_idea(database, NewIdea("Digital signering", author="Anna Berg"))
    assert idea.author == "Anna Berg" and not idea.anonymous
    [event] = all_events(database)
    assert (event.actor, event.entity, event.action, event.field) == (
        "Anna Berg",
        "idea",
        "submit",
        idea.id,
    )


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (NewIdea("   "), "the idea's text is empty"),
        (NewIdea("x" * 4_001), "too long"),
        (NewIdea("Bra idé", area=9), "from 1 to 8"),
        (NewIdea("Bra idé", author="import: kk.csv"), "cannot start with"),
    ],
)
def test_bad_ideas_are_refused(
    database: Database,
    table_contents: Callable[[Any], dict[str, Any]],
    new: NewIdea,
    message: str,
) -> None:
    before = table_contents(database.engine)
    with pytest.raises(InvalidInput, match=message):
        ideas.submit_idea(database, new)
    assert table_contents(database.engine) == before


def test_ids_are_random_and_a_unique_start_finds_an_idea(database: Database) -> None:
    made = [ideas.submit_idea(database, NewIdea(f"Idé {n}")) for n in range(8)]
    assert len({idea.id for idea in made}) == 8
    first = made[0]
    assert ideas.get_idea(database, first.id[:6].upper()).id == first.id
    with pytest.raises(NotFound, match="no idea with id zzzzzz"):
        ideas.get_idea(database, "zzzzzz")
    with pytest.raises(NotFound):
        ideas.get_idea(database, "")


def test_list_filters_by_status_and_unit(database: Database) -> None:
    a = ideas.submit_idea(database, NewIdea("A", unit="Ekonomi"), today=date(2025, 1, 5))
    b = ideas.submit_idea(database, NewIdea("B", unit="HR"), today=date(2025, 3, 1))
    idea_triage.review_idea(database, "Coach", a.id)
    assert [i.id for i in ideas.list_ideas(database)] == [b.id, a.id]  # newest day first
    assert [i.id for i in ideas.list_ideas(database, status=IdeaStatus.UNDER_REVIEW)] == [a.id]
    assert [i.id for i in ideas.list_ideas(database, unit="hr")] == [b.id]


def test_triage_records_the_leader(database: Database) -> None:
    idea = ideas.submit_idea(database, NewIdea("Kortare APT"))
    reviewed = idea_triage.review_idea(database, "Sofia", idea.id)
    assert reviewed.status is IdeaStatus.UNDER_REVIEW
    with pytest.raises(InvalidInput, match="already has the status under review"):
        idea_triage.review_idea(database, "Sofia", idea.id)
    with pytest.raises(InvalidInput, match="can read"):
        idea_triage.not_now(database, "Sofia", idea.id, "  ")
    later = idea_triage.not_now(database, "Sofia", idea.id, " Vi provar det efter sommaren. ")
    assert (later.status, later.status_reason) == (
        IdeaStatus.NOT_NOW,
        "Vi provar det efter sommaren.",
    )
    again = idea_triage.review_idea(database, "Jonas", idea.id)
    assert again.status_reason == ""  # the reason belonged to "not now"
    events = [(e.actor, e.action, e.old, e.new) for e in all_events(database)]
    assert events == [
        ("Sofia", "review", "new", "under_review"),
        ("Sofia", "not_now", "under_review", "Vi provar det efter sommaren."),
        ("Jonas", "review", "not_now", "under_review"),
    ]


def test_a_stale_triage_is_a_conflict(database: Database) -> None:
    idea = ideas.submit_idea(database, NewIdea("Kortare APT"))
    idea_triage.review_idea(database, "Sofia", idea.id)
    with pytest.raises(Conflict, match="meanwhile"):
        idea_triage.not_now(database, "Jonas", idea.id, "Nej", expected_status=IdeaStatus.NEW)


@pytest.mark.parametrize(
    ("method", "phase", "question"),
    [(Method.PDSA, "aim", "aim"), (Method.DMAIC, "define", "problem")],
)
def test_accepting_links_the_idea_and_the_initiative(
    database: Database, method: Method, phase: str, question: str
) -> None:
    idea = ideas.submit_idea(
        database,
        NewIdea(
            "Skylt till receptionen\nså att besökare hittar rätt", unit="Kontaktcenter", area=5
        ),
        today=date(2025, 3, 14),
    )
    accepted = idea_triage.accept_idea(database, "Sofia", idea.id[:5], method=method)
    assert accepted.idea.status is IdeaStatus.INITIATIVE
    assert accepted.idea.initiative_id == accepted.initiative_id
    row = get_initiative(database, accepted.initiative_id)
    assert (row.title, row.method, row.unit, row.area) == (
        "Skylt till receptionen",
        method,
        "Kontaktcenter",
        5,
    )
    workspace = load_workspace(database, accepted.initiative_id)
    answer = next(a for a in workspace.answers if (a.phase, a.question) == (phase, question))
    assert answer.text == (
        "From the idea inbox (anonymous, received 2025-03-14):\n\n"
        "Skylt till receptionen\nså att besökare hittar rätt"
    )
    log = [(e.actor, e.entity, e.action, e.field) for e in history(database, row.id)]
    assert ("Sofia", "idea", "accept", idea.id) in log
    assert ("Sofia", "initiative", "create", "") in log
    with pytest.raises(InvalidInput, match="already become an initiative"):
        idea_triage.accept_idea(database, "Sofia", idea.id)


def test_a_failed_accept_changes_nothing(
    database: Database, table_contents: Callable[[Any], dict[str, Any]]
) -> None:
    idea = ideas.submit_idea(database, NewIdea("Bra idé"))
    before = table_contents(database.engine)
    with pytest.raises(InvalidInput, match="title is too long"):
        idea_triage.accept_idea(database, "Sofia", idea.id, title="x" * 400)
    assert table_contents(database.engine) == before
    assert list_initiatives(database) == []


def test_deleting_an_idea_keeps_no_text_in_the_log(database: Database) -> None:
    idea = ideas.submit_idea(database, NewIdea("Hemlig idé om chefen"))
    deleted = idea_triage.delete_idea(database, "Sofia", idea.id)
    assert deleted.id == idea.id and deleted.wiped
    with pytest.raises(NotFound):
        ideas.get_idea(database, idea.id)
    [event] = all_events(database)
    assert (event.action, event.field, event.old, event.new) == ("delete", idea.id, "new", None)
    with pytest.raises(NotFound):
        idea_triage.delete_idea(database, "Sofia", idea.id)


def test_an_import_is_marked_and_stored_at_once(database: Database) -> None:
    rows = [
        ParsedIdea(2, "Mål kopplade till budget", "", 3),
        ParsedIdea(3, "Jämför kostnader", "Ekonomi", 4),
    ]
    stored = ideas.import_ideas(database, "Sofia", rows, "kk-2020.csv", today=date(2025, 2, 1))
    assert [i.imported_from for i in stored] == ["kk-2020.csv", "kk-2020.csv"]
    assert not any(i.anonymous for i in stored)
    [event] = all_events(database)
    assert (event.actor, event.action, event.field, event.new) == (
        "Sofia",
        "import",
        "2",
        "kk-2020.csv",
    )
    stats = ideas.inbox_statistics(database, today=date(2025, 2, 10))
    assert (stats.total, stats.imported, stats.submitted) == (2, 2, 0)


def test_statistics_count_what_became_initiatives(database: Database) -> None:
    first = ideas.submit_idea(database, NewIdea("A"), today=date(2025, 1, 10))
    ideas.submit_idea(database, NewIdea("B"), today=date(2025, 1, 20))
    idea_triage.accept_idea(database, "Sofia", first.id)
    stats = ideas.inbox_statistics(database, today=date(2025, 6, 1))
    assert (stats.total, stats.initiatives, stats.share) == (2, 1, 0.5)
    assert stats.little_used and stats.recent == 0
    assert stats.months[0].month == "2025-01" and stats.months[0].initiatives == 1
