"""Review comments (f3) on the phase shown in the workspace, or on the cycle being edited.

Type a comment and press Enter; the author is the acting user. A comment that has been taken
care of is resolved (space), never deleted, so the review stays readable.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from forbattra.i18n import _, ngettext

if TYPE_CHECKING:
    from forbattra.store.database import Database
    from forbattra.store.services.comments import CommentView
    from forbattra.tui.app import ForbattraApp

CommentCall = Callable[["Database", str], Any]


def comment_label(comment: CommentView) -> Text:
    """ "○ Helena · 2025-05-12" and the text below it; resolved ones dimmed with a tick."""
    mark = "✓ " if comment.resolved else "○ "
    style = "dim" if comment.resolved else ""
    return Text.assemble(
        (mark, "bold"),
        (f"{comment.author or '–'} · {comment.created_at:%Y-%m-%d}", "italic"),
        "\n",
        (comment.text, style),
    )


class CommentList(OptionList):
    """The comments, oldest first.

    | Key | Does |
    | --- | --- |
    | space, enter | resolve, or open again |
    """

    BINDINGS = [
        Binding(
            "space,enter",
            "resolve",
            _("Resolve/open"),
            tooltip=_("Mark the comment as resolved, or open it again"),
        ),
    ]

    def __init__(self) -> None:
        super().__init__(id="comment-list")
        self.comments: tuple[CommentView, ...] = ()

    @property
    def current(self) -> CommentView | None:
        index = self.highlighted
        return self.comments[index] if index is not None and index < len(self.comments) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resolve":
            return self.current is not None or None
        return True

    def fill(self, comments: Sequence[CommentView], keep_id: int | None) -> None:
        self.comments = tuple(comments)
        self.clear_options()
        self.add_options([Option(comment_label(comment)) for comment in self.comments])
        ids = [comment.id for comment in self.comments]
        if ids:
            self.highlighted = ids.index(keep_id) if keep_id in ids else len(ids) - 1

    def action_resolve(self) -> None:
        if (comment := self.current) is not None:
            screen = self.screen
            assert isinstance(screen, CommentsScreen)
            screen.toggle(comment)


class CommentsScreen(Screen[None]):
    """The comments on one target: the initiative, ``phase:KEY`` or ``cycle:NUMBER``."""

    DEFAULT_CSS = """
    #comment-input { margin: 1 1 0 1; }
    #comment-list { height: 1fr; border: none; margin: 1 1 0 1; }
    #comment-summary { padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "leave", _("Back"), tooltip=_("Back to where you were"))]

    def __init__(self, initiative_id: int, target: str, about: str, title: str = "") -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.target = target
        self.about = about
        self.initiative_title = title
        self._warned = False

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    @property
    def comment_list(self) -> CommentList:
        return self.query_one(CommentList)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder=_("Write a comment and press Enter"), id="comment-input", max_length=2000
        )
        yield CommentList()
        yield Static(id="comment-summary", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Comments on {what}").format(what=self.about)
        self.sub_title = self.initiative_title
        self.query_one(Input).focus()
        self.reload()

    def reload(self, keep_id: int | None = None) -> None:
        self._run(None, keep_id=keep_id)

    @work(thread=True, group="comments", exclusive=False)
    def _run(
        self,
        call: CommentCall | None,
        *,
        keep_id: int | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.comments import list_comments

        database = self.forbattra.database
        if database is None:
            self.app.call_from_thread(self._problem, _("The database is not open yet."), failed)
            return
        try:
            if call is not None:
                result = call(database, self.forbattra.settings.user)
                keep_id = getattr(result, "id", keep_id)
        except StoreError as error:
            self.app.call_from_thread(self._problem, str(error), failed)
        try:
            found = list_comments(database, self.initiative_id, target=self.target)
        except StoreError as error:
            self.app.call_from_thread(self._problem, str(error), None)
            return
        self.app.call_from_thread(self._show, found, keep_id)

    def _problem(self, reason: str, failed: Callable[[str], None] | None) -> None:
        self.notify(reason, severity="warning", markup=False, timeout=8)
        if failed is not None:
            failed(reason)

    def _show(self, found: list[CommentView], keep_id: int | None) -> None:
        if not self.is_mounted:
            return
        if keep_id is None and self.comment_list.current is not None:
            keep_id = self.comment_list.current.id
        self.comment_list.fill(found, keep_id)
        still_open = sum(1 for comment in found if not comment.resolved)
        if not found:
            summary = _("No comments yet.")
        else:
            summary = (
                ngettext("{count} open", "{count} open", still_open).format(count=still_open)
                + " · "
                + _("{count} resolved").format(count=len(found) - still_open)
            )
        self.query_one("#comment-summary", Static).update(summary)

    @on(Input.Submitted, "#comment-input")
    def add(self, event: Input.Submitted) -> None:
        event.stop()
        field = event.input
        text = field.value
        if not text.strip():
            return
        field.value = ""
        self._warned = False
        initiative_id, target = self.initiative_id, self.target

        def refused(_reason: str) -> None:
            if not field.value:
                field.value = text  # nothing a user typed is lost

        def call(db: Database, actor: str) -> Any:
            from forbattra.store.services.comments import add_comment

            return add_comment(db, actor, initiative_id, text, target=target)

        self._run(call, failed=refused)

    def toggle(self, comment: CommentView) -> None:
        def call(db: Database, actor: str) -> Any:
            from forbattra.store.services.comments import set_resolved

            return set_resolved(
                db, actor, comment.id, not comment.resolved, expected_version=comment.version
            )

        self._run(call)

    def action_leave(self) -> None:
        field = self.query_one(Input)
        if field.value.strip() and not self._warned:
            self._warned = True
            self.notify(
                _("Press Esc again to throw away what you typed, or Enter to add it."),
                markup=False,
            )
            return
        self.dismiss(None)
