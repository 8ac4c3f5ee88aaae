"""``forbattra history``, ``overview``, ``comment``, ``comments``, ``resolve``,
``review-queue``, ``review`` and ``search`` on the sample projects, refusals included."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SAMPLES = sorted((Path(__file__).parents[3] / "sample_projects").glob("*.json"))


@pytest.fixture
def cli(run_cli: Any, tmp_path: Path) -> Any:
    db = str(tmp_path / "forbattra.db")
    assert run_cli("--db", db, "import", *map(str, SAMPLES)).code == 0

    def run(*args: str) -> Any:
        return run_cli("--db", db, *args)

    return run


def test_history_as_text_and_json(cli: Any) -> None:
    result = cli("history", "3", "--kind", "cycle", "--kind", "status")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "#3  Anonym förbättringsinkorg för medarbetare"
    assert "Cycles: Cycle 3 finished: abandon  (Sofia Engström)" in result.out
    assert "Status: Closed without prestige  (Petra Almqvist)" in result.out
    assert "Answers:" not in result.out
    found = json.loads(cli("history", "1", "--json", "--since", "2025-05-01").out)
    assert found["id"] == 1
    assert all(entry["at"] >= "2025-05-01" for entry in found["entries"])
    assert {entry["kind"] for entry in found["entries"]} >= {"cycle", "comment"}


def test_history_refusals(cli: Any) -> None:
    missing = cli("history", "99")
    assert (missing.code, missing.err.strip()) == (3, "Error: There is no initiative with id 99.")
    bad_day = cli("history", "1", "--since", "2025-13-01")
    assert bad_day.code == 5
    assert "is not a date" in bad_day.err
    backwards = cli("history", "1", "--since", "2025-02-01", "--until", "2025-01-01")
    # A period that runs backwards is a bad value, like a bad date: exit 5, not 2.
    assert backwards.code == 5
    assert "--until 2025-01-01 is before --since 2025-02-01" in backwards.err
    assert cli("history", "1", "--kind", "bogus").code == 2


def test_overview_tells_where_the_improvements_are(cli: Any) -> None:
    result = cli("overview", "--since", "2025-01-01", "--until", "2025-12-31")
    assert result.code == 0, result.err
    assert "Portfolio overview, from 2025-01-01 to 2025-12-31" in result.out
    assert "6 initiatives worked on (1 started in the period)." in result.out
    assert "↑ #2 Introduktion som gör nyanställda redo från första dagen" in result.out
    assert "#3 Anonym förbättringsinkorg för medarbetare (2025-01-21" in result.out
    found = json.loads(cli("overview", "--json").out)
    assert found["initiatives"] == 6
    assert found["closures"][0]["initiative_id"] == 3
    assert found["hours_freed_total"] > 0
    assert cli("overview", "--since", "yesterday").code == 5


def test_comment_list_and_resolve(cli: Any) -> None:
    added = cli("comment", "1", "Bra, men [bold]tolk[/bold]?", "--cycle", "3")
    assert added.code == 0, added.err
    comment_id = added.out.strip()
    listed = cli("comments", "1", "--open")
    assert "tester · cycle:3 · open" in listed.out
    assert "Bra, men [bold]tolk[/bold]?" in listed.out  # printed as typed
    assert cli("resolve", comment_id).out.strip() == f"Comment {comment_id} is resolved."
    assert comment_id not in [
        str(c["id"]) for c in json.loads(cli("comments", "1", "--open", "--json").out)
    ]
    assert cli("resolve", comment_id, "--reopen").out.strip() == f"Comment {comment_id} is open."
    on_phase = cli("comment", "1", "Mät oftare", "--phase", "measure")
    assert on_phase.code == 0
    assert cli("comment", "1", "x", "--cycle", "9").code == 3
    assert cli("comment", "1", "x", "--phase", "aim").code == 5  # a PDSA phase, not DMAIC
    assert cli("comment", "1", "x", "--phase", "measure", "--cycle", "1").code == 2
    assert cli("comment", "1", "  ").code == 5
    assert cli("resolve", "999").code == 3


def test_review_queue_and_marking(cli: Any) -> None:
    first = cli("review-queue", "--weeks", "8", "--mark")
    assert first.code == 0, first.err
    assert "you have not looked before" in first.out
    assert "Cycle finished" in first.out
    assert "Marked as looked at." in first.out
    again = json.loads(cli("review-queue", "--weeks", "8", "--json").out)
    assert again["looked_at"] is not None
    assert {item["kind"] for item in again["items"]} == {"stalled"}
    assert cli("review-queue", "--weeks", "0").code == 2


def test_review_shows_fidelity_and_stalled(cli: Any) -> None:
    result = cli("review", "--weeks", "8")
    assert result.code == 0, result.err
    assert "14 cycles (2 under way), median 53 days" in result.out
    assert "Small first test: The first cycle ran 113 days" in result.out
    assert "Stalled: no activity for 8 weeks or more" in result.out
    found = json.loads(cli("review", "--json").out)
    assert len(found["rows"]) == 6


def test_search_finds_closed_work(cli: Any) -> None:
    result = cli("search", "liten", "SKALA")
    assert result.code == 0
    assert "#3 Anonym förbättringsinkorg för medarbetare (closed) · What we learned" in result.out
    assert json.loads(cli("search", "ingenting-sådant", "--json").out) == []
    assert cli("search", " ").code == 5


def test_the_commands_do_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from forbattra.cli import main\n"
        "try:\n"
        f"    main(['--db', {str(tmp_path / 'x.db')!r}, 'overview'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
