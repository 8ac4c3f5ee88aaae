"""``forbattra idea …`` run in this process: what a person reads, and every refusal."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def cli(run_cli: Any, tmp_path: Path) -> Any:
    db = str(tmp_path / "forbattra.db")

    def run(*args: str) -> Any:
        return run_cli("--db", db, *args)

    return run


def added_id(output: str) -> str:
    found = re.search(r"Its id is (\w+):", output)
    assert found, output
    return found[1]


def test_add_is_anonymous_and_says_so(cli: Any) -> None:
    result = cli("idea", "add", "Fler cykelställ", "--unit", "Fastighet", "--area", "2")
    assert result.code == 0
    assert result.out.startswith(
        "Thank you. Your idea is saved anonymously: no name, no user name and no time of day"
        " are kept, only today's date.\n"
    )
    idea_id = added_id(result.out)
    [listed] = json.loads(cli("idea", "list", "--json").out)
    assert listed["id"] == idea_id
    assert (listed["anonymous"], listed["author"], listed["unit"], listed["area"]) == (
        True,
        "",
        "Fastighet",
        2,
    )


def test_add_with_a_name_signs_it(cli: Any) -> None:
    result = cli(
        "idea", "add", "Digital signering", "--name", "Anna Berg", "--area", "Effektivitet"
    )
    assert result.code == 0
    assert "signed Anna Berg" in result.out
    shown = cli("idea", "show", added_id(result.out)).out
    assert "From: Anna Berg" in shown and "Area: 4 Efficiency" in shown


def test_triage_from_review_to_initiative(cli: Any) -> None:
    idea_id = added_id(cli("idea", "add", "Skylt till receptionen").out)
    assert cli("idea", "review", idea_id).out == f"Idea {idea_id} is now under review.\n"
    accepted = cli("idea", "accept", idea_id[:5], "--method", "dmaic", "--title", "Hitta rätt")
    assert accepted.code == 0
    initiative_id = accepted.out.strip()
    assert initiative_id.isdigit()
    document = json.loads(cli("show", initiative_id, "--json").out)
    assert document["initiative"]["title"] == "Hitta rätt"
    assert "Skylt till receptionen" in document["answers"][0]["text"]
    [listed] = json.loads(cli("idea", "list", "--status", "initiative", "--json").out)
    assert listed["initiative_id"] == int(initiative_id)
    table = cli("idea", "list").out
    assert f"initiative {initiative_id}" in table


def test_not_now_needs_a_reason_and_shows_it(cli: Any) -> None:
    idea_id = added_id(cli("idea", "add", "Gratis kaffe").out)
    refused = cli("idea", "not-now", idea_id)
    assert refused.code == 5
    assert refused.err.startswith("Error: Say why not now, in words the person who sent the idea")
    result = cli("idea", "not-now", idea_id, "--reason", "Budgeten räcker inte i år.")
    assert result.code == 0
    shown = cli("idea", "show", idea_id).out
    assert "Status: not now" in shown
    assert "Why not now: Budgeten räcker inte i år." in shown


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("idea", "add", "  "), 5, "Error: The idea cannot be saved: the idea's text is empty."),
        (("idea", "add", "Bra", "--area", "9"), 5, "Error: “9” is not a Kommunkompassen area"),
        (("idea", "review", "okandid99"), 3, "Error: There is no idea with id okandid99."),
        (("idea", "accept", "nope"), 3, "Error: There is no idea with id nope."),
        (("idea", "delete", "nope"), 3, "Error: There is no idea with id nope."),
        (("idea", "list", "--status", "done"), 5, "Error: “done” is not a status of an idea"),
    ],
)
def test_refusals(cli: Any, args: tuple[str, ...], code: int, message: str) -> None:
    result = cli(*args)
    assert result.code == code
    assert result.err.startswith(message), result.err
    assert result.out == ""


def test_import_all_or_nothing(cli: Any, tmp_path: Path) -> None:
    bad = tmp_path / "kk.csv"
    bad.write_text("text;område\nMål och budget;3\nKostnader;12\n", encoding="utf-8")
    refused = cli("idea", "import", str(bad))
    assert refused.code == 5
    assert refused.err == (
        f"Error: {bad} cannot be imported:\n"
        "  line 3: “12” is not a Kommunkompassen area; write a number from 1 to 8 or the area's"
        " name, such as Effektivitet\n"
        "Nothing was imported.\n"
    )
    assert cli("idea", "list", "--json").out.strip() == "[]"
    bad.write_text("text;område\nMål och budget;3\nKostnader;Effektivitet\n", encoding="utf-8")
    result = cli("idea", "import", str(bad))
    assert result.out == "Imported 2 ideas from kk.csv, marked as imported (not anonymous).\n"
    listed = json.loads(cli("idea", "list", "--json").out)
    assert {(i["imported_from"], i["anonymous"], i["area"]) for i in listed} == {
        ("kk.csv", False, 3),
        ("kk.csv", False, 4),
    }


def test_stats_judge_the_inbox(cli: Any) -> None:
    empty = cli("idea", "stats")
    assert empty.out.startswith("No ideas yet.\nNobody has left an idea yet.")
    cli("idea", "add", "A")
    data = json.loads(cli("idea", "stats", "--json").out)
    assert (data["total"], data["submitted"], data["initiatives"]) == (1, 1, 0)
    assert data["little_used"] is False  # too young to judge
    assert "too early" in data["verdict"]
    assert len(data["months"]) == 1
    text = cli("idea", "stats").out
    assert "1 idea · 0 became initiatives (0 %)" in text


def test_delete_says_the_text_is_wiped(cli: Any) -> None:
    idea_id = added_id(cli("idea", "add", "Hemlig idé").out)
    result = cli("idea", "delete", idea_id)
    assert result.out == f"Idea {idea_id} is deleted; its text is wiped from the database.\n"
    assert cli("idea", "list", "--json").out.strip() == "[]"
