"""``forbattra measure stage add|remove`` and the stages in ``measure show``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

BEFORE = [12, 14, 11, 13, 15, 12, 14, 13, 11, 14]
AFTER = [8, 7.5, 9, 8.2, 6, 7.1, 8.4, 7.3, 6.6, 7.8, 6.9]
CSV = "Vecka;Värde\n" + "".join(
    f"2025-W{week:02d};{str(value).replace('.', ',')}\n"
    for week, value in enumerate(BEFORE + AFTER, start=1)
)


@pytest.fixture
def cli(run_cli: Any, tmp_path: Path) -> Any:
    db = str(tmp_path / "forbattra.db")

    def run(*args: str) -> Any:
        return run_cli("--db", db, "--lang", "en", *args)

    return run


@pytest.fixture
def measure(cli: Any, tmp_path: Path) -> str:
    assert cli("new", "Kortare väntetider", "-m", "pdsa").out.strip() == "1"
    added = cli("measure", "add", "1", "Väntetid", "--direction", "down", "--baseline", "10")
    path = tmp_path / "v.csv"
    path.write_text(CSV, encoding="utf-8")
    assert cli("measure", "import", "1", "Väntetid", str(path)).code == 0
    return str(added.out.strip())


def test_add_show_and_remove_a_stage(cli: Any, measure: str) -> None:
    before = json.loads(cli("measure", "show", "1", measure, "--json").out)
    assert before["stages"] == []
    assert before["run_chart"]["verdict"] == "improvement"

    added = cli("measure", "stage", "add", "1", "Väntetid", "2025-W11", "--reason", "Ny rutin")
    assert (added.code, added.err) == (0, "")
    assert added.out.strip() == "Väntetid: a new stage from 2025-03-10 (Ny rutin)."

    shown = json.loads(cli("measure", "show", "1", measure, "--json").out)
    assert shown["stages"] == [
        {"starts_on": "2025-03-10", "reason": "Ny rutin", "first_period": "2025-W11"}
    ]
    assert shown["run_chart"]["start"] == 10
    assert shown["run_chart"]["verdict"] == "no_signal"
    listed = json.loads(cli("measure", "list", "1", "--json").out)
    assert listed[0]["verdict"] == "no_signal"
    text = " ".join(cli("measure", "show", "1", measure).out.split())
    assert "Stage from 2025-03-10: Ny rutin (2025-W11)" in text
    assert "The current stage, from 2025-W11:" in text

    removed = cli("measure", "stage", "remove", "1", measure, "2025-03-10")
    assert (removed.code, removed.out.strip()) == (
        0,
        "Väntetid: the stage from 2025-03-10 was removed (Ny rutin).",
    )
    assert json.loads(cli("measure", "show", "1", measure, "--json").out)["stages"] == []


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["2025-W11", "--reason", "  "], 5, "Write why the chart is split here"),
        (["2024-12-30", "--reason", "x"], 5, "A stage starts after the first value"),
        (["den 3 mars", "--reason", "x"], 5, "is not a date"),
        (["2025-W11"], 2, "--reason"),
    ],
)
def test_a_stage_that_cannot_be_added_is_a_clear_error(
    cli: Any, measure: str, args: list[str], code: int, message: str
) -> None:
    result = cli("measure", "stage", "add", "1", measure, *args)
    assert result.code == code
    assert message in result.err
    assert json.loads(cli("measure", "show", "1", measure, "--json").out)["stages"] == []


def test_the_same_date_twice_and_unknown_things(cli: Any, measure: str) -> None:
    assert cli("measure", "stage", "add", "1", measure, "2025-03-10", "-r", "Ny rutin").code == 0
    again = cli("measure", "stage", "add", "1", measure, "2025-03-10", "-r", "Igen")
    assert (again.code, again.err.strip()) == (
        5,
        "Error: A stage already starts on 2025-03-10; remove it first.",
    )
    assert cli("measure", "stage", "remove", "1", measure, "2025-03-11").code == 3
    assert cli("measure", "stage", "add", "1", "Okänt mått", "2025-03-10", "-r", "x").code == 3
    assert cli("measure", "stage", "add", "9", measure, "2025-03-10", "-r", "x").code == 3
