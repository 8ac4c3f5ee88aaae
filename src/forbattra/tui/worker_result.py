"""Closing a dialog with what its worker saved, once the worker has ended.

Dismissing from inside a thread worker unmounts the dialog while the worker still runs, and
Textual then cancels it mid-call; so the worker returns :class:`Saved` and the dialog closes
on the worker's SUCCESS state instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from textual.worker import Worker, WorkerState

T = TypeVar("T")


@dataclass(frozen=True)
class Saved(Generic[T]):
    """The value a dialog closes with (it may itself be None: a deletion, say)."""

    value: T


def saved_by(event: Worker.StateChanged, group: str) -> Saved[object] | None:
    """The worker of ``group`` has finished and saved something: what, else None."""
    worker = event.worker
    if worker.group == group and event.state is WorkerState.SUCCESS:
        result = worker.result
        if isinstance(result, Saved):
            return result
    return None
