"""The activities of a stop-doing check, one row each: what, who, time, decision, time freed."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from forbattra.core.domain import StopItemView
from forbattra.core.stop_doing import counts_as_freed, hours_text
from forbattra.core.vocabulary import FollowUpResult, StopDecision, label
from forbattra.i18n import _

# The activity column never gets narrower than this; "who" no wider than that.
ACTIVITY_LEAST = 16
WHO_MOST = 20
# Below this width for the activity, the who column gives way (down to its heading).
ACTIVITY_WANTED = 32
# How each decision reads at a glance, without colour alone: a mark and a word.
DECISION_MARKS = {
    StopDecision.UNDECIDED: "·",
    StopDecision.KEEP: "=",
    StopDecision.SIMPLIFY: "↓",
    StopDecision.REPLACE: "⇄",
    StopDecision.STOP: "✂",
}


def _cell(value: str, style: str = "") -> Text:
    return Text(value, style=style, no_wrap=True, overflow="ellipsis", end="")


def decision_text(item: StopItemView) -> Text:
    return _cell(
        f"{DECISION_MARKS[item.decision]} {label(item.decision)}",
        "" if item.decision is not StopDecision.UNDECIDED else "dim",
    )


def follow_up_text(item: StopItemView) -> Text:
    """The follow-up: ✓ confirmed or ↺ restarted on a date, or ? the date it is planned for
    (the words are in the line under the table)."""
    day = item.follow_up_on.isoformat() if item.follow_up_on else ""
    if item.follow_up_result is FollowUpResult.CONFIRMED:
        return _cell(f"✓ {day}")
    if item.follow_up_result is FollowUpResult.RESTARTED:
        return _cell(f"↺ {day}", "italic")
    if day:
        return _cell(f"? {day}")
    return _cell("–", "dim")


def freed_text(item: StopItemView) -> Text:
    if item.decision is StopDecision.UNDECIDED:
        return _cell("–", "dim")
    text = hours_text(item.hours_freed)
    if not counts_as_freed(item):  # restarted: the estimate stays, as history
        return _cell(f"({text})", "dim")
    return _cell(text, "bold" if item.hours_freed else "")


def cost_text(item: StopItemView) -> Text:
    """Hours a month, and how it was worked out when it came from minutes × times."""
    if item.cost_per_month is None:
        return _cell("?", "dim")
    return _cell(hours_text(item.cost_per_month))


class StopItemsTable(DataTable[Text]):
    """One row per activity, keyed by the item's id. Cells are ``Text``: user text is
    never read as markup."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._ids: list[int] = []
        self._items: tuple[StopItemView, ...] = ()

    def show(self, items: Sequence[StopItemView], *, keep: int | None = None) -> None:
        """Show ``items`` in order, the cursor staying on item ``keep`` when it is there."""
        rows: list[tuple[Text, ...]] = [
            (
                _cell(item.activity),
                _cell(item.who),
                cost_text(item),
                decision_text(item),
                freed_text(item),
                follow_up_text(item),
            )
            for item in items
        ]
        self.clear(columns=True)
        for key, title, width in self._columns(rows):
            self.add_column(Text(title), key=key, width=width)
        self._ids = [item.id for item in items]
        self._items = tuple(items)
        for item, cells in zip(items, rows, strict=True):
            self.add_row(*cells, key=str(item.id))
        if keep in self._ids:
            self.move_cursor(row=self._ids.index(keep), animate=False)

    def on_resize(self) -> None:
        if self._items:
            self.show(self._items, keep=self.highlighted_id())

    def _columns(self, rows: list[tuple[Text, ...]]) -> list[tuple[str, str, int]]:
        """Columns as wide as their content; the activity gets what is left (the who column
        gives way first in a narrow window)."""
        titles = [
            ("activity", _("Activity")),
            ("who", _("Who")),
            ("cost", _("h/month")),
            ("decision", _("Decision")),
            ("freed", _("Freed h/month")),
            ("follow_up", _("Follow-up")),
        ]
        widths = [
            max([cell_len(title)] + [row[index].cell_len for row in rows])
            for index, (_key, title) in enumerate(titles)
        ]
        widths[1] = min(widths[1], WHO_MOST)
        available = (self.size.width or self.app.size.width) - 2 - 2 * len(titles)
        others = sum(widths[1:])
        wanted = min(widths[0], ACTIVITY_WANTED)
        if available - others < wanted:
            widths[1] = max(cell_len(titles[1][1]), widths[1] - (wanted - available + others))
            others = sum(widths[1:])
        widths[0] = max(ACTIVITY_LEAST, min(widths[0], available - others))
        return [(key, title, width) for (key, title), width in zip(titles, widths, strict=True)]

    def highlighted_id(self) -> int | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value
        return int(key) if key is not None else None
