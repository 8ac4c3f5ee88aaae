"""Stages of a chart, stored: add, remove, list, validation, events, and every reader's verdict."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest

from forbattra.core.analysis import Verdict
from forbattra.core.domain import MeasureVerdicts, NewInitiative, NewMeasure, StageMark
from forbattra.core.vocabulary import Direction, Method
from forbattra.store.database import Database
from forbattra.store.errors import InvalidInput, NotFound
from forbattra.store.services import measures as service
from forbattra.store.services import observations
from forbattra.store.services.events import history
from forbattra.store.services.exchange import export_documents
from forbattra.store.services.stages import add_stage, list_stages, remove_stage

pytestmark = pytest.mark.usefixtures("english")

MONDAY = date(2025, 1, 6)
# Lower is better: ten noisy weeks, then a deliberate change and a steady lower level.
BEFORE = [10, 11, 9, 10, 12, 10, 11, 9, 10, 11]
AFTER = [6, 5.5, 6.2, 5.1, 4.8, 6.1, 5.3, 5.6, 6.3, 5.2, 4.9, 5.8]


def week(index: int) -> date:
    return MONDAY + timedelta(weeks=index)


def measure_with(db: Database, values: Sequence[float]) -> tuple[int, int]:
    from forbattra.store.services.initiatives import create_initiative

    initiative_id = create_initiative(
        db, "tester", NewInitiative(title="Kortare väntetider", method=Method.PDSA)
    ).id
    new = NewMeasure(name="Väntetid", direction=Direction.LOWER_IS_BETTER)
    measure_id = service.add_measure(db, "tester", initiative_id, new).id
    for index, value in enumerate(values):
        observations.add_observation(db, "tester", measure_id, week(index), value)
    return initiative_id, measure_id


def stage_events(db: Database, initiative_id: int) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (e.action, e.field, e.old, e.new)
        for e in history(db, initiative_id)
        if e.entity == "measure_stage"
    ]


def test_add_list_and_remove_a_stage_with_events(database: Database) -> None:
    initiative_id, measure_id = measure_with(database, BEFORE + AFTER)
    added = add_stage(database, "anna", measure_id, week(10), "  Ny\nrutin  ")
    assert added == StageMark(week(10), "Ny rutin")
    add_stage(database, "anna", measure_id, week(4), "Nytt schema")
    assert list_stages(database, measure_id) == [
        StageMark(week(4), "Nytt schema"),
        StageMark(week(10), "Ny rutin"),
    ]
    assert service.get_measure(database, measure_id).stages == (
        StageMark(week(4), "Nytt schema"),
        StageMark(week(10), "Ny rutin"),
    )
    removed = remove_stage(database, "bo", measure_id, week(4))
    assert removed == StageMark(week(4), "Nytt schema")
    assert list_stages(database, measure_id) == [StageMark(week(10), "Ny rutin")]
    assert stage_events(database, initiative_id) == [
        ("create", "Väntetid", None, "2025-03-17: Ny rutin"),
        ("create", "Väntetid", None, "2025-02-03: Nytt schema"),
        ("delete", "Väntetid", "2025-02-03: Nytt schema", None),
    ]


@pytest.mark.parametrize(
    ("day", "reason", "message"),
    [
        (week(3), "   ", "Write why the chart is split here"),
        (week(0), "Ny rutin", "A stage starts after the first value"),
        (week(0) - timedelta(days=3), "Ny rutin", "choose a date after 2025-01-06"),
        (week(3), "x" * 2001, "The reason is too long"),
    ],
)
def test_a_stage_that_cannot_be_stored_is_refused(
    database: Database, day: date, reason: str, message: str
) -> None:
    initiative_id, measure_id = measure_with(database, BEFORE)
    with pytest.raises(InvalidInput, match=message):
        add_stage(database, "anna", measure_id, day, reason)
    assert list_stages(database, measure_id) == []
    assert stage_events(database, initiative_id) == []


def test_two_stages_on_one_date_are_refused(database: Database) -> None:
    _initiative, measure_id = measure_with(database, BEFORE)
    add_stage(database, "anna", measure_id, week(5), "Ny rutin")
    with pytest.raises(InvalidInput, match="A stage already starts on 2025-02-10"):
        add_stage(database, "anna", measure_id, week(5), "Samma dag igen")
    assert list_stages(database, measure_id) == [StageMark(week(5), "Ny rutin")]


def test_a_measure_without_values_cannot_be_split(database: Database) -> None:
    _initiative, measure_id = measure_with(database, [])
    with pytest.raises(InvalidInput, match="add values before"):
        add_stage(database, "anna", measure_id, week(5), "Ny rutin")


def test_unknown_measures_and_stages_are_not_found(database: Database) -> None:
    _initiative, measure_id = measure_with(database, BEFORE)
    with pytest.raises(NotFound):
        add_stage(database, "anna", 9999, week(5), "Ny rutin")
    with pytest.raises(NotFound):
        list_stages(database, 9999)
    with pytest.raises(NotFound, match="no stage starting on 2025-02-10"):
        remove_stage(database, "anna", measure_id, week(5))


def test_a_stage_is_removed_with_its_measure(database: Database) -> None:
    _initiative, measure_id = measure_with(database, BEFORE)
    add_stage(database, "anna", measure_id, week(5), "Ny rutin")
    service.delete_measure(database, "anna", measure_id)
    with pytest.raises(NotFound):
        list_stages(database, measure_id)


def test_every_reader_gives_the_current_stages_verdict(database: Database) -> None:
    # The whole series shows an improvement; the stage after the change alone is steady.
    initiative_id, measure_id = measure_with(database, BEFORE + AFTER)
    assert service.initiative_verdicts(database)[initiative_id] == MeasureVerdicts(improvement=1)
    add_stage(database, "anna", measure_id, week(10), "Ny rutin")
    assert service.initiative_verdicts(database)[initiative_id] == MeasureVerdicts(no_signal=1)
    page = service.load_measures_page(database, initiative_id)
    assert page.measures[0].stages == (StageMark(week(10), "Ny rutin"),)
    (document,) = export_documents(database, [initiative_id])
    assert document["measures"][0]["stages"] == [{"starts_on": "2025-03-17", "reason": "Ny rutin"}]
    from forbattra.core.stages import current_run_chart

    measure = page.measures[0]
    chart = current_run_chart(
        measure.values, [o.observed_on for o in measure.observations], measure.stages
    )
    assert (chart.start, chart.verdict) == (10, Verdict.NO_SIGNAL)


def _document_with(stages: list[dict[str, str]] | None) -> dict[str, object]:
    measure: dict[str, object] = {
        "key": "m1",
        "name": "Väntetid",
        "direction": "down",
        "observations": [
            {"date": week(i).isoformat(), "value": value} for i, value in enumerate(BEFORE + AFTER)
        ],
    }
    if stages is not None:
        measure["stages"] = stages
    return {
        "format": "forbattra.initiative",
        "version": 1,
        "initiative": {"title": "Kortare väntetider", "method": "pdsa"},
        "measures": [measure],
    }


def test_stages_round_trip_through_the_exchange_format(database: Database) -> None:
    from forbattra.core.exchange import parse_document
    from forbattra.store.services.exchange import import_documents

    stages = [
        {"starts_on": "2025-02-03", "reason": "Nytt schema"},
        {"starts_on": "2025-03-17", "reason": "Ny rutin"},
    ]
    (first_id,) = import_documents(
        database, "tester", [("doc", parse_document(_document_with(stages)))]
    )
    (first,) = export_documents(database, [first_id])
    assert first["measures"][0]["stages"] == stages
    (second_id,) = import_documents(database, "tester", [("again", parse_document(first))])
    (second,) = export_documents(database, [second_id])
    assert second["measures"] == first["measures"]
    verdicts = service.initiative_verdicts(database)
    assert verdicts[first_id] == verdicts[second_id] == MeasureVerdicts(no_signal=1)


def test_an_old_document_without_stages_still_loads(database: Database) -> None:
    from forbattra.core.exchange import parse_document

    document = parse_document(_document_with(None))
    assert document.measures[0].stages == []


@pytest.mark.parametrize(
    ("stages", "problem"),
    [
        (
            [
                {"starts_on": "2025-02-03", "reason": "a"},
                {"starts_on": "2025-02-03", "reason": "b"},
            ],
            "measures[0].stages[1].starts_on: two stages start on the same date",
        ),
        ([{"starts_on": "2025-02-03", "reason": "  "}], "measures[0].stages[0].reason: must not"),
        (
            [{"starts_on": "3 feb", "reason": "a"}],
            "measures[0].stages[0].starts_on: must be a date",
        ),
        ([{"starts_on": "2025-02-03"}], "measures[0].stages[0].reason: required field is missing"),
    ],
)
def test_bad_stages_in_a_document_are_reported(stages: list[dict[str, str]], problem: str) -> None:
    from forbattra.core.exchange import ExchangeError, parse_document

    with pytest.raises(ExchangeError) as raised:
        parse_document(_document_with(stages), "doc.json")
    assert any(str(p).startswith(problem) for p in raised.value.problems), raised.value.problems
