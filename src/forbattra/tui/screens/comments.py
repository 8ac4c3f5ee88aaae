"""Review comments (f3) on the phase shown in the workspace, or on the cycle being edited.

Type a comment and press Enter; the author is the acting user. A comment that has been taken
care of is resolved (space), never deleted, so the review stays readable.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from forbattra.i18n import _, ngettext
from forbattra.tui.screens.note_list import NoteCall, NoteListScreen

if TYPE_CHECKING:
    from forbattra.store.database import Database
    from forbattra.store.services.comments import CommentView


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


class CommentsScreen(NoteListScreen["CommentView"]):
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

    def read_notes(self, database: Database) -> Sequence[CommentView]:
        from forbattra.store.services.comments import list_comments

        return list_comments(database, self.initiative_id, target=self.target)

    def show_notes(self, notes: Sequence[CommentView], keep_id: int | None) -> None:
        if keep_id is None and self.comment_list.current is not None:
            keep_id = self.comment_list.current.id
        self.comment_list.fill(notes, keep_id)
        still_open = sum(1 for comment in notes if not comment.resolved)
        if not notes:
            summary = _("No comments yet.")
        else:
            summary = (
                ngettext("{count} open", "{count} open", still_open).format(count=still_open)
                + " · "
                + _("{count} resolved").format(count=len(notes) - still_open)
            )
        self.query_one("#comment-summary", Static).update(summary)

    def leave_warning(self) -> str:
        return _("Press Esc again to throw away what you typed, or Enter to add it.")

    @on(Input.Submitted, "#comment-input")
    def add(self, event: Input.Submitted) -> None:
        event.stop()
        initiative_id, target = self.initiative_id, self.target

        def adding(text: str) -> NoteCall:
            def call(db: Database, actor: str) -> Any:
                from forbattra.store.services.comments import add_comment

                return add_comment(db, actor, initiative_id, text, target=target)

            return call

        self.add_typed(event.input, adding)

    def toggle(self, comment: CommentView) -> None:
        def call(db: Database, actor: str) -> Any:
            from forbattra.store.services.comments import set_resolved

            return set_resolved(
                db, actor, comment.id, not comment.resolved, expected_version=comment.version
            )

        self.write_then_read(call)
