"""The workspace services on both backends: loading, answers with versions, causes, solutions.

Every write is checked for what it stores, the event it records, and the conflict it raises
when the row moved on since it was read.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from forbattra.core.domain import NewInitiative
from forbattra.core.vocabulary import CauseCategory, Method
from forbattra.store.database import Database
from forbattra.store.engine import write_session
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.models import Measure, Observation
from forbattra.store.services import causes, solutions
from forbattra.store.services.events import history
from forbattra.store.services.initiatives import create_initiative, move_to_phase, set_answer
from forbattra.store.services.workspace import load_workspace

pytestmark = pytest.mark.usefixtures("english")


def create(db: Database, method: Method = Method.DMAIC, **fields: Any) -> int:
    return create_initiative(db, "tester", NewInitiative("Trygg hemgång", method, **fields)).id


def actions(db: Database, initiative_id: int, entity: str) -> list[tuple[str, str]]:
    return [(e.action, e.field) for e in history(db, initiative_id) if e.entity == entity]


# --- Loading -------------------------------------------------------------------------------------


def test_a_new_initiative_has_an_empty_workspace(database: Database) -> None:
    initiative_id = create(database, sponsor="Per", coach="Helena", team="Amira, Johan")
    workspace = load_workspace(database, initiative_id)
    assert workspace.initiative.title == "Trygg hemgång"
    assert (workspace.initiative.sponsor, workspace.initiative.team) == ("Per", "Amira, Johan")
    assert workspace.initiative.version == 1
    assert not (workspace.answers or workspace.causes or workspace.solutions or workspace.cycles)
    assert workspace.answer("define", "problem").version == 0


def test_unknown_initiatives_are_not_found(sqlite_database: Database) -> None:
    with pytest.raises(NotFound):
        load_workspace(sqlite_database, 99)


def test_measures_show_their_baseline_and_latest_value(database: Database) -> None:
    initiative_id = create(database)
    with write_session(database.engine) as session:
        measure = Measure(initiative_id=initiative_id, name="Väntetid", unit="dagar")
        empty = Measure(initiative_id=initiative_id, name="Nöjdhet", position=1)
        session.add_all([measure, empty])
        session.flush()
        assert measure.id is not None
        for day, value in [(1, 8.0), (2, 6.0), (3, None), (4, 4.0), (5, 3.0)]:
            session.add(
                Observation(measure_id=measure.id, observed_on=date(2025, 1, day), value=value)
            )
        measure.baseline_points = 3
    first, second = load_workspace(database, initiative_id).measures
    assert (first.name, first.count, first.baseline, first.latest) == ("Väntetid", 4, 6.0, 3.0)
    assert first.latest_on == date(2025, 1, 5)
    assert (second.name, second.count, second.baseline, second.latest) == ("Nöjdhet", 0, None, None)


# --- Answers -------------------------------------------------------------------------------------


def test_answers_carry_versions_and_refuse_stale_writes(database: Database) -> None:
    initiative_id = create(database)
    first = set_answer(
        database, "Åsa", initiative_id, "define", "problem", "Långa köer", expected_version=0
    )
    assert (first.text, first.version) == ("Långa köer", 1)
    second = set_answer(
        database, "Åsa", initiative_id, "define", "problem", "Köer", expected_version=1
    )
    assert second.version == 2
    with pytest.raises(Conflict, match="Someone else changed this answer") as caught:
        set_answer(database, "Bo", initiative_id, "define", "problem", "Mitt", expected_version=1)
    assert caught.value.current == second
    # Someone else answered first: "expected none" is stale too.
    with pytest.raises(Conflict):
        set_answer(database, "Bo", initiative_id, "define", "problem", "x", expected_version=0)
    assert load_workspace(database, initiative_id).answer("define", "problem").text == "Köer"


def test_answers_keep_line_breaks_but_not_control_codes(database: Database) -> None:
    initiative_id = create(database)
    typed = "  • första\n  • andra\x00\x1b[31m\t[bold]x[/]"
    stored = set_answer(database, "Åsa", initiative_id, "define", "scope", typed)
    assert stored.text == "  • första\n  • andra[31m\t[bold]x[/]"


def test_an_empty_first_answer_writes_nothing(database: Database) -> None:
    initiative_id = create(database)
    view = set_answer(database, "Åsa", initiative_id, "define", "goal", "", expected_version=0)
    assert view.version == 0
    assert actions(database, initiative_id, "answer") == []


def test_control_plan_answers_are_questions_of_control(database: Database) -> None:
    initiative_id = create(database)
    for key, text in [
        ("control_measure", "Andel frågor per tio hushåll"),
        ("control_owner", "Amira"),
        ("control_frequency", "Varje månad"),
        ("spread_decision", "Standardise in our own unit only"),
    ]:
        set_answer(database, "Åsa", initiative_id, "control", key, text)
    assert len(load_workspace(database, initiative_id).answers) == 4


def test_a_gate_move_keeps_what_was_left_open(database: Database) -> None:
    initiative_id = create(database)
    row = move_to_phase(
        database,
        "Åsa",
        initiative_id,
        "measure",
        expected_version=1,
        open_items=["Not answered: What is the problem?"],
    )
    assert (row.phase, row.version) == ("measure", 2)
    events = [e for e in history(database, initiative_id) if e.action in {"phase", "gate"}]
    assert [(e.action, e.field, e.old, e.new) for e in events] == [
        ("phase", "phase", "define", "measure"),
        ("gate", "define", None, "Not answered: What is the problem?"),
    ]


# --- Causes --------------------------------------------------------------------------------------


def test_a_five_whys_chain_inherits_the_category(database: Database) -> None:
    initiative_id = create(database)
    cause = causes.add_cause(
        database,
        "Åsa",
        initiative_id,
        "  Informationen ges\nvid ett möte ",
        category=CauseCategory.METHODS,
    )
    why = causes.add_cause(database, "Åsa", initiative_id, "Tolk bokas en gång", parent_id=cause.id)
    deeper = causes.add_cause(database, "Åsa", initiative_id, "Checklistan styr", parent_id=why.id)
    assert cause.text == "Informationen ges vid ett möte"
    assert (why.parent_id, why.category) == (cause.id, CauseCategory.METHODS)
    assert (deeper.parent_id, deeper.position) == (why.id, 2)
    assert actions(database, initiative_id, "cause") == [
        ("add", ""),
        ("add", "why"),
        ("add", "why"),
    ]


def test_root_and_verified_go_together(database: Database) -> None:
    initiative_id = create(database)
    cause = causes.add_cause(database, "Åsa", initiative_id, "Pärmen finns bara på svenska")
    verified = causes.set_verified(database, "Åsa", cause.id, True, expected_version=1)
    assert (verified.root, verified.verified, verified.version) == (True, True, 2)
    unrooted = causes.set_root(database, "Åsa", cause.id, False, expected_version=2)
    assert (unrooted.root, unrooted.verified) == (False, False)
    assert actions(database, initiative_id, "cause")[1:] == [
        ("edit", "verified"),
        ("edit", "root"),
        ("edit", "root"),
        ("edit", "verified"),
    ]


def test_cause_edits_refuse_stale_versions(database: Database) -> None:
    initiative_id = create(database)
    cause = causes.add_cause(database, "Åsa", initiative_id, "Ingen att fråga")
    causes.set_cause_category(database, "Bo", cause.id, CauseCategory.PEOPLE, expected_version=1)
    with pytest.raises(Conflict, match="this cause") as caught:
        causes.edit_cause_text(database, "Åsa", cause.id, "Ny text", expected_version=1)
    assert isinstance(caught.value.current, type(cause))
    assert caught.value.current.category == CauseCategory.PEOPLE
    assert load_workspace(database, initiative_id).causes[0].text == "Ingen att fråga"


def test_deleting_a_cause_keeps_the_chain_below_it(database: Database) -> None:
    initiative_id = create(database)
    top = causes.add_cause(database, "Åsa", initiative_id, "A")
    middle = causes.add_cause(database, "Åsa", initiative_id, "B", parent_id=top.id)
    bottom = causes.add_cause(database, "Åsa", initiative_id, "C", parent_id=middle.id)
    causes.delete_cause(database, "Åsa", middle.id, expected_version=middle.version)
    left = {c.id: c.parent_id for c in load_workspace(database, initiative_id).causes}
    assert left == {top.id: None, bottom.id: top.id}
    assert ("delete", "") in actions(database, initiative_id, "cause")


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "x" * 301])
def test_empty_or_overlong_causes_are_refused(sqlite_database: Database, text: str) -> None:
    initiative_id = create(sqlite_database)
    with pytest.raises(InvalidInput):
        causes.add_cause(sqlite_database, "Åsa", initiative_id, text)
    assert load_workspace(sqlite_database, initiative_id).causes == ()


def test_pdsa_has_no_causes(sqlite_database: Database) -> None:
    initiative_id = create(sqlite_database, Method.PDSA)
    with pytest.raises(InvalidInput, match="Analyze"):
        causes.add_cause(sqlite_database, "Åsa", initiative_id, "x")


def test_a_cause_of_another_initiative_cannot_be_a_parent(sqlite_database: Database) -> None:
    first, second = create(sqlite_database), create(sqlite_database)
    other = causes.add_cause(sqlite_database, "Åsa", first, "x")
    with pytest.raises(InvalidInput, match="another initiative"):
        causes.add_cause(sqlite_database, "Åsa", second, "y", parent_id=other.id)


# --- Solutions -----------------------------------------------------------------------------------


def test_solutions_link_to_causes_and_links_bump_the_version(database: Database) -> None:
    initiative_id = create(database)
    first = causes.add_cause(database, "Åsa", initiative_id, "Ett möte")
    second = causes.add_cause(database, "Åsa", initiative_id, "Pärmen")
    solution = solutions.add_solution(database, "Åsa", initiative_id, "Välkomstsamtal")
    assert (solution.cause_ids, solution.version) == ((), 1)
    linked = solutions.set_solution_causes(
        database, "Åsa", solution.id, [second.id, first.id, first.id], expected_version=1
    )
    assert (linked.cause_ids, linked.version) == (tuple(sorted([first.id, second.id])), 2)
    with pytest.raises(Conflict, match="this solution"):
        solutions.set_solution_causes(database, "Bo", solution.id, [], expected_version=1)
    event = next(e for e in history(database, initiative_id) if e.action == "link")
    assert (event.old, event.new) == ("", f"{first.id},{second.id}")
    # A cause that goes takes its links with it.
    causes.delete_cause(database, "Åsa", first.id)
    assert load_workspace(database, initiative_id).solutions[0].cause_ids == (second.id,)


def test_solutions_only_address_their_own_causes(sqlite_database: Database) -> None:
    first, second = create(sqlite_database), create(sqlite_database)
    foreign = causes.add_cause(sqlite_database, "Åsa", first, "x")
    with pytest.raises(InvalidInput, match="own initiative"):
        solutions.add_solution(sqlite_database, "Åsa", second, "y", cause_ids=[foreign.id])
    assert load_workspace(sqlite_database, second).solutions == ()


def test_solution_text_and_deletion(database: Database) -> None:
    initiative_id = create(database, Method.PDSA)
    idea = solutions.add_solution(database, "Åsa", initiative_id, "Månadslista")
    edited = solutions.edit_solution_text(
        database, "Åsa", idea.id, "Automatisk månadslista", expected_version=1
    )
    assert (edited.text, edited.version) == ("Automatisk månadslista", 2)
    with pytest.raises(Conflict):
        solutions.delete_solution(database, "Bo", idea.id, expected_version=1)
    solutions.delete_solution(database, "Bo", idea.id, expected_version=2)
    assert load_workspace(database, initiative_id).solutions == ()
    assert [a for a, _f in actions(database, initiative_id, "solution")] == [
        "add",
        "edit",
        "delete",
    ]


def test_a_move_from_a_phase_someone_else_left_is_a_conflict(database: Database) -> None:
    initiative_id = create(database)
    set_answer(database, "Bo", initiative_id, "define", "problem", "Köer")  # content only
    moved = move_to_phase(database, "Åsa", initiative_id, "measure", expected_phase="define")
    assert moved.phase == "measure"
    with pytest.raises(Conflict, match="moved this initiative to Measure") as caught:
        move_to_phase(database, "Bo", initiative_id, "analyze", expected_phase="define")
    assert getattr(caught.value.current, "phase", None) == "measure"
