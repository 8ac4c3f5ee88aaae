"""An initiative's history, told from the event log: what happened, when, by whom.

Every service writes events (entity, action, field, old, new); the sample projects and
imported documents carry the same story with their own action names (``cycle_start``,
``observation``). :func:`timeline` turns both into readable entries a coach can filter by
kind and period. Pure: the store hands in the events and the names they refer to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from forbattra.core.domain import EventRow
from forbattra.core.moments import local_day
from forbattra.core.vocabulary import Method
from forbattra.i18n import N_, _


class EntryKind(StrEnum):
    """What an entry is about: the filter a coach chooses."""

    PHASE = "phase"
    ANSWER = "answer"
    ANALYSIS = "analysis"  # causes and solutions
    CYCLE = "cycle"
    MEASURE = "measure"
    SIGNAL = "signal"
    STOP_DOING = "stop_doing"
    STATUS = "status"  # started, paused, resumed, closed, reopened
    COMMENT = "comment"
    OTHER = "other"


KIND_LABELS: dict[EntryKind, str] = {
    EntryKind.PHASE: N_("Phases"),
    EntryKind.ANSWER: N_("Answers"),
    EntryKind.ANALYSIS: N_("Causes and solutions"),
    EntryKind.CYCLE: N_("Cycles"),
    EntryKind.MEASURE: N_("Measures"),
    EntryKind.SIGNAL: N_("Signals"),
    EntryKind.STOP_DOING: N_("Stop doing"),
    EntryKind.STATUS: N_("Status"),
    EntryKind.COMMENT: N_("Comments"),
    EntryKind.OTHER: N_("Other"),
}


def kind_label(kind: EntryKind) -> str:
    return _(KIND_LABELS[kind])


@dataclass(frozen=True)
class Entry:
    """One line of the history. ``before`` is what a changed text said before the change."""

    at: datetime
    kind: EntryKind
    actor: str
    text: str
    before: str | None = None
    after: str | None = None


@dataclass(frozen=True)
class Names:
    """What the events refer to by id or key, resolved by the store."""

    method: Method
    cycles: Mapping[int, tuple[int, str]] = field(default_factory=dict)  # id → (number, title)
    measures: Mapping[str, str] = field(default_factory=dict)  # "m1" or id → name
    stop_items: Mapping[str, str] = field(default_factory=dict)  # "stop_doing[0]" or id → text


def timeline(
    events: Iterable[EventRow], names: Names, signals: Iterable[Entry] = ()
) -> list[Entry]:
    """The readable history, oldest first; ``signals`` (see :func:`signal_entries`) join in."""
    # Imported here: review_events builds on this module's Entry and Names.
    from forbattra.core.review_events import describe

    entries = [entry for event in events if (entry := describe(event, names)) is not None]
    entries.extend(signals)
    return sorted(entries, key=lambda entry: entry.at)


def filter_entries(
    entries: Sequence[Entry],
    *,
    kinds: Iterable[EntryKind] = (),
    since: date | None = None,
    until: date | None = None,
) -> list[Entry]:
    """The entries of the chosen kinds (all when none) from ``since`` up to ``until``,
    days as the user's calendar has them."""
    wanted = set(kinds)
    return [
        entry
        for entry in entries
        if (not wanted or entry.kind in wanted)
        and (since is None or local_day(entry.at) >= since)
        and (until is None or local_day(entry.at) <= until)
    ]


def signal_entries(
    measure: str,
    points: Sequence[tuple[datetime, float | None]],
    verdict_of: Callable[[Sequence[float | None]], str],
) -> list[Entry]:
    """When a measure's run chart first showed an improvement or deterioration (and each
    time it changed later): the verdict is recomputed as each value arrives."""
    entries: list[Entry] = []
    previous = ""
    values: list[float | None] = []
    for at, value in points:
        values.append(value)
        verdict = verdict_of(values)
        if verdict != previous and verdict in ("improvement", "deterioration"):
            text = (
                _("Signal of improvement: {measure}")
                if verdict == "improvement"
                else _("Signal of deterioration: {measure}")
            )
            entries.append(Entry(at, EntryKind.SIGNAL, "", text.format(measure=measure)))
        previous = verdict
    return entries


def current_signal(
    values: Sequence[float | None], verdict_of: Callable[[Sequence[float | None]], str]
) -> tuple[str, int] | None:
    """The chart's signal now ("improvement" or "deterioration") and the index of the value
    that first showed it, stepping back only while the verdict stays the same (cheap for
    the whole portfolio, where a full replay per measure would not be)."""
    if not values:
        return None
    verdict = verdict_of(values)
    if verdict not in ("improvement", "deterioration"):
        return None
    onset = len(values) - 1
    while onset > 0 and verdict_of(values[:onset]) == verdict:
        onset -= 1
    return verdict, onset
