"""Reading many initiatives' rows for export in a few queries, not a dozen per initiative.

``export_documents`` builds each document from its initiative's causes, solutions, measures,
observations, cycles, answers and so on. Asked for one initiative it queries them one by
one; asked for many (``forbattra render --all``) it asks an :class:`ExportBatch` instead, which
loads each kind of row for the whole batch in one query, grouped by initiative (or by measure
or solution for the rows that hang below those), in the same order the single queries use.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

# Initiatives per batch: bounds the IN lists and the rows held at once.
BATCH = 500


class ExportBatch:
    """The rows of the initiatives ``ids``, loaded lazily, one query per kind of row."""

    def __init__(self, session: Session, ids: Sequence[int]) -> None:
        self.session = session
        self.ids = list(ids)
        self._loaded: dict[tuple[Any, ...], dict[Any, list[Any]]] = {}

    def rows(
        self, model: Any, order: Sequence[Any], key: Any, *, via: tuple[Any, str] | None = None
    ) -> list[Any]:
        """``model``'s rows whose ``initiative_id`` is ``key``, in ``order``; with ``via``
        (a parent model and the column naming it), the rows whose parent id is ``key``."""
        cache_key = (model, tuple(str(column) for column in order), via)
        grouped = self._loaded.get(cache_key)
        if grouped is None:
            grouped = self._loaded[cache_key] = self._load(model, order, via)
        return grouped.get(key, [])

    def _load(
        self, model: Any, order: Sequence[Any], via: tuple[Any, str] | None
    ) -> dict[Any, list[Any]]:
        if via is None:
            column = model.initiative_id
            condition = column.in_(self.ids)
        else:
            parent, name = via
            column = getattr(model, name)
            condition = column.in_(select(parent.id).where(parent.initiative_id.in_(self.ids)))
        grouped: dict[Any, list[Any]] = {}
        query = select(model).where(condition).order_by(column, *order)
        for row in self.session.execute(query).scalars():
            grouped.setdefault(getattr(row, column.key), []).append(row)
        return grouped
