"""Triage from the idea inbox: review, "not now" (with a reason), turn into an initiative
(then offer to open it) and delete for good (after asking).

Each runs its service call through :meth:`IdeasScreen.run_call
<forbattra.tui.screens.ideas.IdeasScreen.run_call>`, in a thread worker; the inbox is read
again afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from forbattra.i18n import _
from forbattra.tui.screens.ideas import short

if TYPE_CHECKING:
    from forbattra.core.vocabulary import Method
    from forbattra.store.database import Database
    from forbattra.tui.screens.ideas import IdeasScreen


def review(screen: IdeasScreen) -> None:
    """Take the highlighted idea up for review."""
    idea = screen.highlighted()
    if idea is None:
        return

    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services.idea_triage import review_idea

        return review_idea(db, actor, idea.id, expected_status=idea.status)

    screen.run_call(call, _("The idea is under review."))


def not_now(screen: IdeasScreen) -> None:
    """Answer "not now" for the highlighted idea, with a reason asked for first."""
    from forbattra.tui.screens.idea_dialogs import ReasonScreen

    idea = screen.highlighted()
    if idea is None:
        return

    def answered(reason: object) -> None:
        if not isinstance(reason, str):
            return

        def call(db: Database, actor: str) -> Any:
            from forbattra.store.services.idea_triage import not_now as answer_not_now

            return answer_not_now(db, actor, idea.id, reason, expected_status=idea.status)

        screen.run_call(call, _("Not now: the reason is shown with the idea."))

    screen.app.push_screen(ReasonScreen(idea), answered)


def accept(screen: IdeasScreen) -> None:
    """Turn the highlighted idea into an initiative (method and title asked for first)."""
    from forbattra.tui.screens.idea_dialogs import AcceptIdeaScreen

    idea = screen.highlighted()
    if idea is None:
        return

    def chosen(answer: object) -> None:
        if not isinstance(answer, tuple):
            return
        method, title = answer

        def call(db: Database, actor: str) -> Any:
            from forbattra.store.services.idea_triage import accept_idea

            return accept_idea(
                db, actor, idea.id, method=method, title=title, expected_status=idea.status
            )

        screen.run_call(call, "", then=lambda accepted: _accepted(screen, accepted))

    screen.app.push_screen(AcceptIdeaScreen(idea), chosen)


def _accepted(screen: IdeasScreen, accepted: Any) -> None:
    from forbattra.tui.screens.confirm import ConfirmScreen

    def decided(open_it: bool | None) -> None:
        if open_it:
            _open_initiative(screen, accepted.initiative_id, accepted.method, accepted.title)

    screen.app.push_screen(
        ConfirmScreen(
            _("The idea is now an initiative"),
            _("Initiative {id} “{title}” is created from the idea. Open it now?").format(
                id=accepted.initiative_id, title=accepted.title
            ),
            confirm=_("Open it"),
            cancel=_("Back to the inbox"),
        ),
        decided,
    )


def _open_initiative(screen: IdeasScreen, initiative_id: int, method: Method, title: str) -> None:
    from forbattra.tui.screens.workspace import WorkspaceScreen

    screen.app.push_screen(WorkspaceScreen(initiative_id, method, title))


def delete(screen: IdeasScreen) -> None:
    """Delete the highlighted idea for good, after asking."""
    from forbattra.tui.screens.confirm import ConfirmScreen

    idea = screen.highlighted()
    if idea is None:
        return

    def decided(yes: bool | None) -> None:
        if not yes:
            return

        def call(db: Database, actor: str) -> Any:
            from forbattra.store.services.idea_triage import delete_idea

            return delete_idea(db, actor, idea.id)

        screen.run_call(call, _("The idea is deleted; its text is wiped from the database."))

    screen.app.push_screen(
        ConfirmScreen(
            _("Delete the idea?"),
            _("It is deleted for good; its text is wiped from the database file."),
            items=[short(idea.text)],
            confirm=_("Delete"),
            warning=True,
        ),
        decided,
    )
