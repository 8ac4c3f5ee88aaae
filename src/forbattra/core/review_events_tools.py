"""Events of the idea inbox, the workshop tools and the measures' stage marks, told as
sentences for the history (see :func:`forbattra.core.review_events.describe`).

Ideas are anonymous: no entry names an idea's token or author, only what happened to it.
"""

from __future__ import annotations

from forbattra.core.domain import EventRow
from forbattra.core.review import EntryKind
from forbattra.i18n import N_, _

# What ``describe`` needs: the kind, the sentence, and the texts before and after.
Told = tuple[EntryKind, str, str | None, str | None]

_IDEA_ACTIONS = {
    "submit": N_("An idea was sent to the idea inbox"),
    "import": N_("Ideas were imported into the idea inbox"),
    "review": N_("An idea in the idea inbox was taken up for review"),
    "not_now": N_("An idea in the idea inbox was answered: not now"),
    "delete": N_("An idea was removed from the idea inbox"),
}

_VOTE_TARGETS = {
    "cause": N_("Dot vote on causes"),
    "solution": N_("Dot vote on solutions"),
    "idea": N_("Dot vote on ideas"),
}


def _idea(event: EventRow) -> Told:
    if event.action == "accept":
        return EntryKind.STATUS, _("Started from an idea in the idea inbox"), None, None
    text = _IDEA_ACTIONS.get(event.action)
    if text is None:
        return EntryKind.OTHER, _("The idea inbox changed"), None, None
    # A "not now" carries the answer given to the sender; it is meant to be read.
    after = event.new if event.action == "not_now" else None
    return EntryKind.OTHER, _(text), None, after


def _parking(event: EventRow) -> Told:
    if event.action == "add":
        return EntryKind.OTHER, _("Added to the parking lot"), None, event.new
    if event.action == "delete":
        return EntryKind.OTHER, _("Removed from the parking lot"), event.old, None
    if event.field == "done":
        if event.new == "true":
            return EntryKind.OTHER, _("A parking lot item was dealt with"), None, None
        return EntryKind.OTHER, _("A parking lot item was opened again"), None, None
    return EntryKind.OTHER, _("A parking lot item was changed"), event.old, event.new


def _vote(event: EventRow) -> Told:
    text = _VOTE_TARGETS.get(event.field, N_("Dot vote"))
    kind = EntryKind.OTHER if event.field == "idea" else EntryKind.ANALYSIS
    return kind, _(text), None, event.new


def _stage(event: EventRow) -> Told:
    measure = event.field or "–"
    if event.action == "delete":
        return (
            EntryKind.MEASURE,
            _("Stage removed from {measure}").format(measure=measure),
            event.old,
            None,
        )
    return (
        EntryKind.MEASURE,
        _("New stage on {measure}").format(measure=measure),
        None,
        event.new,
    )


def describe_tool(event: EventRow) -> Told | None:
    """The entry for an event of these tools; None for an entity they do not write."""
    tellers = {
        "idea": _idea,
        "parking_item": _parking,
        "vote_round": _vote,
        "measure_stage": _stage,
    }
    teller = tellers.get(event.entity)
    return teller(event) if teller else None
