"""What a closed initiative ended with, at the top of every phase: the reason and the lesson
are the record others will read, so they are not hidden in a dialog or the history."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from forbattra.core.domain import ClosureView
from forbattra.core.stop_doing import hours_text
from forbattra.core.vocabulary import label
from forbattra.i18n import _


def closure_text(closure: ClosureView) -> Text:
    """The closure in a few lines: when, why, what was learned, kept, stopped and freed."""
    reason = label(closure.reason)
    if closure.reason_text:
        reason = f"{reason}: {closure.reason_text}"
    text = Text(
        _("Closed without prestige on {date}").format(date=closure.closed_on.isoformat()),
        style="bold",
    )
    rows = [
        (_("Reason"), reason),
        (_("What we learned"), closure.learned),
        (_("What we keep or spread"), closure.keep),
        (_("What we stop doing"), closure.stop_doing),
        (
            _("Time freed"),
            _("{month} h a month ({year} h a year)").format(
                month=hours_text(closure.freed_hours), year=hours_text(closure.freed_hours * 12)
            )
            if closure.freed_hours is not None
            else "",
        ),
    ]
    for name, value in rows:
        if value.strip():
            text.append("\n")
            text.append(f"{name}: ", style="bold")
            text.append(value)
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
