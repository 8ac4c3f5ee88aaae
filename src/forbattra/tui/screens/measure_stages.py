"""Splitting a chart into stages from the measures screen, and joining them again.

A stage starts at the selected value (its date is stored, so the split survives values added
later, export and import) and needs a stated reason. Both keys write through
:mod:`forbattra.store.services.stages` in the screen's thread worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from forbattra.core.analysis_text import period_label
from forbattra.i18n import _

if TYPE_CHECKING:
    from forbattra.core.domain import MeasureRow, StageMark
    from forbattra.store.database import Database
    from forbattra.tui.screens.measures import MeasuresScreen


def split_here(screen: MeasuresScreen) -> None:
    """Ask for the reason, then store a new stage from the selected value."""
    from forbattra.tui.screens.measure_dialogs import StageDialog

    measure, observation = screen.current(), screen.selected_observation()
    if measure is None or observation is None:
        return
    if observation is measure.observations[0]:
        screen.notify(
            _("A stage starts after the first value; choose a later point with ← →."),
            markup=False,
        )
        return
    period = period_label(observation.label)
    measure_id, starts_on = measure.id, observation.observed_on

    def split(reason: str | None) -> None:
        if not reason:
            return

        def call(db: Database, actor: str) -> Any:
            from forbattra.store.services.stages import add_stage

            return add_stage(db, actor, measure_id, starts_on, reason)

        screen.run(
            call,
            done=_("A new stage from {period}: {reason}. It is saved with the measure.").format(
                period=period, reason=reason
            ),
        )

    screen.app.push_screen(StageDialog(period), split)


def stage_to_remove(measure: MeasureRow, selected: int | None) -> tuple[StageMark, str] | None:
    """The stored stage the selected value is in (the latest one when the value is before
    every stage), with the period it starts at on the chart."""
    from forbattra.core.stages import stages_at

    days = [o.observed_on for o in measure.observations]
    shown = stages_at(days, measure.stages)
    if not shown:
        return None
    inside = [s for s in shown if selected is not None and s.start <= selected]
    stage = inside[-1] if inside else shown[-1]
    # stages_at keeps the latest date of those that begin at the same value.
    mark = max(
        (m for m in measure.stages if m.starts_on <= days[stage.start]),
        key=lambda m: m.starts_on,
    )
    return mark, period_label(measure.observations[stage.start].label)


def join_here(screen: MeasuresScreen) -> None:
    """Remove the stage the selected value is in (asks first; the history keeps it)."""
    from forbattra.tui.screens.confirm import ConfirmScreen
    from forbattra.tui.widgets.chart import ChartView

    measure = screen.current()
    if measure is None:
        return
    found = stage_to_remove(measure, screen.query_one(ChartView).selected)
    if found is None:
        return
    mark, period = found
    measure_id = measure.id

    def answered(yes: bool | None) -> None:
        if not yes:
            return

        def call(db: Database, actor: str) -> Any:
            from forbattra.store.services.stages import remove_stage

            return remove_stage(db, actor, measure_id, mark.starts_on)

        screen.run(call, done=_("The stage from {period} was removed.").format(period=period))

    screen.app.push_screen(
        ConfirmScreen(
            _("Remove the stage from {period}?").format(period=period),
            _(
                "Reason: {reason}. The values join the stage before it again; the history"
                " keeps the reason."
            ).format(reason=mark.reason),
            confirm=_("Remove the stage"),
        ),
        answered,
    )
