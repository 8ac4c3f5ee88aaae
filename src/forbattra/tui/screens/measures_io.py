"""Reading and writing an initiative's measures from the measures screen, in thread workers.

Every service call runs in a worker; the page is read again after each write, and an older
read never overwrites a newer one (``generation``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.screen import Screen
from textual.widgets import Static

from forbattra.i18n import _

if TYPE_CHECKING:
    from forbattra.core.domain import MeasuresPage
    from forbattra.store.database import Database
    from forbattra.tui.app import ForbattraApp

Call = Callable[["Database", str], Any]


class MeasuresIO(Screen[None]):
    """The measures screen's service calls; the screen itself draws (:meth:`page_shown`)."""

    def __init__(self, initiative_id: int) -> None:
        super().__init__()
        self.initiative_id = initiative_id
        self.page: MeasuresPage | None = None
        self._generation = 0
        self._shown = 0

    @property
    def forbattra(self) -> ForbattraApp:
        from forbattra.tui.app import ForbattraApp

        assert isinstance(self.app, ForbattraApp)
        return self.app

    # Reading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        self._generation += 1
        self._read(self._generation)

    @work(thread=True, group="measures-read")
    def _read(self, generation: int) -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.measures import load_measures_page

        database = self.forbattra.database
        if database is None:
            return
        try:
            page = load_measures_page(database, self.initiative_id)
        except StoreError as error:
            self.app.call_from_thread(self.problem, str(error))
            return
        self.app.call_from_thread(self.show_page, page, generation)

    def show_page(self, page: MeasuresPage, generation: int | None = None) -> None:
        """Redraw from ``page`` (unless a newer read has been shown already)."""
        if generation is not None:
            if generation < self._shown:
                return
            self._shown = generation
        self.page = page
        self.title = page.title
        if page.closed:
            self.sub_title = _("Measures") + " · " + _("Closed: read-only until reopened.")
        self.page_shown(page)
        self.refresh_bindings()

    def page_shown(self, page: MeasuresPage) -> None:
        """Draw ``page``: the screen's part."""

    def problem(self, reason: str) -> None:
        self.notify(reason, severity="error", markup=False, timeout=8)
        if self.page is None:
            message = self.query_one("#measures-message", Static)
            message.update(
                Text(_("The measures could not be read: {reason}").format(reason=reason))
            )

    # Writing -----------------------------------------------------------------------------------

    def run(
        self,
        call: Call,
        *,
        done: str = "",
        then: Callable[[Any], object] | None = None,
        failed: Callable[[str], object] | None = None,
    ) -> None:
        """Run a service call in a thread worker, then read the page again and redraw."""
        self._generation += 1
        self._write(call, done, then, failed, self._generation)

    @work(thread=True, group="measures-write")
    def _write(
        self,
        call: Call,
        done: str,
        then: Callable[[Any], object] | None,
        failed: Callable[[str], object] | None,
        generation: int,
    ) -> None:
        from forbattra.store.errors import Conflict, StoreError
        from forbattra.store.services.measures import load_measures_page

        database = self.forbattra.database
        if database is None:
            return
        try:
            result = call(database, self.forbattra.settings.user)
        except StoreError as error:
            self.app.call_from_thread(
                self._refused, str(error), isinstance(error, Conflict), failed
            )
            self.app.call_from_thread(self.reload)
            return
        try:
            page = load_measures_page(database, self.initiative_id)
        except StoreError as error:
            self.app.call_from_thread(self.problem, str(error))
            return
        self.app.call_from_thread(self._after, page, generation, result, done, then)

    def _refused(self, reason: str, conflict: bool, failed: Callable[[str], object] | None) -> None:
        if failed is not None:
            failed(reason)
        else:
            self.notify(reason, severity="error" if conflict else "warning", markup=False)

    def _after(
        self,
        page: MeasuresPage,
        generation: int,
        result: Any,
        done: str,
        then: Callable[[Any], object] | None,
    ) -> None:
        self.show_page(page, generation)
        if done:
            self.notify(done, markup=False)
        if then is not None:
            then(result)
