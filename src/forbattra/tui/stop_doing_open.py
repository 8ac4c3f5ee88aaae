"""Opening the stop-doing check: for an initiative (f9, or offered at a phase gate), or for
a unit on its own (u on the portfolio, after choosing the unit)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen


def open_initiative_check(
    screen: Screen[Any], initiative_id: int, title: str, question: str | None = None
) -> None:
    """The check of one initiative; ``question`` is the guiding one for the moment, if any."""
    from forbattra.tui.screens.stop_doing import StopDoingScreen

    screen.app.push_screen(
        StopDoingScreen(initiative_id=initiative_id, title=title, question=question)
    )


def unit_choices(
    with_check: Iterable[tuple[str, int]], known: Iterable[str]
) -> list[tuple[str, int]]:
    """Units that have a check (with their counts) first, then the other units the portfolio
    knows, each once, by name."""
    listed = list(with_check)
    seen = {name.casefold() for name, _count in listed}
    others = sorted(
        {name.strip() for name in known if name.strip() and name.strip().casefold() not in seen},
        key=str.casefold,
    )
    return listed + [(name, 0) for name in others]


def open_unit_check(screen: Screen[Any], known_units: Iterable[str]) -> None:
    """Read which units have a check (in a worker), ask which unit, open its check."""
    from forbattra.tui.app import ForbattraApp

    app = screen.app
    assert isinstance(app, ForbattraApp)
    known = list(known_units)

    def read() -> None:
        from forbattra.store.errors import StoreError
        from forbattra.store.services.stop_doing import stand_alone_units

        database = app.database
        if database is None:
            return
        try:
            units = stand_alone_units(database)
        except StoreError as error:
            app.call_from_thread(screen.notify, str(error), severity="error", markup=False)
            return
        app.call_from_thread(_ask, screen, unit_choices(units, known))

    screen.run_worker(read, thread=True, group="unit-check")


def _ask(screen: Screen[Any], units: list[tuple[str, int]]) -> None:
    from forbattra.tui.screens.stop_doing import StopDoingScreen
    from forbattra.tui.screens.unit_pick import UnitPickScreen

    def chosen(unit: str | None) -> None:
        if unit:
            screen.app.push_screen(StopDoingScreen(unit=unit))

    screen.app.push_screen(UnitPickScreen(units), chosen)
