"""The chart as a pure function: glyphs where the points are, lines where the numbers say,
and everything inside the width it is given."""

from __future__ import annotations

import time
from datetime import date

import pytest
from rich.console import Console

from forbattra.core.analysis import Rules, Stage
from forbattra.core.domain import CycleMark
from forbattra.tui.measures_model import ChartMode, build_chart, centre
from forbattra.tui.widgets.chart import (
    BASELINE,
    CENTRE,
    CYCLE,
    LIMIT,
    NOTE,
    POINT,
    SIGNAL,
    STAGE,
    TARGET,
    ChartStyles,
    draw_chart,
    plan,
    target_side,
)
from forbattra.tui.widgets.chart_text import legend, point_text, title_text

from .measure_data import AFTER, BEFORE, weekly


def lines(text: object) -> list[str]:
    return str(text).split("\n")


def test_signal_points_have_their_own_glyph_at_their_columns() -> None:
    data = build_chart(weekly(BEFORE + AFTER, baseline=10))
    width, height = 80, 14
    layout = plan(data, width, height)
    rows = lines(draw_chart(data, width, height))
    signal = data.signal_points()
    assert signal == frozenset(range(10, 18))  # the eight lower weeks, a long run
    for index, value in enumerate(data.values):
        assert value is not None
        cell = rows[layout.row(value)][layout.x(index)]
        assert cell == (SIGNAL if index in signal else POINT), index
    # Without colour the signal still shows: a different character, not just a style.
    assert sum(row.count(SIGNAL) for row in rows) == len(signal)
    assert sum(row.count(POINT) for row in rows) == len(data.values) - len(signal)


def test_the_median_and_the_target_are_lines_on_their_rows() -> None:
    data = build_chart(weekly(BEFORE + AFTER, target=4))
    layout = plan(data, 80, 14)
    rows = lines(draw_chart(data, 80, 14))
    median = centre(data.current)
    assert median is not None
    assert rows[layout.row(median)].count(CENTRE) > 30
    target_row = rows[layout.row(4)]
    assert target_row.count(TARGET) > 30
    assert target_row[: layout.left].strip().startswith("4")  # the axis names the target
    assert f"{TARGET} target 4" in str(legend(data))


def test_a_far_target_does_not_squash_the_values() -> None:
    data = build_chart(weekly(BEFORE, target=100))
    assert target_side(data) == 1
    assert TARGET not in str(draw_chart(data, 80, 12))
    assert "target 100, far above the values" in str(legend(data))


@pytest.mark.parametrize("width", [40, 60, 80, 120, 160])
@pytest.mark.parametrize("count", [1, 5, 18, 60, 300])
def test_the_chart_fits_its_width_and_height(width: int, count: int) -> None:
    values = [float(i % 7) for i in range(count)]
    data = build_chart(weekly(values, target=3, notes={0: "start"}), mode=ChartMode.XMR)
    rows = lines(draw_chart(data, width, 12, selected=count - 1))
    assert len(rows) == 12
    assert all(len(row) <= width for row in rows)
    rendered = Console(width=width, color_system=None, record=True)
    rendered.print(draw_chart(data, width, 12))
    assert all(len(row) <= width for row in rendered.export_text().splitlines())


def test_eighty_columns_show_every_point_of_a_year_of_weeks() -> None:
    data = build_chart(weekly([float(i % 5) for i in range(52)]))
    layout = plan(data, 78, 12)
    assert (layout.start, layout.count) == (0, 52)


def test_many_points_show_the_latest_or_those_around_the_selected_one() -> None:
    data = build_chart(weekly([float(i % 5) for i in range(200)]))
    latest = plan(data, 80, 12)
    assert latest.start + latest.count == 200
    early = plan(data, 80, 12, selected=3)
    assert early.start == 3
    assert early.visible(3)


def test_the_selected_point_is_reversed_and_named_on_the_axis() -> None:
    data = build_chart(weekly(BEFORE + AFTER))
    styles = ChartStyles()
    text = draw_chart(data, 80, 14, selected=12, styles=styles)
    layout = plan(data, 80, 14, selected=12)
    rows = lines(text)
    assert "w14 2025" in rows[-1]  # week 14 is the 13th week from week 2
    value = data.values[12]
    assert value is not None
    offset = sum(len(row) + 1 for row in rows[: layout.row(value)]) + layout.x(12)
    assert text.get_style_at_offset(Console(), offset).reverse


def test_baseline_stage_and_markers() -> None:
    measure = weekly(BEFORE + AFTER, baseline=10, notes={3: "Ny blankett från 1 mars"})
    cycles = [CycleMark(1, "Ring upp dagen före", date(2025, 3, 12))]
    data = build_chart(measure, cycles)
    rows = lines(draw_chart(data, 80, 14))
    layout = plan(data, 80, 14)
    assert data.baseline == 10
    assert rows[0][layout.slot(10)] == BASELINE
    # Week 11 (10 March) is the first value on or after the cycle's start.
    assert data.markers_at(10)[0].kind == "cycle"
    assert rows[layout.marker_row or 0][layout.x(10) : layout.x(10) + 2] == f"{CYCLE}1"
    assert rows[layout.marker_row or 0][layout.x(3)] == NOTE
    staged = build_chart(measure, cycles, stages=[Stage(10, "Ny rutin införd")])
    assert staged.baseline is None  # a stage replaces the frozen baseline
    assert STAGE in draw_chart(staged, 80, 14).plain
    assert staged.sentence().startswith("Since week 12, 2025 (Ny rutin införd):")
    assert "2 stages" in title_text(staged)


def test_xmr_draws_limits_and_marks_a_point_outside_them() -> None:
    values: list[float | None] = [10, 11, 9, 10, 11, 10, 9, 10, 11, 10, 30, 10]
    data = build_chart(weekly(values, direction="up"), mode=ChartMode.XMR)
    rows = lines(draw_chart(data, 80, 14))
    layout = plan(data, 80, 14)
    assert any(LIMIT in row for row in rows)
    assert rows[layout.row(30)][layout.x(10)] == SIGNAL
    assert "outside the limits" in point_text(data, 10).plain
    assert "limits" in legend(data).plain


def test_the_point_text_names_the_rules_each_point_broke() -> None:
    data = build_chart(weekly(BEFORE + AFTER), rules=Rules.IHI)
    text = point_text(data, 17).plain
    assert text.startswith("week 19, 2025: 5 dagar")
    assert "broke: shift" in text
    assert "trend" not in text
    assert "on the median" in point_text(build_chart(weekly([1, 2, 3])), 1).plain


def test_missing_values_leave_a_gap_and_no_glyph() -> None:
    values: list[float | None] = [5, 6, None, 6, 5]
    data = build_chart(weekly(values))
    rows = lines(draw_chart(data, 40, 8))
    assert sum(row.count(POINT) for row in rows) == 4
    assert "no value" in point_text(data, 2).plain


def test_nothing_to_draw_is_said_in_words() -> None:
    assert "No values yet" in draw_chart(build_chart(weekly([])), 80, 10).plain
    assert "too small" in draw_chart(build_chart(weekly([1, 2])), 8, 10).plain


def test_drawing_is_cheap() -> None:
    data = build_chart(weekly([float(i % 9) for i in range(150)], target=4), mode=ChartMode.XMR)
    started = time.perf_counter()
    for _ in range(20):
        draw_chart(data, 160, 40, selected=140)
    assert (time.perf_counter() - started) / 20 < 0.05


def test_weeks_get_the_year_where_it_changes() -> None:
    measure = weekly([1.0] * 8, start=date(2024, 12, 9))
    rows = lines(draw_chart(build_chart(measure), 80, 6))
    assert rows[-1].split()[:2] == ["w50", "2024"]
    labels = rows[-1].split()
    assert labels.count("2024") == labels.count("2025") == 1  # once, where it changes
    assert labels.index("2025") > labels.index("w52")
