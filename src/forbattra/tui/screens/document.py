"""The document of an initiative or a cycle, as ``forbattra render`` writes it, to read and save.

The markdown is rendered in a thread worker (Jinja2 and the store load there, not when this
module is imported). Short documents use Textual's ``Markdown`` widget; long ones are drawn
by Rich's ``Markdown`` a part at a time in another worker and shown as lines as they arrive
(:mod:`forbattra.tui.widgets.rendered_lines`): the widget builds one widget per block (a
230-line report took ≈ 1.6 s), and Rich needs seconds for a report with a 2,000-row table,
so the top of the report is on screen long before its end is drawn. Links are never opened
from here: the preview says where one points instead. ``e`` saves the file in the export
folder (:func:`forbattra.tui.document_model.export_folder`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Markdown, Static

from forbattra.i18n import _
from forbattra.tui.not_open import not_open_reason
from forbattra.tui.widgets.rendered_lines import RenderedLines

if TYPE_CHECKING:
    from forbattra.tui.app import ForbattraApp
    from forbattra.tui.document_model import PreparedDocument
    from forbattra.tui.screens.help import Section

# Up to this many lines the Markdown widget is quick enough (a cycle's document is ≈ 70).
SHORT_DOCUMENT = 100


class DocumentScreen(Screen[None]):
    """The rendered document of initiative ``initiative_id``, or of its cycle ``cycle_number``."""

    BINDINGS = [
        Binding("escape", "close", _("Back"), tooltip=_("Close the preview")),
        Binding(
            "e",
            "export",
            _("Export"),
            tooltip=_("Save the document as a markdown file, as forbattra render writes it"),
            id="document.export",
        ),
    ]

    def __init__(self, initiative_id: int, cycle_number: int | None = None) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.cycle_number = cycle_number
        self.document: PreparedDocument | None = None

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(_("Writing the document…"), id="document-message", markup=False)
        yield Static(id="document-front", markup=False)
        yield VerticalScroll(id="document-body", can_focus=True)
        yield RenderedLines(id="document-lines")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = _("Document preview")
        self.query_one("#document-front").display = False
        self.query_one(RenderedLines).display = False
        self._render_document()

    # Rendering ---------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="document-render")
    def _render_document(self) -> None:
        from forbattra.docs import DocsError
        from forbattra.store.errors import StoreError
        from forbattra.tui.document_model import prepare

        database = self.forbattra.database
        if database is None:
            self.app.call_from_thread(self.problem, not_open_reason(self.app))
            return
        try:
            document = prepare(database, self.initiative_id, self.cycle_number)
        except (StoreError, DocsError) as error:
            self.app.call_from_thread(self.problem, str(error))
            return
        except LookupError:
            self.app.call_from_thread(self.problem, _("This cycle is no longer there."))
            return
        self.app.call_from_thread(self.show_document, document)

    def problem(self, reason: str) -> None:
        self.query_one("#document-message", Static).update(
            Text(_("The document could not be written: {reason}").format(reason=reason))
        )
        self.notify(reason, severity="error", markup=False, timeout=8)

    def show_document(self, document: PreparedDocument) -> None:
        from forbattra.tui.document_model import header_fields

        self.document = document
        self.title = document.title
        front, body = document.parts
        message = self.query_one("#document-message", Static)
        message.display = False
        header = self.query_one("#document-front", Static)
        if front:
            line = Text(style="dim")
            for index, (name, value) in enumerate(header_fields(front)):
                if index:
                    line.append(" · ")
                line.append(f"{name}: ", style="bold")
                line.append(value)
            header.update(line)
            header.display = True
        scroll = self.query_one("#document-body", VerticalScroll)
        scroll.remove_children()  # then mount: Textual applies the two in this order
        lines = self.query_one(RenderedLines)
        if body.count("\n") <= SHORT_DOCUMENT:
            lines.display = False
            scroll.display = True
            scroll.mount(Markdown(body, open_links=False, id="document-text"))
            scroll.focus()
        else:
            scroll.display = False
            lines.display = True
            lines.focus()
            lines.show(body, self._line_width())
        self.refresh_bindings()

    def _line_width(self) -> int:
        """The width the long document's lines are drawn at (the screen less padding and
        scrollbar: the widget has no size of its own until it has been shown)."""
        lines = self.query_one(RenderedLines)
        return self.size.width - lines.styles.gutter.width - lines.styles.scrollbar_size_vertical

    def on_resize(self) -> None:
        lines = self.query_one(RenderedLines)
        shown = lines.display and self.document is not None
        if shown and self._line_width() != lines.width_drawn:
            assert self.document is not None
            lines.show(self.document.parts[1], self._line_width())

    @on(Markdown.LinkClicked)
    def link_clicked(self, event: Markdown.LinkClicked) -> None:
        """Say where a link points; opening a browser (or a file) is the reader's choice."""
        event.stop()
        event.prevent_default()
        self.notify(
            _("Links are not opened from the preview. This one points to: {target}").format(
                target=event.href
            ),
            markup=False,
        )

    # Actions -----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "export":
            return self.document is not None or None
        return True

    def action_close(self) -> None:
        self.dismiss()

    def action_export(self) -> None:
        from forbattra.tui.document_model import export_folder

        if self.document is not None:
            self._export(self.document, export_folder())

    @work(thread=True, group="document-export")
    def _export(self, document: PreparedDocument, folder: Path) -> None:
        from forbattra.i18n.os_errors import os_error_reason
        from forbattra.tui.document_model import save

        try:
            path = save(document, folder)
        except (OSError, ValueError) as error:
            reason = os_error_reason(error)
            where = getattr(error, "filename", None) or folder
            self.app.call_from_thread(
                self.notify,
                _("The document could not be saved in {path}: {reason}").format(
                    path=where, reason=reason
                ),
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        self.app.call_from_thread(
            self.notify,
            _("Saved as {path}").format(path=path),
            title=_("Document exported"),
            markup=False,
            timeout=10,
        )

    def help_sections(self) -> tuple[list[Section], list[str]]:
        from forbattra.tui.screens.help import binding_entries

        sections: list[Section] = [
            (_("Document preview"), binding_entries(self.app, self.BINDINGS)),
            (
                _("Scrolling"),
                [
                    ("↑ ↓ pgup pgdn", _("Scroll the document")),
                    ("home end", _("To the top or the end")),
                ],
            ),
        ]
        notes = [
            _(
                "This is the document forbattra render writes, from the same templates (yours"
                " when FORBATTRA_TEMPLATES names a folder). Links are not opened from here."
            ),
            _(
                "e saves it in the folder named by FORBATTRA_DOCS, else in forbattra in your"
                " documents folder; the notification shows the full path."
            ),
        ]
        return sections, notes
