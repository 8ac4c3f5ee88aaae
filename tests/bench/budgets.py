"""The speed budgets of issue #8, measured on a synthetic municipality (a script, not a test).

    .venv/bin/python tests/bench/budgets.py [--runs 5] [--lang sv] [--only start --only ...]

Builds ten years of history: 10,000 initiatives, 40,000 PDSA cycles and 200,000
observations (one initiative holds 50 cycles and 2,000 observations), then prints, for each
budget, the measured figure (the median of repeated runs) beside the budget, and exits with
1 when any figure is over its budget. Ratios are measured in the same run.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from municipality import BIG_TITLE, build

HERE = Path(__file__).resolve()
# An ordinary initiative of the municipality: a few cycles and measures, a report of ~180 lines.
TYPICAL = 49


# --- Children: each measures in a fresh interpreter ------------------------------------------


def _child_first_frame(args: list[str]) -> None:
    """forbattra's portfolio, or a minimal app with the same widgets, started the same way."""
    started = float(args[0])
    kind, database, language = args[1], args[2], args[3]
    marks: dict[str, Any] = {}
    if kind == "minimal":
        from textual.app import App, ComposeResult
        from textual.widgets import DataTable, Footer, Header

        class Minimal(App[None]):
            def compose(self) -> ComposeResult:
                yield Header()
                yield DataTable()
                yield Footer()

            def on_ready(self) -> None:
                marks["first_frame"] = time.time() - started
                self.exit()

        Minimal().run(headless=True, size=(120, 36))
    else:
        from forbattra.i18n import set_language

        set_language(language)
        from forbattra.settings import Settings
        from forbattra.tui.app import ForbattraApp
        from forbattra.tui.screens.portfolio import PortfolioScreen

        class Timed(ForbattraApp):
            def on_ready(self) -> None:
                marks["first_frame"] = time.time() - started
                self.set_interval(0.002, self._rows)

            def _rows(self) -> None:
                screen = self.screen
                if isinstance(screen, PortfolioScreen) and screen.table.row_count:
                    self.call_after_refresh(self._shown)

            def _shown(self) -> None:
                marks.setdefault("rows_shown", time.time() - started)
                self.exit()

        Timed(Settings(database=database, language=language, user="bench")).run(
            headless=True, size=(120, 36)
        )
    print(json.dumps(marks))


def _child_screens(args: list[str]) -> None:
    """In the app on the large portfolio: filter keystrokes, opening the big initiative, its
    document preview; then the process's peak memory."""
    import asyncio

    database, language, big = args[0], args[1], int(args[2])
    from forbattra.i18n import set_language

    set_language(language)
    from forbattra.settings import Settings
    from forbattra.tui.app import make_app
    from forbattra.tui.screens.portfolio import PortfolioScreen

    app = make_app(Settings(database=database, language=language, user="bench"))
    marks: dict[str, Any] = {"filter": [], "filter_pilot": []}

    async def settled(pilot: Any) -> None:
        """Until no worker runs: one that ends may post a message that starts others (the
        database opening starts the rows' and the verdicts' reading), which would otherwise
        still run during the next figure."""
        for _round in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if not any(worker.is_running for worker in app.workers):
                return

    async def painted(shown: Callable[[], bool]) -> None:
        """Until ``shown()`` holds and the screen has been painted after it: the workers a
        screen starts on mount are not running yet when it is pushed, so waiting for
        workers alone stopped the clock before the content was there."""
        while not shown():
            await asyncio.sleep(0.002)
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def finish() -> None:
            if not done.done():
                done.set_result(None)

        app.screen.call_after_refresh(finish)
        app.screen.refresh()  # an idle screen has no next refresh to wait for
        await asyncio.wait_for(done, 30)

    async def run() -> None:
        async with app.run_test(size=(120, 36)) as pilot:
            while not (isinstance(app.screen, PortfolioScreen) and app.screen.loaded):
                await pilot.pause(0.01)
            portfolio = app.screen
            # A keystroke lasts until the last frame it changes is painted. Pilot's press and
            # pause return later: they wait for 20 ms slices without work (three at least),
            # so their time is shown too, for information.
            last_paint = [0.0]
            paint = portfolio._compositor_refresh

            def timed_paint() -> None:
                paint()
                last_paint[0] = time.perf_counter()

            portfolio._compositor_refresh = timed_paint  # type: ignore[method-assign]
            await pilot.press("slash")
            from textual.widgets import Input

            portfolio.query_one(Input).cursor_blink = False  # no frames of its own
            for key in "tydligare 12":
                began = last_paint[0] = time.perf_counter()
                await pilot.press("space" if key == " " else key)
                await pilot.pause()
                marks["filter_pilot"].append(time.perf_counter() - began)
                marks["filter"].append(last_paint[0] - began)
            await pilot.press("escape")
            await settled(pilot)
            from forbattra.core.vocabulary import Method
            from forbattra.tui.screens.workspace import WorkspaceScreen

            def phase_shown() -> bool:  # the team's phase with its tools and fields
                screen = app.screen
                if not isinstance(screen, WorkspaceScreen) or screen.viewed is None:
                    return False
                pane = screen.pane(screen.viewed)
                return pane is not None and pane.ready

            began = time.perf_counter()
            app.push_screen(WorkspaceScreen(big, Method.PDSA, BIG_TITLE))
            await painted(phase_shown)
            marks["open_big"] = time.perf_counter() - began
            await settled(pilot)
            await pilot.press("escape")
            await settled(pilot)
            try:
                from forbattra.tui.screens.document import DocumentScreen
            except ImportError:
                marks["preview"] = None
            else:

                def report_shown() -> bool:  # its first lines (or whole short text)
                    screen = app.screen
                    if not isinstance(screen, DocumentScreen) or not screen.is_mounted:
                        return False
                    lines = screen.query("#document-lines")
                    return bool(screen.query("#document-text")) or bool(
                        lines and getattr(lines.first(), "lines", None)
                    )

                # First an ordinary initiative's report (the "about 230 lines"): the
                # first preview of the run, as a user meets it.
                began = time.perf_counter()
                app.push_screen(DocumentScreen(TYPICAL))
                await painted(report_shown)
                marks["preview_typical"] = time.perf_counter() - began
                document = getattr(app.screen, "document", None)
                marks["typical_lines"] = len(document.text.splitlines()) if document else 0
                await settled(pilot)
                await pilot.press("escape")
                await settled(pilot)
                # Then the long report, twice (for information: the second shows what is
                # the report's own cost).
                for mark in ("preview", "preview_again"):
                    began = time.perf_counter()
                    app.push_screen(DocumentScreen(big))
                    await painted(report_shown)
                    marks[mark] = time.perf_counter() - began
                    await settled(pilot)
                    if mark == "preview":
                        await pilot.press("escape")
                        await settled(pilot)
        marks["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    asyncio.run(run())
    print(json.dumps(marks))


def _child_autosave(args: list[str]) -> None:
    """One committed answer at a time, as the workspace saves it (synchronous=FULL)."""
    from forbattra.store.database import Database
    from forbattra.store.services.initiatives import set_answer
    from forbattra.store.services.workspace import load_workspace

    seconds = []
    with Database.open(args[0]) as db:
        version = load_workspace(db, 2).answer("define", "problem").version
        for number in range(60):
            began = time.perf_counter()
            version = set_answer(
                db, "bench", 2, "define", "problem", f"Text {number}", expected_version=version
            ).version
            seconds.append(time.perf_counter() - began)
    print(json.dumps({"autosave": statistics.median(seconds[10:])}))


def _child_jinja(args: list[str]) -> None:
    """The same documents ``render --all`` writes: all of it, and Jinja2's own part."""
    from forbattra import docs
    from forbattra.docs import environment
    from forbattra.store.database import Database
    from forbattra.store.services.exchange import export_documents
    from forbattra.store.services.initiatives import list_initiatives

    inside = [0.0]
    original: Callable[..., str] = environment.render

    def timed(*call: Any, **named: Any) -> str:
        began = time.perf_counter()
        try:
            return original(*call, **named)
        finally:
            inside[0] += time.perf_counter() - began

    with Database.open(args[0]) as db:
        chosen = sorted(row.id for row in list_initiatives(db, include_closed=True))
        sources = list(zip(chosen, export_documents(db, chosen), strict=True))
    environment.render = timed
    made = docs.render_folder(sources)
    print(json.dumps({"jinja": inside[0], "documents": len(made), "initiatives": len(chosen)}))


# --- Running and reporting ---------------------------------------------------------------------


def _spawn(*args: str) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, str(HERE), *args], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"{args[0]} failed:\n{result.stderr}")
    data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


def _wall(command: list[str], runs: int) -> float:
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        seconds.append(time.perf_counter() - began)
    return statistics.median(seconds)


@dataclass
class Figure:
    name: str
    measured: float | None
    budget: float | None  # None: shown for information
    unit: str

    @property
    def over(self) -> bool:
        if self.measured is None or self.budget is None:
            return False
        return self.measured > self.budget

    def line(self) -> str:
        shown = "—" if self.measured is None else f"{self.measured:.2f}"
        budget = "—" if self.budget is None else f"{self.budget:.2f}"
        verdict = "n/a" if None in (self.measured, self.budget) else ("OVER" if self.over else "ok")
        return f"{self.name:<58} {shown:>10} {budget:>10} {self.unit:<10} {verdict}"


GROUPS = ("start", "screens", "autosave", "render", "cli")
"""What ``--only`` may choose: the figures measured together."""


def _start_figures(first_frames: Callable[[str], list[dict[str, Any]]]) -> list[Figure]:
    ours, minimal = first_frames("forbattra"), first_frames("minimal")
    ours_frame = statistics.median(run["first_frame"] for run in ours)
    minimal_frame = statistics.median(run["first_frame"] for run in minimal)
    return [
        Figure("cold start to first frame / minimal Textual app", ours_frame / minimal_frame,
               1.2, "×"),
        Figure("portfolio rows visible after start (10,000)",
               statistics.median(run["rows_shown"] for run in ours), 1.0, "s"),
    ]  # fmt: skip


def _screen_figures(large: Path, lang: str, big: int) -> list[Figure]:
    screens = _spawn("--child-screens", str(large), lang, str(big))
    preview = screens["preview"]
    return [
        Figure("filter keystroke at 10,000 initiatives, last frame (median)",
               statistics.median(screens["filter"]) * 1000, 50, "ms"),
        Figure("  the same, until Pilot's press and pause return (median)",
               statistics.median(screens["filter_pilot"]) * 1000, None, "ms"),
        Figure("open an initiative: 50 cycles, 2,000 observations",
               screens["open_big"] * 1000, 300, "ms"),
        Figure(f"document preview, first of the run: an ordinary report "
               f"({screens.get('typical_lines', 0)} lines)",
               None if preview is None else screens["preview_typical"] * 1000, 200, "ms"),
        Figure("document preview of the long report (50 cycles, 2,000 values)",
               None if preview is None else preview * 1000, 200, "ms"),
        Figure("  the same preview again, in the same run",
               None if preview is None else screens["preview_again"] * 1000, None, "ms"),
        Figure("peak memory of the app, large portfolio", screens["peak_mib"], 250, "MiB"),
    ]  # fmt: skip


def _render_figure(forbattra: list[str], small: Path, out: Path) -> Figure:
    whole = _wall([*forbattra, "--db", str(small), "render", "--all", "--out", str(out)], 1)
    jinja = _spawn("--child-jinja", str(small))
    per_document = (whole - jinja["jinja"]) / jinja["initiatives"] * 1000
    return Figure(f"render --all, beyond Jinja2 (Jinja2: "
                  f"{jinja['jinja'] / jinja['initiatives'] * 1000:.1f} ms/initiative)",
                  per_document, 5, "ms/doc")  # fmt: skip


def _cli_figures(
    python: str, forbattra: list[str], tiny: Path, large: Path, runs: int
) -> list[Figure]:
    typer = _wall([python, "-c", "import typer"], runs)
    return [
        Figure("forbattra --help / python -c 'import typer'",
               _wall([*forbattra, "--help"], runs) / typer, 1.5, "×"),
        Figure("forbattra list (10 initiatives) / python -c 'import typer'",
               _wall([*forbattra, "--db", str(tiny), "list"], runs) / typer, 1.5, "×"),
        Figure("forbattra list (10,000 initiatives), seconds",
               _wall([*forbattra, "--db", str(large), "list"], 1), None, "s"),
        Figure("python -c 'import typer', milliseconds", typer * 1000, None, "ms"),
    ]  # fmt: skip


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", default="sv")
    parser.add_argument(
        "--only",
        action="append",
        choices=GROUPS,
        help="measure only these figures (repeatable); all when not given",
    )
    options = parser.parse_args()
    runs, lang = options.runs, options.lang
    only = set(options.only or GROUPS)
    python = sys.executable
    forbattra = [python, "-m", "forbattra"]
    figures: list[Figure] = []
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="forbattra-budgets-") as folder:
        large, small = Path(folder) / "large.db", Path(folder) / "small.db"
        tiny = Path(folder) / "tiny.db"
        big = build(large)
        if only & {"render", "cli"}:
            build(small, 1_000)
            build(tiny, 10)
        print(f"built the municipality in {time.perf_counter() - began:.0f} s", file=sys.stderr)

        def first_frames(kind: str) -> list[dict[str, Any]]:
            return [
                _spawn("--child-first-frame", str(time.time()), kind, str(large), lang)
                for _ in range(runs)
            ]

        if "start" in only:
            figures.extend(_start_figures(first_frames))
        if "screens" in only:
            figures.extend(_screen_figures(large, lang, big))
        if "autosave" in only:
            autosave = statistics.median(
                _spawn("--child-autosave", str(large))["autosave"] for _ in range(3)
            )
            figures.append(
                Figure("autosaved answer, one commit (median)", autosave * 1000, 5, "ms")
            )
        if "render" in only:
            figures.append(_render_figure(forbattra, small, Path(folder) / "documents"))
        if "cli" in only:
            figures.extend(_cli_figures(python, forbattra, tiny, large, runs))
    print(f"{'figure':<58} {'measured':>10} {'budget':>10} {'unit':<10} verdict")
    for figure in figures:
        print(figure.line())
    cpu = os.cpu_count()
    print(
        f"\n{cpu} CPUs, Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version};"
        f" {runs} runs each; {time.perf_counter() - began:.0f} s in all"
    )
    return 1 if any(figure.over for figure in figures) else 0


if __name__ == "__main__":
    CHILDREN: dict[str, Callable[[list[str]], None]] = {
        "--child-first-frame": _child_first_frame,
        "--child-screens": _child_screens,
        "--child-autosave": _child_autosave,
        "--child-jinja": _child_jinja,
    }
    if len(sys.argv) > 1 and sys.argv[1] in CHILDREN:
        import faulthandler

        # A child that hangs (once, under load) shows where, instead of stopping the run.
        faulthandler.dump_traceback_later(300, exit=True)
        CHILDREN[sys.argv[1]](sys.argv[2:])
    else:
        sys.exit(main())
