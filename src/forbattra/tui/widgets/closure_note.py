"""What a closed initiative ended with, at the top of every phase: the reason and the lesson
are the record others will read, so they are not hidden in a dialog or the history."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from forbattra.core.domain import ClosureView
from forbattra.core.vocabulary import label
from forbattra.i18n import _


def closure_text(closure: ClosureView) -> Text:
    """When and why it ended, and what was learned; the rest of the closure (kept, stopped,
    time freed) is in the document (f2), so the phase's own content still fits a laptop."""
    text = Text(
        _("Closed without prestige on {date}").format(date=closure.closed_on.isoformat()),
        style="bold",
    )
    text.append(" · " + label(closure.reason))
    text.append("\n")
    text.append(_("What we learned") + ": ", style="bold")
    text.append(closure.learned)
    return text


class ClosureNote(Static):
    DEFAULT_CSS = """
    ClosureNote {
        border: round $success;
        padding: 0 1;
        margin: 0 0 1 0;
        height: auto;
    }
    """

    def __init__(self, closure: ClosureView) -> None:
        super().__init__(closure_text(closure), markup=False, id="closure-note")
