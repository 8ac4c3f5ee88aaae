"""Events told as sentences: one event of the log becomes one entry of the history.

Live events (``start``, ``decide``) and the ones imported documents carry (``cycle_start``,
``cycle_decision``, ``observation``) read the same. Pure; see :mod:`forbattra.core.review`.
"""

from __future__ import annotations

from enum import StrEnum

from forbattra.core import methods
from forbattra.core.domain import EventRow
from forbattra.core.review import Entry, EntryKind, Names
from forbattra.core.review_events_tools import describe_tool
from forbattra.core.review_fields import (
    cycle_changed,
    field_value,
    measure_changed,
    stop_item_changed,
    value_corrected,
)
from forbattra.core.vocabulary import (
    ClosureReason,
    CycleDecision,
    Direction,
    FollowUpResult,
    Level,
    MeasureKind,
    PredictionHeld,
    StopDecision,
    label,
)
from forbattra.i18n import N_, _


def _phase(names: Names, key: str | None) -> str:
    found = methods.phase(names.method, key or "")
    return found.name if found else (key or "–")


def _question(names: Names, path: str) -> str:
    phase_key, _dot, question_key = path.partition(".")
    found = methods.phase(names.method, phase_key)
    question = found.question(question_key) if found else None
    return question.text if question else path


def _enum_label(kind: type[StrEnum], value: str | None) -> str:
    if not value:
        return "–"
    try:
        return label(kind(value))
    except ValueError:
        return value


def _cycle(names: Names, event: EventRow) -> str:
    """ "3" from the cycle's id, or from an imported event's "cycle:3"."""
    if event.entity_id is not None and event.entity_id in names.cycles:
        return str(names.cycles[event.entity_id][0])
    if event.field.startswith("cycle:"):
        return event.field.removeprefix("cycle:")
    return "?"


def _target(names: Names, target: str) -> str:
    """ "phase:measure" → "the Measure phase", for comments."""
    kind, _colon, key = target.partition(":")
    if kind == "phase":
        return _("the {phase} phase").format(phase=_phase(names, key))
    if kind == "cycle":
        return _("cycle {number}").format(number=key)
    return _("the initiative")


def _stop_item(names: Names, event: EventRow) -> tuple[str, str]:
    """The activity's name, and which of its fields changed."""
    path, _dot, field_name = event.field.partition(".")
    by_id = names.stop_items.get(str(event.entity_id)) if event.entity_id is not None else None
    return by_id or names.stop_items.get(path) or event.new or event.old or "–", field_name


# Module-level tables: Babel does not extract an N_() nested in another call's arguments.
_STATUS_TEXTS = {
    "pause": N_("Paused"),
    "resume": N_("Resumed"),
    "reopen": N_("Reopened"),
    "close": N_("Closed without prestige"),
}
_STATUS_CHANGED = N_("Status changed")

_COMMENT_TEXTS = {
    "comment": N_("Comment on {target}"),
    "resolve": N_("Comment on {target} resolved"),
    "unresolve": N_("Comment on {target} opened again"),
}


def _initiative(event: EventRow, names: Names) -> tuple[EntryKind, str] | None:
    action, name = event.action, event.field
    if action == "create":
        return EntryKind.STATUS, _("Started")
    if action == "import":
        return EntryKind.OTHER, _("Imported from {source}").format(source=event.new or "–")
    if action == "phase":
        return EntryKind.PHASE, _("Moved from {old} to {new}").format(
            old=_phase(names, event.old), new=_phase(names, event.new)
        )
    if action == "gate":
        return EntryKind.PHASE, _("Left {phase} with open questions").format(
            phase=_phase(names, name)
        )
    if name == "note":
        return EntryKind.STATUS, _("Note on the decision")
    if name == "status":
        return EntryKind.STATUS, _(_STATUS_TEXTS.get(action, _STATUS_CHANGED))
    if name == "review_by" and event.new:
        return EntryKind.STATUS, _("Review date set to {date}").format(date=event.new)
    return None  # a cleared review date says nothing the status line does not


_CLOSURE_FIELDS = {
    "reason": N_("Reason for closing"),
    "reason_text": N_("The reason in their own words"),
    "learned": N_("What we learned"),
    "keep": N_("What we keep or spread"),
    "stop_doing": N_("What we stop doing"),
    "freed_hours": N_("Hours freed a month"),
    "decided_by": N_("Decided by"),
    "closed_on": N_("Closed on"),
}


def _closure(event: EventRow) -> tuple[EntryKind, str, str | None, str | None] | None:
    if event.field == "status":
        if event.action == "close":
            return EntryKind.STATUS, _("Closed without prestige"), None, None
        return EntryKind.STATUS, _("Reopened"), None, None
    if event.field in ("phase_at_close", "closed_on") or event.field not in _CLOSURE_FIELDS:
        return None
    value = field_value(event.field, event.new if event.action == "close" else event.old)
    if event.field == "reason":
        value = _enum_label(ClosureReason, value)
    heading = _(_CLOSURE_FIELDS[event.field])
    if event.action == "close":
        return EntryKind.STATUS, heading, None, value
    # Reopening moves the closure into the history, where it stays readable.
    return (
        EntryKind.STATUS,
        _("{field} (from the closure before reopening)").format(field=heading),
        value,
        None,
    )


def _cycle_entry(event: EventRow, names: Names) -> tuple[str, str | None, str | None] | None:
    number = _cycle(names, event)
    action = event.action
    if action == "add":
        if event.field == "from":
            text = _("Cycle {number} planned, following cycle {previous}").format(
                number=number, previous=event.old or "?"
            )
        else:
            text = _("Cycle {number} planned").format(number=number)
        return text, None, event.new
    if action in ("start", "cycle_start"):
        if action == "cycle_start":
            return _("Cycle {number} started (Do)").format(number=number), None, event.new
        return (
            _("Cycle {number} started (Do) on {date}").format(number=number, date=event.new or "–"),
            None,
            None,
        )
    if action in ("decide", "cycle_decision"):
        if not event.new:
            return (
                _("Cycle {number}: the decision was taken back").format(number=number),
                (_enum_label(CycleDecision, event.old)),
                None,
            )
        return (
            _("Cycle {number} finished: {decision}").format(
                number=number, decision=_enum_label(CycleDecision, event.new)
            ),
            None,
            None,
        )
    if action == "delete":
        return (
            _("Cycle {number} removed before it started").format(number=event.old or "?"),
            (None),
            None,
        )
    if event.field == "prediction_held":
        before = _enum_label(PredictionHeld, event.old) if event.old else None
        if not event.new:
            text = _("Cycle {number}: the answer whether the prediction held was taken back")
            return text.format(number=number), before, None
        answer = _enum_label(PredictionHeld, event.new)
        return _("Cycle {number}: {answer}").format(number=number, answer=answer), before, None
    if action in ("edit", "edit_after_start"):
        text = cycle_changed(number, event.field, after_start=action == "edit_after_start")
        return text, event.old, event.new
    return None


def _measure_entry(event: EventRow, names: Names) -> tuple[str, str | None, str | None]:
    if event.entity == "observation" and event.action in ("edit", "delete"):
        # A value's events name its field (edit) or its measure (delete), not both.
        if event.action == "delete":
            text = _("Value removed for {measure}").format(measure=event.field)
            return text, event.old, None
        before, after = field_value(event.field, event.old), field_value(event.field, event.new)
        return value_corrected(event.field), before, after
    if event.entity == "observation" or event.action == "observation":
        measure = names.measures.get(event.field, event.field)
        text = _("New value for {measure}: {value}").format(measure=measure, value=event.new or "–")
        return text, None, None
    if event.action == "create":
        return _("Measure added: {measure}").format(measure=event.new or event.field), None, None
    if event.action == "delete":
        return _("Measure removed"), event.old, None
    if event.action == "import_observations":
        text = _("Values imported for {measure}").format(
            measure=names.measures.get(str(event.entity_id), event.field)
        )
        return text, None, None
    before, after = field_value(event.field, event.old), field_value(event.field, event.new)
    enum = {"kind": MeasureKind, "direction": Direction}.get(event.field)
    if enum is not None:
        before, after = _enum_label(enum, before), _enum_label(enum, after)
    return measure_changed(event.field), before, after


def _stop_entry(event: EventRow, names: Names) -> tuple[str, str | None, str | None]:
    activity, field_name = _stop_item(names, event)
    if event.action == "stop_item_add":
        return _("Stop-doing check: {activity} listed").format(activity=activity), None, None
    if event.action == "stop_item_delete":
        return _("Stop-doing check: {activity} removed").format(activity=activity), None, None
    if field_name == "decision":
        return (
            _("Stop-doing: {activity}: {decision}").format(
                activity=activity, decision=_enum_label(StopDecision, event.new)
            ),
            None,
            None,
        )
    if field_name == "follow_up_result" and event.new:
        return (
            _("Stop-doing followed up: {activity}: {result}").format(
                activity=activity, result=_enum_label(FollowUpResult, event.new)
            ),
            None,
            None,
        )
    before, after = field_value(field_name, event.old), field_value(field_name, event.new)
    return stop_item_changed(activity, field_name), before, after


def describe(event: EventRow, names: Names) -> Entry | None:
    """One event as a readable entry; None for bookkeeping a person would not miss."""
    before: str | None = None
    after: str | None = None
    kind: EntryKind
    if event.entity == "initiative":
        found = _initiative(event, names)
        if found is None:
            return None
        kind, text = found
        if event.action == "gate" or event.field == "note":
            after = event.new
    elif event.entity == "closure":
        closure = _closure(event)
        if closure is None:
            return None
        kind, text, before, after = closure
    elif event.entity == "answer":
        kind = EntryKind.ANSWER
        question = _question(names, event.field)
        if event.old:
            text = _("Answer changed: {question}").format(question=question)
        else:
            text = _("Answered: {question}").format(question=question)
        before, after = event.old, event.new
    elif event.entity == "cycle":
        described = _cycle_entry(event, names)
        if described is None:
            return None
        kind = EntryKind.CYCLE
        text, before, after = described
    elif event.entity in ("measure", "observation"):
        kind = EntryKind.MEASURE
        text, before, after = _measure_entry(event, names)
    elif event.entity == "stop_item":
        kind = EntryKind.STOP_DOING
        text, before, after = _stop_entry(event, names)
    elif event.entity == "comment":
        kind = EntryKind.COMMENT
        pattern = _COMMENT_TEXTS.get(event.action, _COMMENT_TEXTS["comment"])
        text = _(pattern).format(target=_target(names, event.field))
        after = event.new if event.action == "comment" else None
    elif event.entity in ("cause", "solution"):
        kind = EntryKind.ANALYSIS
        text = _analysis(event)
        before, after = event.old, event.new
        if event.entity == "solution" and event.field in ("impact", "effort"):
            before, after = _level(event.old), _level(event.new)
    elif (told := describe_tool(event)) is not None:
        kind, text, before, after = told
    else:
        # Never a table's or column's name: the reader would not know it.
        kind, text = EntryKind.OTHER, _("Another change was recorded")
    return Entry(event.at, kind, event.actor, text, before or None, after or None)


def _analysis(event: EventRow) -> str:
    cause = event.entity == "cause"
    if event.action == "add":
        return _("Cause added") if cause else _("Solution added")
    if event.action == "delete":
        return _("Cause removed") if cause else _("Solution removed")
    if event.action == "link":
        return _("Solution linked to causes")
    if not cause and event.field == "impact":
        return _("Solution placed on the matrix: impact")
    if not cause and event.field == "effort":
        return _("Solution placed on the matrix: effort")
    return _("Cause changed") if cause else _("Solution changed")


def _level(value: str | None) -> str | None:
    """ "high" in the reader's language; None (off the matrix) stays None."""
    return _enum_label(Level, value) if value else None
