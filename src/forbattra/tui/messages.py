"""Messages the workspace's widgets send up to their screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from forbattra.store.database import Database

Call = Callable[["Database", str], Any]
"""A service call waiting for its database and actor: ``lambda db, actor: service(...)``."""


class Request(Message):
    """Ask the screen to run ``call`` in a thread worker, then redraw from the database.

    Widgets never open a session: they describe the call, the screen runs it. ``then`` runs
    on the UI thread with the call's result, after the redraw; ``failed`` with the reason
    when the call was refused (to give back text that was cleared too early); ``done`` is a
    short message to show when it worked.
    """

    def __init__(
        self,
        call: Call,
        *,
        done: str = "",
        then: Callable[[Any], object] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.call = call
        self.done = done
        self.then = then
        self.failed = failed


class OpenCycle(Message):
    """Open the editor of one PDSA cycle."""

    def __init__(self, cycle_id: int) -> None:
        super().__init__()
        self.cycle_id = cycle_id
