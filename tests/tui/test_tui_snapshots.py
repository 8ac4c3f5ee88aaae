"""Snapshots of key screens in Swedish at 80×24, on a fixed, clock-independent dataset.

Rendered in a subprocess (``render_svg.py``) so the UI modules are imported after the language
is chosen. Review changes with ``pytest tests/tui --snapshot-update`` and look at the SVGs in
``__snapshots__/``; they change when the Swedish catalogue or Textual changes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytest_textual_snapshot import SVGImageExtension  # type: ignore[import-untyped]
from syrupy.assertion import SnapshotAssertion

from .helpers import document, seed

SCRIPT = Path(__file__).with_name("render_svg.py")

# Noon UTC, so every date is the same in every time zone.
PORTFOLIO = [
    document(
        "Tydligare information till nyanlända i genomgångsbostäderna",
        method="dmaic",
        phase="improve",
        unit="Arbetsmarknads- och integrationsförvaltningen",
        area=5,
        leader="Amira Haddad",
        coach="Jonas Wikander",
        team="Amira Haddad, Karin Ek, Omar Said",
        updated="2025-05-19T12:00:00+00:00",
    ),
    document(
        "Introduktion som gör nyanställda redo från första dagen",
        method="dmaic",
        phase="control",
        unit="HR-avdelningen",
        area=7,
        leader="Linnea Holmgren",
        updated="2025-09-12T12:00:00+00:00",
    ),
    document(
        "Förslagslådan som ingen använde",
        status="closed",
        unit="Kommunledningsförvaltningen",
        area=6,
        leader="Sofia Engström",
        updated="2025-01-22T12:00:00+00:00",
    ),
    document(
        "Färre dubbla styrdokument",
        method="dmaic",
        phase="analyze",
        status="paused",
        unit="Kommunledningskontoret",
        area=3,
        leader="Johanna Lundgren",
        updated="2025-11-12T12:00:00+00:00",
    ),
    document(
        "Kortare väntetid till hemtjänst",
        phase="changes",
        unit="Vård och omsorg",
        area=5,
        leader="Erik Nilsson",
        updated="2026-02-03T12:00:00+00:00",
    ),
]


def render(database: Path, *keys: str, size: tuple[int, int] = (80, 24)) -> str:
    environment = {**os.environ, "TZ": "UTC", "TEXTUAL_ANIMATIONS": "none"}
    environment.pop("FORBATTRA_DB", None)
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(database), "sv", str(size[0]), str(size[1]), *keys],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        timeout=120,
    )
    return result.stdout


def test_portfolio_in_swedish(db_path: Path, snapshot: SnapshotAssertion) -> None:
    """The home screen: newest change first, the closed one hidden, columns fitted to 80."""
    seed(db_path, *PORTFOLIO)
    assert render(db_path) == snapshot.use_extension(SVGImageExtension)


def test_initiative_summary_in_swedish(db_path: Path, snapshot: SnapshotAssertion) -> None:
    """i on the oldest row: the read-only summary, with coach and team."""
    seed(db_path, *PORTFOLIO)
    assert render(db_path, "end", "i") == snapshot.use_extension(SVGImageExtension)
