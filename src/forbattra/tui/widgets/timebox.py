"""The workshop line docked above the footer: the timebox running and the parking lot's count.

Textual gives every screen its own widgets, so one widget in the app cannot follow the user
from screen to screen. :class:`WorkshopControl` keeps the state (the timebox, the count of
parked items) and mounts a :class:`WorkshopDock` on whichever full screen is on top when the
screen changes; modal dialogs show the screen below them, dock and all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Static

from forbattra.core.timebox import Timebox, clock_text
from forbattra.i18n import _, ngettext

if TYPE_CHECKING:
    from forbattra.tui.app import ForbattraApp

TICK_SECONDS = 0.5


class WorkshopDock(Static):
    """One line: "⏱ Causes 7:32 · paused · f5" and "⚑ 3 parked · f6".

    Classes: ``-paused`` while the timebox is paused, ``-over`` once its time is up.
    """

    DEFAULT_CSS = """
    WorkshopDock {
        dock: bottom;
        margin-bottom: 1;
        height: 1;
        width: 100%;
        padding: 0 1;
        background: $primary-muted;
        color: $text;
    }
    WorkshopDock.-paused { background: $warning-muted; }
    WorkshopDock.-over { background: $success-muted; text-style: bold; }
    """

    def __init__(self) -> None:
        super().__init__(id="workshop-dock", markup=False)


def dock_text(timebox: Timebox | None, now: float, parked: int) -> Text:
    """What the dock says; user text (the label) stays plain text, never markup."""
    text = Text(no_wrap=True, overflow="ellipsis")
    if timebox is not None:
        text.append("⏱ ")
        if timebox.label:
            text.append(timebox.label + " ")
        if timebox.finished(now):
            text.append(_("time is up"), style="bold")
            over = timebox.overrun(now)
            if over >= 1:
                text.append(" " + _("({time} over)").format(time=clock_text(over)))
        else:
            text.append(clock_text(timebox.remaining(now)), style="bold")
            if timebox.paused:
                text.append(" · " + _("paused"))
        text.append(" · f5", style="dim")
    if parked:
        if text.plain:
            text.append("   ")
        text.append(
            "⚑ " + ngettext("{count} parked", "{count} parked", parked).format(count=parked)
        )
        text.append(" · f6", style="dim")
    return text


class WorkshopControl:
    """The app's one timebox and parking count, and the dock that shows them.

    ``clock`` gives seconds from any monotonic clock; the tests pass one they move by hand
    and call :meth:`tick` instead of waiting.
    """

    def __init__(self, app: ForbattraApp, clock: Callable[[], float]) -> None:
        self.app = app
        self.clock = clock
        self.timebox: Timebox | None = None
        self.parked = 0
        self._signalled = False
        self._ticker: Timer | None = None
        self.projector = False
        self._theme_before_projector: str | None = None

    # Keys the app passes on -----------------------------------------------------------------

    def open_timebox(self) -> None:
        from forbattra.tui.screens.timebox import TimeboxScreen, TimeboxStartScreen

        if isinstance(self.app.screen, TimeboxScreen | TimeboxStartScreen):
            self.app.screen.dismiss(None)
        elif self.timebox is None:
            self.app.push_screen(TimeboxStartScreen(self))
        else:
            self.app.push_screen(TimeboxScreen(self))

    def open_parking_lot(self) -> None:
        from forbattra.tui.screens.parking_lot import ParkingLotScreen

        if isinstance(self.app.screen, ParkingLotScreen):
            self.app.screen.dismiss(None)
            return
        initiative_id, title = self.context()
        self.app.push_screen(ParkingLotScreen(initiative_id, title))

    def toggle_projector(self) -> None:
        """Large and plain for the back of the room: the high-contrast theme, no footer or
        status lines, more space (the ``-projector`` section of app.tcss)."""
        from forbattra.tui.themes import HIGH_CONTRAST

        app = self.app
        self.projector = not self.projector
        app.set_class(self.projector, "-projector")
        if self.projector:
            self._theme_before_projector = app.theme
            app.theme = HIGH_CONTRAST.name
            message = _("Projector mode on; f7 turns it off, f1 shows the keys.")
        else:
            if self._theme_before_projector is not None and app.theme == HIGH_CONTRAST.name:
                app.theme = self._theme_before_projector
            message = _("Projector mode off.")
        app.notify(message, markup=False)

    # The timebox --------------------------------------------------------------------------------

    def start(self, label: str, minutes: float) -> None:
        self.timebox = Timebox.start(label, minutes, self.clock())
        self._signalled = False
        if self._ticker is None:
            self._ticker = self.app.set_interval(TICK_SECONDS, self.tick)
        self.show()

    def toggle_pause(self) -> None:
        if self.timebox is not None:
            self.timebox = self.timebox.toggle(self.clock())
            self.show()

    def extend(self, minutes: float) -> None:
        if self.timebox is not None:
            self.timebox = self.timebox.extend(minutes, self.clock())
            self._signalled = self.timebox.finished(self.clock())
            self.show()

    def stop(self) -> None:
        self.timebox = None
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self.show()

    def tick(self) -> None:
        """Redraw, and give the gentle signal once when the time is up."""
        timebox = self.timebox
        if timebox is not None and not self._signalled and timebox.finished(self.clock()):
            self._signalled = True
            self.app.bell()
            message = (
                _("Time is up: {label}").format(label=timebox.label)
                if timebox.label
                else _("Time is up.")
            )
            self.app.notify(message, title=_("Timebox"), timeout=10, markup=False)
        self.show()

    # The parking lot's count --------------------------------------------------------------------

    def context(self) -> tuple[int | None, str]:
        """The initiative open on screen (the nearest one down the stack) and its screen's
        title; None for the parking lot of the whole workshop."""
        for screen in reversed(self.app.screen_stack):
            initiative_id = getattr(screen, "initiative_id", None)
            if isinstance(initiative_id, int):
                return initiative_id, str(screen.title or "")
        return None, ""

    def context_initiative(self) -> int | None:
        return self.context()[0]

    def screen_changed(self, _screen: Screen[object]) -> None:
        self.show()
        self.refresh_parked()

    def refresh_parked(self) -> None:
        """Count the open items of the lot in context, in a thread (it reads the database)."""
        database = self.app.database
        if database is None:
            return
        initiative_id = self.context_initiative()

        def count() -> None:
            from forbattra.store.errors import StoreError
            from forbattra.store.services.parking import count_open_parking

            try:
                found = count_open_parking(database, initiative_id)
            except StoreError:
                return  # only a reminder: the parking lot itself says what is wrong
            self.app.call_from_thread(self.set_parked, found, initiative_id)

        self.app.run_worker(count, thread=True, group="workshop-parked")

    def set_parked(self, count: int, initiative_id: int | None) -> None:
        if initiative_id != self.context_initiative():
            return  # counted for a screen that is no longer on top
        if count != self.parked:
            self.parked = count
            self.show()

    # Showing ------------------------------------------------------------------------------------

    @property
    def visible(self) -> bool:
        return self.timebox is not None or self.parked > 0

    def host_screen(self) -> Screen[object] | None:
        """The full screen on top: a modal dialog shows it beneath itself."""
        for screen in reversed(self.app.screen_stack):
            if not isinstance(screen, ModalScreen):
                found: Screen[object] = screen
                return found
        return None

    def show(self) -> None:
        """Bring the dock on the screen on top up to date (mounting it there if needed)."""
        screen = self.host_screen()
        if screen is None or not screen.is_mounted:
            return
        found = screen.query(WorkshopDock)
        if not self.visible:
            for dock in found:
                dock.display = False
            return
        if found:
            dock = found.first()
        else:
            dock = WorkshopDock()
            screen.mount(dock)
        timebox = self.timebox
        now = self.clock()
        dock.display = True
        dock.set_class(timebox is not None and timebox.paused, "-paused")
        dock.set_class(timebox is not None and timebox.finished(now), "-over")
        dock.update(dock_text(timebox, now, self.parked))
