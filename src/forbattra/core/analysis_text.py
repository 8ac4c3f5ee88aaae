"""The one plain sentence under a chart, for someone who has never heard of a median test.

"8 weeks in a row below the median since week 12, 2025 — an improvement". The sentence rests
on the signal the verdict rests on (:attr:`RunChart.deciding`), names periods the way the
measurements were labelled (ISO weeks, months, quarters, dates) and speaks the current
language through :mod:`forbattra.i18n`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from forbattra.core.analysis import (
    MIN_USEFUL,
    Rule,
    RunChart,
    Side,
    Signal,
    Verdict,
    XmRChart,
)
from forbattra.i18n import N_, _, ngettext

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")

_MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def period_label(label: str) -> str:
    """A stored period label as a person says it: "2025-W12" is "week 12, 2025"."""
    if match := _WEEK.match(label):
        return _("week {week}, {year}").format(week=int(match[2]), year=match[1])
    if (match := _MONTH.match(label)) and 1 <= int(match[2]) <= 12:
        return _("{month} {year}").format(month=_(_MONTHS[int(match[2]) - 1]), year=match[1])
    if match := _QUARTER.match(label):
        return _("Q{quarter} {year}").format(quarter=match[2], year=match[1])
    return label


def _kind(labels: Sequence[str]) -> str:
    if labels and all(_WEEK.match(label) for label in labels):
        return "week"
    if labels and all(_MONTH.match(label) for label in labels):
        return "month"
    if labels and all(_QUARTER.match(label) for label in labels):
        return "quarter"
    return "value"


def _in_a_row(kind: str, count: int) -> str:
    if kind == "week":
        text = ngettext("{count} week in a row", "{count} weeks in a row", count)
    elif kind == "month":
        text = ngettext("{count} month in a row", "{count} months in a row", count)
    elif kind == "quarter":
        text = ngettext("{count} quarter in a row", "{count} quarters in a row", count)
    else:
        text = ngettext("{count} value in a row", "{count} values in a row", count)
    return text.format(count=count)


def _span(kind: str, count: int) -> str:
    if kind == "week":
        text = ngettext("{count} week", "{count} weeks", count)
    elif kind == "month":
        text = ngettext("{count} month", "{count} months", count)
    elif kind == "quarter":
        text = ngettext("{count} quarter", "{count} quarters", count)
    else:
        text = ngettext("{count} value", "{count} values", count)
    return text.format(count=count)


def _verdict(verdict: Verdict) -> str:
    if verdict == Verdict.IMPROVEMENT:
        return _("an improvement")
    if verdict == Verdict.DETERIORATION:
        return _("a deterioration")
    return _("a change, direction unclear")


def _label(labels: Sequence[str] | None, index: int) -> str:
    if labels is not None and 0 <= index < len(labels) and labels[index]:
        return period_label(labels[index])
    return _("value {number}").format(number=index + 1)


def _counted(chart: RunChart, signal: Signal) -> int:
    """The points of a trend that count: equal neighbours are one point (Perla 2011)."""
    values = [chart.values[i - chart.start] for i in signal.points]
    return 1 + sum(1 for a, b in itertools.pairwise(values) if a != b)


def _where(side: Side, frozen: bool) -> str:
    if side == Side.HIGHER:
        return _("above the baseline median") if frozen else _("above the median")
    return _("below the baseline median") if frozen else _("below the median")


def _run_sentence(
    chart: RunChart, signal: Signal, kind: str, start_label: str, end_label: str
) -> str:
    verdict = _verdict(chart.verdict)
    if signal.rule in (Rule.LONG_RUN, Rule.SHIFT):
        frozen = chart.baseline is not None
        side = _where(signal.side, frozen)
        stretch = _in_a_row(kind, signal.length)
        if chart.useful and signal.end == chart.useful[-1]:
            return _("{stretch} {side} since {start} — {verdict}").format(
                stretch=stretch, side=side, start=start_label, verdict=verdict
            )
        return _("{stretch} {side} from {start} to {end}; now {now} — {verdict}").format(
            stretch=stretch,
            side=side,
            start=start_label,
            end=end_label,
            now=_where(signal.change, frozen),
            verdict=verdict,
        )
    if signal.rule == Rule.TREND:
        counted = _counted(chart, signal)
        template = (
            _("Rising {stretch} since {start} — {verdict}")
            if signal.side == Side.HIGHER
            else _("Falling {stretch} since {start} — {verdict}")
        )
        return template.format(stretch=_in_a_row(kind, counted), start=start_label, verdict=verdict)
    if signal.rule == Rule.FEW_CROSSINGS:
        return ngettext(
            "The values cross the median only {count} time, fewer than chance would"
            " ({limit} or more) — {verdict}",
            "The values cross the median only {count} times, fewer than chance would"
            " ({limit} or more) — {verdict}",
            chart.crossings,
        ).format(count=chart.crossings, limit=chart.crossings_min, verdict=verdict)
    if signal.rule == Rule.FEW_RUNS:
        return ngettext(
            "Only {count} run around the median, fewer than chance would ({limit} or more)"
            " — {verdict}",
            "Only {count} runs around the median, fewer than chance would ({limit} or more)"
            " — {verdict}",
            chart.runs,
        ).format(count=chart.runs, limit=chart.runs_min, verdict=verdict)
    return _(
        "{count} runs around the median, more than chance would ({limit} at most): the values"
        " jump up and down unusually often — check whether different things are mixed in"
        " one measure"
    ).format(count=chart.runs, limit=chart.runs_max)


def _too_little(n_obs: int, n_useful: int) -> str:
    if n_obs >= MIN_USEFUL:
        return _(
            "Too little data to conclude: {on} of the {total} values lie exactly on the median"
        ).format(on=n_obs - n_useful, total=n_obs)
    return ngettext(
        "Too little data to conclude: {count} value so far, at least {needed} are needed",
        "Too little data to conclude: {count} values so far, at least {needed} are needed",
        n_obs,
    ).format(count=n_obs, needed=MIN_USEFUL)


def describe(chart: RunChart | XmRChart, labels: Sequence[str] | None = None) -> str:
    """The sentence under ``chart``. ``labels`` name the periods of the *whole* list the
    chart's indices point into (for example "2025-W12" or "2025-03-14"); without them
    points are called "value 1", "value 2" and so on."""
    present = [chart.start + i for i, v in enumerate(chart.values) if v is not None]
    kind = _kind([labels[i] for i in present if i < len(labels)]) if labels else "value"
    if isinstance(chart, RunChart):
        if chart.verdict == Verdict.TOO_LITTLE_DATA:
            return _too_little(chart.n_obs, chart.n_useful)
        if chart.deciding is None:
            return _(
                "No signal in {span}: the values vary around the median as chance would"
            ).format(span=_span(kind, chart.n_obs))
        return _run_sentence(
            chart,
            chart.deciding,
            kind,
            _label(labels, chart.deciding.start),
            _label(labels, chart.deciding.end),
        )
    if chart.verdict == Verdict.TOO_LITTLE_DATA:
        return _too_little(chart.n_obs, chart.n_obs)
    if chart.deciding is None:
        return _("No signal in {span}: every value lies within the natural process limits").format(
            span=_span(kind, chart.n_obs)
        )
    return ngettext(
        "{label} lies outside the natural process limits — {verdict}",
        "{count} values lie outside the natural process limits, the latest {label} — {verdict}",
        len(chart.outside),
    ).format(
        count=len(chart.outside),
        label=_label(labels, chart.deciding.start),
        verdict=_verdict(chart.verdict),
    )


_VERDICT_LABELS = {
    Verdict.IMPROVEMENT: N_("improvement"),
    Verdict.DETERIORATION: N_("deterioration"),
    Verdict.NO_SIGNAL: N_("no signal"),
    Verdict.TOO_LITTLE_DATA: N_("too little data"),
    Verdict.UNCLEAR: N_("signal, direction unclear"),
}
_RULE_LABELS = {
    Rule.LONG_RUN: N_("unusually long run"),
    Rule.FEW_CROSSINGS: N_("unusually few crossings"),
    Rule.SHIFT: N_("shift"),
    Rule.TREND: N_("trend"),
    Rule.FEW_RUNS: N_("too few runs"),
    Rule.MANY_RUNS: N_("too many runs"),
    Rule.OUTSIDE_LIMITS: N_("outside the limits"),
}


def verdict_label(verdict: Verdict) -> str:
    """A verdict in a word or two, for tables and the portfolio."""
    return _(_VERDICT_LABELS[verdict])


def rule_label(rule: Rule) -> str:
    """The name of a rule, for marking the points that broke it."""
    return _(_RULE_LABELS[rule])
