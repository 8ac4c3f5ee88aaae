"""PortfolioRows: the portfolio's rows prepared for filtering and sorting (no Textual)."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime

from rich.cells import cell_len

from forbattra.core.domain import InitiativeRow, MeasureVerdicts
from forbattra.core.vocabulary import Method, Status
from forbattra.tui import portfolio_model as model
from forbattra.tui.portfolio_view import PortfolioRows

TODAY = date(2025, 6, 1)
UNITS = ["Vård och omsorg", "Barn och utbildning", "Samhällsbyggnad"]
WORDS = ["tydligare", "väntetider", "färre", "fel", "snabbare", "beslut"]


def _rows(count: int = 300) -> list[InitiativeRow]:
    statuses = itertools.cycle(list(Status))
    return [
        InitiativeRow(
            id=n,
            title=f"{WORDS[n % 6]} {WORDS[n * 7 % 6]} {n}",
            method=Method.PDSA if n % 3 else Method.DMAIC,
            phase="plan" if n % 3 else "measure",
            status=next(statuses),
            unit=UNITS[n % 3],
            area=None if n % 4 == 0 else n % 8 + 1,
            leader=f"Ledare {n % 5}",
            updated_at=datetime(2025, 1 + n % 12, 1 + n % 28, 12, tzinfo=UTC),
            review_by=date(2025, 1, 1) if n % 5 == 0 else None,
            verdicts=MeasureVerdicts(improvement=1) if n % 7 == 0 else None,
        )
        for n in range(1, count + 1)
    ]


def _by_hand(rows: list[InitiativeRow], text: str, closed: bool, key: str, desc: bool) -> list[int]:
    words = model.filter_words(text)
    kept = [r for r in rows if (closed or model.is_open(r))]
    kept = [r for r in kept if model.matches(model.search_text(r), words)]
    return [r.id for r in model.sort_rows(kept, key, desc)]


def test_search_texts_are_search_text_of_each_row() -> None:
    rows = _rows()
    texts = model.search_texts(rows, TODAY)
    assert texts == {row.id: model.search_text(row) for row in rows}


def test_typing_on_and_deleting_give_what_a_full_search_gives() -> None:
    rows = _rows()
    view = PortfolioRows(rows)
    typed = "tydligare 12"
    # Each prefix as typed, then deleted again, with closed shown and hidden, in two orders.
    steps = [typed[:n] for n in range(len(typed) + 1)] + [typed[:n] for n in range(10, -1, -1)]
    for closed, (key, desc) in itertools.product(
        [False, True], [("changed", True), ("unit", False)]
    ):
        for text in steps:
            chosen = view.select(text, include_closed=closed, sort_key=key, descending=desc)
            assert [r.id for r in chosen.rows] == _by_hand(rows, text, closed, key, desc), text


def test_counts_for_the_status_line() -> None:
    rows = _rows(40)
    view = PortfolioRows(rows)
    open_rows = sum(1 for row in rows if model.is_open(row))
    hidden = view.select("", include_closed=False, sort_key="id", descending=False)
    assert (hidden.visible, hidden.hidden) == (open_rows, 40 - open_rows)
    shown = view.select("", include_closed=True, sort_key="id", descending=False)
    assert (shown.visible, shown.hidden, len(shown.rows)) == (40, 0, 40)
    assert view.endings == model.endings(rows)


def test_a_changed_row_is_found_by_its_new_words() -> None:
    rows = _rows(20)
    view = PortfolioRows(rows)
    assert view.select("hemgång", include_closed=True, sort_key="id", descending=False).rows == []
    changed = [replace(rows[0], title="Trygg hemgång"), *rows[1:]]
    again = PortfolioRows(changed)
    found = again.select("hemgång", include_closed=True, sort_key="id", descending=False)
    assert [row.id for row in found.rows] == [rows[0].id]


def test_content_widths_measure_the_widest_text_on_screen() -> None:
    rows = [
        replace(_rows(1)[0], id=1, title="abcdefgh"),
        replace(_rows(1)[0], id=2, title="漢字漢字漢"),  # five wide characters: ten cells
        replace(_rows(1)[0], id=3, title="a" * 9),
    ]
    assert model.content_widths(rows, cell_len)["title"] == 10
    assert model.content_widths([], cell_len)["title"] == 1
