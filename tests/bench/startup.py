"""Startup figures for the terminal UI and the command line (a script, not a test).

    .venv/bin/python tests/bench/startup.py [--initiatives 2000] [--runs 5] [--lang sv]

Prints, as medians over fresh interpreters:

* ``import forbattra.cli`` and ``forbattra --help``: time, and whether Textual, SQLModel,
  SQLAlchemy or pydantic were imported (they must not be for ``--help``);
* the UI on a database of N initiatives (headless, 120×36): time from process start to the
  first frame, whether SQLModel was already imported then, and time to the rows being shown;
* in-process (including one screen refresh each): a sort, showing closed ones, a key
  typed in the filter (echo), the filter applied, and End (which adds every row).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

# The children measure from their own start: only the imports above are paid before that.

HEAVY = ("textual", "sqlmodel", "sqlalchemy", "pydantic")


def _child_cli(args: list[str]) -> None:
    """In a fresh interpreter: import the CLI (and run ``--help``), report time and modules."""
    started = float(args[0])
    mode = args[1]
    from forbattra.cli import main

    imported = time.time()
    if mode == "help":
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
            main(["--help"])
    done = time.time()
    print(
        json.dumps(
            {
                "import": imported - started,
                "total": done - started,
                "heavy": [name for name in HEAVY if name in sys.modules],
            }
        )
    )


def _child_ui(args: list[str]) -> None:
    """In a fresh interpreter: start the app headless and time the first frame and the rows."""
    started = float(args[0])
    database, language = args[1], args[2]
    from forbattra.i18n import set_language

    set_language(language)
    from forbattra.settings import Settings
    from forbattra.tui.app import ForbattraApp
    from forbattra.tui.screens.portfolio import PortfolioScreen

    imported = time.time()
    marks: dict[str, Any] = {"import_ui": imported - started}

    class TimedApp(ForbattraApp):
        def on_ready(self) -> None:
            marks["first_frame"] = time.time() - started
            marks["sqlmodel_at_first_frame"] = "sqlmodel" in sys.modules
            self.set_interval(0.002, self._check_rows)

        def _check_rows(self) -> None:
            screen = self.screen
            ready = isinstance(screen, PortfolioScreen) and screen.table.row_count
            if ready and "rows_added" not in marks:
                marks["rows_added"] = time.time() - started
                self.call_after_refresh(self._shown)

        def _shown(self) -> None:
            marks.setdefault("rows_shown", time.time() - started)
            assert isinstance(self.screen, PortfolioScreen)
            marks["rows_in_table"] = self.screen.table.row_count
            marks["rows_matching"] = len(self.screen.rows)
            self.exit()

    app = TimedApp(Settings(database=database, language=language, user="bench"))
    app.run(headless=True, size=(120, 36))
    print(json.dumps(marks))


def _child_refill(args: list[str]) -> None:
    """In-process cost of re-showing every row (filter keystroke, c, sort)."""
    import asyncio

    database, language = args[0], args[1]
    from forbattra.i18n import set_language

    set_language(language)
    from forbattra.settings import Settings
    from forbattra.tui.app import make_app
    from forbattra.tui.screens.portfolio import PortfolioScreen

    app = make_app(Settings(database=database, language=language, user="bench"))
    marks: dict[str, float] = {}

    async def run() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            while not (isinstance(app.screen, PortfolioScreen) and app.screen.loaded):
                await pilot.pause(0.01)
            screen = app.screen
            assert isinstance(screen, PortfolioScreen)
            for name, action in (
                ("sort", screen.action_sort_next),
                ("toggle_closed", screen.action_toggle_closed),
            ):
                start = time.perf_counter()
                action()
                await pilot.pause()
                marks[name] = time.perf_counter() - start
            await pilot.press("slash")
            start = time.perf_counter()
            await pilot.press("1")
            await pilot.pause()
            marks["filter_key_echo"] = time.perf_counter() - start
            start = time.perf_counter()
            screen.refill()  # what the debounced filter does after a pause in the typing
            await pilot.pause()
            marks["filter_applied"] = time.perf_counter() - start
            await pilot.press("escape")
            await pilot.pause()
            start = time.perf_counter()
            await pilot.press("end")
            await pilot.pause()
            marks["end_all_rows"] = time.perf_counter() - start

    asyncio.run(run())
    print(json.dumps(marks))


def _spawn(*args: str) -> dict[str, Any]:
    import subprocess

    result = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=True
    )
    data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def _median(runs: list[dict[str, Any]], key: str) -> float:
    import statistics

    return float(statistics.median(float(run[key]) for run in runs))


def _seed(path: Path, count: int) -> None:
    from forbattra.core.exchange import parse_document
    from forbattra.store.database import Database
    from forbattra.store.services.exchange import import_documents

    units = ["Socialförvaltningen", "Kommunledningsförvaltningen", "Barn och utbildning", "Vård"]
    documents = []
    for number in range(count):
        closed = number % 10 == 0
        data: dict[str, Any] = {
            "format": "forbattra.initiative",
            "version": 1,
            "initiative": {
                "title": f"Förbättringsinitiativ nummer {number} om kortare väntetider",
                "method": "dmaic" if number % 2 else "pdsa",
                "unit": units[number % len(units)],
                "area": number % 8 + 1,
                "leader": f"Ledare {number % 37}",
                "status": "closed" if closed else "active",
                "updated_at": f"2025-{number % 12 + 1:02}-{number % 28 + 1:02}T12:00:00+00:00",
            },
        }
        if closed:
            data["closure"] = {"reason": "other", "learned": "Mycket.", "closed_on": "2025-06-01"}
        documents.append((f"bench{number}", parse_document(data)))
    with Database.open(str(path)) as database:
        import_documents(database, "bench", documents)


def main() -> None:
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--initiatives", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", default="sv")
    options = parser.parse_args()

    imports = [_spawn("--child-cli", str(time.time()), "import") for _ in range(options.runs)]
    helps = [_spawn("--child-cli", str(time.time()), "help") for _ in range(options.runs)]
    print(
        f"import forbattra.cli      {_median(imports, 'import') * 1000:7.0f} ms"
        f"   heavy modules loaded: {', '.join(imports[0]['heavy']) or 'none'}"
    )
    print(
        f"forbattra --help          {_median(helps, 'total') * 1000:7.0f} ms"
        f"   heavy modules loaded: {', '.join(helps[0]['heavy']) or 'none'}"
    )

    with tempfile.TemporaryDirectory(prefix="forbattra-bench-") as folder:
        database = Path(folder) / "bench.db"
        started = time.perf_counter()
        _seed(database, options.initiatives)
        print(f"seeded {options.initiatives} initiatives in {time.perf_counter() - started:.1f} s")
        runs = [
            _spawn("--child-ui", str(time.time()), str(database), options.lang)
            for _ in range(options.runs)
        ]
        print(f"UI modules imported       {_median(runs, 'import_ui') * 1000:7.0f} ms")
        print(
            f"first frame               {_median(runs, 'first_frame') * 1000:7.0f} ms"
            f"   sqlmodel imported by then: "
            f"{sum(run['sqlmodel_at_first_frame'] for run in runs)}/{len(runs)} runs"
        )
        print(
            f"rows shown                {_median(runs, 'rows_shown') * 1000:7.0f} ms"
            f"   ({runs[0]['rows_in_table']} rows in the table of {runs[0]['rows_matching']})"
        )
        refill = _spawn("--child-refill", str(database), options.lang)
        for name, seconds in refill.items():
            print(f"{name.replace('_', ' '):<25} {seconds * 1000:7.0f} ms")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child-cli":
        _child_cli(sys.argv[2:])
    elif len(sys.argv) > 1 and sys.argv[1] == "--child-ui":
        _child_ui(sys.argv[2:])
    elif len(sys.argv) > 1 and sys.argv[1] == "--child-refill":
        _child_refill(sys.argv[2:])
    else:
        main()
