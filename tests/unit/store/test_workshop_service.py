"""Workshop services on both backends: the parking lot, dot votes, the impact/effort matrix."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from forbattra.core.domain import NewInitiative
from forbattra.core.vocabulary import Level, Method
from forbattra.core.voting import VoteTarget
from forbattra.core.workshop import Quadrant
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.models import Idea, VoteRound, VoteTally
from forbattra.store.services import causes, dot_votes, matrix, parking, solutions
from forbattra.store.services.events import history
from forbattra.store.services.initiatives import create_initiative

pytestmark = pytest.mark.usefixtures("english")


def create(db: Database, title: str = "Kortare väntetid", method: Method = Method.DMAIC) -> int:
    return create_initiative(db, "tester", NewInitiative(title, method)).id


# --- The parking lot -----------------------------------------------------------------------------


def test_the_parking_lot_keeps_open_items_first_per_initiative(database: Database) -> None:
    first = create(database)
    other = create(database, "Annat")
    a = parking.add_parking(database, "Åsa", first, "  Vem äger  rutinen? ")
    b = parking.add_parking(database, "Åsa", first, "Fråga IT om behörigheter")
    parking.add_parking(database, "Åsa", other, "Inte här")
    parking.add_parking(database, "Åsa", None, "Global fråga")
    assert a.text == "Vem äger rutinen?"
    parking.set_parking_done(database, "Åsa", a.id, True, expected_version=a.version)
    listed = parking.list_parking(database, first)
    assert [(item.text, item.done) for item in listed] == [
        ("Fråga IT om behörigheter", False),
        ("Vem äger rutinen?", True),
    ]
    assert parking.count_open_parking(database, first) == 1
    assert [item.text for item in parking.list_parking(database, None)] == ["Global fråga"]
    assert parking.count_open_parking(database, None) == 1
    edited = parking.edit_parking(database, "Bo", b.id, "Fråga IT", expected_version=b.version)
    parking.delete_parking(database, "Bo", edited.id, expected_version=edited.version)
    assert [item.text for item in parking.list_parking(database, first)] == ["Vem äger rutinen?"]
    events = [(e.entity, e.action, e.field) for e in history(database, first)]
    assert ("parking_item", "add", "") in events
    assert ("parking_item", "edit", "done") in events
    assert ("parking_item", "edit", "text") in events
    assert ("parking_item", "delete", "") in events


def test_the_parking_lot_refuses_empty_text_stale_versions_and_missing_items(
    database: Database,
) -> None:
    initiative_id = create(database)
    with pytest.raises(InvalidInput):
        parking.add_parking(database, "Åsa", initiative_id, "   ")
    with pytest.raises(NotFound):
        parking.add_parking(database, "Åsa", 9999, "Fråga")
    item = parking.add_parking(database, "Åsa", initiative_id, "Fråga")
    parking.set_parking_done(database, "Åsa", item.id, True)
    with pytest.raises(Conflict):
        parking.edit_parking(database, "Bo", item.id, "Ny", expected_version=item.version)
    with pytest.raises(NotFound):
        parking.delete_parking(database, "Bo", 9999)
    assert parking.list_parking(database, initiative_id)[0].text == "Fråga"


# --- Dot votes -----------------------------------------------------------------------------------


def test_a_vote_on_causes_is_stored_with_its_tallies_and_sets_the_votes(
    database: Database,
) -> None:
    initiative_id = create(database)
    one = causes.add_cause(database, "Åsa", initiative_id, "Otydlig information")
    two = causes.add_cause(database, "Åsa", initiative_id, "Ingen tolk")
    three = causes.add_cause(database, "Åsa", initiative_id, "Långa köer")
    items = dot_votes.vote_items(database, VoteTarget.CAUSE, initiative_id)
    assert [item.text for item in items] == ["Otydlig information", "Ingen tolk", "Långa köer"]
    saved = dot_votes.save_vote(
        database,
        "Åsa",
        VoteTarget.CAUSE,
        initiative_id,
        dots_per_person=3,
        participants=4,
        dots={str(one.id): 2, str(two.id): 7, str(three.id): 0},
        held_on=date(2026, 3, 5),
    )
    assert saved.tallies == ((str(two.id), 7), (str(one.id), 2), (str(three.id), 0))
    assert (saved.dots_per_person, saved.participants, saved.held_on) == (3, 4, date(2026, 3, 5))
    assert [
        item.votes for item in dot_votes.vote_items(database, VoteTarget.CAUSE, initiative_id)
    ] == [
        2,
        7,
        0,
    ]
    # The tally does not bump the cause's version: an edit begun before the vote still saves.
    causes.edit_cause_text(database, "Bo", one.id, "Otydlig text", expected_version=one.version)
    latest = dot_votes.latest_round(database, VoteTarget.CAUSE, initiative_id)
    assert latest == saved
    assert dot_votes.latest_round(database, VoteTarget.SOLUTION, initiative_id) is None
    assert ("vote_round", "add", "cause") in [
        (e.entity, e.action, e.field) for e in history(database, initiative_id)
    ]
    # A second round replaces the counts shown.
    dot_votes.save_vote(
        database,
        "Åsa",
        VoteTarget.CAUSE,
        initiative_id,
        dots_per_person=1,
        participants=None,
        dots={str(one.id): 1, str(two.id): 0, str(three.id): 3},
    )
    counts = [
        item.votes for item in dot_votes.vote_items(database, VoteTarget.CAUSE, initiative_id)
    ]
    assert counts == [1, 0, 3]
    latest_after = dot_votes.latest_round(database, VoteTarget.CAUSE, initiative_id)
    assert latest_after is not None and latest_after.held_on == date.today()


def test_a_vote_that_does_not_add_up_stores_nothing(database: Database) -> None:
    initiative_id = create(database)
    solution = solutions.add_solution(database, "Åsa", initiative_id, "Checklista")
    other = create(database, "Annat")
    foreign = solutions.add_solution(database, "Åsa", other, "Annan lösning")
    key = str(solution.id)
    attempts = [
        ({key: 13}, 3, 4, InvalidInput),  # 13 dots, the room had 12
        ({key: 0}, 3, 4, InvalidInput),  # no dots at all
        ({key: 1}, 0, 4, InvalidInput),
        ({key: 1, str(foreign.id): 1}, 3, None, NotFound),  # another initiative's solution
        ({key: 1, "x": 1}, 3, None, NotFound),
    ]
    for dots, per_person, participants, error in attempts:
        with pytest.raises(error):
            dot_votes.save_vote(
                database,
                "Åsa",
                VoteTarget.SOLUTION,
                initiative_id,
                dots_per_person=per_person,
                participants=participants,
                dots=dots,
            )
    with read_session(database.engine) as session:
        assert session.execute(select(VoteRound)).first() is None
        assert session.execute(select(VoteTally)).first() is None
    with pytest.raises(InvalidInput):
        dot_votes.save_vote(
            database,
            "Åsa",
            VoteTarget.IDEA,
            initiative_id,
            dots_per_person=3,
            participants=None,
            dots={key: 1},
        )


def test_ideas_are_voted_on_by_their_string_ids(database: Database) -> None:
    with write_session(database.engine) as session:
        session.add(Idea(id="a1b2", text="Digital schemaläggning", received_on=date(2026, 1, 2)))
        session.add(Idea(id="z9y8", text="Fika med brukarna", received_on=date(2026, 1, 9)))
    items = dot_votes.vote_items(database, VoteTarget.IDEA, None)
    assert [item.key for item in items] == ["a1b2", "z9y8"]
    saved = dot_votes.save_vote(
        database,
        "Åsa",
        VoteTarget.IDEA,
        None,
        dots_per_person=2,
        participants=3,
        dots={"a1b2": 2, "z9y8": 4},
    )
    assert saved.initiative_id is None and saved.tallies[0] == ("z9y8", 4)
    assert [item.votes for item in dot_votes.vote_items(database, VoteTarget.IDEA, None)] == [2, 4]
    assert dot_votes.latest_round(database, VoteTarget.IDEA, None) == saved


# --- The impact/effort matrix --------------------------------------------------------------------


def test_solutions_are_placed_on_the_matrix_with_events(database: Database) -> None:
    initiative_id = create(database, method=Method.PDSA)
    checklist = solutions.add_solution(database, "Åsa", initiative_id, "Checklista")
    system = solutions.add_solution(database, "Åsa", initiative_id, "Nytt system")
    items = matrix.matrix_items(database, initiative_id)
    assert [item.quadrant for item in items] == [Quadrant.UNPLACED, Quadrant.UNPLACED]
    placed = matrix.place_solution(
        database, "Åsa", checklist.id, Level.HIGH, Level.LOW, expected_version=items[0].version
    )
    assert placed.quadrant is Quadrant.QUICK_WIN
    matrix.place_solution(database, "Åsa", system.id, Level.HIGH, Level.HIGH)
    with pytest.raises(Conflict):
        matrix.place_solution(
            database, "Bo", checklist.id, Level.LOW, Level.LOW, expected_version=items[0].version
        )
    again = matrix.place_solution(database, "Åsa", checklist.id, Level.HIGH, Level.LOW)
    assert again.version == placed.version  # no change, no new version
    assert [item.quadrant for item in matrix.matrix_items(database, initiative_id)] == [
        Quadrant.QUICK_WIN,
        Quadrant.MAJOR,
    ]
    fields = [
        (e.field, e.new) for e in history(database, initiative_id) if e.entity_id == checklist.id
    ]
    assert ("impact", "high") in fields and ("effort", "low") in fields
    with pytest.raises(NotFound):
        matrix.place_solution(database, "Åsa", 9999, Level.LOW, None)
