"""The impact/effort matrix: each solution placed high or low on both, shown as a 2×2 grid.

Quick wins (high impact, low effort) are what to test first: ``t`` starts a PDSA cycle on the
highlighted solution, as the solutions list does. A placement is stored at once; the keys set
absolute values, written one after another in a thread, so the last key pressed wins.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from forbattra.core.vocabulary import Level
from forbattra.core.workshop import MatrixItem, Quadrant, quadrant_name
from forbattra.i18n import _, ngettext

if TYPE_CHECKING:
    from forbattra.core.domain import CycleView
    from forbattra.tui.app import ForbattraApp
    from forbattra.tui.screens.help import Section

# Reading order of the grid, and the key that puts a solution in each quadrant.
GRID = (Quadrant.QUICK_WIN, Quadrant.MAJOR, Quadrant.FILL_IN, Quadrant.THANKLESS)
PLACES: dict[int, tuple[Level | None, Level | None]] = {
    1: (Level.HIGH, Level.LOW),
    2: (Level.HIGH, Level.HIGH),
    3: (Level.LOW, Level.LOW),
    4: (Level.LOW, Level.HIGH),
    0: (None, None),
}
NARROW = 100


def _axes() -> dict[Quadrant, str]:
    return {
        Quadrant.QUICK_WIN: _("high impact, low effort"),
        Quadrant.MAJOR: _("high impact, high effort"),
        Quadrant.FILL_IN: _("low impact, low effort"),
        Quadrant.THANKLESS: _("low impact, high effort"),
    }


def _flip(level: Level | None) -> Level:
    return Level.LOW if level is Level.HIGH else Level.HIGH


def item_line(item: MatrixItem) -> Text:
    line = Text(no_wrap=True, overflow="ellipsis")
    if item.quadrant is Quadrant.QUICK_WIN:
        line.append("★ ", style="bold")
    elif item.quadrant is Quadrant.UNPLACED:
        line.append("? ", style="dim")
    else:
        line.append("  ")
    line.append(item.text)
    if item.votes:
        line.append(f"  {item.votes}●", style="dim")
    return line


class MatrixList(OptionList):
    """The solutions; the keys place the highlighted one.

    | Key | Does |
    | --- | --- |
    | i | impact high or low |
    | e | effort high or low |
    | 1–4 | straight into a quadrant (in the grid's reading order); 0 takes it off |
    | t | test it small-scale in a new PDSA cycle |
    """

    BINDINGS = [
        Binding("i", "impact", _("Impact"), tooltip=_("Impact high or low")),
        Binding("e", "effort", _("Effort"), tooltip=_("Effort high or low")),
        Binding("t", "test", _("Test"), tooltip=_("Test it small-scale in a new PDSA cycle")),
        *[Binding(str(n), f"place({n})", show=False) for n in PLACES],
    ]

    def __init__(self) -> None:
        super().__init__(id="matrix-list")
        self.items: list[MatrixItem] = []

    @property
    def current(self) -> MatrixItem | None:
        index = self.highlighted
        return self.items[index] if index is not None and index < len(self.items) else None

    def fill(self, items: Sequence[MatrixItem]) -> None:
        keep = self.current.id if self.current else None
        self.items = list(items)
        self.clear_options()
        self.add_options([Option(item_line(item)) for item in self.items])
        ids = [item.id for item in self.items]
        if ids:
            self.highlighted = ids.index(keep) if keep in ids else 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"impact", "effort", "test", "place"}:
            return self.current is not None or None
        return True

    def _screen(self) -> MatrixScreen:
        screen = self.screen
        assert isinstance(screen, MatrixScreen)
        return screen

    def action_impact(self) -> None:
        if (item := self.current) is not None:
            self._screen().place(item, _flip(item.impact), item.effort or Level.LOW)

    def action_effort(self) -> None:
        if (item := self.current) is not None:
            self._screen().place(item, item.impact or Level.HIGH, _flip(item.effort))

    def action_place(self, number: int) -> None:
        if (item := self.current) is not None:
            self._screen().place(item, *PLACES[number])

    def action_test(self) -> None:
        if (item := self.current) is not None:
            self._screen().test(item)

    def on_option_list_option_highlighted(self) -> None:
        self._screen().draw_grid()


class MatrixScreen(Screen[None]):
    """The solutions of one initiative on the impact/effort matrix."""

    DEFAULT_CSS = """
    #matrix-hint { padding: 0 1; color: $text-muted; }
    #matrix-body { height: 1fr; }
    #matrix-list { width: 2fr; height: 1fr; border: round $border-blurred; }
    #matrix-list:focus { border: round $border; }
    #matrix-grid { width: 3fr; grid-size: 2 2; grid-gutter: 0 1; }
    MatrixScreen.-narrow #matrix-body { layout: vertical; }
    MatrixScreen.-narrow #matrix-list { width: 1fr; height: 2fr; }
    MatrixScreen.-narrow #matrix-grid { width: 1fr; height: 3fr; }
    .quadrant { border: round $border-blurred; padding: 0 1; height: 1fr; overflow-y: auto; }
    .quadrant.-quick_win { border: heavy $success; background: $success 15%; }
    """
    BINDINGS = [Binding("escape", "leave", _("Back"), tooltip=_("Back to the workspace"))]

    def __init__(self, initiative_id: int, context: str = "") -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.context = context
        self._wanted: dict[int, tuple[Level | None, Level | None]] = {}
        self._lock = threading.Lock()
        self._writing = False
        self._told_empty = False

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            _(
                "i impact and e effort (high or low), or 1–4 into a quadrant, 0 off;"
                " t tests one in a PDSA cycle: start with the quick wins (★)."
            ),
            id="matrix-hint",
            markup=False,
        )
        with Horizontal(id="matrix-body"):
            yield MatrixList()
            with Grid(id="matrix-grid"):
                for place in GRID:
                    yield Static(id=f"quadrant-{place.value}", classes=f"quadrant -{place.value}")
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Impact and effort")
        self.sub_title = self.context
        self.set_class(self.size.width < NARROW, "-narrow")
        self.query_one(MatrixList).focus()
        self._load()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    @property
    def matrix_list(self) -> MatrixList:
        return self.query_one(MatrixList)

    @work(thread=True, group="matrix-load")
    def _load(self) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.matrix import matrix_items

        database = self.forbattra.database
        if database is None:
            return
        try:
            items = matrix_items(database, self.initiative_id)
        except StoreError as error:
            self.app.call_from_thread(self._problem, str(error))
            return
        self.app.call_from_thread(self._show, items)

    def _problem(self, reason: str) -> None:
        self.notify(reason, severity="error", markup=False, timeout=8)

    def _show(self, items: list[MatrixItem]) -> None:
        if not self.is_mounted:
            return
        with self._lock:
            wanted = dict(self._wanted)
        # A placement still being written shows as pressed, not as last read.
        shown = [_placed(item, *wanted[item.id]) if item.id in wanted else item for item in items]
        self.matrix_list.fill(shown)
        self.draw_grid()
        if not items and not self._told_empty:
            self._told_empty = True
            self.notify(_("There are no solutions yet."), markup=False)

    def draw_grid(self) -> None:
        items = self.matrix_list.items
        current = self.matrix_list.current
        axes = _axes()
        for place in GRID:
            box = self.query_one(f"#quadrant-{place.value}", Static)
            inside = [item for item in items if item.quadrant is place]
            title = quadrant_name(place)
            if place is Quadrant.QUICK_WIN:
                title = "★ " + title
            box.border_title = f"{title} ({len(inside)})"
            box.border_subtitle = axes[place]
            text = Text()
            for item in inside:
                mark = "▶ " if current is not None and item.id == current.id else "• "
                style = "reverse" if mark == "▶ " else ""
                text.append(mark + item.text + "\n", style=style)
            box.update(text)
        unplaced = sum(1 for item in items if item.quadrant is Quadrant.UNPLACED)
        list_box = self.matrix_list
        list_box.border_title = _("Solutions")
        list_box.border_subtitle = (
            ngettext("{count} not placed", "{count} not placed", unplaced).format(count=unplaced)
            if unplaced
            else ""
        )

    # Placing --------------------------------------------------------------------------------

    def place(self, item: MatrixItem, impact: Level | None, effort: Level | None) -> None:
        placed = _placed(item, impact, effort)
        items = self.matrix_list.items
        index = items.index(item)
        items[index] = placed
        self.matrix_list.replace_option_prompt_at_index(index, item_line(placed))
        self.draw_grid()
        with self._lock:
            self._wanted[item.id] = (impact, effort)
            if self._writing:
                return  # the running writer takes it
            self._writing = True
        self._write()

    @work(thread=True, group="matrix-write")
    def _write(self) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.matrix import place_solution

        database = self.forbattra.database
        assert database is not None
        while True:
            with self._lock:
                if not self._wanted:
                    self._writing = False
                    break
                solution_id, (impact, effort) = next(iter(self._wanted.items()))
                del self._wanted[solution_id]
            try:
                place_solution(database, self.forbattra.settings.user, solution_id, impact, effort)
            except StoreError as error:
                self.app.call_from_thread(self._problem, str(error))
        self.app.call_from_thread(self._written)

    def _written(self) -> None:
        if self.is_mounted:
            self._load()  # the versions and anyone else's changes

    # Testing a quick win --------------------------------------------------------------------

    def test(self, item: MatrixItem) -> None:
        self._start_cycle(item.id)

    @work(thread=True, group="matrix-write")
    def _start_cycle(self, solution_id: int) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.cycles import add_cycle

        database = self.forbattra.database
        assert database is not None
        try:
            cycle = add_cycle(
                database, self.forbattra.settings.user, self.initiative_id, solution_id=solution_id
            )
        except StoreError as error:
            self.app.call_from_thread(self._problem, str(error))
            return
        self.app.call_from_thread(self._open_cycle, cycle)

    def _open_cycle(self, cycle: CycleView) -> None:
        from forbattra.tui.messages import OpenCycle
        from forbattra.tui.screens.cycle import CycleScreen

        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 and stack[-1] is self else None
        self.dismiss(None)
        if below is not None and getattr(below, "initiative_id", None) == self.initiative_id:
            below.post_message(OpenCycle(cycle.id))  # the workspace saves, then opens it
        else:
            self.app.push_screen(CycleScreen(self.initiative_id, cycle.id))

    def help_sections(self) -> tuple[list[Section], list[str]]:
        from forbattra.tui.screens.help import binding_entries

        keys = binding_entries(self.app, MatrixList.BINDINGS)
        keys.append(
            ("1 2 3 4 0", _("Quick win, major project, small fix, not worth it; 0 takes it off"))
        )
        sections: list[Section] = [
            (_("The list"), keys),
            (_("This view"), binding_entries(self.app, self.BINDINGS)),
        ]
        notes = [
            _(
                "Quick wins (★) have high impact for little effort: test them first, small-scale,"
                " in a PDSA cycle. Every placement is stored at once and kept in the history."
            )
        ]
        return sections, notes

    def action_leave(self) -> None:
        self.dismiss(None)


def _placed(item: MatrixItem, impact: Level | None, effort: Level | None) -> MatrixItem:
    from dataclasses import replace

    return replace(item, impact=impact, effort=effort)
