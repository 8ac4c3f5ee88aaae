"""Render the measures screen of one initiative to an SVG screenshot in a fresh interpreter.

    python tests/tui/render_measures_svg.py DATABASE LANGUAGE WIDTH HEIGHT INITIATIVE [KEY ...]

Like ``render_svg.py``: the language must be chosen before the UI modules are imported.
"""

from __future__ import annotations

import asyncio
import os
import sys


async def _settle(pilot: object) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    for _round in range(50):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            await pilot.pause()
            return
    raise RuntimeError("workers did not finish")


def render(
    database: str, language: str, width: int, height: int, initiative: int, keys: list[str]
) -> str:
    os.environ["TEXTUAL_ANIMATIONS"] = "none"
    from forbattra.i18n import set_language

    set_language(language)
    from forbattra.settings import Settings
    from forbattra.tui.app import make_app
    from forbattra.tui.screens.measures import MeasuresScreen

    app = make_app(Settings(database=database, language=language, user="test"))
    app.theme = "textual-dark"
    app.animation_level = "none"

    async def run() -> str:
        async with app.run_test(size=(width, height)) as pilot:
            await _settle(pilot)
            await app.push_screen(MeasuresScreen(initiative))
            await _settle(pilot)
            for key in keys:
                await pilot.press(key)
                await _settle(pilot)
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            return app.export_screenshot(title="forbattra", simplify=True)

    return asyncio.run(run())


def main(argv: list[str]) -> None:
    database, language, width, height, initiative, *keys = argv
    sys.stdout.write(render(database, language, int(width), int(height), int(initiative), keys))


if __name__ == "__main__":
    main(sys.argv[1:])
