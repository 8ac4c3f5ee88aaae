"""Close, pause, resume and reopen from any screen: the portfolio, the workspace, a cycle.

Each function checks the rule first (:mod:`forbattra.core.closure`), so a closed initiative
is not closed twice; then asks (a dialog or a confirmation) and runs the service in a thread
worker of ``screen``. ``done`` runs on the UI thread after a change is stored, to redraw.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from forbattra.core import closure as rules
from forbattra.core.vocabulary import Status
from forbattra.i18n import _

if TYPE_CHECKING:
    from datetime import date

    from textual.screen import Screen

    from forbattra.core.domain import ClosureView, InitiativeRow
    from forbattra.store.database import Database


@dataclass(frozen=True)
class Subject:
    """The initiative an action is about, as the screen that asks knows it."""

    id: int
    title: str
    phase_name: str
    status: Status
    review_by: date | None = None

    @classmethod
    def of_row(cls, row: InitiativeRow) -> Subject:
        return cls(row.id, row.title, row.phase_name, row.status, row.review_by)


Done = Callable[[], None]


def close(screen: Screen[Any], subject: Subject, done: Done) -> None:
    """Open the close-without-prestige dialog; an initiative already ended gets a message."""
    from forbattra.tui.screens.close_initiative import CloseInitiativeScreen, closed_message

    problem = rules.close_problem(subject.status)
    if problem:
        screen.notify(problem, severity="warning", markup=False, timeout=8)
        return

    def closed(closure: ClosureView | None) -> None:
        if closure is not None:
            screen.notify(closed_message(closure), markup=False, timeout=8)
            done()

    screen.app.push_screen(
        CloseInitiativeScreen(subject.id, subject.title, subject.phase_name), closed
    )


def pause_or_resume(screen: Screen[Any], subject: Subject, done: Done) -> None:
    """Pause an active initiative (asking for the review-by date); resume a paused one."""
    from forbattra.tui.screens.confirm import ConfirmScreen
    from forbattra.tui.screens.pause import PauseScreen

    if subject.status == Status.PAUSED:

        def answered(yes: bool | None) -> None:
            if yes:
                _run(screen, _resume(subject.id), _("Resumed: the work goes on."), done)

        screen.app.push_screen(
            ConfirmScreen(
                _("Resume {title}?").format(title=subject.title),
                _("It becomes active again where it was paused, in {phase}.").format(
                    phase=subject.phase_name
                ),
                confirm=_("Resume"),
            ),
            answered,
        )
        return
    if subject.status not in rules.OPEN:
        screen.notify(
            _("A closed or completed initiative cannot be paused."),
            severity="warning",
            markup=False,
            timeout=8,
        )
        return

    def paused(row: InitiativeRow | None) -> None:
        if row is not None and row.review_by is not None:
            screen.notify(
                _("Paused until {date}.").format(date=row.review_by.isoformat()), markup=False
            )
            done()

    screen.app.push_screen(PauseScreen(subject.id, subject.title), paused)


def reopen(screen: Screen[Any], subject: Subject, done: Done) -> None:
    """Take a closed initiative up again, after asking; its closure stays in the history."""
    from forbattra.tui.screens.confirm import ConfirmScreen

    problem = rules.reopen_problem(subject.status)
    if problem:
        screen.notify(problem, severity="warning", markup=False, timeout=8)
        return

    def answered(yes: bool | None) -> None:
        if yes:
            message = _("Reopened: active again in {phase}.").format(phase=subject.phase_name)
            _run(screen, _reopen(subject.id), message, done)

    screen.app.push_screen(
        ConfirmScreen(
            _("Reopen {title}?").format(title=subject.title),
            _(
                "It becomes active again in {phase}. Why it was closed, and what was learned,"
                " stay readable in its history."
            ).format(phase=subject.phase_name),
            confirm=_("Reopen"),
        ),
        answered,
    )


# --- Running a service call -----------------------------------------------------------------

Call = Callable[["Database", str], object]


def _resume(initiative_id: int) -> Call:
    def call(database: Database, actor: str) -> object:
        from forbattra.store.services.closures import resume_initiative

        return resume_initiative(database, actor, initiative_id)

    return call


def _reopen(initiative_id: int) -> Call:
    def call(database: Database, actor: str) -> object:
        from forbattra.store.services.closures import reopen_initiative

        return reopen_initiative(database, actor, initiative_id)

    return call


def _run(screen: Screen[Any], call: Call, message: str, done: Done) -> None:
    """Run ``call`` in a thread worker; say ``message`` and run ``done`` when it worked."""
    from forbattra.tui.app import ForbattraApp

    app = screen.app
    assert isinstance(app, ForbattraApp)

    def work() -> None:
        from forbattra.store.errors import StoreError

        database = app.database
        if database is None:
            return
        try:
            call(database, app.settings.user)
        except StoreError as error:
            app.call_from_thread(
                screen.notify, str(error), severity="warning", markup=False, timeout=8
            )
            return
        app.call_from_thread(screen.notify, message, markup=False)
        app.call_from_thread(done)

    screen.run_worker(work, thread=True, group="closing")
