"""What the portfolio shows, without Textual: columns that fit a width, sorting and filtering.

Pure functions over :class:`~forbattra.core.domain.InitiativeRow`, so they are cheap to test
and the screen stays small. Column titles are message ids, translated when a table is built.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from forbattra.core import methods
from forbattra.core.closure import is_overdue_pause
from forbattra.core.domain import MeasuresSignal
from forbattra.core.vocabulary import Method, Status, area_label, area_short, label
from forbattra.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from forbattra.core.domain import InitiativeRow

# Width of the gap DataTable puts around every cell (cell_padding 1 on each side).
CELL_PADDING = 2
# Room a heading needs for the sort arrow (" ▲").
ARROW = 2


@dataclass(frozen=True)
class ColumnSpec:
    """One possible column. Fixed columns are as wide as their widest value; flexible ones
    share what is left, by weight, between ``min_width`` and ``max_width``."""

    key: str
    title_msgid: str
    flexible: bool = False
    min_width: int = 0
    max_width: int = 0
    weight: int = 0
    newest_first: bool = False

    @property
    def title(self) -> str:
        return _(self.title_msgid)


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("id", N_("ID")),
    ColumnSpec("title", N_("Title"), flexible=True, min_width=36, max_width=100, weight=6),
    ColumnSpec("method", N_("Method")),
    ColumnSpec("phase", N_("Phase")),
    ColumnSpec("status", N_("Status")),
    ColumnSpec("measures", N_("Measures")),
    ColumnSpec("unit", N_("Unit"), flexible=True, min_width=18, max_width=60, weight=3),
    ColumnSpec("area", N_("Area")),
    ColumnSpec("leader", N_("Leader"), flexible=True, min_width=12, max_width=30, weight=2),
    ColumnSpec("changed", N_("Changed"), newest_first=True),
)
SPECS: dict[str, ColumnSpec] = {spec.key: spec for spec in COLUMNS}
SORT_KEYS: tuple[str, ...] = tuple(SPECS)

# The area column names the Kommunkompassen area ("5 User focus") when there is room.
NAMED_AREA = ColumnSpec("area", N_("Area"), flexible=True, min_width=16, max_width=44, weight=3)

# How the table gives way as the window narrows: the first step that fits wins. The title,
# phase and status always stay; unit names are long ("Kommunledningsförvaltningen"), so they
# go before the date of the last change. Pressing Enter on a row shows everything.
# (columns left out, whether areas are named, the least width the title may get)
_STEPS: tuple[tuple[frozenset[str], bool, int], ...] = (
    (frozenset(), True, 40),
    (frozenset(), False, 0),
    (frozenset({"id"}), False, 0),
    (frozenset({"id", "method"}), False, 0),
    (frozenset({"id", "method", "area"}), False, 0),
    (frozenset({"id", "method", "area", "leader"}), False, 0),
    (frozenset({"id", "method", "area", "leader", "unit"}), False, 0),
    (frozenset({"id", "method", "area", "leader", "unit", "changed"}), False, 0),
    (frozenset({"id", "method", "area", "leader", "unit", "changed", "measures"}), False, 0),
)
# However narrow the window, the title keeps this many cells.
TITLE_LEAST = 12


@dataclass(frozen=True)
class Layout:
    """The columns to show, in order, with their widths (without padding)."""

    columns: tuple[tuple[str, int], ...]
    named_areas: bool

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(key for key, _width in self.columns)

    @property
    def width(self) -> int:
        return sum(width + CELL_PADDING for _key, width in self.columns)


def plan_columns(available: int, content: Mapping[str, int], headings: Mapping[str, int]) -> Layout:
    """Choose columns and widths for ``available`` cells.

    ``content`` holds the width of each column's widest value (see :func:`content_widths`);
    ``headings`` the widths of the headings, with room for a sort arrow where there is one.
    A flexible column never gets wider than its widest value while another could use the room.
    """
    # The measures column only when some initiative has measures.
    absent = frozenset() if content.get("measures") else frozenset({"measures"})
    for dropped, named_areas, title_floor in _STEPS:
        specs = [
            NAMED_AREA if named_areas and spec.key == "area" else spec
            for spec in COLUMNS
            if spec.key not in dropped | absent
        ]
        layout = _fit(specs, available, content, headings, named_areas, title_floor)
        if layout is not None:
            return layout
    # Nothing fits (a very narrow window): title, phase and status, the title shortened.
    specs = [spec for spec in COLUMNS if spec.key not in _STEPS[-1][0]]
    widths = {spec.key: _least(spec, content, headings) for spec in specs}
    others = sum(width + CELL_PADDING for key, width in widths.items() if key != "title")
    widths["title"] = max(TITLE_LEAST, available - others - CELL_PADDING)
    return Layout(tuple((spec.key, widths[spec.key]) for spec in specs), named_areas=False)


def _content_key(spec: ColumnSpec) -> str:
    return "area_named" if spec is NAMED_AREA else spec.key


def _least(spec: ColumnSpec, content: Mapping[str, int], headings: Mapping[str, int]) -> int:
    heading = headings.get(spec.key, 0)
    widest = content.get(_content_key(spec), spec.min_width if spec.flexible else 1)
    if spec.flexible:
        return max(heading, min(spec.min_width, widest), 1)
    return max(widest, heading, 1)


def _most(spec: ColumnSpec, content: Mapping[str, int], least: int) -> int:
    return max(least, min(spec.max_width, content.get(_content_key(spec), spec.max_width)))


def _fit(
    specs: Sequence[ColumnSpec],
    available: int,
    content: Mapping[str, int],
    headings: Mapping[str, int],
    named_areas: bool,
    title_floor: int,
) -> Layout | None:
    widths = {spec.key: _least(spec, content, headings) for spec in specs}
    flexible = [spec for spec in specs if spec.flexible]
    most = {spec.key: _most(spec, content, widths[spec.key]) for spec in flexible}
    widths["title"] = max(widths["title"], min(title_floor, most["title"]))
    spare = available - sum(width + CELL_PADDING for width in widths.values())
    if spare < 0:
        return None
    # Share the spare width by weight, a cell at a time, so rounding never loses any.
    while spare > 0:
        growing = [spec for spec in flexible if widths[spec.key] < most[spec.key]]
        if not growing:
            break
        total = sum(spec.weight for spec in growing)
        given = 0
        for spec in growing:
            share = max(1, spare * spec.weight // total)
            share = min(share, most[spec.key] - widths[spec.key], spare - given)
            widths[spec.key] += share
            given += share
            if given >= spare:
                break
        spare -= given
    # Whatever is left widens the title, so the rows span the window.
    widths["title"] += spare
    return Layout(tuple((spec.key, widths[spec.key]) for spec in specs), named_areas)


# Å, Ä and Ö are letters of their own after Z in Swedish: map them past "z" before the
# accents of other letters (é, ü) are dropped.
_SWEDISH_LETTERS = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})


@lru_cache(maxsize=16_384)
def _swedish_fold(text: str) -> str:
    """A sort key in Swedish alphabetical order, ignoring case and other accents."""
    folded = text.casefold().translate(_SWEDISH_LETTERS)
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


_STATUS_ORDER = {status: index for index, status in enumerate(Status)}
_METHOD_ORDER = {method: index for index, method in enumerate(Method)}


def _phase_position(row: InitiativeRow) -> int:
    try:
        return methods.phase_index(row.method, row.phase)
    except ValueError:
        return len(methods.phases(row.method))


def _text_or_none(value: str) -> str | None:
    return _swedish_fold(value) if value.strip() else None


_SORT_VALUES: dict[str, Callable[[InitiativeRow], Any]] = {
    "id": lambda row: row.id,
    "title": lambda row: _swedish_fold(row.title),
    "method": lambda row: _swedish_fold(label(row.method)),
    # Each method's phases in their own order: DMAIC's five, then PDSA's.
    "phase": lambda row: (_METHOD_ORDER[row.method], _phase_position(row)),
    "status": lambda row: _STATUS_ORDER[row.status],
    "unit": lambda row: _text_or_none(row.unit),
    "area": lambda row: row.area,
    "leader": lambda row: _text_or_none(row.leader),
    "changed": lambda row: row.updated_at,
    "measures": lambda row: _signal_order(row),
}


def sort_rows(rows: Iterable[InitiativeRow], key: str, descending: bool) -> list[InitiativeRow]:
    """Rows ordered by column ``key``; empty values always last, ties newest change first."""
    value = _SORT_VALUES[key]
    ordered = sorted(rows, key=lambda row: (row.updated_at, row.id), reverse=True)
    present = [row for row in ordered if value(row) is not None]
    missing = [row for row in ordered if value(row) is None]
    present.sort(key=value, reverse=descending)
    return present + missing


def search_text(row: InitiativeRow) -> str:
    """Everything a filter may match in a row, in the current language, case-folded."""
    parts = (
        str(row.id),
        row.title,
        row.unit,
        row.leader,
        label(row.method),
        row.phase_name,
        status_text(row),
        area_label(row.area),
        measures_text(row),
    )
    return " ".join(parts).casefold()


def search_texts(rows: Iterable[InitiativeRow], today: date | None = None) -> dict[int, str]:
    """:func:`search_text` of every row, by id; the translated words are looked up once per
    value instead of once per row (10,000 rows in a few hundredths of a second)."""
    today = today or date.today()
    labels: dict[tuple[object, ...], str] = {}
    texts = {}
    for row in rows:
        key = (
            row.method,
            row.phase,
            is_overdue(row, today) or row.status,
            row.area,
            signal_of(row),
        )
        described = labels.get(key)
        if described is None:
            described = labels[key] = " ".join(
                (
                    label(row.method),
                    row.phase_name,
                    status_text(row, today),
                    area_label(row.area),
                    measures_text(row),
                )
            )
        texts[row.id] = f"{row.id} {row.title} {row.unit} {row.leader} {described}".casefold()
    return texts


def filter_words(text: str) -> list[str]:
    return text.casefold().split()


def matches(haystack: str, words: Sequence[str]) -> bool:
    """True when every word of the filter occurs somewhere in the row."""
    return all(word in haystack for word in words)


def is_overdue(row: InitiativeRow, today: date | None = None) -> bool:
    """Paused past its review-by date (or without one): flagged until resumed or closed."""
    return is_overdue_pause(row.status, row.review_by, today or date.today())


OVERDUE_MARK = "⚠"


def status_text(row: InitiativeRow, today: date | None = None) -> str:
    """The status cell: the status, or a marked warning in words for an overdue pause."""
    if is_overdue(row, today):
        return f"{OVERDUE_MARK} " + _("review overdue")
    return label(row.status)


def endings(rows: Sequence[InitiativeRow], today: date | None = None) -> list[str]:
    """The portfolio's endings for its status line: closures count as lessons, beside
    completions; and how many pauses are overdue."""
    today = today or date.today()
    closed = sum(1 for row in rows if row.status is Status.CLOSED)
    completed = sum(1 for row in rows if row.status is Status.COMPLETED)
    overdue = sum(1 for row in rows if row.status is Status.PAUSED and is_overdue(row, today))
    parts = []
    if closed or completed:
        parts.append(
            ngettext("{count} lesson", "{count} lessons", closed).format(count=closed)
            + ", "
            + ngettext("{count} completed", "{count} completed", completed).format(count=completed)
        )
    if overdue:
        parts.append(
            ngettext(
                "{mark} {count} pause past its review date",
                "{mark} {count} pauses past their review date",
                overdue,
            ).format(mark=OVERDUE_MARK, count=overdue)
        )
    return parts


def is_open(row: InitiativeRow) -> bool:
    """Active and paused initiatives; closed and completed ones are hidden unless asked for."""
    return row.status in (Status.ACTIVE, Status.PAUSED)


def content_widths(rows: Sequence[InitiativeRow], cell_len: Callable[[str], int]) -> dict[str, int]:
    """The width of every column's widest value, in the current language.

    Fixed columns count every value they could show (all phases, all statuses), so the
    layout does not jump when a filter hides the widest one.
    """
    phase_names = [phase.name for method in Method for phase in methods.phases(method)]
    areas = {row.area for row in rows if row.area is not None}
    return {
        "id": max((len(str(row.id)) for row in rows), default=1),
        "title": _widest({row.title for row in rows}, cell_len),
        "method": max(cell_len(label(method)) for method in Method),
        "phase": max(cell_len(name) for name in phase_names),
        "status": max(
            [cell_len(label(status)) for status in Status]
            + [cell_len(status_text(row)) for row in rows if is_overdue(row)]
        ),
        "unit": _widest({row.unit for row in rows}, cell_len),
        "area": 1,
        "area_named": max((cell_len(area_short(area)) for area in areas), default=1),
        "leader": _widest({row.leader for row in rows}, cell_len),
        "changed": len("2025-01-31"),
        "measures": max((cell_len(measures_text(row)) for row in rows), default=0),
    }


def _widest(values: Iterable[str], cell_len: Callable[[str], int]) -> int:
    """The widest of ``values`` on screen (1 at least), measuring only the longest: a
    character takes at most two cells, so a text half as long as the widest cannot beat it."""
    widest = 1
    for value in sorted(values, key=len, reverse=True):
        if 2 * len(value) <= widest:
            break
        widest = max(widest, cell_len(value))
    return widest


# --- What the measures say (issue 4): one word per initiative -------------------------------

SIGNAL_MARKS = {
    MeasuresSignal.MIXED: "✓✗",
    MeasuresSignal.IMPROVEMENT: "✓",
    MeasuresSignal.DETERIORATION: "✗",
    MeasuresSignal.UNCLEAR: "?",
    MeasuresSignal.NO_SIGNAL: "·",
    MeasuresSignal.TOO_LITTLE_DATA: "…",
    MeasuresSignal.NONE: "",
}
_SIGNAL_LABELS = {
    MeasuresSignal.MIXED: N_("mixed"),
    MeasuresSignal.IMPROVEMENT: N_("improvement"),
    MeasuresSignal.DETERIORATION: N_("deterioration"),
    MeasuresSignal.UNCLEAR: N_("signal, direction unclear"),
    MeasuresSignal.NO_SIGNAL: N_("no signal"),
    MeasuresSignal.TOO_LITTLE_DATA: N_("too little data"),
    MeasuresSignal.NONE: N_("no measures"),
}
# Worst news first when sorted: a deterioration must not hide in the middle of the list.
_SIGNAL_ORDER: dict[MeasuresSignal, int] = {
    signal: index for index, signal in enumerate(MeasuresSignal)
}


def _signal_order(row: InitiativeRow) -> int | None:
    signal = signal_of(row)
    return None if signal is None else _SIGNAL_ORDER[signal]


def signal_of(row: InitiativeRow) -> MeasuresSignal | None:
    """What the initiative's measures say; None before they are read, or without measures."""
    if row.verdicts is None or row.verdicts.signal is MeasuresSignal.NONE:
        return None
    return row.verdicts.signal


def measures_text(row: InitiativeRow) -> str:
    """The measures cell: a mark that reads without colour, and a word or two."""
    signal = signal_of(row)
    if signal is None:
        return ""
    return f"{SIGNAL_MARKS[signal]} {_(_SIGNAL_LABELS[signal])}"


def keep_verdicts(
    rows: list[InitiativeRow], before: Sequence[InitiativeRow]
) -> list[InitiativeRow]:
    """Fresh rows keep the verdicts read before, until new ones arrive (no jumping column)."""
    known = {row.id: row.verdicts for row in before if row.verdicts is not None}
    if not known:
        return rows
    return [
        replace(row, verdicts=known[row.id]) if row.verdicts is None and row.id in known else row
        for row in rows
    ]
