"""The measures screen's help (F1): its keys, the chart's keys and what the marks mean."""

from __future__ import annotations

from typing import TYPE_CHECKING

from forbattra.i18n import _

if TYPE_CHECKING:
    from forbattra.tui.screens.help import Section
    from forbattra.tui.screens.measures import MeasuresScreen


def help_sections(screen: MeasuresScreen) -> tuple[list[Section], list[str]]:
    from forbattra.tui.screens.help import binding_entries

    sections: list[Section] = [
        (_("Measures"), binding_entries(screen.app, screen.BINDINGS)),
        (
            _("The chart"),
            [
                ("← →", _("Choose a point: its value, its note, the rules it broke")),
                ("home end", _("On the chart: the first or the last point")),
                ("↑ ↓", _("On the list: another measure")),
                ("enter", _("From the list to the chart; on the chart: change the value")),
                ("tab", _("Move between the list, the chart and the entry")),
            ],
        ),
        (
            _("Adding values"),
            [
                (_("a, then type"), _("Period (2025-W12, v12, 2025-03-14), value, note")),
                ("enter", _("Store the value; the next period is filled in")),
                ("esc", _("Close the entry (asks first if a value is typed)")),
            ],
        ),
    ]
    notes = [
        _(
            "● is a value, ◆ a value that broke a rule (a long run, a shift, a trend, or"
            " outside the limits); ─ is the median (or the mean), ╌ the XmR limits, ═ the"
            " target, ┆ the end of the baseline, ┃ a new stage; ▲ marks where a PDSA cycle"
            " started and ✎ a note."
        ),
        _(
            "Below 10 values the verdict says there is too little data: no rule is applied."
            " Anhøj's rules are the Nordic standard; IHI's are also widely taught."
        ),
        _(
            "A stage splits the chart at a deliberate change, with a reason; each stage"
            " gets its own centre line and the verdict is the current stage's. Stages are"
            " saved with the measure: s splits at the selected value, S removes the stage"
            " it is in."
        ),
    ]
    return sections, notes
