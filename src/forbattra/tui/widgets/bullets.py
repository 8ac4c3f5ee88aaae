"""A list whose wrapped lines stay indented under their bullet."""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text


def bullets(items: Iterable[str], *, style: str = "") -> Table:
    """One row per item: ``•`` and the item's text (user text, shown literally)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row(Text("•"), Text(item, style=style))
    return grid
