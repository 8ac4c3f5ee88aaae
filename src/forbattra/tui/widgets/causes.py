"""Analyze: causes captured fast, sorted into categories, with five-whys chains under them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Select, Static, Tree
from textual.widgets.tree import TreeNode

from forbattra.core.domain import CauseView
from forbattra.core.vocabulary import CauseCategory, label
from forbattra.i18n import _
from forbattra.tui import calls
from forbattra.tui.messages import Request
from forbattra.tui.widgets.fields import LocksWhenClosed

CATEGORIES = tuple(CauseCategory)


def cause_label(cause: CauseView, group: CauseCategory | None = None) -> Text:
    """The cause's text after its marks, which must stay visible however long the text:
    ``★✓`` a verified root cause, ``★?`` one not verified yet. A why whose category differs
    from the group it stands in (its top cause's) names its own."""
    text = Text()
    if cause.root:
        text.append("★✓ " if cause.verified else "★? ", style="bold")
    text.append(cause.text, style="bold" if cause.root else "")
    if cause.category is not None and cause.category != group:
        text.append("  · " + label(cause.category), style="italic dim")
    if cause.votes:
        text.append(f"  ● {cause.votes}", style="dim")
    return text


def legend() -> Text:
    return Text(
        _("★✓ verified root cause · ★? root cause, not verified yet"),
        style="dim",
    )


def grouped(
    causes: Sequence[CauseView],
) -> list[tuple[CauseCategory | None, list[tuple[CauseView, int]]]]:
    """The causes as the tree shows them: by category (none last), each followed by its
    whys, depth first; every cause with its depth in the chain (0 for a top cause)."""
    ids = {cause.id for cause in causes}
    children: dict[int | None, list[CauseView]] = defaultdict(list)
    for cause in causes:
        children[cause.parent_id if cause.parent_id in ids else None].append(cause)

    def chain(cause: CauseView, depth: int) -> list[tuple[CauseView, int]]:
        found = [(cause, depth)]
        for why in children.get(cause.id, []):
            found.extend(chain(why, depth + 1))
        return found

    groups = []
    for category in (*CATEGORIES, None):
        tops = [cause for cause in children.get(None, []) if cause.category == category]
        if tops:
            groups.append((category, [entry for top in tops for entry in chain(top, 0)]))
    return groups


def in_tree_order(causes: Sequence[CauseView]) -> list[tuple[CauseView, int]]:
    return [entry for _group, entries in grouped(causes) for entry in entries]


class CauseTree(LocksWhenClosed, Tree[CauseView | None]):
    """The causes by category, each "why?" under the cause it explains.

    | Key | Does |
    | --- | --- |
    | w | ask "why?" about the cause: the answer goes under it |
    | r | mark or unmark a root cause |
    | v | mark a root cause verified, or not |
    | c, 0–6 | choose the category (0: none) |
    | e | change the text |
    | delete | remove the cause (its whys move up) |
    | d | dot voting on the causes |
    """

    BINDINGS = [
        Binding("w", "why", _("Why?"), tooltip=_("Ask why: the answer goes under this cause")),
        Binding("r", "root", _("Root"), tooltip=_("Mark or unmark it as a root cause")),
        Binding("v", "verified", _("Verified"), tooltip=_("Mark a root cause verified or not")),
        Binding("c", "category", _("Category"), tooltip=_("Choose the category (or 0–6)")),
        Binding("e", "edit", _("Edit"), show=False, tooltip=_("Change the text")),
        Binding("delete", "remove", _("Remove"), show=False, tooltip=_("Remove the cause")),
        Binding("d", "dot_vote", _("Dot vote"), show=False, tooltip=_("Dot voting on the causes")),
        *[Binding(str(n), f"set_category({n})", show=False) for n in range(7)],
    ]

    class AskWhy(Message):
        def __init__(self, cause: CauseView) -> None:
            super().__init__()
            self.cause = cause

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Text(""), id=id)
        self.show_root = False
        self.guide_depth = 2
        self.auto_expand = False
        self._cause_nodes: dict[int, TreeNode[CauseView | None]] = {}

    def fill(self, causes: Sequence[CauseView]) -> None:
        """Show ``causes``; the cursor stays on the cause it was on."""
        keep = self.current.id if self.current else None
        self.clear()
        nodes: dict[int, TreeNode[CauseView | None]] = {}
        branch: TreeNode[CauseView | None] = self.root
        parents: list[TreeNode[CauseView | None]] = []
        for group, entries in grouped(causes):
            name = label(group) if group else _("no category")
            heading = Text(f"{name[:1].upper()}{name[1:]} ({len(entries)})", style="bold")
            branch = self.root.add(heading, None, expand=True)
            parents = [branch]
            for cause, depth in entries:
                del parents[depth + 1 :]
                node = parents[-1].add(cause_label(cause, group), cause, expand=True)
                nodes[cause.id] = node
                parents.append(node)
        for node in nodes.values():
            node.allow_expand = bool(node.children)
        self._cause_nodes = nodes
        # The lines are counted at the next refresh: move the cursor then.
        if keep in nodes:
            self.call_after_refresh(self.move_cursor, nodes[keep])
        elif nodes:  # the first cause, not its category's heading
            self.call_after_refresh(self.move_cursor, next(iter(nodes.values())))

    def show_cause(self, cause_id: int) -> None:
        """Put the cursor on one cause (a new one, say), once the tree has its lines."""

        node = self._cause_nodes.get(cause_id)
        if node is not None:
            self.call_after_refresh(self.move_cursor, node)

    @property
    def current(self) -> CauseView | None:
        node = self.cursor_node
        return node.data if node is not None else None

    editing_actions = frozenset(
        {"why", "root", "verified", "category", "edit", "remove", "set_category", "dot_vote"}
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.locked_out(action):
            return False
        if action in {"why", "root", "verified", "category", "edit", "remove", "set_category"}:
            return self.current is not None or None
        return True

    def action_dot_vote(self) -> None:
        from forbattra.core.voting import VoteTarget
        from forbattra.tui.screens.dot_vote import open_dot_vote

        open_dot_vote(self.screen, VoteTarget.CAUSE)

    def action_why(self) -> None:
        if (cause := self.current) is not None:
            self.post_message(self.AskWhy(cause))

    def action_root(self) -> None:
        if (cause := self.current) is not None:
            self.post_message(Request(calls.cause_root(cause, not cause.root)))

    def action_verified(self) -> None:
        if (cause := self.current) is not None:
            self.post_message(Request(calls.cause_verified(cause, not cause.verified)))

    def action_set_category(self, number: int) -> None:
        if (cause := self.current) is not None:
            category = CATEGORIES[number - 1] if number else None
            self.post_message(Request(calls.cause_category(cause, category)))

    def action_category(self) -> None:
        from forbattra.tui.screens.pick import PickScreen

        cause = self.current
        if cause is None:
            return
        choices = [f"{n} {label(c)}" for n, c in enumerate(CATEGORIES, 1)]
        choices.append("0 " + _("no category"))
        now = CATEGORIES.index(cause.category) if cause.category else len(CATEGORIES)

        def chosen(index: int | None) -> None:
            if index is not None:
                self.action_set_category(index + 1 if index < len(CATEGORIES) else 0)

        self.app.push_screen(PickScreen(_("Category"), choices, now), chosen)

    def action_edit(self) -> None:
        from forbattra.tui.screens.edit_line import EditLineScreen

        cause = self.current
        if cause is None:
            return

        def edited(text: str | None) -> None:
            if text is not None and text != cause.text:
                self.post_message(Request(calls.cause_text(cause, text)))

        self.app.push_screen(EditLineScreen(_("Change the cause"), cause.text), edited)

    def action_remove(self) -> None:
        from forbattra.tui.screens.confirm import ConfirmScreen

        cause = self.current
        if cause is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(Request(calls.delete_cause(cause), done=_("Cause removed.")))

        self.app.push_screen(
            ConfirmScreen(
                _("Remove the cause?"),
                _("The whys under it move up one step; links to solutions go."),
                items=[cause.text],
                confirm=_("Remove"),
                warning=True,
            ),
            answered,
        )


class CausesPanel(Vertical):
    """Quick capture (type, Enter, type the next) above the tree of causes.

    The category chosen beside the field goes with every new cause. After ``w`` on a cause
    the field asks "why?" about it; each answer goes under the one before, down a five-whys
    chain, until Esc.
    """

    BINDINGS = [Binding("escape", "stop_asking", _("Stop asking why"), id="causes.stop")]

    def __init__(self, initiative_id: int, causes: Sequence[CauseView]) -> None:
        super().__init__(id="causes")
        self.initiative_id = initiative_id
        self.causes = tuple(causes)
        self.asking: CauseView | None = None

    def compose(self) -> ComposeResult:
        yield Static(_("Causes"), classes="tool-title", markup=False)
        with Horizontal(classes="capture"):
            yield Input(
                placeholder=_("Type a cause and press Enter"), compact=True, id="cause-input"
            )
            yield Select(
                [(label(category), category) for category in CATEGORIES],
                prompt=_("no category"),
                compact=True,
                id="cause-category",
            )
        yield Static(id="cause-asking", markup=False)
        yield CauseTree(id="cause-tree")

    def on_mount(self) -> None:
        self.query_one(CauseTree).fill(self.causes)
        self._show_asking()

    def set_causes(self, causes: Sequence[CauseView]) -> None:
        if tuple(causes) != self.causes:
            self.causes = tuple(causes)
            self.query_one(CauseTree).fill(self.causes)
        if self.asking is not None:
            self.asking = next((c for c in self.causes if c.id == self.asking.id), None)
            self._show_asking()

    def _show_asking(self) -> None:
        hint = self.query_one("#cause-asking", Static)
        field = self.query_one("#cause-input", Input)
        if self.asking is None:
            hint.update(legend())
            field.placeholder = _("Type a cause and press Enter")
            return
        text = Text(_("Why? "), style="bold")
        text.append(self.asking.text)
        text.append("  " + _("(Esc stops asking)"), style="dim")
        hint.update(text)
        field.placeholder = _("Why? Type the answer, Enter")

    @on(CauseTree.AskWhy)
    def ask_why(self, event: CauseTree.AskWhy) -> None:
        event.stop()
        self.asking = event.cause
        self._show_asking()
        self.query_one("#cause-input", Input).focus()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop_asking":
            return self.asking is not None
        return True

    def action_stop_asking(self) -> None:
        asked = self.asking
        self.asking = None
        self._show_asking()
        self.refresh_bindings()
        # Back to the tree, on the last answer: the next keys (r, v, a digit) are meant for
        # the causes, not typed into the capture line.
        tree = self.query_one(CauseTree)
        tree.focus()
        if asked is not None:
            tree.show_cause(asked.id)

    @on(Input.Submitted, "#cause-input")
    def capture(self, event: Input.Submitted) -> None:
        event.stop()
        field = event.input
        text = field.value
        if not text.strip():
            return
        field.value = ""
        chosen = self.query_one("#cause-category", Select).value
        category = chosen if isinstance(chosen, CauseCategory) else None
        parent = self.asking

        def added(cause: CauseView) -> None:
            self.query_one(CauseTree).show_cause(cause.id)
            if self.asking is not None and parent is not None and self.asking.id == parent.id:
                self.asking = cause  # the next answer asks "why?" about this one
                self._show_asking()
            elif self.asking is None:
                done = Text("✓ " + _("Added: {cause}").format(cause=cause.text), style="dim")
                self.query_one("#cause-asking", Static).update(done)

        def refused(_reason: str) -> None:
            if not field.value:
                field.value = text

        self.post_message(
            Request(
                calls.add_cause(
                    self.initiative_id,
                    text,
                    None if parent else category,
                    parent.id if parent else None,
                ),
                then=added,
                failed=refused,
            )
        )
