"""Run chart and XmR analysis, checked against published examples with known results.

Sources (each test names the one it uses):

* [spc4hc] Anhøj J, Mohammed MA. *Mastering Statistical Process Control Charts in Healthcare*
  (bookdown, github.com/anhoej/spc4hc): appendix E "Critical Values for Longest Runs and
  Number of Crossings" (docs/runs-limits.html); chapter "Your First SPC Charts With Base R"
  (21_first_charts.Rmd), whose systolic blood pressure data are from Mohammed, Worthington &
  Woodall (2008), Qual Saf Health Care 17:137-145; chapter "Screened I Chart"
  (41_screened_mr.Rmd, docs/screenedmr.html).
* [Anhøj 2014] Anhøj J, Olesen AV. Run Charts Revisited. PLoS ONE 9(11): e113825.
* [Perla 2011] Perla RJ, Provost LP, Murray SK. The run chart. BMJ Qual Saf 20:46-51.
* [Swed & Eisenhart 1943] Tables for testing randomness of grouping in a sequence of
  alternatives. Ann Math Statist 14(1):66-87; the two-sided 5 % critical values for
  n1, n2 = 5..10 as reprinted in "Number of Runs Critical Values Table" (scribd 814856639).
* [Balestracci 2008] Balestracci D. An Underrated Test for Run Charts. Quality Digest,
  October 2008.
* [Wheeler] Wheeler DJ. Understanding Variation: The Key to Managing Chaos. SPC Press.
"""

from __future__ import annotations

import itertools
import math
from math import comb

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forbattra.core.analysis import (
    MIN_USEFUL,
    Rule,
    Rules,
    Side,
    Stage,
    Verdict,
    crossings_limit,
    describe,
    longest_run_limit,
    run_chart,
    run_chart_stages,
    runs_limits,
    xmr,
    xmr_stages,
)
from forbattra.core.analysis_text import period_label, rule_label, verdict_label
from forbattra.core.vocabulary import Direction

pytestmark = pytest.mark.usefixtures("english")

UP = Direction.HIGHER_IS_BETTER
DOWN = Direction.LOWER_IS_BETTER

# [spc4hc] appendix E: for n = 10..100 useful observations, the upper limit for the longest
# run and the lower limit for the number of crossings, as printed.
LONGEST_RUN_MAX = {n: 6 if n <= 11 else 7 if n <= 22 else 8 if n <= 45 else 9 if n <= 90 else 10
                   for n in range(10, 101)}  # fmt: skip
CROSSINGS_MIN = dict(
    zip(
        range(10, 101),
        [2, 2, 3, 3, 4, 4, 4, 5, 5, 6, 6, 6, 7, 7, 8, 8, 8, 9, 9, 10, 10, 11, 11, 11, 12, 12, 13,
         13, 14, 14, 14, 15, 15, 16, 16, 17, 17, 17, 18, 18, 19, 19, 20, 20, 21, 21, 21, 22, 22,
         23, 23, 24, 24, 25, 25, 25, 26, 26, 27, 27, 28, 28, 29, 29, 29, 30, 30, 31, 31, 32, 32,
         33, 33, 34, 34, 34, 35, 35, 36, 36, 37, 37, 38, 38, 39, 39, 39, 40, 40, 41, 41],
        strict=True,
    )
)  # fmt: skip

# [spc4hc] chapter 5: systolic blood pressure (mm Hg), one patient, 26 mornings.
SYSTOLIC = [169, 172, 175, 174, 161, 142, 174, 171, 168, 174, 180, 194, 161,
            181, 175, 176, 186, 166, 157, 183, 177, 171, 185, 176, 181, 174]  # fmt: skip

# [spc4hc] chapter "Screened I Chart": 24 "random" numbers.
SCREENED = [18, 16, 8, 9, 10, 11, 26, 14, 15, 14, 18, 19, 18, 11, 28, 20, 16, 17, 12, 13, 24,
            16, 15, 11]  # fmt: skip


def weeks(count: int, first: int = 1, year: int = 2025) -> list[str]:
    return [f"{year}-W{week:02d}" for week in range(first, first + count)]


# --- Limits --------------------------------------------------------------------------------


@pytest.mark.parametrize("n", range(10, 101))
def test_anhoej_limits_match_the_published_table(n: int) -> None:
    """[spc4hc] appendix E, computed there in R as round(log2(n) + 3) and
    qbinom(0.05, n - 1, 0.5); [Anhøj 2014]."""
    assert longest_run_limit(n) == LONGEST_RUN_MAX[n]
    assert crossings_limit(n) == CROSSINGS_MIN[n]


def test_the_crossings_limit_is_the_binomial_fifth_percentile() -> None:
    """Independent of the table: the smallest k with P(X <= k) >= 0.05, X ~ Bin(n - 1, 1/2),
    by floating point sums, for small and large n."""
    for n in [*range(1, 40), 150, 333]:
        trials = n - 1
        cumulative, k = 0.0, 0
        while True:
            cumulative += comb(trials, k) / 2**trials
            if cumulative >= 0.05:
                break
            k += 1
        assert crossings_limit(n) == k


# [Swed & Eisenhart 1943], two-sided 5 %: reject when runs <= low or runs >= high, for the
# most even split of n useful points. Perla et al.'s table gives the non-signal range.
SWED_EISENHART = {
    10: (2, 10),  # n1 = n2 = 5
    11: (3, 10),  # 5, 6
    12: (3, 11),  # 6, 6
    13: (3, 12),  # 6, 7
    14: (3, 13),  # 7, 7
    15: (4, 13),  # 7, 8
    16: (4, 14),  # 8, 8
    17: (5, 14),  # 8, 9
    18: (5, 15),  # 9, 9
    19: (5, 16),  # 9, 10
    20: (6, 16),  # 10, 10
}


@pytest.mark.parametrize(("n", "critical"), SWED_EISENHART.items())
def test_ihi_runs_limits_match_swed_and_eisenhart(n: int, critical: tuple[int, int]) -> None:
    """[Perla 2011] reformats [Swed & Eisenhart 1943]; our limits are the non-signal range."""
    low, high = critical
    assert runs_limits(n) == (low + 1, high - 1)


def test_ihi_runs_limits_for_24_points() -> None:
    """IHI's QI 104 example as retold on unaettie.com ("Run chart patterns"): 24 points not on
    the median, "expect 8 ~ 18 runs"; and real-statistics.com's runs test table for
    n1 = n2 = 10: 7 to 15 runs are random."""
    assert runs_limits(24) == (8, 18)
    assert runs_limits(20) == (7, 15)


@pytest.mark.parametrize("n", range(2, 17))
def test_runs_limits_by_counting_every_arrangement(n: int) -> None:
    """Brute force, independent of the formula: every way to place n // 2 points below the
    median among n, counted by number of runs; each tail may hold at most 2.5 %."""
    below = n // 2
    counts: dict[int, int] = {}
    for positions in itertools.combinations(range(n), below):
        signs = [-1 if i in positions else 1 for i in range(n)]
        runs = 1 + sum(1 for a, b in itertools.pairwise(signs) if a != b)
        counts[runs] = counts.get(runs, 0) + 1
    total = comb(n, below)
    low, high = runs_limits(n)
    assert sum(c for r, c in counts.items() if r < low) / total <= 0.025
    assert sum(c for r, c in counts.items() if r <= low) / total > 0.025
    assert sum(c for r, c in counts.items() if r > high) / total <= 0.025
    assert sum(c for r, c in counts.items() if r >= high) / total > 0.025


def test_limits_refuse_impossible_counts() -> None:
    with pytest.raises(ValueError):
        longest_run_limit(0)
    with pytest.raises(ValueError):
        crossings_limit(0)
    with pytest.raises(ValueError):
        runs_limits(1)


# --- Published run charts ------------------------------------------------------------------


def test_the_blood_pressure_run_chart() -> None:
    """[spc4hc] chapter 5: "the longest run has 4 data points (#14-#17) and the curve crosses
    the centre line 9 times. Four data points (#4, #7, #10, #26) lie directly on the centre
    line, so we have 22 useful observations ... the upper limit for longest run is 7 as is
    the lower limit for number of crossings ... no signs of persistent shifts"."""
    chart = run_chart(SYSTOLIC, direction=DOWN)
    assert chart.median == 174
    assert chart.n_obs == 26
    assert chart.n_useful == 22
    assert chart.longest_run == 4
    assert chart.crossings == 9
    assert (chart.longest_run_max, chart.crossings_min) == (7, 7)
    assert not chart.signal
    assert chart.verdict == Verdict.NO_SIGNAL
    assert [i for i, value in enumerate(SYSTOLIC) if value == chart.median] == [3, 6, 9, 25]


def test_the_blood_pressure_i_chart_finds_the_freak_point() -> None:
    """[spc4hc] chapter 5: with limits from the average moving range, "One (freak) data point
    is below the lower control limit": #6, 142 mm Hg. The book's 3 x AMR / 1.128 is Wheeler's
    2.66 x AMR ([Wheeler])."""
    chart = xmr(SYSTOLIC)
    assert chart.mean == pytest.approx(sum(SYSTOLIC) / 26)
    assert chart.amr == pytest.approx(sum(abs(b - a) for a, b in itertools.pairwise(SYSTOLIC)) / 25)
    assert chart.mean is not None and chart.amr is not None
    assert chart.lcl == pytest.approx(chart.mean - 3 * chart.amr / 1.128, abs=0.01)
    assert chart.outside == (5,)
    assert chart.signals[0].side == Side.LOWER


def test_the_screened_i_chart() -> None:
    """[spc4hc] "Screened I Chart": "The average moving range (AMR) is 5 ... 3.267 x AMR
    (= 16.3) ... the range between observations numbers 14 and 15 (|28 - 11| = 17) is
    unusually large ... recalculate AMR (= 4.45) ... control limits of the I chart (= 15.8 +/-
    2.66 x 4.45)", and the unscreened limits are "just wide enough to suppress a signal"."""
    plain = xmr(SCREENED)
    assert plain.amr == pytest.approx(5)
    assert plain.url == pytest.approx(3.268 * 5)
    assert plain.moving_ranges[14] == 17
    assert plain.outside == ()

    screened = xmr(SCREENED, screen=True)
    assert screened.screened == (14,)
    assert screened.amr == pytest.approx(4.45, abs=0.005)
    assert screened.mean == pytest.approx(15.8, abs=0.05)
    assert screened.ucl == pytest.approx(15.79 + 2.66 * 4.4545, abs=0.01)
    assert screened.outside == (14,)  # the 28


def test_balestraccis_few_runs_example() -> None:
    """[Balestracci 2008]: 16 monthly points, an intervention after the sixth to lower the
    indicator, runs of 7, 7, 1 and 1 around the median: only 4 runs where 5 to 12 are
    expected, so the intervention had an effect although no run reaches 8. The values are
    ours, built to have his run structure (the article shows only a figure)."""
    values = [30, 31, 29, 32, 33, 30, 31, 22, 21, 23, 20, 19, 22, 21, 29, 24]
    chart = run_chart(values, rules=Rules.IHI, direction=DOWN)
    assert chart.runs == 4
    assert chart.runs_min == 5  # exact 2.5 % limit; the article's table also says 5
    assert Rule.FEW_RUNS in {s.rule for s in chart.signals}
    # The IHI shift rule (six in a row, [Perla 2011]) also fires on both runs of seven.
    assert [s.points for s in chart.signals if s.rule == Rule.SHIFT] == [
        tuple(range(7)),
        tuple(range(7, 14)),
    ]
    anhoej = run_chart(values, direction=DOWN)
    assert anhoej.longest_run == 7 and anhoej.longest_run_max == 7  # not longer: no run signal
    assert anhoej.crossings == 3 and anhoej.crossings_min == 4
    assert [s.rule for s in anhoej.signals] == [Rule.FEW_CROSSINGS]


# --- The rules, point by point -------------------------------------------------------------


def test_points_on_the_median_neither_break_nor_count_in_a_run() -> None:
    """[Anhøj 2014], [Perla 2011]: values on the median are skipped."""
    #         0  1  2  3  4  5  6  7  8  9 10 11 12 13 14
    values = [1, 9, 1, 9, 1, 9, 5, 9, 9, 5, 9, 9, 1, 1, 1]
    chart = run_chart(values, baseline=None)
    assert chart.median == 5
    assert chart.n_useful == 13
    # 9, [5], 9, 9, [5], 9, 9 is one run of five above, the 5s skipped.
    assert chart.longest_run == 5
    assert chart.crossings == 6


def test_a_shift_of_six_but_not_five() -> None:
    """[Perla 2011]: six or more consecutive points on one side of the median."""
    five = [1, 10, 2, 11, 3, 12, 13, 14, 15, 16, 4, 17, 5, 6, 7, 8]
    six = [1, 10, 2, 11, 3, 12, 13, 14, 15, 16, 17, 4, 5, 6, 7, 8]
    assert run_chart(five, rules="ihi").median == run_chart(six, rules="ihi").median == 9
    assert not [s for s in run_chart(five, rules="ihi").signals if s.rule == Rule.SHIFT]
    shifts = [s for s in run_chart(six, rules="ihi").signals if s.rule == Rule.SHIFT]
    assert [(s.points, s.side) for s in shifts] == [((5, 6, 7, 8, 9, 10), Side.HIGHER)]


def test_a_trend_of_five_with_ties_skipped() -> None:
    """[Perla 2011]: five or more points all going up or all going down; "if the value of two
    or more successive points is the same, ignore one of the points when counting"."""
    tied = [5, 3, 6, 4, 1, 2, 2, 3, 4, 5, 3, 4]  # 1, 2, (2), 3, 4, 5: five counted points
    chart = run_chart(tied, rules="ihi", direction=UP)
    trends = [s for s in chart.signals if s.rule == Rule.TREND]
    assert [s.points for s in trends] == [(4, 5, 6, 7, 8, 9)]
    assert trends[0].side == Side.HIGHER
    assert chart.longest_trend == 5
    four = [5, 3, 6, 4, 1, 2, 3, 4, 2, 3, 1, 2]
    assert run_chart(four, rules="ihi").longest_trend == 4
    assert not [s for s in run_chart(four, rules="ihi").signals if s.rule == Rule.TREND]


def test_falling_trend_starts_at_the_peak() -> None:
    values = [1, 2, 3, 9, 9, 8, 7, 6, 5, 6, 5, 6, 4, 7]
    chart = run_chart(values, rules="ihi")
    assert chart.n_useful == 11
    assert [(s.rule, s.points, s.side) for s in chart.signals] == [
        (Rule.TREND, (3, 4, 5, 6, 7, 8), Side.LOWER)
    ]


def test_too_many_runs_has_no_direction() -> None:
    values = [1, 9] * 10  # 20 runs where 7 to 15 are expected
    chart = run_chart(values, rules="ihi", direction=UP)
    assert [s.rule for s in chart.signals] == [Rule.MANY_RUNS]
    assert chart.verdict == Verdict.UNCLEAR
    assert "jump up and down" in describe(chart)


def test_rules_broken_at_names_the_rules_of_a_point() -> None:
    values = [1, 2, 1, 2, 1, 2, 1, 2, 9, 10, 11, 12, 13, 14, 15, 16]
    chart = run_chart(values)
    assert [s.rule for s in chart.signals] == [Rule.LONG_RUN, Rule.FEW_CROSSINGS, Rule.LONG_RUN]
    assert set(chart.rules_broken_at(15)) == {Rule.LONG_RUN, Rule.FEW_CROSSINGS}
    assert set(chart.rules_broken_at(0)) == {Rule.LONG_RUN, Rule.FEW_CROSSINGS}
    assert chart.rules_broken_at(99) == ()


# --- Verdicts in the measure's direction ---------------------------------------------------

AFTER_A_CHANGE = [12, 14, 11, 13, 15, 12, 14, 13, 11, 14, 8, 7, 9, 8, 6, 7, 8, 7, 6, 7]


@pytest.mark.parametrize(
    ("direction", "verdict"),
    [(DOWN, Verdict.IMPROVEMENT), (UP, Verdict.DETERIORATION), (None, Verdict.UNCLEAR)],
)
def test_the_verdict_follows_the_direction(direction: Direction | None, verdict: Verdict) -> None:
    chart = run_chart(AFTER_A_CHANGE, baseline=10, direction=direction)
    assert chart.median == 13
    assert chart.verdict == verdict
    assert chart.deciding is not None and chart.deciding.rule == Rule.LONG_RUN
    assert chart.deciding.points == tuple(range(10, 20))


def test_a_run_the_process_has_left_points_the_other_way() -> None:
    """Many weeks above the median at the start, then lower: the level dropped."""
    values = [9, 10, 9, 10, 9, 10, 9, 10, 9, 2, 3, 1, 2, 8, 1, 2, 3, 1, 2, 8, 1, 2]
    chart = run_chart(values, direction=UP)
    assert chart.deciding is not None
    assert chart.deciding.side == Side.HIGHER
    assert chart.deciding.change == Side.LOWER
    assert chart.verdict == Verdict.DETERIORATION
    sentence = describe(chart, weeks(len(values), first=10))
    assert sentence == (
        "9 weeks in a row above the median from week 10, 2025 to week 18, 2025; now below the"
        " median — a deterioration"
    )


def test_a_run_below_that_ended_but_the_process_is_below_again() -> None:
    """A run the process left counts where the process is now: its last run."""
    values = [5, 6, 5, 6, 5, 6, 1, 2, 1, 2, 1, 2, 1, 2, 7, 1, 2]
    chart = run_chart(values, baseline=6, rules="ihi", direction=UP)
    assert chart.median == 5.5
    (shift,) = [s for s in chart.signals if s.rule == Rule.SHIFT]
    assert shift.points == tuple(range(6, 14))
    assert (shift.side, shift.change) == (Side.LOWER, Side.LOWER)
    assert chart.verdict == Verdict.DETERIORATION
    assert describe(chart).startswith(
        "8 values in a row below the baseline median from value 7 to value 14; now below the"
        " baseline median — a deterioration"
    )


def test_the_sentence_a_non_statistician_reads() -> None:
    values = [5, 6, 5, 7, 6, 5, 7, 6, 7, 6, 3, 2, 3, 2, 2, 3, 2, 3]
    labels = weeks(len(values) + 2, first=2)
    chart = run_chart(values, baseline=10, direction=DOWN)
    assert describe(chart, labels) == (
        "8 weeks in a row below the baseline median since week 12, 2025 — an improvement"
    )
    unfrozen = run_chart([*values, 3, 2], direction=DOWN)
    assert describe(unfrozen, labels).startswith("10 weeks in a row below the median since")


def test_sentences_for_months_dates_and_no_labels() -> None:
    values = [5, 6, 5, 7, 6, 5, 7, 6, 7, 6, 3, 2, 3, 2, 2, 3, 2, 3]
    months = [f"{2024 + (m - 1) // 12}-{(m - 1) % 12 + 1:02d}" for m in range(1, 19)]
    chart = run_chart(values, baseline=10, direction=UP)
    assert describe(chart, months) == (
        "8 months in a row below the baseline median since November 2024 — a deterioration"
    )
    assert describe(chart).startswith("8 values in a row below the baseline median since value 11")
    assert period_label("2025-Q2") == "Q2 2025"
    assert period_label("2025-03-14") == "2025-03-14"


def test_no_signal_and_too_little_data_sentences() -> None:
    assert describe(run_chart(SYSTOLIC)) == (
        "No signal in 26 values: the values vary around the median as chance would"
    )
    short = run_chart([1.0, 2.0, 3.0], direction=UP)
    assert short.verdict == Verdict.TOO_LITTLE_DATA
    assert describe(short) == (
        "Too little data to conclude: 3 values so far, at least 10 are needed"
    )
    assert verdict_label(short.verdict) == "too little data"
    assert rule_label(Rule.SHIFT) == "shift"


def test_below_ten_useful_points_nothing_is_concluded() -> None:
    """Nine points far below a frozen baseline are still too little data."""
    values = [10, 11, 10, 12, 11, 1, 1, 1, 1]
    chart = run_chart(values, baseline=5, direction=DOWN)
    assert chart.n_useful == 7
    assert chart.signals == ()
    assert chart.verdict == Verdict.TOO_LITTLE_DATA
    assert chart.longest_run == 4  # the numbers are still there to show


# --- Awkward input -------------------------------------------------------------------------


def test_a_constant_series() -> None:
    chart = run_chart([4.2] * 15, direction=UP)
    assert chart.median == pytest.approx(4.2)
    assert (chart.n_obs, chart.n_useful, chart.runs, chart.crossings) == (15, 0, 0, 0)
    assert chart.longest_run_max is None and chart.crossings_min is None
    assert chart.verdict == Verdict.TOO_LITTLE_DATA
    assert describe(chart) == (
        "Too little data to conclude: 15 of the 15 values lie exactly on the median"
    )
    control = xmr([4.2] * 15)
    assert control.amr == 0 and control.lcl == control.ucl == pytest.approx(4.2)
    assert control.outside == () and control.verdict == Verdict.NO_SIGNAL


@pytest.mark.parametrize("values", [[], [None], [None] * 12, [math.nan, math.inf, None]])
def test_nothing_to_analyse(values: list[float | None]) -> None:
    chart = run_chart(values, baseline=3, rules="ihi")
    assert chart.median is None
    assert (chart.n_obs, chart.n_useful, chart.longest_run, chart.runs) == (0, 0, 0, 0)
    assert chart.verdict == Verdict.TOO_LITTLE_DATA
    assert describe(chart).startswith("Too little data to conclude: 0 values")
    control = xmr(values, screen=True)
    assert (control.mean, control.amr, control.lcl, control.ucl) == (None, None, None, None)
    assert control.verdict == Verdict.TOO_LITTLE_DATA


@pytest.mark.parametrize("values", [[7.0], [1.0, 2.0], [3.0, None, 3.0]])
def test_very_short_series(values: list[float | None]) -> None:
    for rules in Rules:
        chart = run_chart(values, rules=rules)
        assert chart.verdict == Verdict.TOO_LITTLE_DATA
        assert chart.signals == ()
    assert xmr(values).verdict == Verdict.TOO_LITTLE_DATA


def test_missing_values_keep_their_place() -> None:
    """None (and NaN) are skipped, never break a run, and indices still point into the list."""
    values: list[float | None] = [1, 2, 1, 2, 1, None, 9, 8, None, 9, 8, math.nan, 9, 8, 9, 9]
    chart = run_chart(values)
    assert chart.n_obs == 13
    assert chart.median == 8  # the 8s at 7, 10 and 13 are on it
    assert chart.n_useful == 10
    assert (chart.runs, chart.longest_run) == (2, 5)
    assert [(s.rule, s.points) for s in chart.signals] == [
        (Rule.FEW_CROSSINGS, (0, 1, 2, 3, 4, 6, 9, 12, 14, 15))
    ]
    # The moving range next to a missing value is missing too.
    control = xmr(values)
    assert control.moving_ranges[5] is None and control.moving_ranges[6] is None
    assert control.moving_ranges[7] == 1
    assert control.n_obs == 13


def test_a_run_across_gaps() -> None:
    values: list[float | None] = [1, 2, 1, 2, 1, 2, 1, 9, None, 9, None, 9, 9, 9, 9, 9, 9, 9]
    chart = run_chart(values, baseline=7)
    assert chart.median == 1
    long_runs = [s.points for s in chart.signals if s.rule == Rule.LONG_RUN]
    assert long_runs == [(1, 3, 5, 7, 9, 11, 12, 13, 14, 15, 16, 17)]


def test_baseline_freezes_the_median() -> None:
    values = [10, 12, 11, 13, 12, 20, 21, 22, 20, 21, 22, 23]
    frozen = run_chart(values, baseline=5)
    assert frozen.median == 12  # median of 10, 12, 11, 13, 12
    assert frozen.baseline == 5
    free = run_chart(values)
    assert free.median == 20
    # A baseline longer than the data uses all of it; Nones in it are skipped.
    assert run_chart(values, baseline=99).median == free.median
    assert run_chart([None, None, 4, 6, 100], baseline=4).median == 5
    with pytest.raises(ValueError):
        run_chart(values, baseline=0)
    with pytest.raises(ValueError):
        xmr(values, baseline=-1)


def test_xmr_baseline_limits_and_verdict() -> None:
    values = [10.0, 11, 10, 12, 11, 10, 11, 12, 10, 11, 25]
    chart = xmr(values, baseline=10, direction=DOWN)
    assert chart.mean == pytest.approx(10.8)
    assert chart.outside == (10,)
    assert chart.verdict == Verdict.DETERIORATION
    assert describe(chart, [f"2025-{m:02d}" for m in range(1, 12)]) == (
        "November 2025 lies outside the natural process limits — a deterioration"
    )


# --- Stages --------------------------------------------------------------------------------


def test_stages_have_their_own_centre_lines() -> None:
    values = [12, 14, 11, 13, 15, 12, 14, 13, 11, 14, 8, 7, 9, 8, 6, 7, 8, 7, 6, 7, 8, 6]
    staged = run_chart_stages(values, [Stage(10, "New intake form from 1 March")], direction=DOWN)
    first, second = staged.parts
    assert staged.stages[1].reason == "New intake form from 1 March"
    assert (first.start, first.end, second.start, second.end) == (0, 10, 10, 22)
    assert first.median == pytest.approx(13)
    assert second.median == pytest.approx(7)
    assert staged.last is second
    assert all(10 <= i < 22 for s in second.signals for i in s.points)
    limits = xmr_stages(values, [Stage(10, "New intake form")])
    assert limits.parts[0].mean == pytest.approx(12.9)
    assert limits.parts[1].mean == pytest.approx(sum(values[10:]) / 12)


@pytest.mark.parametrize(
    "stages",
    [
        [Stage(5, "")],
        [Stage(5, "   ")],
        [Stage(0, "at the start")],
        [Stage(30, "after the end")],
        [Stage(8, "later"), Stage(4, "earlier")],
    ],
)
def test_stages_need_a_reason_and_a_place(stages: list[Stage]) -> None:
    with pytest.raises(ValueError):
        run_chart_stages(list(range(20)), stages)


# --- Properties ----------------------------------------------------------------------------

series = st.lists(
    st.one_of(st.none(), st.integers(-5, 5).map(float), st.floats(-1e6, 1e6)), max_size=60
)


@settings(max_examples=300, deadline=None)
@given(series, st.sampled_from(list(Rules)), st.one_of(st.none(), st.integers(1, 70)))
def test_invariants(values: list[float | None], rules: Rules, baseline: int | None) -> None:
    chart = run_chart(values, baseline=baseline, rules=rules, direction=UP)
    assert chart.n_useful <= chart.n_obs <= len(values)
    assert chart.longest_run <= chart.n_useful
    assert chart.crossings == max(chart.runs - 1, 0)
    if chart.n_useful < MIN_USEFUL:
        assert chart.signals == () and chart.verdict == Verdict.TOO_LITTLE_DATA
    for signal in chart.signals:
        assert all(values[i] is not None for i in signal.points)
        assert list(signal.points) == sorted(set(signal.points))
    assert chart.signal == (chart.verdict not in {Verdict.NO_SIGNAL, Verdict.TOO_LITTLE_DATA})
    assert describe(chart)
    control = xmr(values, screen=True)
    if control.lcl is not None and control.ucl is not None:
        assert control.lcl <= control.ucl
        for i in control.outside:
            value = values[i]
            assert value is not None and not control.lcl <= value <= control.ucl
