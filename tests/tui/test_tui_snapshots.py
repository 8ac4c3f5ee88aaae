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


def workshop(phase: str) -> dict[str, object]:
    """A DMAIC initiative in the middle of its work: answers, causes with a why-chain,
    solutions linked to them, and a cycle that has started (fixed dates)."""
    data = document(
        "Tydligare information till nyanlända",
        method="dmaic",
        phase=phase,
        unit="Välkomstenheten",
        area=5,
        leader="Amira Haddad",
    )
    data["answers"] = [
        {"phase": "analyze", "question": "causes", "text": "Fiskbensdiagram och två samtal."},
        {"phase": "define", "question": "problem", "text": "Boende hittar inte rätt."},
    ]
    data["causes"] = [
        {"key": "c1", "text": "Informationen ges vid ett enda långt möte", "category": "methods"},
        {"key": "c2", "text": "Tolk bokas bara en gång", "category": "methods", "parent": "c1"},
        {
            "key": "c3",
            "text": "Rutinen utgår från checklistan",
            "category": "methods",
            "parent": "c2",
            "root": True,
            "verified": True,
        },
        {"key": "c4", "text": "Boendepärmen finns bara på svenska", "category": "materials"},
        {"key": "c5", "text": "Ingen att fråga i huset", "category": "people", "root": True},
        {"key": "c6", "text": "[bold]Felanmälan[/] via telefonkö"},
    ]
    data["solutions"] = [
        {"key": "s1", "text": "Välkomstsamtal och besök efter en vecka", "causes": ["c1", "c3"]},
        {"key": "s2", "text": "Bildguide på fem språk", "causes": []},
    ]
    data["cycles"] = [
        {
            "number": 1,
            "title": "Besök efter en vecka i Kvarnbacken",
            "solution": "s1",
            "objective": "Kan hushållen mer om boendet efter besöket?",
            "prediction": "7 av 10 klarar kunskapsfrågorna\nFrågorna minskar med en tredjedel",
            "plan": "Vem: Nadia\nVad: besök\nVar: Kvarnbacken\nNär: vecka 6–10\nData: logg",
            "what_happened": "Åtta av nio hushåll fick besöket.",
            "started_on": "2025-02-03",
        }
    ]
    return data


def test_workspace_analyze_in_swedish(db_path: Path, snapshot: SnapshotAssertion) -> None:
    """Enter on the initiative: the phase the team is in (Analyze), causes by category with
    a why-chain and root-cause marks; markup in a cause shown as typed."""
    seed(db_path, workshop("analyze"))
    assert render(db_path, "enter") == snapshot.use_extension(SVGImageExtension)


def test_cycle_editor_in_swedish(db_path: Path, snapshot: SnapshotAssertion) -> None:
    """From Improve's list of cycles: a started cycle, its predictions locked."""
    seed(db_path, workshop("improve"))
    assert render(db_path, "enter", "tab", "tab", "enter") == snapshot.use_extension(
        SVGImageExtension
    )


def test_new_initiative_dialog_in_swedish(db_path: Path, snapshot: SnapshotAssertion) -> None:
    """n on the portfolio: the short dialog, with the title refused politely when empty."""
    seed(db_path, *PORTFOLIO)
    assert render(db_path, "n", "enter") == snapshot.use_extension(SVGImageExtension)
