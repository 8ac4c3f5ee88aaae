"""A long markdown document drawn as lines rendered beforehand, a part at a time.

Rich needs seconds for a report with a 2,000-row table, and a widget that renders its whole
content before its first paint shows nothing until then. :func:`rendered_parts` splits the
markdown at its headings and renders each part on its own (in a thread worker), and
:class:`RenderedLines` shows the lines it has while the rest arrive, drawing only the lines
on screen. The worker keeps a few screens ahead of the reader and waits there
(:meth:`RenderedLines.needs_more`), so the end of a long report is drawn only for a reader
who scrolls towards it, and the screen stays quick meanwhile.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence

from rich.console import Console
from rich.markdown import Markdown
from rich.segment import Segment
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

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


def rendered_parts(markdown: str, width: int) -> Iterator[list[Strip]]:
    """The lines of each part of ``markdown`` at ``width`` cells, as Rich's ``Markdown``
    draws them, with the blank line Rich puts between blocks where two parts meet.
    Safe in a thread: every call has its own console."""
    width = max(width, 20)
    console = Console(
        file=io.StringIO(),
        width=width,
        color_system="truecolor",
        force_terminal=True,
        legacy_windows=False,
        markup=False,
        emoji=False,
        highlight=False,
    )
    options = console.options.update_width(width)
    for index, part in enumerate(split_parts(markdown)):
        lines = console.render_lines(Markdown(part, hyperlinks=False), options, pad=False)
        strips = [Strip(line, Segment.get_line_length(line)) for line in lines]
        if index:
            strips.insert(0, Strip.blank(0))
        yield strips


class RenderedLines(ScrollView, can_focus=True):
    """Lines rendered elsewhere, scrolled here; only the lines on screen are drawn."""

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
        self._widest = 0

    def clear(self) -> None:
        self.lines = []
        self._widest = 0
        self.virtual_size = Size(0, 0)
        self.refresh()

    def extend(self, strips: Sequence[Strip]) -> None:
        """Add lines at the end (the view stays where the reader is)."""
        self.lines.extend(strips)
        self._widest = max([self._widest, *(strip.cell_length for strip in strips)])
        self.virtual_size = Size(self._widest, len(self.lines))
        self.refresh()

    def needs_more(self) -> bool:
        """True while fewer than three screens of lines lie below the top of the view (read
        from the drawing thread, which waits while this is False)."""
        return len(self.lines) < self.scroll_offset.y + 3 * max(self.size.height, 12)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = scroll_y + y
        if index >= len(self.lines):
            return Strip.blank(width, self.rich_style)
        line = self.lines[index].crop_extend(scroll_x, scroll_x + width, self.rich_style)
        return line.apply_style(self.rich_style)
