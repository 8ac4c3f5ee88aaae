"""The stop-doing services on both backends: a check of an initiative or of a unit alone,
decisions, follow-ups, the sums against hand arithmetic, events and conflicts."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from forbattra.core.domain import NewInitiative, NewStopItem
from forbattra.core.exchange import parse_document
from forbattra.core.vocabulary import FollowUpResult, Method, StopDecision
from forbattra.store.database import Database
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.services import stop_doing as service
from forbattra.store.services.events import history
from forbattra.store.services.exchange import export_documents, import_documents
from forbattra.store.services.initiatives import create_initiative, get_initiative

pytestmark = pytest.mark.usefixtures("english")

SAMPLES = Path(__file__).parents[3] / "sample_projects"
UNIT = "Kostenheten, Ale kommun"
TODAY = date(2025, 4, 7)


def create(db: Database, method: Method = Method.DMAIC) -> int:
    new = NewInitiative("Färre rapporter", method, unit="Socialförvaltningen")
    return create_initiative(db, "tester", new).id


def events(db: Database, initiative_id: int) -> list[tuple[str, str, str | None, str | None]]:
    return [
        (e.action, e.field, e.old, e.new)
        for e in history(db, initiative_id)
        if e.entity == "stop_item"
    ]


def test_an_initiatives_check_from_start_to_follow_up(database: Database) -> None:
    initiative_id = create(database)
    report = service.add_stop_item(
        database,
        "tester",
        NewStopItem(
            "Veckorapport till förvaltningen",
            who="Enhetschef",
            minutes_per_occurrence=90,
            occurrences_per_month=4,
            beneficiary="Förvaltningsledningen, formellt",
            if_stopped="Samma siffror finns i verksamhetssystemet.",
        ),
        initiative_id=initiative_id,
    )
    meeting = service.add_stop_item(
        database,
        "tester",
        NewStopItem("Planeringsmöte", hours_per_month=3),
        initiative_id=initiative_id,
    )
    assert (report.position, meeting.position) == (0, 1)
    assert report.cost_per_month == 6.0  # 90 min × 4 = 360 min = 6 h
    assert report.unit == "Socialförvaltningen"  # the initiative's unit
    assert report.decision == StopDecision.UNDECIDED and report.version == 1

    report = service.decide(
        database, "tester", report.id, StopDecision.STOP, reason="Ingen läser den", today=TODAY
    )
    assert report.hours_freed == 6.0  # stopping frees all of it
    assert report.follow_up_on == date(2025, 7, 7)  # three months on
    meeting = service.decide(database, "tester", meeting.id, StopDecision.SIMPLIFY, hours_freed=1.5)
    assert meeting.follow_up_on is None

    check = service.stop_check(database, initiative_id, today=date(2025, 7, 7))
    assert [item.id for item in check.items] == [report.id, meeting.id]
    # 6 + 1.5 = 7.5 h a month; × 12 = 90 h a year. The report is due on 7 July.
    assert check.summary.hours_freed_per_month == pytest.approx(7.5)
    assert check.summary.hours_freed_per_year == pytest.approx(90.0)
    assert check.summary.due_ids == (report.id,)

    report = service.record_follow_up(
        database,
        "tester",
        report.id,
        FollowUpResult.RESTARTED,
        "Nämnden ville ha den",
        on=date(2025, 7, 8),
    )
    assert report.follow_up_on == date(2025, 7, 8)
    summary = service.stop_summary(database, initiative_id, today=date(2025, 7, 8))
    # Restarted: only the meeting's 1.5 h a month still counts; 1.5 × 12 = 18.
    assert summary.hours_freed_per_month == pytest.approx(1.5)
    assert summary.hours_freed_per_year == pytest.approx(18.0)
    assert (summary.restarted, summary.due_ids) == (1, ())

    assert events(database, initiative_id) == [
        ("stop_item_add", "stop_doing[0]", None, "Veckorapport till förvaltningen"),
        ("stop_item_add", "stop_doing[1]", None, "Planeringsmöte"),
        ("stop_decision", "stop_doing[0].decision", "undecided", "stop"),
        ("stop_decision", "stop_doing[0].hours_freed", None, "6.0"),
        ("stop_decision", "stop_doing[0].reason", "", "Ingen läser den"),
        ("stop_decision", "stop_doing[0].follow_up_on", None, "2025-07-07"),
        ("stop_decision", "stop_doing[1].decision", "undecided", "simplify"),
        ("stop_decision", "stop_doing[1].hours_freed", None, "1.5"),
        ("follow_up", "stop_doing[0].follow_up_result", None, "restarted"),
        ("follow_up", "stop_doing[0].follow_up_note", "", "Nämnden ville ha den"),
        ("follow_up", "stop_doing[0].follow_up_on", "2025-07-07", "2025-07-08"),
    ]
    # The check's items go out in the exchange document, valid and in order.
    document = export_documents(database, [initiative_id])[0]
    assert [item["activity"] for item in document["stop_doing"]] == [
        "Veckorapport till förvaltningen",
        "Planeringsmöte",
    ]


def test_a_unit_reviews_its_own_routines(database: Database) -> None:
    first = service.add_stop_item(database, "tester", NewStopItem("Menymöte"), unit=f"  {UNIT} ")
    service.add_stop_item(database, "tester", NewStopItem("Pappersrapport"), unit=UNIT)
    service.add_stop_item(database, "tester", NewStopItem("Annat"), unit="Hemtjänsten")
    initiative_id = create(database)
    service.add_stop_item(database, "tester", NewStopItem("Inte här"), initiative_id=initiative_id)

    assert first.initiative_id is None and first.unit == UNIT
    check = service.stop_check(database, unit=UNIT)
    assert check.initiative_id is None and check.unit == UNIT
    assert [item.activity for item in check.items] == ["Menymöte", "Pappersrapport"]
    assert [item.position for item in check.items] == [0, 1]
    assert service.stand_alone_units(database) == [("Hemtjänsten", 1), (UNIT, 2)]
    assert [i.activity for i in service.list_stop_items(database, initiative_id)] == ["Inte här"]


def test_a_check_needs_an_initiative_or_a_unit(database: Database) -> None:
    with pytest.raises(InvalidInput, match="Name the unit"):
        service.add_stop_item(database, "tester", NewStopItem("Något"), unit="  ")
    with pytest.raises(InvalidInput, match="Name the unit"):
        service.stop_check(database)
    with pytest.raises(NotFound, match="no initiative with id 99"):
        service.add_stop_item(database, "tester", NewStopItem("Något"), initiative_id=99)
    with pytest.raises(NotFound, match="no stop-doing activity with id 5"):
        service.decide(database, "tester", 5, StopDecision.STOP)


@pytest.mark.parametrize(
    ("new", "fragment"),
    [
        (NewStopItem("  "), "Name the activity"),
        (NewStopItem("Möte", hours_per_month=2, minutes_per_occurrence=30), "one way"),
        (NewStopItem("Möte", minutes_per_occurrence=30), "both"),
        (NewStopItem("Möte", hours_per_month=-1), "negative"),
        (NewStopItem("x" * 301), "too long"),
    ],
)
def test_items_that_are_refused(database: Database, new: NewStopItem, fragment: str) -> None:
    with pytest.raises(InvalidInput, match=fragment):
        service.add_stop_item(database, "tester", new, unit=UNIT)
    assert service.stand_alone_units(database) == []


def test_decisions_and_their_time_freed(database: Database) -> None:
    item = service.add_stop_item(database, "t", NewStopItem("Möte", hours_per_month=4), unit=UNIT)
    with pytest.raises(InvalidInput, match="more than the activity costs"):
        service.decide(database, "t", item.id, StopDecision.STOP, hours_freed=5)
    with pytest.raises(InvalidInput, match="frees no time"):
        service.decide(database, "t", item.id, StopDecision.KEEP, hours_freed=1)

    item = service.decide(database, "t", item.id, StopDecision.SIMPLIFY, hours_freed=1)
    assert (item.hours_freed, item.follow_up_on) == (1.0, None)
    # The same decision again keeps the estimate; a new reason does not reset it.
    item = service.decide(database, "t", item.id, StopDecision.SIMPLIFY, reason="Kortare")
    assert (item.hours_freed, item.reason) == (1.0, "Kortare")
    # A chosen follow-up date for a simplified activity.
    item = service.decide(
        database, "t", item.id, StopDecision.SIMPLIFY, follow_up_on=date(2025, 9, 1)
    )
    assert item.follow_up_on == date(2025, 9, 1)
    item = service.record_follow_up(database, "t", item.id, FollowUpResult.CONFIRMED)
    # A new decision: the old follow-up answer goes, a stop gets its own date.
    item = service.decide(database, "t", item.id, StopDecision.STOP, today=TODAY)
    assert (item.hours_freed, item.follow_up_on, item.follow_up_result) == (
        4.0,
        date(2025, 7, 7),
        None,
    )
    item = service.decide(database, "t", item.id, StopDecision.KEEP)
    assert (item.hours_freed, item.follow_up_on) == (0.0, None)
    item = service.decide(database, "t", item.id, StopDecision.UNDECIDED)
    assert item.hours_freed is None
    version = item.version
    # Nothing changes: nothing recorded, same version.
    again = service.decide(database, "t", item.id, StopDecision.UNDECIDED)
    assert again.version == version


def test_follow_ups_that_are_refused(database: Database) -> None:
    item = service.add_stop_item(database, "t", NewStopItem("Möte", hours_per_month=4), unit=UNIT)
    with pytest.raises(InvalidInput, match="Only an activity"):
        service.record_follow_up(database, "t", item.id, FollowUpResult.CONFIRMED)
    service.decide(database, "t", item.id, StopDecision.STOP)
    with pytest.raises(InvalidInput, match="why the activity was restarted"):
        service.record_follow_up(database, "t", item.id, FollowUpResult.RESTARTED, " ")


def test_editing_the_cost_carries_the_time_freed(database: Database) -> None:
    stopped = service.add_stop_item(
        database, "t", NewStopItem("Rapport", hours_per_month=4), unit=UNIT
    )
    stopped = service.decide(database, "t", stopped.id, StopDecision.STOP)
    stopped = service.edit_stop_item(
        database,
        "t",
        stopped.id,
        NewStopItem("Rapport", minutes_per_occurrence=30, occurrences_per_month=4),
    )
    # All of it was freed, so all of the new time is: 30 min × 4 = 2 h.
    assert (stopped.cost_per_month, stopped.hours_freed) == (2.0, 2.0)
    assert stopped.hours_per_month is None

    simplified = service.add_stop_item(
        database, "t", NewStopItem("Möte", hours_per_month=4), unit=UNIT
    )
    simplified = service.decide(database, "t", simplified.id, StopDecision.SIMPLIFY, hours_freed=3)
    simplified = service.edit_stop_item(
        database, "t", simplified.id, NewStopItem("Möte", hours_per_month=10)
    )
    assert simplified.hours_freed == 3.0  # an estimate stays while it fits
    simplified = service.edit_stop_item(
        database, "t", simplified.id, NewStopItem("Möte", hours_per_month=2)
    )
    assert simplified.hours_freed == 2.0  # never more than it costs


def test_deleting_moves_the_later_items_up(database: Database) -> None:
    initiative_id = create(database)
    ids = [
        service.add_stop_item(database, "t", NewStopItem(name), initiative_id=initiative_id).id
        for name in ("A", "B", "C")
    ]
    before = get_initiative(database, initiative_id).version
    service.delete_stop_item(database, "t", ids[0])
    items = service.list_stop_items(database, initiative_id)
    assert [(item.activity, item.position) for item in items] == [("B", 0), ("C", 1)]
    assert ("stop_item_delete", "stop_doing[0]", "A", None) in events(database, initiative_id)
    # Items are not the initiative's own fields: its version stays for a concurrent phase move.
    assert get_initiative(database, initiative_id).version == before
    with pytest.raises(NotFound):
        service.delete_stop_item(database, "t", ids[0])


def test_a_stale_version_is_a_conflict_with_the_item_as_it_is(database: Database) -> None:
    item = service.add_stop_item(database, "t", NewStopItem("Möte"), unit=UNIT)
    service.decide(database, "t", item.id, StopDecision.KEEP, expected_version=item.version)
    with pytest.raises(Conflict) as caught:
        service.decide(database, "t", item.id, StopDecision.STOP, expected_version=item.version)
    current: Any = caught.value.current
    assert current.decision == StopDecision.KEEP
    with pytest.raises(Conflict):
        service.edit_stop_item(
            database, "t", item.id, NewStopItem("Nytt"), expected_version=item.version
        )
    with pytest.raises(Conflict):
        service.delete_stop_item(database, "t", item.id, expected_version=item.version)


def test_the_alingsas_sample_sums_by_hand(database: Database) -> None:
    path = SAMPLES / "04-upphava-kvalitetsstrategin.json"
    document = parse_document(json.loads(path.read_text("utf-8")), str(path))
    [initiative_id] = import_documents(database, "tester", [(str(path), document)])
    check = service.stop_check(database, initiative_id, today=date(2025, 11, 12))
    costs = [item.cost_per_month for item in check.items]
    # 8 h; 480 min × 1.5 = 12 h; 1200 × 0.33 = 6.6; 4; 1; 600 × 0.33 = 3.3; 3; 90 × 2 = 3; 20.
    assert costs == pytest.approx([8, 12, 6.6, 4, 1, 3.3, 3, 3, 20])
    # Freed: 8 + 12 + 3 + 4 + 1 + 1 + 1.5 + 0 = 30.5 (the restarted 3.3 h does not count).
    assert check.summary.hours_freed_per_month == pytest.approx(30.5)
    assert check.summary.hours_freed_per_year == pytest.approx(366)
    counts = check.summary
    assert (counts.stopped, counts.simplified, counts.replaced, counts.kept) == (5, 2, 1, 1)
    # On 12 November 2025 nothing open is due; the seminars (replaced) are due 10 December.
    assert check.summary.due_ids == ()
    later = service.stop_summary(database, initiative_id, today=date(2025, 12, 10))
    assert later.due_ids == (check.items[2].id,)
