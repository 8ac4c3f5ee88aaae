"""The parking lot (f6): questions and ideas that do not belong to the step the group is on.

Tied to the initiative open on screen, else to the whole workshop. Open items come first, so
reviewing the lot at the end of the workshop is reading from the top.
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

from forbattra.core.workshop import ParkingView
from forbattra.i18n import _, ngettext
from forbattra.tui.screens.note_list import NoteCall, NoteListScreen

if TYPE_CHECKING:
    from forbattra.store.database import Database
    from forbattra.tui.screens.help import Section


def _services() -> Any:
    """The parking lot's services, imported where they run: in the worker thread."""
    from forbattra.store.services import parking

    return parking


class ParkingList(OptionList):
    """The parked items.

    | Key | Does |
    | --- | --- |
    | space, enter | mark done, or open again |
    | e | change the text |
    | delete | remove it |
    """

    BINDINGS = [
        Binding("space,enter", "done", _("Done/open"), tooltip=_("Mark it done, or open again")),
        Binding("e", "edit", _("Edit"), tooltip=_("Change the text")),
        Binding("delete", "remove", _("Remove"), tooltip=_("Remove it from the parking lot")),
    ]

    def __init__(self) -> None:
        super().__init__(id="parking-list")
        self.items: tuple[ParkingView, ...] = ()

    @property
    def current(self) -> ParkingView | None:
        index = self.highlighted
        return self.items[index] if index is not None and index < len(self.items) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"done", "edit", "remove"}:
            return self.current is not None or None
        return True

    def fill(self, items: Sequence[ParkingView], keep_id: int | None) -> None:
        self.items = tuple(items)
        self.clear_options()
        self.add_options([Option(item_label(item)) for item in self.items])
        ids = [item.id for item in self.items]
        if ids:
            self.highlighted = ids.index(keep_id) if keep_id in ids else 0

    def action_done(self) -> None:
        if (item := self.current) is not None:
            screen = self.screen
            assert isinstance(screen, ParkingLotScreen)
            screen.set_done(item)

    def action_edit(self) -> None:
        from forbattra.tui.screens.edit_line import EditLineScreen

        item = self.current
        if item is None:
            return
        screen = self.screen
        assert isinstance(screen, ParkingLotScreen)

        def edited(text: str | None) -> None:
            if text is not None and text != item.text:
                screen.edit_item(item, text)

        self.app.push_screen(EditLineScreen(_("Change the parked item"), item.text), edited)

    def action_remove(self) -> None:
        from forbattra.tui.screens.confirm import ConfirmScreen

        item = self.current
        if item is None:
            return
        screen = self.screen
        assert isinstance(screen, ParkingLotScreen)

        def answered(yes: bool | None) -> None:
            if yes:
                screen.remove_item(item)

        self.app.push_screen(
            ConfirmScreen(
                _("Remove it from the parking lot?"),
                _("Mark it done instead to keep it for the record."),
                items=[item.text],
                confirm=_("Remove"),
                warning=True,
            ),
            answered,
        )


def item_label(item: ParkingView) -> Text:
    if item.done:
        return Text.assemble(("✓ ", "bold"), (item.text, "dim"))
    return Text.assemble(("○ ", "bold"), item.text)


class ParkingLotScreen(NoteListScreen[ParkingView]):
    """Park a question (type, Enter), mark it done when it has been dealt with."""

    DEFAULT_CSS = """
    #parking-input { margin: 1 1 0 1; }
    #parking-list { height: 1fr; border: none; margin: 1 1 0 1; }
    #parking-summary { padding: 0 1; color: $text-muted; }
    """
    BINDINGS = [Binding("escape", "leave", _("Back"), tooltip=_("Back to where you were"))]

    def __init__(self, initiative_id: int | None, context: str = "") -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.context = context

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder=_("Park a question or idea and press Enter"),
            id="parking-input",
            max_length=300,
        )
        yield ParkingList()
        yield Static(id="parking-summary", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = _("Parking lot")
        self.sub_title = self.context or _("the whole workshop")
        self.query_one(Input).focus()
        self.reload()

    @property
    def parking_list(self) -> ParkingList:
        return self.query_one(ParkingList)

    def read_notes(self, database: Database) -> Sequence[ParkingView]:
        return _services().list_parking(database, self.initiative_id)  # type: ignore[no-any-return]

    def show_notes(self, notes: Sequence[ParkingView], keep_id: int | None) -> None:
        if keep_id is None and self.parking_list.current is not None:
            keep_id = self.parking_list.current.id
        self.parking_list.fill(notes, keep_id)
        open_count = sum(1 for item in notes if not item.done)
        summary = Text(no_wrap=True, overflow="ellipsis")
        if not notes:
            summary.append(
                _("Nothing parked yet. Park what comes up and does not belong to this step.")
            )
        else:
            summary.append(
                ngettext("{count} open", "{count} open", open_count).format(count=open_count)
            )
            summary.append(" · " + _("{count} done").format(count=len(notes) - open_count))
            if open_count:
                summary.append(" · " + _("go through the open ones at the end of the workshop"))
        self.query_one("#parking-summary", Static).update(summary)
        self.forbattra.workshop.set_parked(open_count, self.initiative_id)

    def leave_warning(self) -> str:
        return _("Press Esc again to throw away what you typed, or Enter to park it.")

    # What the keys do --------------------------------------------------------------------------

    @on(Input.Submitted, "#parking-input")
    def park(self, event: Input.Submitted) -> None:
        event.stop()
        initiative_id = self.initiative_id

        def parking(text: str) -> NoteCall:
            return lambda db, actor: _services().add_parking(db, actor, initiative_id, text)

        self.add_typed(event.input, parking)

    def set_done(self, item: ParkingView) -> None:
        self.write_then_read(
            lambda db, actor: _services().set_parking_done(
                db, actor, item.id, not item.done, expected_version=item.version
            )
        )

    def edit_item(self, item: ParkingView, text: str) -> None:
        self.write_then_read(
            lambda db, actor: _services().edit_parking(
                db, actor, item.id, text, expected_version=item.version
            )
        )

    def remove_item(self, item: ParkingView) -> None:
        self.write_then_read(
            lambda db, actor: _services().delete_parking(
                db, actor, item.id, expected_version=item.version
            ),
            done=_("Removed."),
        )

    def help_sections(self) -> tuple[list[Section], list[str]]:
        from forbattra.tui.screens.help import binding_entries

        sections: list[Section] = [
            (_("The list"), binding_entries(self.app, ParkingList.BINDINGS)),
            (_("This view"), binding_entries(self.app, self.BINDINGS)),
        ]
        notes = [
            _(
                "The parking lot belongs to the initiative on screen when f6 was pressed, else"
                " to the whole workshop. Tab moves between the field and the list."
            )
        ]
        return sections, notes
