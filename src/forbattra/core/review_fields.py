"""The names of the fields the history tells about, in the reader's language.

A history line never shows a column name such as ``hours_freed``: every field a service
records has a label here, and a field without one is told without its name. The labels of
cycles and stop-doing items are definite noun phrases ("the objective") because they are the
subject of a sentence ("Cycle 1: the objective changed"); Swedish then needs no gender
agreement ("syftet ändrades", "planen ändrades"). Pure; used by
:mod:`forbattra.core.review_events`.
"""

from __future__ import annotations

from collections.abc import Mapping

from forbattra.i18n import N_, _
from forbattra.i18n.numbers import number_text

# A cycle's texts and dates (store/services/cycles.py).
CYCLE_FIELDS: Mapping[str, str] = {
    "title": N_("the title"),
    "objective": N_("the objective"),
    "prediction": N_("the prediction"),
    "plan": N_("the plan"),
    "what_happened": N_("the account of what happened"),
    "study": N_("the comparison with the prediction"),
    "decision_notes": N_("the next step"),
    "started_on": N_("the start date"),
    "finished_on": N_("the end date"),
}

# An activity of the stop-doing check (store/models.py StopItem).
STOP_ITEM_FIELDS: Mapping[str, str] = {
    "activity": N_("the description of the activity"),
    "who": N_("the note on who does it"),
    "hours_per_month": N_("the hours a month"),
    "minutes_per_occurrence": N_("the minutes each time"),
    "occurrences_per_month": N_("the number of times a month"),
    "beneficiary": N_("the note on who benefits"),
    "if_stopped": N_("the note on what stopping would mean"),
    "decision": N_("the decision"),
    "reason": N_("the reason for the decision"),
    "hours_freed": N_("the hours freed a month"),
    "follow_up_on": N_("the follow-up date"),
    "follow_up_result": N_("the result of the follow-up"),
    "follow_up_note": N_("the note from the follow-up"),
}

# A measure's definition, and a value's own fields when it is corrected. These follow a
# colon ("Measure changed: unit of measurement"), so they are bare nouns.
MEASURE_FIELDS: Mapping[str, str] = {
    "name": N_("name"),
    "kind": N_("kind"),
    "unit": N_("unit of measurement"),
    "direction": N_("direction"),
    "target": N_("target"),
    "baseline_points": N_("values in the baseline"),
    "definition": N_("definition"),
    "collection": N_("how it is collected"),
    "collector": N_("who collects it"),
    "observed_on": N_("date"),
    "period": N_("period"),
    "value": N_("value"),
    "note": N_("note"),
}


# Fields whose logged text is a number ("3.5"), shown as the reader writes numbers ("3,5").
NUMBER_FIELDS = frozenset(
    {
        "hours_per_month",
        "minutes_per_occurrence",
        "occurrences_per_month",
        "hours_freed",
        "target",
        "value",
        "freed_hours",
    }
)


def field_value(field: str, text: str | None) -> str | None:
    """A logged value as the reader reads it: numbers in their language, the rest as is."""
    if text is None or field not in NUMBER_FIELDS:
        return text
    try:
        return number_text(float(text))
    except ValueError:
        return text


def field_label(labels: Mapping[str, str], field: str) -> str | None:
    """The field's label in the reader's language; None for a field without one."""
    text = labels.get(field)
    return _(text) if text else None


def cycle_changed(number: str, field: str, *, after_start: bool = False) -> str:
    """ "Cycle 2: the prediction changed after Do had started"."""
    what = field_label(CYCLE_FIELDS, field)
    if what is None:
        if after_start:
            return _("Cycle {number} changed after Do had started").format(number=number)
        return _("Cycle {number} changed").format(number=number)
    if after_start:
        text = _("Cycle {number}: {field} changed after Do had started")
    else:
        text = _("Cycle {number}: {field} changed")
    return text.format(number=number, field=what)


def stop_item_changed(activity: str, field: str) -> str:
    """ "Stop-doing: Weekly report: the hours freed a month changed"."""
    what = field_label(STOP_ITEM_FIELDS, field)
    if what is None:
        return _("Stop-doing: {activity} changed").format(activity=activity)
    return _("Stop-doing: {activity}: {field} changed").format(activity=activity, field=what)


def measure_changed(field: str) -> str:
    """ "Measure changed: target"."""
    what = field_label(MEASURE_FIELDS, field)
    if what is None:
        return _("Measure changed")
    return _("Measure changed: {field}").format(field=what)


def value_corrected(field: str) -> str:
    """ "A value was corrected: date"."""
    what = field_label(MEASURE_FIELDS, field)
    if what is None:
        return _("A value was corrected")
    return _("A value was corrected: {field}").format(field=what)
