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
        (EntryKind.CYCLE, "Cycle 2: prediction changed after Do had started", "10", "12"),
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
