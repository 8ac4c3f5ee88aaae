"""Link a solution to the causes it addresses: a checklist of the initiative's causes."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, SelectionList, Static

from forbattra.core.domain import CauseView
from forbattra.i18n import _
from forbattra.tui.widgets.causes import cause_label, in_tree_order


class LinkCausesScreen(ModalScreen[list[int] | None]):
    """Space ticks or unticks a cause; Enter saves the links; Esc leaves them as they were."""

    BINDINGS = [
        Binding("enter", "save", _("Save the links"), priority=True, id="link.save"),
        Binding("escape", "cancel", _("Cancel"), id="link.cancel"),
    ]

    def __init__(self, solution: str, causes: Sequence[CauseView], linked: Collection[int]):
        super().__init__()
        self.solution = solution
        self.causes = tuple(causes)
        self.linked = frozenset(linked)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as panel:
            panel.border_title = _("Which causes does it address?")
            yield Static(Text(self.solution, style="bold"), markup=False)
            yield Static(
                _("Space ticks a cause; Enter saves."), classes="dialog-hint", markup=False
            )
            yield SelectionList[int](
                *[
                    (self._label(cause, depth), cause.id, cause.id in self.linked)
                    for cause, depth in in_tree_order(self.causes)
                ],
                id="link-causes",
            )
        yield Footer()

    @staticmethod
    def _label(cause: CauseView, depth: int) -> Text:
        """Indented as in Analyze's tree, with the same marks."""
        text = Text("  " * depth + ("↳ " if depth else ""), style="dim")
        text.append_text(cause_label(cause, cause.category))
        return text

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    def action_save(self) -> None:
        self.dismiss(sorted(self.query_one(SelectionList).selected))

    def action_cancel(self) -> None:
        self.dismiss(None)
