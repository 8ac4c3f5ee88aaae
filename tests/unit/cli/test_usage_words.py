"""Typer's usage errors, worded in the language on screen (cli/usage_words.py).

Each kind Typer raises is run in Swedish and in English; the exit code stays 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

CASES = [
    (
        ["new", "Kortare köer"],
        "Error: Missing option '--method' / '-m'. Choose from: dmaic, pdsa.",
        "Fel: Alternativet '--method' / '-m' saknas. Välj bland: dmaic, pdsa.",
    ),
    (
        ["show", "abc"],
        "Error: Invalid value for 'ID': write a whole number",
        "Fel: Ogiltigt värde för 'ID': skriv ett heltal",
    ),
    (
        ["new", "x", "-m", "lean"],
        "Error: Invalid value for '--method' / '-m': 'lean' is not one of 'dmaic', 'pdsa'.",
        "Fel: Ogiltigt värde för '--method' / '-m': 'lean' är inte ett av 'dmaic', 'pdsa'.",
    ),
    (
        ["list", "--bogus"],
        "Error: No such option: --bogus",
        "Fel: Det finns inget alternativ --bogus",
    ),
    (
        ["lst"],
        "Error: No such command 'lst'. Did you mean 'list'?",
        "Fel: Det finns inget kommando 'lst'. Menade du 'list'?",
    ),
]


@pytest.mark.parametrize(("args", "english", "swedish"), CASES, ids=[c[0][0] for c in CASES])
def test_usage_errors_in_both_languages(
    run_cli: Any, tmp_path: Path, args: list[str], english: str, swedish: str
) -> None:
    db = str(tmp_path / "f.db")
    for language, expected, usage, hint in (
        ("en", english, "Usage: forbattra", "for help."),
        ("sv", swedish, "Användning: forbattra", "för hjälp."),
    ):
        result = run_cli("--db", db, "--lang", language, *args)
        assert result.code == 2
        assert expected in result.err
        assert result.err.startswith(usage)
        assert hint in result.err
