"""The portfolio's rows in memory, ready for a filter keystroke (no Textual here).

With 10,000 initiatives, sorting them, searching every row and counting the endings each
time a key is pressed takes longer than a keystroke may. So the rows are searched through
prepared texts, sorted once per sort order, counted once per load, and a filter that only
grows (typing on) searches just the rows the shorter one matched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from forbattra.tui import portfolio_model as model

if TYPE_CHECKING:
    from forbattra.core.domain import InitiativeRow


@dataclass(frozen=True)
class Selection:
    """The rows to show, in order, and what the status line counts."""

    rows: list[InitiativeRow]
    visible: int
    """Rows the filter chose from: all, or only active and paused ones."""
    hidden: int
    """Closed and completed rows left out."""


@dataclass(frozen=True)
class _Query:
    words: tuple[str, ...]
    include_closed: bool
    sort_key: str
    descending: bool

    def narrows(self, before: _Query) -> bool:
        """True when every row this query matches was matched by ``before`` too."""
        return (
            (self.include_closed, self.sort_key, self.descending)
            == (before.include_closed, before.sort_key, before.descending)
            # "tyd" then "tydl" or "tyd 12": each earlier word lies inside a later one.
            and all(any(old in new for new in self.words) for old in before.words)
        )


class PortfolioRows:
    """All loaded initiatives, with what filtering and sorting them needs."""

    def __init__(self, rows: Sequence[InitiativeRow]) -> None:
        self.rows = list(rows)
        self.by_id = {row.id: row for row in self.rows}
        self.haystacks = model.search_texts(self.rows)
        self.endings = model.endings(self.rows)
        self.open_count = sum(1 for row in self.rows if model.is_open(row))
        self._sorted: dict[tuple[str, bool], list[InitiativeRow]] = {}
        self._last: tuple[_Query, list[InitiativeRow]] | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def sorted(self, key: str, descending: bool) -> list[InitiativeRow]:
        """All rows in this order (kept, so a filter never sorts)."""
        found = self._sorted.get((key, descending))
        if found is None:
            self._sorted = {(key, descending): model.sort_rows(self.rows, key, descending)}
            found = self._sorted[(key, descending)]
        return found

    def select(
        self, text: str, *, include_closed: bool, sort_key: str, descending: bool
    ) -> Selection:
        """The rows whose texts hold every word of ``text``, sorted; closed ones only when
        asked for."""
        query = _Query(tuple(model.filter_words(text)), include_closed, sort_key, descending)
        if self._last is not None and query == self._last[0]:
            matching = self._last[1]
        else:
            if self._last is not None and query.narrows(self._last[0]):
                candidates = self._last[1]
            else:
                candidates = self.sorted(sort_key, descending)
                if not include_closed:
                    candidates = [row for row in candidates if model.is_open(row)]
            matching = self._matching(candidates, query.words)
            self._last = (query, matching)
        visible = len(self.rows) if include_closed else self.open_count
        return Selection(matching, visible, len(self.rows) - visible)

    def _matching(self, rows: list[InitiativeRow], words: tuple[str, ...]) -> list[InitiativeRow]:
        if not words:
            return rows
        haystacks = self.haystacks
        if len(words) == 1:  # the common case, without a generator per row
            word = words[0]
            return [row for row in rows if word in haystacks[row.id]]
        return [row for row in rows if model.matches(haystacks[row.id], words)]
