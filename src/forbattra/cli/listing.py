"""The portfolio as plain aligned lines: ``forbattra list``.

A Rich ``Table`` measures and lays out every cell before it prints the first line (10,000
initiatives took 10 s or more); these lines are measured once with ``cell_len`` (so CJK and
emoji count as two cells) and written in chunks as they are formatted. On a terminal the
title and unit are shortened with "…" to fit its width; into a pipe nothing is cut.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import typer
from rich.cells import cell_len, set_cell_size

from forbattra.core.domain import InitiativeRow
from forbattra.core.vocabulary import label
from forbattra.i18n import _

GAP = "  "
ELLIPSIS = "…"
CHUNK = 500  # lines per write: few system calls, yet the first screenful comes at once
# Columns that give way, in this order, when the terminal is too narrow, and how narrow they
# may become: the title keeps the most.
SHRINKABLE = {"unit": 10, "title": 16}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


@dataclass
class Column:
    key: str
    heading: str
    cells: list[str]
    right: bool = False
    width: int = 0
    lengths: list[int] = field(default_factory=list)

    def measure(self) -> None:
        known = {text: cell_len(text) for text in set(self.cells)}
        self.lengths = [known[text] for text in self.cells]
        self.width = max([cell_len(self.heading), *known.values()])


def one_line(text: str) -> str:
    """User text on one line: newlines and other control characters become one space."""
    return _CONTROL.sub(" ", text) if _CONTROL.search(text) else text


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, with an ellipsis where it was cut."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - 1, 0)).rstrip() + ELLIPSIS


def columns_for(rows: Sequence[InitiativeRow]) -> list[Column]:
    # Labels and phase names repeat: translate each distinct one once.
    methods = {row.method: label(row.method) for row in {row.method: row for row in rows}.values()}
    statuses = {row.status: label(row.status) for row in {row.status: row for row in rows}.values()}
    phases = {
        (row.method, row.phase): row.phase_name
        for row in {(row.method, row.phase): row for row in rows}.values()
    }
    return [
        Column("id", _("ID"), [str(row.id) for row in rows], right=True),
        Column("title", _("Title"), [one_line(row.title) for row in rows]),
        Column("method", _("Method"), [methods[row.method] for row in rows]),
        Column("phase", _("Phase"), [phases[row.method, row.phase] for row in rows]),
        Column("status", _("Status"), [statuses[row.status] for row in rows]),
        Column("unit", _("Unit"), [one_line(row.unit) for row in rows]),
        Column("area", _("Area"), [str(row.area) if row.area else "–" for row in rows]),
    ]


def shrink_to(columns: list[Column], width: int | None) -> None:
    """Narrow the unit, then the title, so a line fits in ``width`` cells (None: no limit)."""
    for column in columns:
        column.measure()
    if width is None:
        return
    by_key = {column.key: column for column in columns}
    over = sum(c.width for c in columns) + len(GAP) * (len(columns) - 1) - width
    for key, narrowest in SHRINKABLE.items():
        if over <= 0:
            break
        column = by_key[key]
        give = min(over, max(column.width - narrowest, 0))
        column.width -= give
        over -= give


def lines(columns: list[Column]) -> Iterator[str]:
    """The heading, then one line per row; trailing spaces trimmed."""

    def line(cells: Sequence[str], lengths: Sequence[int]) -> str:
        parts = []
        for column, text, length in zip(columns, cells, lengths, strict=True):
            if length > column.width:
                text = fit(text, column.width)
                length = cell_len(text)
            space = " " * (column.width - length)
            parts.append(space + text if column.right else text + space)
        return GAP.join(parts).rstrip()

    yield line([c.heading for c in columns], [cell_len(c.heading) for c in columns])
    texts = zip(*(column.cells for column in columns), strict=True)
    lengths = zip(*(column.lengths for column in columns), strict=True)
    for cells, measured in zip(texts, lengths, strict=True):
        yield line(cells, measured)


def terminal_width() -> int | None:
    """The terminal's width, or None when the output goes to a pipe or a file (and COLUMNS is
    not set): a script should get whole titles."""
    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        return shutil.get_terminal_size().columns
    return None


def print_initiatives(rows: Sequence[InitiativeRow], width: int | None = None) -> None:
    """Print the portfolio; the heading in bold on a terminal (click strips it in a pipe)."""
    columns = columns_for(rows)
    shrink_to(columns, terminal_width() if width is None else width)
    produced = lines(columns)
    heading = next(produced)
    try:
        typer.echo(heading if os.environ.get("NO_COLOR") else typer.style(heading, bold=True))
        chunk: list[str] = []
        for text in produced:
            chunk.append(text)
            if len(chunk) == CHUNK:
                typer.echo("\n".join(chunk))
                chunk.clear()
        if chunk:
            typer.echo("\n".join(chunk))
        sys.stdout.flush()
    except BrokenPipeError:
        # ``forbattra list | head``: the reader has what it wanted. Point stdout at nothing so
        # the interpreter's final flush does not complain, and stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise typer.Exit(0) from None
