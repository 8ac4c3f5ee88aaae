"""Numbers in the command line's human-readable output follow the language (``30,5`` in
Swedish, ``30.5`` in English); JSON keeps a plain point. A bad ``--since`` and a backwards
period are both invalid input, exit 5, in either language.

Run on the sample projects, imported in file order: 1 nyanlända (measure 3 "Trivsel", median
3.15), 4 kvalitetsstrategin (stop-doing: 30.5 h a month), 5 aggregerad budget (measure 15,
target 3.5, median 7.35).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest

from forbattra.i18n.numbers import number_text

SAMPLES = sorted((Path(__file__).parents[3] / "sample_projects").glob("*.json"))
NBSP = "\u00a0"


@pytest.fixture(autouse=True)
def _commands_imported_in_english(english: None) -> None:
    """Typer builds a command's help when its module is first imported; import them in English
    so the Swedish runs below leave no Swedish help behind for later tests in this process."""
    for name in ("initiatives", "closing", "review", "measures", "stop_doing", "backup"):
        importlib.import_module(f"forbattra.cli.{name}")


@pytest.fixture
def cli(run_cli: Any, tmp_path: Path) -> Any:
    """``forbattra --db DB --lang LANG ARGS`` on the imported sample projects."""
    db = str(tmp_path / "forbattra.db")
    assert run_cli("--db", db, "import", *map(str, SAMPLES)).code == 0

    def run(language: str, *args: str) -> Any:
        return run_cli("--db", db, "--lang", language, *args)

    return run


# --- The one formatting function ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "digits", "sv", "en"),
    [
        (30.5, 1, "30,5", "30.5"),
        (366.0, 1, "366", "366"),
        (3.15, 4, "3,15", "3.15"),
        (0.125, 4, "0,125", "0.125"),
        (1234567.5, 2, f"1{NBSP}234{NBSP}567,5", "1,234,567.5"),
        (-0.04, 1, "0", "0"),
        (-2.25, 2, "-2,25", "-2.25"),
        (7, 2, "7", "7"),
    ],
)
def test_number_text_in_both_languages(value: float, digits: int, sv: str, en: str) -> None:
    assert number_text(value, digits, language="sv") == sv
    assert number_text(value, digits, language="en") == en


def test_number_text_follows_the_current_language(english: None) -> None:
    from forbattra.i18n import set_language

    assert number_text(2.5) == "2.5"
    set_language("sv")
    assert number_text(2.5) == "2,5"
    assert number_text(None) == "–"
    assert number_text(None, empty="") == ""


def test_the_documents_and_the_stop_doing_sums_use_the_same_function() -> None:
    from forbattra.core.stop_doing import hours_text
    from forbattra.docs.markdown import number

    for value in (30.5, 1234.56, 0.0, -1.0):
        assert number(value, 2, "sv") == number_text(value, 2, language="sv")
        assert hours_text(value, "sv") == number_text(value, 1, language="sv")
    assert number(None) == ""


# --- Human-readable output ----------------------------------------------------------------------


def _row(output: str, start: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(start))


@pytest.mark.parametrize(("language", "median"), [("sv", "3,15"), ("en", "3.15")])
def test_measure_list_medians(cli: Any, language: str, median: str) -> None:
    result = cli(language, "measure", "list", "1")
    assert result.code == 0, result.err
    assert median in _row(result.out, "3 ").split()


@pytest.mark.parametrize(
    ("language", "target", "value", "median"),
    [
        ("sv", "Målvärde: 3,5", "7,5", "Median 7,35 ·"),
        ("en", "Target: 3.5", "7.5", "Median 7.35 ·"),
    ],
)
def test_measure_show_values_and_median(
    cli: Any, language: str, target: str, value: str, median: str
) -> None:
    result = cli(language, "measure", "show", "5", "15")
    assert result.code == 0, result.err
    assert target in result.out.splitlines()
    assert _row(result.out, "2024-09").split()[1] == value
    assert median in result.out


def test_measure_show_json_keeps_a_point_in_swedish(cli: Any) -> None:
    result = cli("sv", "measure", "show", "5", "15", "--json")
    assert result.code == 0, result.err
    found = json.loads(result.out)
    assert found["target"] == 3.5
    assert found["run_chart"]["median"] == pytest.approx(7.35)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "Sluta göra: 30,5 timmar i månaden beslutade under perioden; 30,5 timmar"),
        ("en", "Stop doing: 30.5 hours a month decided in the period; 30.5 hours"),
    ],
)
def test_overview_hours(cli: Any, language: str, expected: str) -> None:
    result = cli(language, "overview")
    assert result.code == 0, result.err
    assert expected in result.out


def test_overview_json_keeps_numbers(cli: Any) -> None:
    found = json.loads(cli("sv", "overview", "--json").out)
    assert found["hours_freed_total"] == pytest.approx(30.5)


@pytest.mark.parametrize(("language", "hours"), [("sv", "33,8"), ("en", "33.8")])
def test_show_freed_hours(cli: Any, language: str, hours: str) -> None:
    result = cli(language, "show", "4")
    assert result.code == 0, result.err
    line = result.out.splitlines()[-1]
    assert hours in line.split()
    other = "33.8" if language == "sv" else "33,8"
    assert other not in result.out


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("sv", "Frigör 30,5 h i månaden (366 h om året)."),
        ("en", "Frees 30.5 h a month (366 h a year)."),
    ],
)
def test_stop_doing_sums(cli: Any, language: str, expected: str) -> None:
    result = cli(language, "stop-doing", "list", "4")
    assert result.code == 0, result.err
    assert expected in result.out


@pytest.mark.parametrize(
    ("language", "expected"),
    [("sv", "6,5 h i månaden (78 h om året)"), ("en", "6.5 h a month (78 h a year)")],
)
def test_close_prints_the_freed_hours(cli: Any, language: str, expected: str) -> None:
    result = cli(
        language, "close", "1", "-r", "not_used", "-l", "A lesson.", "--freed-hours", "6,5"
    )
    assert result.code == 0, result.err
    assert expected in result.out


@pytest.mark.parametrize(
    ("language", "expected"), [("sv", "median 35,5 dagar"), ("en", "median 35.5 days")]
)
def test_coach_report_markdown_median_days(cli: Any, language: str, expected: str) -> None:
    result = cli(language, "review", "--format", "markdown")
    assert result.code == 0, result.err
    assert expected in result.out


@pytest.mark.parametrize(
    ("language", "expected"),
    [("sv", "30,5 timmar i månaden totalt"), ("en", "30.5 hours a month in all")],
)
def test_portfolio_report_markdown_hours(cli: Any, language: str, expected: str) -> None:
    result = cli(language, "overview", "--format", "markdown")
    assert result.code == 0, result.err
    assert expected in result.out


def test_swedish_from_the_environment(
    cli: Any, run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORBATTRA_LANG", "sv")
    result = run_cli("--db", str(tmp_path / "forbattra.db"), "overview")
    assert result.code == 0, result.err
    assert "30,5 timmar" in result.out


@pytest.mark.parametrize(
    ("language", "target", "shown"),
    [("sv", "12 500,5", f"Målvärde: 12{NBSP}500,5"), ("en", "12,500.5", "Target: 12,500.5")],
)
def test_a_target_typed_and_shown_the_local_way(
    cli: Any, language: str, target: str, shown: str
) -> None:
    added = cli(language, "measure", "add", "1", "Kostnad", "--target", target)
    assert added.code == 0, added.err
    result = cli(language, "measure", "show", "1", added.out.strip())
    assert shown in result.out.splitlines()
    found = json.loads(cli(language, "measure", "show", "1", "Kostnad", "--json").out)
    assert found["target"] == 12500.5


def test_backup_sizes(english: None) -> None:
    from forbattra.cli.backup import _size_text
    from forbattra.i18n import set_language

    assert _size_text(int(1.5 * 1024 * 1024)) == "1.5 MB"
    set_language("sv")
    assert _size_text(int(1.5 * 1024 * 1024)) == "1,5 MB"
    assert _size_text(1000 * 1024) == f"1{NBSP}000 kB"


# --- Exit codes of bad option values ------------------------------------------------------------


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("command", [["history", "1"], ["overview"]])
def test_a_bad_date_and_a_backwards_period_exit_alike(
    cli: Any, language: str, command: list[str]
) -> None:
    bad = cli(language, *command, "--since", "2025-13-01")
    backwards = cli(language, *command, "--since", "2025-02-01", "--until", "2025-01-01")
    assert bad.code == backwards.code == 5
    assert bad.out == backwards.out == ""
    assert "2025-13-01" in bad.err
    assert "--until 2025-01-01" in backwards.err
    assert "--since 2025-02-01" in backwards.err
    assert len(backwards.err.strip().splitlines()) == 1
    assert "Usage" not in backwards.err


def test_the_same_day_is_a_period(cli: Any) -> None:
    result = cli("en", "overview", "--since", "2025-03-01", "--until", "2025-03-01")
    assert result.code == 0, result.err


@pytest.mark.parametrize("language", ["sv", "en"])
def test_a_bad_target_is_invalid_input(cli: Any, language: str) -> None:
    result = cli(language, "measure", "add", "1", "Namn", "--target", "många")
    assert result.code == 5
    assert "”många”" in result.err or "“många”" in result.err
    assert "Usage" not in result.err
