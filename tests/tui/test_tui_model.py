"""The portfolio's pure parts: which columns fit, sort order, filter words, hints."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from rich.cells import cell_len

from forbattra.core.domain import InitiativeRow
from forbattra.core.vocabulary import Method, Status
from forbattra.tui import hints
from forbattra.tui import portfolio_model as model


def row(id: int, title: str = "T", **fields: object) -> InitiativeRow:
    base = InitiativeRow(
        id=id,
        title=title,
        method=Method.DMAIC,
        phase="define",
        status=Status.ACTIVE,
        unit="",
        area=None,
        leader="",
        updated_at=datetime(2025, 3, id % 28 + 1, 12, tzinfo=UTC),
    )
    return replace(base, **fields)  # type: ignore[arg-type]


LONG = [
    row(
        1,
        "Tydligare information till nyanlända i genomgångsbostäderna",
        unit="Arbetsmarknads- och integrationsförvaltningen",
        area=5,
        leader="Amira Haddad",
    ),
    row(2, "Upphäva kvalitetsstrategin", unit="Kommunledningskontoret", area=3, leader="Jo"),
]
HEADINGS = {spec.key: cell_len(spec.title) for spec in model.COLUMNS}


def plan(width: int, rows: list[InitiativeRow] = LONG) -> model.Layout:
    return model.plan_columns(width, model.content_widths(rows, cell_len), HEADINGS)


@pytest.mark.parametrize("width", [40, 60, 79, 99, 119, 159, 199, 300])
def test_the_columns_fit_the_window(width: int) -> None:
    layout = plan(width)
    assert layout.keys[0] in ("id", "title")
    assert {"title", "phase", "status"} <= set(layout.keys)
    if width >= 60:
        assert layout.width <= width


def test_columns_give_way_in_order_as_the_window_narrows() -> None:
    shown = [set(plan(width).keys) for width in range(300, 60, -1)]
    for wider, narrower in itertools.pairwise(shown):
        assert narrower <= wider
    order = ["id", "method", "area", "leader", "unit", "changed"]
    gone = [key for key in order if key not in plan(70).keys]
    assert gone == order


def test_areas_are_named_only_when_the_title_still_has_room() -> None:
    assert plan(200).named_areas
    assert not plan(120).named_areas
    assert plan(200).width <= 200


def test_short_values_leave_room_for_more_columns() -> None:
    short = [row(1, "Kort", unit="Skola", leader="Ann")]
    assert {"unit", "leader", "changed"} <= set(plan(80, short).keys)


def test_the_title_never_grows_past_its_text_while_others_need_room() -> None:
    layout = dict(plan(200).columns)
    assert layout["title"] >= cell_len(LONG[0].title)
    assert layout["unit"] >= cell_len(LONG[0].unit)


def test_titles_sort_in_swedish_order() -> None:
    rows = [row(i, title) for i, title in enumerate(["ö", "Z", "å", "ä", "a", "É"], 1)]
    ordered = [r.title for r in model.sort_rows(rows, "title", descending=False)]
    assert ordered == ["a", "É", "Z", "å", "ä", "ö"]


@pytest.mark.parametrize("descending", [False, True])
def test_empty_values_go_last_in_either_direction(descending: bool) -> None:
    rows = [row(1, leader=""), row(2, leader="Bo"), row(3, leader="Al"), row(4, area=None)]
    by_leader = [r.id for r in model.sort_rows(rows, "leader", descending)]
    assert by_leader[:2] == ([2, 3] if descending else [3, 2])
    assert set(by_leader[2:]) == {1, 4}


def test_phases_sort_in_the_order_of_their_method() -> None:
    rows = [
        row(1, phase="control"),
        row(2, phase="cycles", method=Method.PDSA),
        row(3, phase="define"),
        row(4, phase="aim", method=Method.PDSA),
        row(5, phase="analyze"),
    ]
    assert [r.phase for r in model.sort_rows(rows, "phase", False)] == [
        "define",
        "analyze",
        "control",
        "aim",
        "cycles",
    ]


def test_ties_keep_the_newest_change_first() -> None:
    rows = [row(1, status=Status.PAUSED), row(3), row(2)]
    assert [r.id for r in model.sort_rows(rows, "status", False)] == [3, 2, 1]


def test_every_filter_word_must_match_somewhere() -> None:
    haystack = model.search_text(row(7, "Trygg hemgång", unit="Vård och omsorg", leader="Erik"))
    assert model.matches(haystack, model.filter_words("erik OMSORG"))
    assert model.matches(haystack, model.filter_words("define"))  # the phase, translated
    assert not model.matches(haystack, model.filter_words("erik skola"))
    assert model.matches(haystack, [])


def test_passwords_never_show() -> None:
    url = "postgresql+psycopg://anna:hemligt@db.kommun.se:5432/forbattra"
    assert hints.shown_location(url) == "postgresql+psycopg://anna:***@db.kommun.se:5432/forbattra"
    assert hints.shown_location("/tmp/x.db") == "/tmp/x.db"


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("/tmp/x.db", "/tmp/x.db"),
        ("/tmp/a b.db", '"/tmp/a b.db"'),
        ("Kortare väntetider", '"Kortare väntetider"'),
        ("a$b", "'a$b'"),
    ],
)
def test_hints_quote_for_the_shell(text: str, quoted: str) -> None:
    assert hints.quote(text) == quoted
