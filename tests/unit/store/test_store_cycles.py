"""PDSA cycles on both backends: numbers, the next cycle, locked predictions, decisions, dates."""

from __future__ import annotations

from datetime import date

import pytest

from forbattra.core.domain import CycleStage, CycleView, NewInitiative
from forbattra.core.vocabulary import CycleDecision, Method, PredictionHeld
from forbattra.store.database import Database
from forbattra.store.errors import Conflict, InvalidInput
from forbattra.store.services import cycles, solutions
from forbattra.store.services.events import history
from forbattra.store.services.initiatives import create_initiative
from forbattra.store.services.workspace import load_workspace

pytestmark = pytest.mark.usefixtures("english")


def create(db: Database, method: Method = Method.PDSA) -> int:
    return create_initiative(db, "tester", NewInitiative("Aggregerad budget", method)).id


def test_cycles_are_numbered_and_named_after_their_solution(database: Database) -> None:
    initiative_id = create(database)
    idea = solutions.add_solution(database, "Åsa", initiative_id, "Månadslista över kostnader")
    first = cycles.add_cycle(database, "Åsa", initiative_id, solution_id=idea.id)
    second = cycles.add_cycle(database, "Åsa", initiative_id, "  Beloppsgräns ")
    third = cycles.add_cycle(database, "Åsa", initiative_id)
    assert [(c.number, c.title) for c in (first, second, third)] == [
        (1, "Månadslista över kostnader"),
        (2, "Beloppsgräns"),
        (3, "Cycle 3"),
    ]
    assert first.solution_id == idea.id
    assert first.stage is CycleStage.PLAN


def test_a_full_cycle_plan_do_study_act(database: Database) -> None:
    initiative_id = create(database)
    cycle = cycles.add_cycle(database, "Åsa", initiative_id, "Besök efter en vecka")
    version = cycle.version
    for field, text in [
        ("objective", "Kan hushållen mer om boendet?"),
        ("prediction", "7 av 10 klarar frågorna\nFrågorna minskar en tredjedel"),
        ("plan", "Vem: Nadia\nVad: besök\nVar: Kvarnbacken\nNär: v. 6–10\nData: logg"),
    ]:
        cycle = cycles.edit_cycle_text(
            database, "Åsa", cycle.id, field, text, expected_version=version
        )
        version = cycle.version
    cycle = cycles.start_cycle(
        database, "Åsa", cycle.id, on=date(2025, 2, 3), expected_version=version
    )
    assert cycle.predictions_locked and cycle.stage is CycleStage.DO
    cycle = cycles.edit_cycle_text(
        database, "Åsa", cycle.id, "what_happened", "8 av 9 fick besöket", expected_version=None
    )
    assert cycle.stage is CycleStage.STUDY
    cycle = cycles.edit_cycle_text(database, "Åsa", cycle.id, "study", "7 av 8 klarade")
    assert cycle.stage is CycleStage.ACT
    cycle = cycles.set_cycle_decision(
        database, "Åsa", cycle.id, CycleDecision.ADOPT, on=date(2025, 3, 7)
    )
    assert (cycle.stage, cycle.finished_on) == (CycleStage.DONE, date(2025, 3, 7))
    reopened = cycles.set_cycle_decision(database, "Åsa", cycle.id, None)
    assert (reopened.decision, reopened.finished_on) == (None, None)
    assert [e.action for e in history(database, initiative_id) if e.entity == "cycle"] == [
        "add",
        "edit",
        "edit",
        "edit",
        "start",
        "edit",
        "edit",
        "decide",
        "decide",
    ]


def test_predictions_lock_once_do_has_started(database: Database) -> None:
    initiative_id = create(database)
    cycle = cycles.add_cycle(database, "Åsa", initiative_id, "Test")
    cycle = cycles.edit_cycle_text(database, "Åsa", cycle.id, "prediction", "Hälften")
    cycle = cycles.start_cycle(database, "Åsa", cycle.id, on=date(2025, 2, 3))
    with pytest.raises(InvalidInput, match="locked"):
        cycles.edit_cycle_text(database, "Åsa", cycle.id, "prediction", "Alla")
    changed = cycles.edit_cycle_text(
        database, "Bo", cycle.id, "prediction", "Alla", after_start=True
    )
    assert changed.prediction == "Alla"
    event = [e for e in history(database, initiative_id) if e.field == "prediction"][-1]
    assert (event.action, event.actor, event.old, event.new) == (
        "edit_after_start",
        "Bo",
        "Hälften",
        "Alla",
    )
    # Starting again changes nothing; other fields stay editable.
    again = cycles.start_cycle(database, "Åsa", cycle.id, on=date(2026, 1, 1))
    assert again.started_on == date(2025, 2, 3)


def test_the_next_cycle_carries_the_plan_forward(database: Database) -> None:
    initiative_id = create(database)
    idea = solutions.add_solution(database, "Åsa", initiative_id, "Bildguide")
    first = cycles.add_cycle(database, "Åsa", initiative_id, solution_id=idea.id)
    for field, text in [
        ("objective", "Används guiden?"),
        ("plan", "Vem: Johan"),
        ("prediction", "8 av 10"),
    ]:
        first = cycles.edit_cycle_text(database, "Åsa", first.id, field, text)
    cycles.set_cycle_decision(database, "Åsa", first.id, CycleDecision.ADAPT)
    second = cycles.next_cycle(database, "Åsa", first.id)
    assert (second.number, second.title, second.solution_id) == (2, "Bildguide", idea.id)
    assert (second.objective, second.plan, second.prediction) == (
        "Används guiden?",
        "Vem: Johan",
        "",
    )
    assert (second.started_on, second.decision) == (None, None)


def test_cycle_writes_refuse_stale_versions(database: Database) -> None:
    initiative_id = create(database)
    cycle = cycles.add_cycle(database, "Åsa", initiative_id, "Test")
    cycles.edit_cycle_text(database, "Bo", cycle.id, "objective", "Bos mål", expected_version=1)
    with pytest.raises(Conflict, match="this cycle") as caught:
        cycles.edit_cycle_text(database, "Åsa", cycle.id, "plan", "x", expected_version=1)
    current = caught.value.current
    assert isinstance(current, CycleView) and current.objective == "Bos mål"
    with pytest.raises(Conflict):
        cycles.start_cycle(database, "Åsa", cycle.id, expected_version=1)
    with pytest.raises(Conflict):
        cycles.set_cycle_decision(
            database, "Åsa", cycle.id, CycleDecision.ABANDON, expected_version=1
        )


def test_dates_are_checked(database: Database) -> None:
    initiative_id = create(database)
    cycle = cycles.add_cycle(database, "Åsa", initiative_id, "Test")
    with pytest.raises(InvalidInput, match="end before"):
        cycles.set_cycle_dates(database, "Åsa", cycle.id, date(2025, 3, 1), date(2025, 2, 1))
    dated = cycles.set_cycle_dates(database, "Åsa", cycle.id, date(2025, 2, 1), None)
    assert dated.started_on == date(2025, 2, 1) and dated.predictions_locked


@pytest.mark.parametrize(("field", "text"), [("title", "  "), ("nope", "x"), ("version", "3")])
def test_bad_fields_and_empty_titles_are_refused(
    sqlite_database: Database, field: str, text: str
) -> None:
    initiative_id = create(sqlite_database)
    cycle = cycles.add_cycle(sqlite_database, "Åsa", initiative_id, "Test")
    with pytest.raises(InvalidInput):
        cycles.edit_cycle_text(sqlite_database, "Åsa", cycle.id, field, text)


def test_only_a_cycle_that_never_started_can_be_deleted(database: Database) -> None:
    initiative_id = create(database)
    started = cycles.add_cycle(database, "Åsa", initiative_id, "Pågår")
    cycles.start_cycle(database, "Åsa", started.id)
    planned = cycles.add_cycle(database, "Åsa", initiative_id, "Felskapad")
    with pytest.raises(InvalidInput, match="history"):
        cycles.delete_cycle(database, "Åsa", started.id)
    cycles.delete_cycle(database, "Åsa", planned.id, expected_version=1)
    assert [c.title for c in load_workspace(database, initiative_id).cycles] == ["Pågår"]


def test_whether_the_prediction_held_is_recorded_and_logged(database: Database) -> None:
    initiative_id = create(database)
    cycle = cycles.add_cycle(database, "Åsa", initiative_id, "Besök")
    assert cycle.prediction_held is None
    held = cycles.set_prediction_held(
        database, "Åsa", cycle.id, PredictionHeld.PARTLY, expected_version=cycle.version
    )
    assert held.prediction_held is PredictionHeld.PARTLY and held.version == cycle.version + 1
    # The same answer again writes nothing; a plain string is read as the enum.
    same = cycles.set_prediction_held(database, "Åsa", cycle.id, "partly")
    assert same.version == held.version
    changed = cycles.set_prediction_held(database, "Bo", cycle.id, "no")
    cleared = cycles.set_prediction_held(database, "Bo", cycle.id, None)
    assert (changed.prediction_held, cleared.prediction_held) == (PredictionHeld.NO, None)
    stored = load_workspace(database, initiative_id).cycle(cycle.id)
    assert stored is not None and stored.prediction_held is None
    events = [e for e in history(database, initiative_id) if e.field == "prediction_held"]
    assert [(e.action, e.actor, e.old, e.new) for e in events] == [
        ("edit", "Åsa", None, "partly"),
        ("edit", "Bo", "partly", "no"),
        ("edit", "Bo", "no", None),
    ]


def test_a_bad_or_stale_prediction_answer_is_refused(database: Database) -> None:
    initiative_id = create(database)
    cycle = cycles.add_cycle(database, "Åsa", initiative_id, "Besök")
    with pytest.raises(InvalidInput, match="yes, partly or no"):
        cycles.set_prediction_held(database, "Åsa", cycle.id, "maybe")
    cycles.edit_cycle_text(database, "Bo", cycle.id, "objective", "Bos mål", expected_version=1)
    with pytest.raises(Conflict):
        cycles.set_prediction_held(
            database, "Åsa", cycle.id, PredictionHeld.YES, expected_version=1
        )
    stored = load_workspace(database, initiative_id).cycle(cycle.id)
    assert stored is not None and stored.prediction_held is None
