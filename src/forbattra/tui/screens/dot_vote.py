"""Dot voting on causes, solutions or ideas: the leader counts the dots on the wall, enters them
item by item, and saves the round with today's date.

Each participant has the same number of dots; with the number of participants given, the
screen shows how many of the room's dots are accounted for and refuses a count that has more.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from forbattra.core.voting import (
    MAX_DOTS_PER_ITEM,
    MAX_DOTS_PER_PERSON,
    MAX_PARTICIPANTS,
    VoteError,
    VoteItem,
    VoteRoundView,
    VoteTarget,
    available,
    check_round,
    parse_count,
    ranked,
    used,
)
from forbattra.i18n import _

if TYPE_CHECKING:
    from forbattra.tui.app import ForbattraApp
    from forbattra.tui.screens.help import Section

BAR = 10  # dots drawn per item; more are counted with a "+"


def _titles() -> dict[VoteTarget, str]:
    return {
        VoteTarget.CAUSE: _("Dot vote on causes"),
        VoteTarget.SOLUTION: _("Dot vote on solutions"),
        VoteTarget.IDEA: _("Dot vote on ideas"),
    }


def _hint() -> str:
    return _("+ and - add or take a dot; digits type the count; s sorts; ctrl+s saves.")


def vote_line(item: VoteItem, dots: int) -> Text:
    """ "  7 ●●●●●●●     Otydlig information": the count, a bar, the text (plain text)."""
    bar = "●" * min(dots, BAR) + ("+" if dots > BAR else "")
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(f"{dots:>4} ", style="bold")
    line.append(f"{bar:<{BAR + 1}} ", style="bold" if dots else "dim")
    line.append(item.text)
    return line


class VoteList(OptionList):
    """The items and their dots.

    | Key | Does |
    | --- | --- |
    | + | one more dot on the highlighted item |
    | - | one dot less |
    | 0–9 | type the count (12 is 1 then 2; moving to another item starts anew) |
    | backspace | take the last digit away |
    | s | sort by dots, most first |
    """

    BINDINGS = [
        Binding("plus,equals_sign", "add(1)", _("Add a dot"), tooltip=_("One more dot")),
        Binding("minus", "add(-1)", _("Take a dot"), tooltip=_("One dot less")),
        Binding("backspace", "backspace", show=False),
        Binding("s", "sort", _("Sort"), tooltip=_("Sort by dots, most first")),
        *[Binding(str(n), f"digit({n})", show=False) for n in range(10)],
    ]

    def __init__(self) -> None:
        super().__init__(id="vote-list")
        self.items: list[VoteItem] = []
        self.dots: dict[str, int] = {}
        self._typing: str | None = None  # the item whose count is being typed

    @property
    def current(self) -> VoteItem | None:
        index = self.highlighted
        return self.items[index] if index is not None and index < len(self.items) else None

    def fill(self, items: Sequence[VoteItem], dots: dict[str, int]) -> None:
        keep = self.current.key if self.current else None
        self.items = list(items)
        self.dots = dots
        self.clear_options()
        self.add_options([Option(vote_line(i, dots.get(i.key, 0))) for i in self.items])
        keys = [item.key for item in self.items]
        if keys:
            self.highlighted = keys.index(keep) if keep in keys else 0
        self._typing = None

    def on_option_list_option_highlighted(self) -> None:
        self._typing = None

    def _set(self, item: VoteItem, count: int) -> None:
        count = max(0, min(MAX_DOTS_PER_ITEM, count))
        self.dots[item.key] = count
        index = self.items.index(item)
        self.replace_option_prompt_at_index(index, vote_line(item, count))
        screen = self.screen
        assert isinstance(screen, DotVoteScreen)
        screen.counted()

    def action_add(self, change: int) -> None:
        if (item := self.current) is not None:
            self._typing = None
            self._set(item, self.dots.get(item.key, 0) + change)

    def action_digit(self, digit: int) -> None:
        if (item := self.current) is None:
            return
        before = self.dots.get(item.key, 0) if self._typing == item.key else 0
        self._set(item, before * 10 + digit)
        self._typing = item.key

    def action_backspace(self) -> None:
        if (item := self.current) is not None:
            self._set(item, self.dots.get(item.key, 0) // 10)
            self._typing = item.key

    def action_sort(self) -> None:
        self.fill(ranked(self.items, self.dots), self.dots)


class DotVoteScreen(Screen[None]):
    """One round of dot voting on ``target``; the items are read from the database unless
    given (the idea inbox gives its own list)."""

    DEFAULT_CSS = """
    #vote-settings { height: 1; margin: 1 1 0 1; }
    #vote-settings Static { width: auto; margin-right: 1; }
    #vote-dots, #vote-people { width: 8; margin-right: 3; }
    #vote-list { height: 1fr; border: none; margin: 1 1 0 1; }
    #vote-status { padding: 0 1; }
    #vote-status.-problem { color: $text-error; text-style: bold; }
    #vote-status.-saved { color: $text-success; }
    #vote-hint { padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", _("Save the vote"), id="dot_vote.save"),
        Binding("escape", "leave", _("Back"), tooltip=_("Back (asks first if not saved)")),
        # From the two settings down to the list (the list's own ↓ moves within it).
        Binding("down", "to_list", show=False),
    ]

    def __init__(
        self,
        target: VoteTarget,
        initiative_id: int | None,
        items: Sequence[VoteItem] | None = None,
        context: str = "",
    ) -> None:
        super().__init__()
        self.target = VoteTarget(target)
        self.initiative_id = initiative_id
        self.given = None if items is None else list(items)
        self.context = context
        self.saved_round: VoteRoundView | None = None
        self._changed = False
        self._warned = False

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="vote-settings"):
            yield Static(_("Dots per person"), markup=False)
            yield Input("3", id="vote-dots", max_length=2, restrict=r"\d*", compact=True)
            yield Static(_("Participants (if known)"), markup=False)
            yield Input("", id="vote-people", max_length=4, restrict=r"\d*", compact=True)
        yield Static(_hint(), id="vote-hint", markup=False)
        yield VoteList()
        yield Static(id="vote-status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = _titles()[self.target]
        self.sub_title = self.context
        self.query_one("#vote-dots", Input).focus()
        self._load()

    @property
    def vote_list(self) -> VoteList:
        return self.query_one(VoteList)

    @work(thread=True, group="vote-load")
    def _load(self, *, again: bool = False) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.dot_votes import latest_round, vote_items

        database = self.forbattra.database
        if database is None:
            return
        try:
            items = self.given
            if items is None:
                items = vote_items(database, self.target, self.initiative_id)
            last = latest_round(database, self.target, self.initiative_id)
        except StoreError as error:
            self.app.call_from_thread(self._status, str(error), "-problem")
            return
        self.app.call_from_thread(self._loaded, items, last, again)

    def _loaded(self, items: list[VoteItem], last: VoteRoundView | None, again: bool) -> None:
        if again:  # read after a refusal: keep the counts typed for what is still there
            kept = self.vote_list.dots
            self.vote_list.fill(items, {item.key: kept.get(item.key, 0) for item in items})
            self.counted()
            return
        if last is not None:
            self.query_one("#vote-hint", Static).update(
                Text(
                    _hint()
                    + " "
                    + _("Last vote: {date}, {dots} dots per person.").format(
                        date=last.held_on.isoformat(), dots=last.dots_per_person
                    )
                )
            )
            self.query_one("#vote-dots", Input).value = str(last.dots_per_person)
            if last.participants is not None:
                self.query_one("#vote-people", Input).value = str(last.participants)
        self.vote_list.fill(items, {item.key: 0 for item in items})
        self.counted()
        self._changed = False
        if not items:
            self._status(_("Nothing to vote on yet."), "-problem")

    # The count ------------------------------------------------------------------------------

    def settings(self) -> tuple[int, int | None]:
        """Dots per person and participants as typed; raises VoteError with what is wrong."""
        per_person = parse_count(
            self.query_one("#vote-dots", Input).value,
            what=_("Dots per person"),
            limit=MAX_DOTS_PER_PERSON,
        )
        assert per_person is not None
        people = parse_count(
            self.query_one("#vote-people", Input).value,
            what=_("Participants"),
            limit=MAX_PARTICIPANTS,
            optional=True,
        )
        return per_person, people

    def counted(self) -> None:
        """Redraw "dots used"; called after every change of a count or a setting."""
        self._changed = True
        self._warned = False
        spent = used(self.vote_list.dots)
        try:
            per_person, people = self.settings()
        except VoteError as error:
            self._status(str(error), "-problem")
            return
        room = available(per_person, people)
        if room is None:
            self._status(
                _("{used} dots given ({dots} per person)").format(used=spent, dots=per_person),
                "",
            )
        elif spent > room:
            self._status(
                _("{used} of {available} dots: more than the room had").format(
                    used=spent, available=room
                ),
                "-problem",
            )
        else:
            self._status(
                _("{used} of {available} dots given; {left} left").format(
                    used=spent, available=room, left=room - spent
                ),
                "",
            )

    def _status(self, text: str, kind: str) -> None:
        status = self.query_one("#vote-status", Static)
        for name in ("-problem", "-saved"):
            status.set_class(name == kind, name)
        status.update(Text(text, no_wrap=True, overflow="ellipsis"))

    @on(Input.Changed)
    def setting_changed(self, event: Input.Changed) -> None:
        if self.vote_list.items:
            self.counted()

    @on(Input.Submitted)
    def setting_done(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    # Saving ---------------------------------------------------------------------------------

    def action_save(self) -> None:
        dots = dict(self.vote_list.dots)
        try:
            per_person, people = self.settings()
            check_round(per_person, people, dots)
        except VoteError as error:
            self._status(str(error), "-problem")
            self.notify(str(error), severity="warning", markup=False, timeout=8)
            return
        self._save(per_person, people, dots)

    @work(thread=True, group="vote-save", exclusive=True)
    def _save(self, per_person: int, people: int | None, dots: dict[str, int]) -> None:
        from forbattra.store.errors import NotFound, StoreError
        from forbattra.store.services.dot_votes import save_vote

        database = self.forbattra.database
        if database is None:
            return
        try:
            saved = save_vote(
                database,
                self.forbattra.settings.user,
                self.target,
                self.initiative_id,
                dots_per_person=per_person,
                participants=people,
                dots=dots,
            )
        except StoreError as error:
            gone = isinstance(error, NotFound) and self.given is None
            self.app.call_from_thread(self._refused, str(error), gone)
            return
        self.app.call_from_thread(self._saved, saved, dots)

    def _refused(self, reason: str, gone: bool) -> None:
        self.notify(reason, severity="error", markup=False, timeout=8)
        if gone:  # an item was removed meanwhile: show the list as it is now
            self._load(again=True)
        else:
            self._status(reason, "-problem")

    def _saved(self, saved: VoteRoundView, dots: dict[str, int]) -> None:
        self.saved_round = saved
        self.vote_list.action_sort()
        self._changed = False
        message = _("The vote is saved ({date}): {used} dots, sorted by dots.").format(
            date=saved.held_on.isoformat(), used=sum(dots.values())
        )
        self._status(message, "-saved")
        self.notify(message, markup=False)

    def help_sections(self) -> tuple[list[Section], list[str]]:
        from forbattra.tui.screens.help import binding_entries

        keys = binding_entries(self.app, VoteList.BINDINGS)
        keys.append(("0–9", _("Type the count of the highlighted item")))
        sections: list[Section] = [
            (_("The list"), keys),
            (_("This view"), binding_entries(self.app, self.BINDINGS)),
        ]
        notes = [
            _(
                "Count the dots on the wall item by item. With the number of participants"
                " given, the line at the bottom says how many of the room's dots are counted."
            ),
            _("Saving records the round with today's date; the latest round's dots are shown."),
        ]
        return sections, notes

    def action_to_list(self) -> None:
        self.vote_list.focus()

    def action_leave(self) -> None:
        if self._changed and used(self.vote_list.dots) and not self._warned:
            self._warned = True
            self._status(
                _("The dots are not saved: ctrl+s saves them, Esc again leaves without."),
                "-problem",
            )
            return
        self.dismiss(None)


def open_dot_vote(screen: Screen[object], target: VoteTarget) -> None:
    """Start a round on the causes or solutions of the initiative ``screen`` shows (the
    workspace's widgets call this with their screen)."""
    initiative_id = getattr(screen, "initiative_id", None)
    if not isinstance(initiative_id, int):
        return
    screen.app.push_screen(DotVoteScreen(target, initiative_id, context=str(screen.title or "")))
