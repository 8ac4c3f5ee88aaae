"""The review queue's items and the words for the coach's figures, shared by the command
line, the screens and the reports so all three say the same thing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from forbattra.core import methods
from forbattra.core.cycle_stats import CycleStats
from forbattra.core.vocabulary import CycleDecision, Method, label
from forbattra.i18n import N_, _, ngettext
from forbattra.i18n.numbers import number_text


class QueueKind(StrEnum):
    CYCLE_FINISHED = "cycle_finished"
    GATE_OPEN = "gate_open"
    SIGNAL = "signal"
    STALLED = "stalled"


QUEUE_LABELS: dict[QueueKind, str] = {
    QueueKind.CYCLE_FINISHED: N_("Cycle finished"),
    QueueKind.GATE_OPEN: N_("Open questions"),
    QueueKind.SIGNAL: N_("New signal"),
    QueueKind.STALLED: N_("No activity"),
}


def queue_label(kind: QueueKind) -> str:
    return _(QUEUE_LABELS[kind])


@dataclass(frozen=True)
class QueueItem:
    """One thing to look at. ``subject``: the cycle's number, the phase's key or the
    measure's name; ``detail``: the decision, the open questions, "improvement" or
    "deterioration", or the whole weeks without activity."""

    kind: QueueKind
    initiative_id: int
    title: str
    method: Method
    at: datetime | None
    subject: str = ""
    detail: str = ""


def queue_text(item: QueueItem) -> str:
    """What the item is about, in one line."""
    if item.kind == QueueKind.CYCLE_FINISHED:
        try:
            decision = label(CycleDecision(item.detail))
        except ValueError:
            decision = item.detail
        return _("Cycle {number} finished: {decision}").format(
            number=item.subject, decision=decision
        )
    if item.kind == QueueKind.GATE_OPEN:
        phase = methods.phase(item.method, item.subject)
        count = len([line for line in item.detail.splitlines() if line.strip()])
        return ngettext(
            "Left {phase} with {count} open question",
            "Left {phase} with {count} open questions",
            count,
        ).format(phase=phase.name if phase else item.subject, count=count)
    if item.kind == QueueKind.SIGNAL:
        if item.detail == "improvement":
            return _("Signal of improvement: {measure}").format(measure=item.subject)
        return _("Signal of deterioration: {measure}").format(measure=item.subject)
    if not item.detail:
        return _("Nothing recorded yet")
    weeks = int(item.detail)
    return ngettext("No activity for {count} week", "No activity for {count} weeks", weeks).format(
        count=weeks
    )


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def days_text(value: float | None) -> str:
    # A median of days can end in .5: "52,5" in Swedish.
    return number_text(value, 1)


def stats_line(stats: CycleStats) -> str:
    """ "12 cycles (2 under way), median 53 days; adopted 33 %, adapted 58 %, abandoned 8 %;
    predictions held 30 %, partly 50 %, not 20 % (of 10 answered); 2 finished without an
    answer"."""
    line = ngettext(
        "{cycles} cycle ({under_way} under way), median {days} days; adopted {adopted},"
        " adapted {adapted}, abandoned {abandoned}",
        "{cycles} cycles ({under_way} under way), median {days} days; adopted {adopted},"
        " adapted {adapted}, abandoned {abandoned}",
        stats.cycles,
    ).format(
        cycles=stats.cycles,
        under_way=stats.under_way,
        days=days_text(stats.median_days),
        adopted=percent(stats.adopted, stats.finished),
        adapted=percent(stats.adapted, stats.finished),
        abandoned=percent(stats.abandoned, stats.finished),
    )
    held = predictions_text(stats)
    return f"{line}; {held}" if held else line


def predictions_text(stats: CycleStats) -> str:
    """How often the finished cycles' predictions held, as shares of those that answered,
    and how many finished without an answer; "" while no cycle has finished."""
    parts: list[str] = []
    if stats.answered:
        parts.append(
            _(
                "predictions held {held}, partly {partly}, not {not_held} (of {answered} answered)"
            ).format(
                held=percent(stats.held, stats.answered),
                partly=percent(stats.held_partly, stats.answered),
                not_held=percent(stats.not_held, stats.answered),
                answered=stats.answered,
            )
        )
        if stats.unanswered:
            parts.append(
                ngettext(
                    "{count} finished without an answer",
                    "{count} finished without an answer",
                    stats.unanswered,
                ).format(count=stats.unanswered)
            )
    elif stats.unanswered:
        parts.append(
            _("whether predictions held: not answered ({count} finished)").format(
                count=stats.unanswered
            )
        )
    return "; ".join(parts)
