"""``forbattra measure list|add|import|show``, run in this process through ``forbattra.cli.main``.

The ``run_cli`` fixture checks on every run that no traceback reaches stderr.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

SAMPLES = Path(__file__).parents[3] / "sample_projects"

BEFORE = [12, 14, 11, 13, 15, 12, 14, 13, 11, 14]
AFTER = [8, 7, 9, 8, 6, 7, 8, 7, 6, 7]
SWEDISH_CSV = (
    "Vecka;Värde;Kommentar\r\n"
    + "".join(f"2025-W{week:02d};{value};\r\n" for week, value in enumerate(BEFORE, start=1))
    + "".join(f"2025-W{week:02d};{value},5;\r\n" for week, value in enumerate(AFTER, start=11))
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "forbattra.db")


@pytest.fixture
def cli(run_cli: Any, db: str) -> Any:
    """``forbattra --db DB ARGS``."""

    def run(*args: str) -> Any:
        return run_cli("--db", db, *args)

    return run


@pytest.fixture
def initiative(cli: Any) -> str:
    result = cli("new", "Kortare väntetider", "-m", "pdsa")
    assert result.code == 0
    return str(result.out.strip())


def write_csv(tmp_path: Path, text: str, name: str = "väntetid.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("cp1252"))  # as Excel on Windows saves "CSV (semikolonavgränsad)"
    return path


def add_waiting_time(cli: Any, initiative: str) -> str:
    result = cli(
        "measure",
        "add",
        initiative,
        "Väntetid",
        "--unit",
        "dagar",
        "--direction",
        "down",
        "--target",
        "7",
        "--baseline",
        "10",
        "--kind",
        "process",
    )
    assert (result.code, result.err) == (0, "")
    return str(result.out.strip())


# --- add --------------------------------------------------------------------------------------


def test_add_prints_only_the_new_id(cli: Any, initiative: str) -> None:
    first = add_waiting_time(cli, initiative)
    assert first == "1"
    second = cli("measure", "add", initiative, "Nöjdhet")
    assert (second.code, second.out) == (0, "2\n")
    listed = json.loads(cli("measure", "list", initiative, "--json").out)
    assert [(m["id"], m["name"], m["kind"], m["direction"], m["target"]) for m in listed] == [
        (1, "Väntetid", "process", "down", 7.0),
        (2, "Nöjdhet", "outcome", "up", None),
    ]
    assert listed[0]["baseline_points"] == 10


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["Namn", "--direction", "sideways"], 2, "Invalid value for '--direction'"),
        (["Namn", "--kind", "result"], 2, "Invalid value for '--kind'"),
        # A bad number is invalid input (5) like every value the CLI checks itself.
        (["Namn", "--target", "många"], 5, "“många” is not a number"),
        (["  "], 5, "Error: The measure needs a name"),
        (["Namn", "--baseline", "0"], 5, "at least 1"),
        (["Namn", "--target", "nan"], 5, "“nan” is not a number"),
    ],
)
def test_add_with_bad_input(
    cli: Any, initiative: str, args: list[str], code: int, message: str
) -> None:
    result = cli("measure", "add", initiative, *args)
    assert result.code == code
    assert message in result.err
    assert result.out == ""
    assert json.loads(cli("measure", "list", initiative, "--json").out) == []


def test_add_to_a_missing_initiative(cli: Any, initiative: str) -> None:
    result = cli("measure", "add", "99", "Väntetid")
    assert result.code == 3
    assert "Error: There is no initiative with id 99." in result.err


# --- import -------------------------------------------------------------------------------------


def test_import_a_swedish_excel_file(cli: Any, initiative: str, tmp_path: Path) -> None:
    add_waiting_time(cli, initiative)
    result = cli("measure", "import", initiative, "Väntetid", str(write_csv(tmp_path, SWEDISH_CSV)))
    assert (result.code, result.out, result.err) == (0, "Imported 20 values into Väntetid.\n", "")
    (listed,) = json.loads(cli("measure", "list", initiative, "--json").out)
    assert (listed["n"], listed["median"], listed["verdict"]) == (20, 13, "improvement")
    assert listed["sentence"] == (
        "10 weeks in a row below the baseline median since week 11, 2025 — an improvement"
    )


def test_import_reports_every_bad_row_and_imports_nothing(
    cli: Any, initiative: str, tmp_path: Path
) -> None:
    measure = add_waiting_time(cli, initiative)
    broken = (
        "Vecka;Värde;Kommentar\r\n"
        "2025-W01;12;\r\n"
        "2025-W02;tolv;\r\n"
        "2025-W02;;\r\n"
        "v. 60 2025;3;\r\n"
        "2025-W05,4\r\n"
        "2025-W06;11,5;bra\r\n"
    )
    path = write_csv(tmp_path, broken, "trasig.csv")
    result = cli("measure", "import", initiative, measure, str(path))
    assert result.code == 5
    assert result.out == ""
    lines = result.err.splitlines()
    assert lines == [
        f"Error: {path} cannot be imported:",
        "  line 3: tolv is not a number",
        "  line 4: the value is empty; write - for a period without a value",
        "  line 5: 2025 has no week 60",
        "  line 6: the row has 1 column, expected at least 2 separated by ;; the header"
        " separates columns with ;; does this row use ,?",
        "Nothing was imported.",
    ]
    (listed,) = json.loads(cli("measure", "list", initiative, "--json").out)
    assert listed["n"] == 0


def test_import_twice_is_refused_the_second_time(cli: Any, initiative: str, tmp_path: Path) -> None:
    measure = add_waiting_time(cli, initiative)
    path = write_csv(tmp_path, SWEDISH_CSV)
    assert cli("measure", "import", initiative, measure, str(path)).code == 0
    again = cli("measure", "import", initiative, measure, str(path))
    assert again.code == 5
    assert "already has values for the dates on lines 2, 3, 4" in again.err
    assert "nothing was imported" in again.err
    assert json.loads(cli("measure", "list", initiative, "--json").out)[0]["n"] == 20


@pytest.mark.parametrize(
    ("measure", "file", "code", "message"),
    [
        ("Saknas", "väntetid.csv", 3, "has no measure Saknas"),
        ("99", "väntetid.csv", 3, "has no measure 99"),
        ("Väntetid", "finns-inte.csv", 5, "file not found"),
    ],
)
def test_import_of_what_is_not_there(
    cli: Any, initiative: str, tmp_path: Path, measure: str, file: str, code: int, message: str
) -> None:
    add_waiting_time(cli, initiative)
    write_csv(tmp_path, SWEDISH_CSV)
    result = cli("measure", "import", initiative, measure, str(tmp_path / file))
    assert result.code == code
    assert message in result.err


# --- list and show --------------------------------------------------------------------------------


def test_list_for_people(cli: Any, initiative: str, tmp_path: Path) -> None:
    assert "No measures yet" in cli("measure", "list", initiative).out
    measure = add_waiting_time(cli, initiative)
    cli("measure", "import", initiative, measure, str(write_csv(tmp_path, SWEDISH_CSV)))
    cli("measure", "add", initiative, "[bold]Nöjdhet[/]", "--unit", "%")
    result = cli("measure", "list", initiative)
    assert result.code == 0
    for expected in ("Väntetid (dagar)", "process measure", "improvement", "[bold]Nöjdhet[/] (%)"):
        assert expected in result.out
    assert "too little data" in result.out
    assert cli("measure", "list", "42").code == 3


def test_show_as_json(cli: Any, initiative: str, tmp_path: Path) -> None:
    measure = add_waiting_time(cli, initiative)
    cli("measure", "import", initiative, measure, str(write_csv(tmp_path, SWEDISH_CSV)))
    shown = json.loads(cli("measure", "show", initiative, "Väntetid", "--json").out)
    assert shown["name"] == "Väntetid" and len(shown["observations"]) == 20
    assert shown["observations"][0] == {
        "id": 1,
        "date": "2024-12-30",  # the Monday of ISO week 1 of 2025
        "period": "2025-W01",
        "value": 12.0,
        "note": "",
        "rules": [],
    }
    assert shown["observations"][-1]["rules"] == ["long_run"]
    chart = shown["run_chart"]
    assert (chart["rules"], chart["median"], chart["n_useful"]) == ("anhoej", 13, 18)
    assert (chart["longest_run"], chart["longest_run_max"]) == (10, 7)
    assert chart["verdict"] == "improvement"
    (signal,) = chart["signals"]
    assert signal["rule"] == "long_run"
    assert signal["periods"][0] == "2025-W11"
    assert (signal["side"], signal["change"]) == ("lower", "lower")
    assert shown["xmr"]["mean"] == pytest.approx(12.9)
    assert shown["sentence"].endswith("an improvement")
    ihi = json.loads(cli("measure", "show", initiative, measure, "--json", "--rules", "ihi").out)
    assert ihi["run_chart"]["rules"] == "ihi"
    assert "shift" in {s["rule"] for s in ihi["run_chart"]["signals"]}


def test_show_for_people(cli: Any, initiative: str, tmp_path: Path) -> None:
    measure = add_waiting_time(cli, initiative)
    cli("measure", "import", initiative, measure, str(write_csv(tmp_path, SWEDISH_CSV)))
    result = cli("measure", "show", initiative, measure)
    assert result.code == 0
    text = " ".join(result.out.split())  # Rich wraps long lines
    for expected in (
        "#1 Väntetid",
        "Direction: lower is better",
        "Baseline: the first 10 values",
        "2025-W11 8.5 unusually long run",
        "longest run 10 (more than 7 is a signal)",
        "Verdict: improvement",
        "10 weeks in a row below the baseline median since week 11, 2025 — an improvement",
    ):
        assert expected in text
    ihi = " ".join(cli("measure", "show", initiative, measure, "--rules", "ihi").out.split())
    assert "2025-W20 7.5 shift" in ihi


def test_the_sample_projects_show_their_change(cli: Any) -> None:
    """Imported through the normal import, the main measure of the newcomers' sample shows
    the improvement the sample was built to show."""
    assert cli("import", str(SAMPLES / "01-information-nyanlanda.json")).code == 0
    listed = json.loads(cli("measure", "list", "1", "--json").out)
    assert listed[0]["verdict"] == "improvement"
    assert listed[0]["sentence"].startswith("15 weeks in a row below the baseline median")
    assert [m["verdict"] for m in listed[1:]] == ["too_little_data"] * 3


def test_the_rules_option_offers_the_analysis_rules() -> None:
    from forbattra.cli.measures import RuleSet
    from forbattra.core.analysis import Rules

    assert [r.value for r in RuleSet] == [r.value for r in Rules]


def test_measure_commands_do_not_load_textual() -> None:
    code = (
        "import sys\n"
        "from forbattra.cli import main\n"
        "try:\n"
        "    main(['measure', 'show', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('LOADED', ' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "Usage" in result.stdout
    loaded = set(result.stdout.split("LOADED", 1)[1].split())
    assert not {name for name in loaded if name.split(".")[0] in {"textual", "sqlalchemy"}}
