"""Run charts and XmR charts: has a change made a difference, and was it for the better?

Pure Python, no numpy, no UI. Every function takes the measurements in time order as a list
that may hold ``None`` for a period without a value (NaN and infinity count as missing too);
every index in a result points into that original list, so a chart can mark the very points
that broke a rule.

Run charts (:func:`run_chart`) compare each point with the median:

* **Anhøj rules** (the default, the Nordic standard), from Anhøj & Olesen (2014), *Run Charts
  Revisited: A Simulation Study of Run Chart Rules for Detection of Non-Random Variation in
  Health Care Processes*, PLoS ONE 9(11): e113825, doi:10.1371/journal.pone.0113825:
  an unusually long run (the longest run of points on one side of the median is longer than
  ``round(log2(n) + 3)``, Schilling 2012) or unusually few crossings of the median (fewer
  than the 5th percentile of Binomial(n − 1, 0.5), Chen 2010), where ``n`` is the number of
  *useful* points: those not exactly on the median. Points on the median neither break a run
  nor count in it. The limits match Anhøj & Mohammed, *Mastering Statistical Process Control
  Charts in Healthcare*, appendix "Critical Values for Longest Runs and Number of Crossings".
* **IHI rules**, from Perla, Provost & Murray (2011), *The run chart: a simple analytical tool
  for learning from variation in healthcare processes*, BMJ Qual Saf 20:46–51,
  doi:10.1136/bmjqs.2009.037895: a shift (six or more useful points in a row on one side of
  the median), a trend (five or more points in a row all going up or all going down; when
  two successive points are equal, one of them is ignored) and too few or too many runs.
  Perla et al.'s runs table is a reformatting of Swed & Eisenhart (1943); the limits here are
  computed exactly from that runs distribution (two-sided 5 %, 2.5 % in each tail, for a
  chart whose useful points are split as evenly as possible above and below the median).
  The fourth IHI rule, the "astronomical point", is a judgement no formula makes; use
  :func:`xmr` for points outside natural limits.

Below :data:`MIN_USEFUL` useful points no rule is applied and the verdict is
:attr:`Verdict.TOO_LITTLE_DATA`.

XmR (individuals) charts (:func:`xmr`) follow Wheeler, *Understanding Variation: The Key to
Managing Chaos* (SPC Press, 2nd ed. 2000): natural process limits at the mean ± 2.66 × the
average moving range, and the upper range limit at 3.268 × the average moving range. With
``screen=True`` moving ranges of 3.267 × the average or more are dropped once before the
limits are computed (Nelson 1982, as qicharts2 does by default).

Stages (:func:`run_chart_stages`, :func:`xmr_stages`) split a chart at deliberate changes,
each with a stated reason; every stage gets its own centre line and limits. Nothing here ever
splits a chart on its own.

:func:`describe` turns a result into the one plain sentence a non-statistician reads under
the chart (in :mod:`forbattra.core.analysis_text`).
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from math import comb
from typing import Generic, TypeVar

from forbattra.core.vocabulary import Direction

MIN_USEFUL = 10
"""Fewer useful points than this: too little data to conclude anything."""

SHIFT_LENGTH = 6
TREND_LENGTH = 5
XMR_LIMIT_FACTOR = 2.66
XMR_RANGE_FACTOR = 3.268
XMR_SCREEN_FACTOR = 3.267


class Rules(StrEnum):
    """Which set of run chart rules to apply."""

    ANHOEJ = "anhoej"
    IHI = "ihi"


class Rule(StrEnum):
    """One rule a point, a run or the whole chart can break."""

    LONG_RUN = "long_run"  # Anhøj: unusually long run
    FEW_CROSSINGS = "few_crossings"  # Anhøj: unusually few crossings of the median
    SHIFT = "shift"  # IHI: six or more useful points on one side of the median
    TREND = "trend"  # IHI: five or more points all going up or all going down
    FEW_RUNS = "few_runs"  # IHI: too few runs
    MANY_RUNS = "many_runs"  # IHI: too many runs
    OUTSIDE_LIMITS = "outside_limits"  # XmR: beyond the natural process limits


class Side(StrEnum):
    """Where a signal points: towards higher values, lower values, or neither."""

    HIGHER = "higher"
    LOWER = "lower"
    NEITHER = "neither"


class Verdict(StrEnum):
    """What a chart says, in the measure's own direction."""

    IMPROVEMENT = "improvement"
    DETERIORATION = "deterioration"
    NO_SIGNAL = "no_signal"
    TOO_LITTLE_DATA = "too_little_data"
    # A signal whose direction cannot be told: too many runs, or no direction was given.
    UNCLEAR = "unclear"


@dataclass(frozen=True)
class Signal:
    """One broken rule and the points that broke it (indices into the original list).

    Rules about the whole chart (crossings, number of runs) list every useful point.
    ``side`` is where the points lie: above (HIGHER) or below (LOWER) the centre line, or
    which way a trend goes. ``change`` is where the process is *now*, as the verdict reads
    it: for runs and for the whole-chart rules, the side of the chart's last run (a long run
    that still goes on is its own last run; many weeks above the median at the start of a
    chart followed by values below it mean the level has dropped). A trend changes the way
    it goes; a point outside XmR limits takes its own side.
    """

    rule: Rule
    points: tuple[int, ...]
    side: Side
    change: Side

    @property
    def start(self) -> int:
        return self.points[0]

    @property
    def end(self) -> int:
        return self.points[-1]

    @property
    def length(self) -> int:
        return len(self.points)


@dataclass(frozen=True)
class RunChart:
    """The analysis of one run chart (or one stage of it).

    ``median`` is the centre line (frozen from the first ``baseline`` points when given).
    ``useful`` lists the points not on the median (``n_useful`` of them); the limits are
    None without any.
    ``runs`` is the number of runs (crossings + 1). ``signal`` is True when a rule of the
    chosen set is broken; ``signals`` says which and by which points. Below
    :data:`MIN_USEFUL` useful points no rule is applied. ``deciding`` is the signal the
    verdict rests on: the most recent run or trend, else a rule about the whole chart.
    """

    values: tuple[float | None, ...]
    rules: Rules
    start: int
    baseline: int | None
    median: float | None
    n_obs: int
    n_useful: int
    useful: tuple[int, ...]
    longest_run: int
    longest_run_max: int | None
    crossings: int
    crossings_min: int | None
    runs: int
    runs_min: int | None
    runs_max: int | None
    longest_trend: int
    signal: bool
    signals: tuple[Signal, ...]
    direction: Direction | None
    deciding: Signal | None
    verdict: Verdict

    @property
    def end(self) -> int:
        """One past the last index this chart covers."""
        return self.start + len(self.values)

    def rules_broken_at(self, index: int) -> tuple[Rule, ...]:
        """The rules the point at ``index`` (of the original list) helped break."""
        return tuple(dict.fromkeys(s.rule for s in self.signals if index in s.points))


@dataclass(frozen=True)
class XmRChart:
    """An individuals chart: centre line, natural process limits and the points beyond them.

    ``amr`` is the average moving range actually used (after screening, when asked);
    ``screened`` lists the moving ranges left out, by the index of their second point.
    The numbers are None when there are too few values to compute them. ``outside`` lists
    the points beyond the limits; ``signal`` and ``signals`` stay empty below
    :data:`MIN_USEFUL` values, as for run charts.
    """

    values: tuple[float | None, ...]
    start: int
    baseline: int | None
    screen: bool
    n_obs: int
    mean: float | None
    amr: float | None
    lcl: float | None
    ucl: float | None
    url: float | None
    moving_ranges: tuple[float | None, ...]
    screened: tuple[int, ...]
    outside: tuple[int, ...]
    signal: bool
    signals: tuple[Signal, ...]
    direction: Direction | None
    deciding: Signal | None
    verdict: Verdict

    @property
    def end(self) -> int:
        return self.start + len(self.values)


@dataclass(frozen=True)
class Stage:
    """A deliberate split: a new stage begins at ``start`` (an index) for a stated reason."""

    start: int
    reason: str


T = TypeVar("T")


@dataclass(frozen=True)
class Staged(Generic[T]):
    """A chart split into stages; ``parts[i]`` covers the values from ``stages[i].start``."""

    stages: tuple[Stage, ...]
    parts: tuple[T, ...]

    @property
    def last(self) -> T:
        """The current stage, whose verdict is the chart's verdict now."""
        return self.parts[-1]


# --- Limits -------------------------------------------------------------------------------


def longest_run_limit(n_useful: int) -> int:
    """Anhøj: a run longer than this is unusual; ``round(log2(n) + 3)`` (Schilling 2012)."""
    if n_useful < 1:
        raise ValueError("needs at least one useful point")
    # log2(n) + 3 is never exactly x.5 for a whole n, so rounding half up is R's round().
    return math.floor(math.log2(n_useful) + 3 + 0.5)


@lru_cache(maxsize=512)
def crossings_limit(n_useful: int) -> int:
    """Anhøj: fewer crossings than this are unusual: the 5th percentile of
    Binomial(n − 1, 0.5), computed exactly (R's ``qbinom(0.05, n - 1, 0.5)``, Chen 2010)."""
    if n_useful < 1:
        raise ValueError("needs at least one useful point")
    trials = n_useful - 1
    total = 2**trials
    cumulative = 0
    for k, count in enumerate(_binomials(trials)):
        cumulative += count
        if cumulative * 20 >= total:  # P(X <= k) >= 0.05, in whole numbers
            return k
    return trials  # pragma: no cover - the loop always returns


def _binomials(n: int) -> list[int]:
    """``[comb(n, 0), …, comb(n, n)]``, each from the one before (exact, and far quicker
    than calling ``comb`` for every k when n is in the thousands)."""
    row = [1]
    for k in range(n):
        row.append(row[-1] * (n - k) // (k + 1))
    return row


def _runs_counts(above: int, below: int) -> dict[int, int]:
    """How many arrangements of ``above`` + ``below`` points give each number of runs
    (Swed & Eisenhart 1943). Needs at least one point on each side."""
    up, down = _binomials(above - 1), _binomials(below - 1)

    def a(k: int) -> int:  # comb(above - 1, k), 0 outside the row
        return up[k] if 0 <= k < len(up) else 0

    def b(k: int) -> int:
        return down[k] if 0 <= k < len(down) else 0

    counts: dict[int, int] = {}
    for runs in range(2, above + below + 1):
        if runs % 2 == 0:
            k = runs // 2
            count = 2 * a(k - 1) * b(k - 1)
        else:
            k = (runs - 1) // 2
            count = a(k) * b(k - 1) + a(k - 1) * b(k)
        if count:
            counts[runs] = count
    return counts


@lru_cache(maxsize=512)
def runs_limits(n_useful: int) -> tuple[int, int]:
    """IHI: (lowest, highest) number of runs that is not a signal for ``n_useful`` points.

    Fewer runs than the first or more than the second happen by chance at most 2.5 % of the
    time each, for points split as evenly as possible above and below the median (the
    Swed & Eisenhart 1943 distribution behind Perla, Provost & Murray's table).
    """
    if n_useful < 2:
        raise ValueError("needs at least two useful points")
    below = n_useful // 2
    counts = _runs_counts(n_useful - below, below)
    total = comb(n_useful, below)
    ordered = sorted(counts)
    cumulative = 0
    low = ordered[0]
    for runs in ordered:
        cumulative += counts[runs]
        if cumulative * 40 > total:  # P(R <= runs) > 0.025
            low = runs
            break
    cumulative = 0
    high = ordered[-1]
    for runs in reversed(ordered):
        cumulative += counts[runs]
        if cumulative * 40 > total:  # P(R >= runs) > 0.025
            high = runs
            break
    return low, high


# --- Helpers ------------------------------------------------------------------------------


def _clean(values: Sequence[float | None]) -> tuple[float | None, ...]:
    cleaned: list[float | None] = []
    for value in values:
        if value is None or isinstance(value, bool):
            cleaned.append(None)
            continue
        number = float(value)
        cleaned.append(number if math.isfinite(number) else None)
    return tuple(cleaned)


def _check_baseline(baseline: int | None) -> None:
    if baseline is not None and baseline < 1:
        raise ValueError("baseline must be a positive number of points")


def _on(value: float, centre: float) -> bool:
    return math.isclose(value, centre, rel_tol=1e-9, abs_tol=1e-12)


def _side(value: float, centre: float) -> int:
    if _on(value, centre):
        return 0
    return 1 if value > centre else -1


def _towards(sign: int) -> Side:
    return Side.HIGHER if sign > 0 else Side.LOWER if sign < 0 else Side.NEITHER


def _verdict(
    enough: bool, deciding: Signal | None, direction: Direction | None, signals: bool
) -> Verdict:
    if not enough:
        return Verdict.TOO_LITTLE_DATA
    if not signals:
        return Verdict.NO_SIGNAL
    if deciding is None or deciding.change == Side.NEITHER or direction is None:
        return Verdict.UNCLEAR
    better = Side.HIGHER if direction == Direction.HIGHER_IS_BETTER else Side.LOWER
    return Verdict.IMPROVEMENT if deciding.change == better else Verdict.DETERIORATION


# Whole-chart rules decide only when no run or trend does.
_LOCAL = (Rule.LONG_RUN, Rule.SHIFT, Rule.TREND, Rule.OUTSIDE_LIMITS)


def _deciding(signals: Sequence[Signal]) -> Signal | None:
    local = [s for s in signals if s.rule in _LOCAL]
    if local:
        return max(local, key=lambda s: (s.end, s.length))
    directed = [s for s in signals if s.change != Side.NEITHER]
    if directed:
        return directed[0]
    return signals[0] if signals else None


# --- Run charts ---------------------------------------------------------------------------


def _trends(present: Sequence[tuple[int, float]]) -> tuple[int, list[Signal]]:
    """Runs of points all rising or all falling; equal neighbours are skipped (Perla 2011)."""
    longest = 1 if present else 0
    found: list[Signal] = []
    direction = 0
    members: list[int] = []
    counted = 0

    def close() -> None:
        nonlocal longest
        longest = max(longest, counted)
        if counted >= TREND_LENGTH:
            way = _towards(direction)
            found.append(Signal(Rule.TREND, tuple(members), way, way))

    for position, (index, value) in enumerate(present):
        if position == 0:
            members, counted = [index], 1
            continue
        step = value - present[position - 1][1]
        if _on(value, present[position - 1][1]):
            members.append(index)  # a tie neither counts nor breaks the trend
            continue
        sign = 1 if step > 0 else -1
        if sign == direction:
            members.append(index)
            counted += 1
            continue
        close()
        # The new trend starts at the last point that counted in the old one.
        last_counted = _last_counted(present, position)
        members = [*last_counted, index]
        counted = 2
        direction = sign
    close()
    return longest, found


def _last_counted(present: Sequence[tuple[int, float]], position: int) -> list[int]:
    """The previous counted point and the ties that follow it, up to ``position``."""
    start = position - 1
    while start > 0 and _on(present[start][1], present[start - 1][1]):
        start -= 1
    return [index for index, _value in present[start:position]]


def run_chart(
    values: Sequence[float | None],
    baseline: int | None = None,
    rules: Rules | str = Rules.ANHOEJ,
    *,
    direction: Direction | None = None,
    start: int = 0,
) -> RunChart:
    """Analyse ``values`` (in time order; None for a missing period) as a run chart.

    ``baseline``: the number of first points (positions in the list) whose median is frozen
    as the centre line for the whole chart, so later points are judged against how things
    were before a change. ``rules``: ``"anhoej"`` (default) or ``"ihi"``. ``direction``: the
    measure's direction, for the verdict. ``start``: the index of ``values[0]`` in a longer
    list (used for stages), added to every index in the result.
    """
    chosen = Rules(rules)
    _check_baseline(baseline)
    cleaned = _clean(values)
    present = [(start + i, v) for i, v in enumerate(cleaned) if v is not None]
    centre_from = cleaned[:baseline] if baseline is not None else cleaned
    centre_values = [v for v in centre_from if v is not None]
    median = statistics.median(centre_values) if centre_values else None

    useful: list[tuple[int, int]] = []  # (index, +1 above / -1 below)
    if median is not None:
        useful = [(i, s) for i, v in present if (s := _side(v, median)) != 0]
    groups: list[list[tuple[int, int]]] = []
    for item in useful:
        if groups and groups[-1][-1][1] == item[1]:
            groups[-1].append(item)
        else:
            groups.append([item])
    n_useful = len(useful)
    longest_run = max((len(g) for g in groups), default=0)
    runs = len(groups)
    crossings = max(runs - 1, 0)
    longest_trend, trends = _trends(present)

    longest_max = longest_run_limit(n_useful) if n_useful >= 1 else None
    crossings_min = crossings_limit(n_useful) if n_useful >= 1 else None
    runs_min, runs_max = runs_limits(n_useful) if n_useful >= 2 else (None, None)

    enough = n_useful >= MIN_USEFUL
    signals: list[Signal] = []
    if enough:
        assert longest_max is not None
        everything = tuple(i for i, _s in useful)
        now = _towards(groups[-1][0][1])  # the side of the chart's last run
        long_runs = (
            [g for g in groups if len(g) > longest_max]
            if chosen == Rules.ANHOEJ
            else [g for g in groups if len(g) >= SHIFT_LENGTH]
        )
        for group in long_runs:
            side = _towards(group[0][1])
            rule = Rule.LONG_RUN if chosen == Rules.ANHOEJ else Rule.SHIFT
            signals.append(Signal(rule, tuple(i for i, _s in group), side, now))
        if chosen == Rules.ANHOEJ:
            assert crossings_min is not None
            if crossings < crossings_min:
                signals.append(Signal(Rule.FEW_CROSSINGS, everything, now, now))
        else:
            assert runs_min is not None and runs_max is not None
            signals.extend(trends)
            if runs < runs_min:
                signals.append(Signal(Rule.FEW_RUNS, everything, now, now))
            if runs > runs_max:
                signals.append(Signal(Rule.MANY_RUNS, everything, Side.NEITHER, Side.NEITHER))
        signals.sort(key=lambda s: (s.start, s.end, s.rule))
    deciding = _deciding(signals)
    return RunChart(
        values=cleaned,
        rules=chosen,
        start=start,
        baseline=baseline,
        median=median,
        n_obs=len(present),
        n_useful=n_useful,
        useful=tuple(i for i, _s in useful),
        longest_run=longest_run,
        longest_run_max=longest_max,
        crossings=crossings,
        crossings_min=crossings_min,
        runs=runs,
        runs_min=runs_min,
        runs_max=runs_max,
        longest_trend=longest_trend,
        signal=bool(signals),
        signals=tuple(signals),
        direction=direction,
        deciding=deciding,
        verdict=_verdict(enough, deciding, direction, bool(signals)),
    )


# --- XmR charts ---------------------------------------------------------------------------


def xmr(
    values: Sequence[float | None],
    screen: bool = False,
    *,
    baseline: int | None = None,
    direction: Direction | None = None,
    start: int = 0,
) -> XmRChart:
    """Analyse ``values`` as an individuals (XmR) chart, after Wheeler.

    ``mean`` ± 2.66 × ``amr`` gives ``lcl`` and ``ucl``; ``url`` = 3.268 × ``amr``. A moving
    range is the absolute difference between neighbouring positions; a missing value leaves
    no moving range on either side. ``screen=True`` drops moving ranges of 3.267 × the
    average or more, once, and recomputes the average. ``baseline`` computes the centre line
    and limits from the first points only. ``outside`` lists the points strictly beyond the
    limits; the verdict rests on the latest of them, and says too little data below
    :data:`MIN_USEFUL` values.
    """
    _check_baseline(baseline)
    cleaned = _clean(values)
    moving: list[float | None] = [None]
    for previous, current in itertools.pairwise(cleaned):
        moving.append(
            abs(current - previous) if current is not None and previous is not None else None
        )
    basis = slice(0, baseline) if baseline is not None else slice(None)
    base_values = [v for v in cleaned[basis] if v is not None]
    base_ranges = [(i, r) for i, r in enumerate(moving) if r is not None]
    if baseline is not None:
        base_ranges = [(i, r) for i, r in base_ranges if i < baseline]
    mean = statistics.fmean(base_values) if base_values else None
    amr = statistics.fmean(r for _i, r in base_ranges) if base_ranges else None
    screened: tuple[int, ...] = ()
    if screen and amr is not None:
        cut = XMR_SCREEN_FACTOR * amr
        screened = tuple(start + i for i, r in base_ranges if amr > 0 and r >= cut)
        kept = [r for i, r in base_ranges if start + i not in screened]
        amr = statistics.fmean(kept) if kept else amr
    lcl = ucl = url = None
    outside: tuple[int, ...] = ()
    signals: tuple[Signal, ...] = ()
    if mean is not None and amr is not None:
        lcl = mean - XMR_LIMIT_FACTOR * amr
        ucl = mean + XMR_LIMIT_FACTOR * amr
        url = XMR_RANGE_FACTOR * amr
        beyond = [
            (start + i, 1 if v > ucl else -1)
            for i, v in enumerate(cleaned)
            if v is not None and (v > ucl or v < lcl) and not _on(v, ucl) and not _on(v, lcl)
        ]
        outside = tuple(i for i, _s in beyond)
        signals = tuple(
            Signal(Rule.OUTSIDE_LIMITS, (i,), _towards(s), _towards(s)) for i, s in beyond
        )
    n_obs = sum(v is not None for v in cleaned)
    enough = n_obs >= MIN_USEFUL
    if not enough:
        signals = ()
    deciding = _deciding(signals)
    return XmRChart(
        values=cleaned,
        start=start,
        baseline=baseline,
        screen=screen,
        n_obs=n_obs,
        mean=mean,
        amr=amr,
        lcl=lcl,
        ucl=ucl,
        url=url,
        moving_ranges=tuple(moving),
        screened=screened,
        outside=outside,
        signal=bool(signals),
        signals=signals,
        direction=direction,
        deciding=deciding,
        verdict=_verdict(enough, deciding, direction, bool(signals)),
    )


# --- Stages -------------------------------------------------------------------------------


def check_stages(length: int, stages: Sequence[Stage]) -> tuple[Stage, ...]:
    """Validate splits: each after the first point, inside the list, in order, with a reason.

    Returns the stages with an implicit first one (start 0, empty reason) in front.
    """
    previous = 0
    for stage in stages:
        if not stage.reason.strip():
            raise ValueError("every stage needs a stated reason")
        if not previous < stage.start < length:
            raise ValueError(f"a stage must start inside the chart, after {previous}")
        previous = stage.start
    return (Stage(0, ""), *stages)


def _bounds(length: int, stages: Sequence[Stage]) -> list[tuple[Stage, int, int]]:
    full = check_stages(length, stages)
    ends = [s.start for s in full[1:]] + [length]
    return [(stage, stage.start, end) for stage, end in zip(full, ends, strict=True)]


def run_chart_stages(
    values: Sequence[float | None],
    stages: Sequence[Stage],
    rules: Rules | str = Rules.ANHOEJ,
    *,
    direction: Direction | None = None,
) -> Staged[RunChart]:
    """A run chart split at ``stages``; each stage has its own median and runs analysis.

    The verdict of the chart as it stands is ``result.last.verdict``.
    """
    parts = tuple(
        run_chart(values[a:b], rules=rules, direction=direction, start=a)
        for _stage, a, b in _bounds(len(values), stages)
    )
    return Staged(check_stages(len(values), stages), parts)


def xmr_stages(
    values: Sequence[float | None],
    stages: Sequence[Stage],
    screen: bool = False,
    *,
    direction: Direction | None = None,
) -> Staged[XmRChart]:
    """An XmR chart split at ``stages``; each stage has its own mean and limits."""
    parts = tuple(
        xmr(values[a:b], screen, direction=direction, start=a)
        for _stage, a, b in _bounds(len(values), stages)
    )
    return Staged(check_stages(len(values), stages), parts)


def describe(
    chart: RunChart | XmRChart,
    labels: Sequence[str] | None = None,
) -> str:
    """The one plain sentence under the chart; see :func:`forbattra.core.analysis_text.describe`."""
    from forbattra.core.analysis_text import describe as sentence

    return sentence(chart, labels)
