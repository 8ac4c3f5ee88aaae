"""Deleting from the measures screen: a value, or a whole measure; both ask first, and the
history keeps what was deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from forbattra.core.analysis_text import period_label
from forbattra.i18n import _, ngettext
from forbattra.tui.measures_model import number

if TYPE_CHECKING:
    from forbattra.store.database import Database
    from forbattra.tui.screens.measures import MeasuresScreen


def delete_value(screen: MeasuresScreen) -> None:
    """Delete the selected value, after asking."""
    from forbattra.tui.screens.confirm import ConfirmScreen

    observation = screen.selected_observation()
    if observation is None:
        return
    what = f"{period_label(observation.label)}: {number(observation.value)}"

    def answered(yes: bool | None) -> None:
        if not yes:
            return

        def call(db: Database, actor: str) -> Any:
            from forbattra.store.services.observations import delete_observation

            return delete_observation(
                db, actor, observation.id, expected_version=observation.version
            )

        screen.run(call, done=_("Deleted {value}.").format(value=what))

    screen.app.push_screen(
        ConfirmScreen(
            _("Delete this value?"),
            _("{value} is deleted from the chart. The history keeps what it was.").format(
                value=what
            ),
            confirm=_("Delete"),
            warning=True,
        ),
        answered,
    )


def delete_measure(screen: MeasuresScreen) -> None:
    """Delete the highlighted measure and its values, after asking."""

    from forbattra.tui.screens.confirm import ConfirmScreen

    measure = screen.current()
    if measure is None:
        return
    count = len(measure.observations)

    def answered(yes: bool | None) -> None:
        if not yes:
            return

        def call(db: Database, actor: str) -> Any:
            from forbattra.store.services.measures import delete_measure

            return delete_measure(db, actor, measure.id, expected_version=measure.version)

        screen.run(call, done=_("The measure was deleted."))

    screen.app.push_screen(
        ConfirmScreen(
            _("Delete the measure “{name}”?").format(name=measure.name),
            ngettext(
                "The measure and its {count} value are deleted. The history keeps its name.",
                "The measure and its {count} values are deleted. The history keeps its name.",
                count,
            ).format(count=count),
            confirm=_("Delete the measure"),
            warning=True,
        ),
        answered,
    )
