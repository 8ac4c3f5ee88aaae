"""A snapshot of the measures screen in Swedish at 80×24, on fixed data: a run chart with a
frozen baseline, a shift after two PDSA cycles, notes, and the target.

Rendered in a subprocess (``render_measures_svg.py``), so the UI modules are imported after the
language is chosen. Review changes with ``pytest tests/tui --snapshot-update``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from pytest_textual_snapshot import SVGImageExtension  # type: ignore[import-untyped]
from syrupy.assertion import SnapshotAssertion

from forbattra.core.domain import NewMeasure
from forbattra.core.vocabulary import Direction, MeasureKind
from forbattra.store.database import Database
from forbattra.store.services import cycles, measures, observations

from .helpers import create

SCRIPT = Path(__file__).with_name("render_measures_svg.py")
WAITING = [12, 14, 11, 13, 15, 12, 14, 13, 11, 14, 12, 13, 9, 8, 9, 7, 8, 7, 8, 6, 7, 7]


def seed_measures(path: Path) -> int:
    """One initiative with two measures; the first has 22 weekly values (fixed dates)."""
    initiative_id = create(path, "Kortare väntetid till hemtjänst", method="pdsa")
    with Database.open(str(path)) as database:
        waiting = measures.add_measure(
            database,
            "test",
            initiative_id,
            NewMeasure(
                name="Dagar från ansökan till första insats",
                kind=MeasureKind.OUTCOME,
                unit="dagar",
                direction=Direction.LOWER_IS_BETTER,
                target=7,
                baseline_points=12,
            ),
        )
        measures.add_measure(
            database,
            "test",
            initiative_id,
            NewMeasure(name="Andel nöjda brukare", unit="%", kind=MeasureKind.BALANCING),
        )
        notes = {3: "Semester, halv bemanning", 13: "Ny blankett från v. 15"}
        for index, value in enumerate(WAITING):
            day = date(2025, 1, 6) + timedelta(weeks=index)
            observations.add_observation(
                database,
                "test",
                waiting.id,
                day,
                value,
                period=f"2025-W{day.isocalendar().week:02d}",
                note=notes.get(index, ""),
            )
        for started in (date(2025, 3, 24), date(2025, 4, 28)):
            cycle = cycles.add_cycle(database, "test", initiative_id)
            cycles.set_cycle_dates(database, "test", cycle.id, started, None)
    return initiative_id


def render(database: Path, initiative: int, *keys: str, size: tuple[int, int] = (80, 24)) -> str:
    environment = {**os.environ, "TZ": "UTC", "TEXTUAL_ANIMATIONS": "none"}
    environment.pop("FORBATTRA_DB", None)
    width, height = size
    arguments = [str(database), "sv", str(width), str(height), str(initiative), *keys]
    result = subprocess.run(
        [sys.executable, str(SCRIPT), *arguments],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        timeout=120,
    )
    return result.stdout


def test_measures_screen_in_swedish(db_path: Path, snapshot: SnapshotAssertion) -> None:
    """The chart of the first measure at 80×24, the point three weeks back selected."""
    initiative = seed_measures(db_path)
    assert render(db_path, initiative, "left", "left", "left") == snapshot.use_extension(
        SVGImageExtension
    )
