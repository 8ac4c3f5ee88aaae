"""A long markdown document drawn as lines rendered beforehand, a part at a time.

Rich needs seconds for a report with a 2,000-row table, and a widget that renders its whole
content before its first paint shows nothing until then. :func:`rendered_parts` splits the
markdown at its headings, and :class:`RenderedLines` renders the parts in a thread worker
and shows the lines it has, painting only the lines on screen. The worker stops a few
screens ahead of the reader and scrolling starts it again, so the end of a long report is
drawn only for a reader who goes there, and the screen stays quick meanwhile.
"""

from __future__ import annotations

import io
import re
import threading
from threading import Event

from rich.console import Console
from rich.markdown import Markdown
from rich.segment import Segment
from textual import work
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^#{1,6}\s")
# Parts are at least this many source lines, so a report of short sections is still rendered
# in a few calls (each call has its own fixed cost).
_PART_LINES = 40


def split_parts(markdown: str) -> list[str]:
    """``markdown`` cut before headings (never inside a fenced block), in parts of at least
    :data:`_PART_LINES` lines; joined again they are ``markdown``."""
    parts: list[str] = []
    current: list[str] = []
    fenced = False
    for line in markdown.splitlines(keepends=True):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and _HEADING.match(line) and len(current) >= _PART_LINES:
            parts.append("".join(current))
            current = []
        current.append(line)
    if current:
        parts.append("".join(current))
    return parts


def _console(width: int) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        color_system="truecolor",
        force_terminal=True,
        legacy_windows=False,
        markup=False,
        emoji=False,
        highlight=False,
    )


def render_part(part: str, width: int, *, first: bool) -> list[Strip]:
    """The lines of one part at ``width`` cells as Rich's ``Markdown`` draws them, with the
    blank line Rich puts between blocks where two parts meet. Safe in a thread: every call
    has its own console."""
    console = _console(max(width, 20))
    lines = console.render_lines(Markdown(part, hyperlinks=False), console.options, pad=False)
    strips = [Strip(line, Segment.get_line_length(line)) for line in lines]
    return strips if first else [Strip.blank(0), *strips]


class RenderedLines(ScrollView, can_focus=True):
    """A markdown document drawn a part at a time in a thread worker, a few screens ahead of
    the reader; only the lines on screen are painted."""

    DEFAULT_CSS = """
    RenderedLines {
        height: 1fr;
        padding: 0 1;
    }
    RenderedLines:focus {
        background-tint: $foreground 3%;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: list[Strip] = []
        self.width_drawn = 0
        self._parts: list[str] = []
        self._next = 0
        self._widest = 0
        self._generation = 0

    def show(self, markdown: str, width: int) -> None:
        """Draw ``markdown`` at ``width`` cells from the start (again after a resize)."""
        self._generation += 1
        self._parts, self._next = split_parts(markdown), 0
        self.width_drawn = width
        self.lines, self._widest = [], 0
        self.virtual_size = Size(0, 0)
        self.scroll_home(animate=False)
        self.refresh()
        self._draw(self._generation)

    @property
    def complete(self) -> bool:
        return self._next >= len(self._parts)

    def needs_more(self) -> bool:
        """True while fewer than three screens of lines lie below the top of the view."""
        return len(self.lines) < self.scroll_offset.y + 3 * max(self.size.height, 12)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self.complete and self.needs_more():
            self._draw(self._generation)

    @work(thread=True, exclusive=True, group="rendered-lines")
    def _draw(self, generation: int) -> None:
        """Render parts until the reader has enough below, then stop (scrolling starts this
        again); each part is painted before the next is rendered, which holds the GIL."""
        worker = get_current_worker()
        while not worker.is_cancelled and generation == self._generation and not self.complete:
            if not self.needs_more():
                return
            index = self._next
            strips = render_part(self._parts[index], self.width_drawn, first=index == 0)
            painted = threading.Event()
            if worker.is_cancelled:
                return
            self.app.call_from_thread(self._add, generation, index, strips, painted)
            painted.wait(1.0)

    def _add(self, generation: int, index: int, strips: list[Strip], painted: Event) -> None:
        if generation == self._generation and index == self._next:
            self._next += 1
            self.lines.extend(strips)
            self._widest = max([self._widest, *(strip.cell_length for strip in strips)])
            self.virtual_size = Size(self._widest, len(self.lines))
            self.refresh()
        self.call_after_refresh(painted.set)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = scroll_y + y
        if index >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        line = self.lines[index].crop_extend(scroll_x, scroll_x + width, self.rich_style)
        return line.apply_style(self.rich_style)
