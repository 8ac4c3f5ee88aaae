"""The portfolio's table: columns that fit the window, rows added in batches as you scroll."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from forbattra.core.vocabulary import Status, area_label, label
from forbattra.tui import portfolio_model as model

if TYPE_CHECKING:
    from forbattra.core.domain import InitiativeRow

_MUTED_STATUSES = {Status.COMPLETED, Status.CLOSED}


class PortfolioTable(DataTable[Text]):
    """A DataTable of initiatives, one row each, keyed by the initiative's id.

    The screen decides which rows, in which order (:meth:`show`); this widget decides which
    columns fit the window and only adds rows as they are needed, because DataTable measures
    every cell it is given (about 0.15 ms a row) before it can draw.

    Cells are always :class:`rich.text.Text`, so user text is never read as markup.
    """

    BINDINGS = [
        Binding("home", "scroll_top", show=False),
        Binding("end", "scroll_bottom", show=False),
    ]

    BATCH = 100
    """Rows added at a time when the cursor or the scroll nears the end of those added."""
    MARGIN = 10
    """Rows added beyond the first screenful."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._rows: list[InitiativeRow] = []
        self._loaded = 0
        self._layout: model.Layout | None = None
        self._content: dict[str, int] = {}
        self.sort_key = "changed"
        self.sort_descending = True

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._scrolled, init=False)

    @property
    def layout_keys(self) -> tuple[str, ...]:
        """The keys of the columns shown now."""
        return self._layout.keys if self._layout else ()

    @property
    def shown_ids(self) -> list[int]:
        """Ids of every row the table holds now, top to bottom (tests and the help use it)."""
        return [row.id for row in self._rows[: self._loaded]]

    def highlighted_id(self) -> int | None:
        """The id of the initiative under the cursor, or None when the table is empty."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value
        return int(key) if key is not None else None

    def measure(self, rows: list[InitiativeRow]) -> None:
        """Size the columns for these rows (all that are loaded, so filtering never moves them)."""
        self._content = model.content_widths(rows, cell_len)

    def show(self, rows: list[InitiativeRow], *, keep: int | None = None) -> None:
        """Show ``rows`` in this order, keeping the cursor on initiative ``keep`` if it is near
        the top (further down would mean adding, and measuring, every row above it)."""
        # Same rows with the same contents: nothing to redraw (a status change is a change).
        unchanged = rows == self._rows
        self._rows = rows
        if not self._relayout(keep) and not (unchanged and self.row_count):
            self._refill(keep)

    def set_sort(self, key: str, descending: bool) -> None:
        """Record the sort shown by the arrow in the heading (the screen sorts the rows)."""
        self.sort_key = key
        self.sort_descending = descending
        self._layout = None  # headings change; rebuild the columns on the next show()

    def fit(self) -> None:
        """Recompute the columns for the current width (after a resize)."""
        self._relayout(self.highlighted_id())

    def _headings(self) -> dict[str, int]:
        return {
            spec.key: cell_len(spec.title) + (model.ARROW if spec.key == self.sort_key else 0)
            for spec in model.COLUMNS
        }

    def _relayout(self, keep: int | None) -> bool:
        """Rebuild the columns if a different layout fits now; True if the rows were refilled."""
        width = self.size.width or self.app.size.width
        # Leave room for the vertical scrollbar so the last column never hides under it.
        available = max(width - self.styles.scrollbar_size_vertical, 10)
        layout = model.plan_columns(available, self._content, self._headings())
        if layout == self._layout:
            return False
        self._layout = layout
        self.clear(columns=True)
        for key, column_width in layout.columns:
            heading = Text(model.SPECS[key].title)
            if key == self.sort_key:
                heading.append(" ▼" if self.sort_descending else " ▲")
            self.add_column(heading, width=column_width, key=key)
        self._refill(keep)
        return True

    def _refill(self, keep: int | None) -> None:
        self.clear()
        self._loaded = 0
        # A screenful and a little more is enough to draw (each row added costs a filter
        # keystroke time); more comes as the cursor or the scroll moves down.
        first = max((self.size.height or self.app.size.height) + self.MARGIN, 30)
        target = 0
        if keep is not None:
            found = (i for i, row in enumerate(self._rows[: self.BATCH]) if row.id == keep)
            target = next(found, 0)
        self._load_until(max(first, target + first // 2))
        if target:
            self.move_cursor(row=target, animate=False, scroll=True)

    def _load_until(self, index: int) -> None:
        end = min(len(self._rows), max(index, self._loaded + 1))
        if self._layout is None or end <= self._loaded:
            return
        named = self._layout.named_areas
        keys = self._layout.keys
        for row in self._rows[self._loaded : end]:
            cells = _cells(row, named)
            self.add_row(*(cells[key] for key in keys), key=str(row.id))
        self._loaded = end

    def _more_if_near_end(self, position: int) -> None:
        if self._loaded < len(self._rows) and position >= self._loaded - self.size.height:
            self._load_until(self._loaded + self.BATCH)

    def _scrolled(self, _old: float, new: float) -> None:
        self._more_if_near_end(int(new) + self.size.height)

    def on_resize(self, _event: events.Resize) -> None:
        self.fit()

    def action_scroll_bottom(self) -> None:
        """To the very last row (adding the rows not shown yet), not just the last one added."""
        self._load_until(len(self._rows))
        super().action_scroll_bottom()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._more_if_near_end(event.cursor_row)


def _text(value: str, style: str = "") -> Text:
    return Text(value, style=style, no_wrap=True, overflow="ellipsis", end="")


def _cells(row: InitiativeRow, named_areas: bool) -> dict[str, Text]:
    muted = "dim" if row.status in _MUTED_STATUSES else ""
    if row.area is None:
        area = _text("–", "dim")
    elif named_areas:
        area = _text(f"{row.area} {area_label(row.area)}")
    else:
        area = _text(str(row.area))
    return {
        "id": _text(str(row.id), "dim"),
        "title": _text(row.title, muted),
        "method": _text(label(row.method)),
        "phase": _text(row.phase_name),
        "status": _status(row, muted),
        "unit": _text(row.unit),
        "area": area,
        "leader": _text(row.leader),
        "changed": _text(row.updated_at.astimezone().strftime("%Y-%m-%d")),
        "measures": _text(model.measures_text(row), "bold" if model.signal_of(row) else ""),
    }


def _status(row: InitiativeRow, muted: str) -> Text:
    """Paused in italics; an overdue pause marked, in words and in the warning colour."""
    if model.is_overdue(row):
        return _text(model.status_text(row), "bold dark_orange")
    return _text(label(row.status), "italic" if row.status == Status.PAUSED else muted)
