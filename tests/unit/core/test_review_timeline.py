"""The history timeline: events, live and imported, told as readable entries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from forbattra.core.domain import EventRow
from forbattra.core.review import (
    Entry,
    EntryKind,
    Names,
    current_signal,
    filter_entries,
    signal_entries,
    timeline,
)
from forbattra.core.vocabulary import Method


def event(
    day: int,
    entity: str,
    action: str,
    field: str = "",
    old: str | None = None,
    new: str | None = None,
    entity_id: int | None = None,
) -> EventRow:
    return EventRow(
        id=day,
        at=datetime(2025, 3, day, 9, tzinfo=UTC),
        actor="Amira",
        initiative_id=1,
        entity=entity,
        entity_id=entity_id,
        action=action,
        field=field,
        old=old,
        new=new,
    )


NAMES = Names(
    method=Method.DMAIC,
    cycles={7: (2, "Bildguide")},
    measures={"m1": "Frågor per vecka", "5": "Frågor per vecka"},
    stop_items={"stop_doing[0]": "Årlig rapport", "9": "Årlig rapport"},
)

EVENTS = [
    event(1, "initiative", "create", new="Tydligare information"),
    event(2, "answer", "answer", "define.problem", old="Oklart", new="Många frågor"),
    event(3, "initiative", "phase", "phase", old="define", new="measure"),
    event(4, "initiative", "gate", "define", new="Vem berörs?\nTidsplan"),
    event(5, "cycle", "start", "started_on", new="2025-03-05", entity_id=7),
    event(6, "cycle", "cycle_decision", "cycle:1", new="adopt"),
    event(7, "cycle", "edit_after_start", "prediction", old="10", new="12", entity_id=7),
    event(8, "observation", "create", "Frågor per vecka", new="2025-W10: 4"),
    event(9, "measure", "observation", "m1", new="3.5"),
    event(10, "stop_item", "stop_decision", "stop_doing[0].decision", "undecided", "stop"),
    event(11, "stop_item", "follow_up", "stop_doing[0].follow_up_result", None, "confirmed", 9),
    event(12, "comment", "comment", "phase:measure", new="Bra!"),
    event(13, "closure", "close", "status", "active", "closed"),
    event(14, "closure", "close", "learned", new="Fråga i dialog."),
    event(15, "closure", "close", "closed_on", new="2025-03-15"),
    event(16, "closure", "reopen", "learned", old="Fråga i dialog."),
    event(17, "initiative", "reopen", "status", "closed", "active"),
    event(18, "initiative", "close", "review_by", "2025-06-01", None),
]


def test_every_kind_of_event_reads_as_a_sentence(english: None) -> None:
    entries = timeline(EVENTS, NAMES)
    lines = [(e.kind, e.text, e.before, e.after) for e in entries]
    assert lines == [
        (EntryKind.STATUS, "Started", None, None),
        (EntryKind.ANSWER, "Answer changed: What is the problem?", "Oklart", "Många frågor"),
        (EntryKind.PHASE, "Moved from Define to Measure", None, None),
        (EntryKind.PHASE, "Left Define with open questions", None, "Vem berörs?\nTidsplan"),
        (EntryKind.CYCLE, "Cycle 2 started (Do) on 2025-03-05", None, None),
        (EntryKind.CYCLE, "Cycle 1 finished: adopt", None, None),
        (EntryKind.CYCLE, "Cycle 2: the prediction changed after Do had started", "10", "12"),
        (EntryKind.MEASURE, "New value for Frågor per vecka: 2025-W10: 4", None, None),
        (EntryKind.MEASURE, "New value for Frågor per vecka: 3.5", None, None),
        (EntryKind.STOP_DOING, "Stop-doing: Årlig rapport: stop", None, None),
        (
            EntryKind.STOP_DOING,
            "Stop-doing followed up: Årlig rapport: stopping confirmed",
            None,
            None,
        ),
        (EntryKind.COMMENT, "Comment on the Measure phase", None, "Bra!"),
        (EntryKind.STATUS, "Closed without prestige", None, None),
        (EntryKind.STATUS, "What we learned", None, "Fråga i dialog."),
        (
            EntryKind.STATUS,
            "What we learned (from the closure before reopening)",
            "Fråga i dialog.",
            None,
        ),
        (EntryKind.STATUS, "Reopened", None, None),
    ]


def test_filter_by_kind_and_period(english: None) -> None:
    entries = timeline(EVENTS, NAMES)
    cycles = filter_entries(entries, kinds=[EntryKind.CYCLE])
    assert [e.text[:7] for e in cycles] == ["Cycle 2", "Cycle 1", "Cycle 2"]
    window = filter_entries(entries, since=date(2025, 3, 3), until=date(2025, 3, 4))
    assert [e.kind for e in window] == [EntryKind.PHASE, EntryKind.PHASE]
    both = filter_entries(
        entries, kinds=[EntryKind.PHASE, EntryKind.ANSWER], until=date(2025, 3, 2)
    )
    assert [e.kind for e in both] == [EntryKind.ANSWER]


def _above_median(values: Sequence[float | None]) -> str:
    """A stand-in verdict: an improvement once three values in a row exceed 10."""
    present = [v for v in values if v is not None]
    return "improvement" if len(present) >= 3 and all(v > 10 for v in present[-3:]) else "no_signal"


def test_signals_join_the_timeline_when_they_appear(english: None) -> None:
    days = [datetime(2025, 3, d, tzinfo=UTC) for d in range(1, 7)]
    values = [5.0, 11.0, 12.0, 13.0, 14.0, 4.0]
    signals = signal_entries("Trivsel", list(zip(days, values, strict=True)), _above_median)
    assert signals == [
        Entry(days[3], EntryKind.SIGNAL, "", "Signal of improvement: Trivsel"),
    ]
    merged = timeline([event(2, "answer", "answer", "define.goal", new="Mål")], NAMES, signals)
    assert [e.kind for e in merged] == [EntryKind.ANSWER, EntryKind.SIGNAL]


def test_current_signal_and_its_first_value() -> None:
    assert current_signal([5.0, 11.0, 12.0, 13.0, 14.0], _above_median) == ("improvement", 3)
    assert current_signal([5.0, 11.0, 12.0, 13.0, 4.0], _above_median) is None
    assert current_signal([], _above_median) is None


def test_the_newer_tools_events_read_as_sentences(english: None) -> None:
    """Ideas, the parking lot, dot votes, stage marks, matrix placing, corrected values and
    whether a prediction held: none shows as a raw "entity: action"."""
    events = [
        event(1, "idea", "accept", "k3q9x2", old="under_review", new="initiative"),
        event(2, "idea", "not_now", "k3q9x2", old="new", new="Vi tar det i höst."),
        event(3, "parking_item", "add", new="Vem äger rutinen?", entity_id=4),
        event(4, "parking_item", "edit", "done", old="false", new="true", entity_id=4),
        event(5, "parking_item", "edit", "text", old="Vem?", new="Vem äger?", entity_id=4),
        event(6, "parking_item", "delete", old="Vem äger?", entity_id=4),
        event(7, "vote_round", "add", "cause", new="12 dots on 4 items, 3 per person"),
        event(8, "measure_stage", "create", "Frågor per vecka", new="2025-03-08: Bildguide"),
        event(9, "measure_stage", "delete", "Frågor per vecka", old="2025-03-08: Bildguide"),
        event(10, "solution", "edit", "impact", old=None, new="high", entity_id=3),
        event(11, "observation", "edit", "value", old="4.0", new="5.0", entity_id=8),
        event(12, "observation", "delete", "Frågor per vecka", old="2025-W10: 5"),
        event(13, "measure", "edit", "kind", old="outcome", new="process", entity_id=5),
        event(14, "cycle", "edit", "prediction_held", old=None, new="partly", entity_id=7),
        event(15, "cycle", "edit", "prediction_held", old="partly", new="no", entity_id=7),
        event(16, "cycle", "edit", "prediction_held", old="no", new=None, entity_id=7),
    ]
    lines = [(e.kind, e.text, e.before, e.after) for e in timeline(events, NAMES)]
    assert lines == [
        (EntryKind.STATUS, "Started from an idea in the idea inbox", None, None),
        (
            EntryKind.OTHER,
            "An idea in the idea inbox was answered: not now",
            None,
            "Vi tar det i höst.",
        ),
        (EntryKind.OTHER, "Added to the parking lot", None, "Vem äger rutinen?"),
        (EntryKind.OTHER, "A parking lot item was dealt with", None, None),
        (EntryKind.OTHER, "A parking lot item was changed", "Vem?", "Vem äger?"),
        (EntryKind.OTHER, "Removed from the parking lot", "Vem äger?", None),
        (
            EntryKind.ANALYSIS,
            "Dot vote on causes",
            None,
            "12 dots on 4 items, 3 per person",
        ),
        (
            EntryKind.MEASURE,
            "New stage on Frågor per vecka",
            None,
            "2025-03-08: Bildguide",
        ),
        (
            EntryKind.MEASURE,
            "Stage removed from Frågor per vecka",
            "2025-03-08: Bildguide",
            None,
        ),
        (EntryKind.ANALYSIS, "Solution placed on the matrix: impact", None, "high"),
        (EntryKind.MEASURE, "A value was corrected: value", "4", "5"),
        (EntryKind.MEASURE, "Value removed for Frågor per vecka", "2025-W10: 5", None),
        (EntryKind.MEASURE, "Measure changed: kind", "outcome measure", "process measure"),
        (EntryKind.CYCLE, "Cycle 2: the prediction held in part", None, None),
        (
            EntryKind.CYCLE,
            "Cycle 2: the prediction did not hold",
            "the prediction held in part",
            None,
        ),
        (
            EntryKind.CYCLE,
            "Cycle 2: the answer whether the prediction held was taken back",
            "the prediction did not hold",
            None,
        ),
    ]
