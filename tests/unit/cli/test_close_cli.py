"""``forbattra close|reopen|pause|resume`` and ``forbattra stop-doing``, run in this process.

The wording a person reads when closing is checked as a whole; every refusal is one kind line
on stderr with its exit code, and changes nothing.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

SAMPLES = Path(__file__).parents[3] / "sample_projects"
MAILBOX = SAMPLES / "03-anonym-forbattringsinkorg.json"
ALINGSAS = SAMPLES / "04-upphava-kvalitetsstrategin.json"
LESSON = "Ideas need a dialogue; ask at the workplace meeting instead."


@pytest.fixture
def cli(run_cli: Any, tmp_path: Path) -> Any:
    """``forbattra --db DB ARGS``."""
    db = str(tmp_path / "forbattra.db")

    def run(*args: str) -> Any:
        return run_cli("--db", db, *args)

    return run


@pytest.fixture
def initiative(cli: Any) -> str:
    result = cli("new", "Anonymous idea inbox", "--method", "pdsa")
    assert result.code == 0
    return str(result.out.strip())


def status(cli: Any, initiative_id: str) -> str:
    document = json.loads(cli("show", initiative_id, "--json").out)
    return str(document["initiative"]["status"])


# --- close ---------------------------------------------------------------------------------------


def test_closing_says_it_kindly_and_completely(cli: Any, initiative: str) -> None:
    result = cli(
        "close",
        initiative,
        "--reason",
        "not_used",
        "--learned",
        LESSON,
        "--keep",
        "The question at every workplace meeting.",
        "--stop-doing",
        "The form and the shared mailbox.",
        "--freed-hours",
        "6,5",
        "--decided-by",
        "Municipal management group",
        "--date",
        "2025-01-21",
    )
    assert (result.code, result.err) == (0, "")
    assert result.out == (
        "#1 “Anonymous idea inbox” is closed, without prestige.\n"
        "  Reason: not used, or no demand\n"
        "  Phase when closed: Aim\n"
        f"  What we learned: {LESSON}\n"
        "  What we keep or spread: The question at every workplace meeting.\n"
        "  What we stop doing: The form and the shared mailbox.\n"
        "  Time freed: 6.5 h a month (78 h a year)\n"
        "  Decided by: Municipal management group\n"
        "  Closed on: 2025-01-21\n"
        "The lesson is kept with the initiative and counts in the portfolio."
        " To take it up again: forbattra reopen 1\n"
    )
    document = json.loads(cli("show", initiative, "--json").out)
    assert document["initiative"]["status"] == "closed"
    assert document["closure"]["freed_hours"] == 6.5
    assert document["closure"]["learned"] == LESSON
    shown = cli("show", initiative).out
    assert "Closed without prestige on 2025-01-21" in shown


def test_the_help_lists_every_reason(cli: Any) -> None:
    result = cli("close", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    for value in ("goal_reached", "too_costly", "unrealistic", "no_effect", "not_used"):
        assert value in text
    assert "replaced (replaced by other work)" in text
    assert "other (other reason)" in text
    assert "--learned" in text and "--freed-hours" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-r", "too_costly"], "Error: Write what you learned before closing."),
        (["-r", "too_costly", "--learned", "   "], "Error: Write what you learned before closing."),
        (["-r", "other", "--learned", "x"], "Describe the reason in a few words"),
        (["-r", "other", "-l", "x", "--reason-text", " "], "Describe the reason in a few words"),
        (["-r", "not_used", "-l", "x", "--freed-hours", "many"], "is not a number of hours"),
        (["-r", "not_used", "-l", "x", "--freed-hours", "-2"], "cannot be negative"),
        (["-r", "not_used", "-l", "x", "--freed-hours", "nan"], "hours per month"),
        (["-r", "not_used", "-l", "x", "--date", "21/1/2025"], "write it as YYYY-MM-DD"),
        (
            ["-r", "not_used", "-l", "x", "--date", (date.today() + timedelta(1)).isoformat()],
            "in the future",
        ),
    ],
)
def test_refusals_change_nothing(cli: Any, initiative: str, args: list[str], message: str) -> None:
    result = cli("close", initiative, *args)
    assert result.code == 5
    assert message in result.err
    assert result.err.count("\n") == 1  # one line
    assert result.out == ""
    assert status(cli, initiative) == "active"


def test_an_unknown_initiative_is_not_found(cli: Any, initiative: str) -> None:
    result = cli("close", "99", "--reason", "not_used", "--learned", LESSON)
    assert (result.code, result.err) == (3, "Error: There is no initiative with id 99.\n")


def test_an_unknown_reason_is_a_usage_error(cli: Any, initiative: str) -> None:
    result = cli("close", initiative, "--reason", "failed", "--learned", LESSON)
    assert result.code == 2
    assert "Invalid value for '--reason'" in result.err


def test_closing_twice_is_refused(cli: Any, initiative: str) -> None:
    assert cli("close", initiative, "-r", "goal_reached", "-l", LESSON).code == 0
    result = cli("close", initiative, "-r", "too_costly", "-l", "Another lesson")
    assert result.code == 5
    assert result.err == (
        "Error: This initiative is already closed, and its lesson is recorded."
        " Reopen it first if the work should go on.\n"
    )
    document = json.loads(cli("show", initiative, "--json").out)
    assert document["closure"]["reason"] == "goal_reached"


# --- reopen, pause, resume ---------------------------------------------------------------------


def test_reopen_pause_resume(cli: Any, initiative: str) -> None:
    refused = cli("reopen", initiative)
    assert refused.code == 5
    assert "Only a closed initiative can be reopened; this one is active." in refused.err

    assert cli("close", initiative, "-r", "no_effect", "-l", LESSON).code == 0
    result = cli("reopen", initiative, "--why", "A new channel to test")
    assert result.code == 0
    assert result.out == (
        "#1 “Anonymous idea inbox” is active again, in the phase Aim."
        " Its closure and lesson stay in the history.\n"
    )
    document = json.loads(cli("show", initiative, "--json").out)
    assert document["closure"] is None
    assert [e["action"] for e in document["history"]].count("reopen") >= 2

    assert cli("pause", initiative, "--until", "2020-01-01").code == 5
    until = (date.today() + timedelta(days=30)).isoformat()
    result = cli("pause", initiative, "--until", until, "--why", "Summer")
    assert result.code == 0
    assert f"is paused until {until}." in result.out
    listed = json.loads(cli("list", "--json").out)
    assert (listed[0]["status"], listed[0]["review_by"]) == ("paused", until)

    result = cli("resume", initiative)
    assert (result.code, result.out) == (
        0,
        "#1 “Anonymous idea inbox” is active again, in the phase Aim.\n",
    )
    again = cli("resume", initiative)
    assert again.code == 5
    assert "Only a paused initiative can be resumed" in again.err
    assert cli("resume", "42").code == 3
    assert cli("pause", "42", "--until", until).code == 3
    assert cli("reopen", "42").code == 3


def test_the_sample_mailbox_can_be_reopened_and_closed_again(cli: Any) -> None:
    assert cli("import", str(MAILBOX)).code == 0
    before = json.loads(cli("show", "1", "--json").out)["closure"]
    assert cli("close", "1", "-r", "not_used", "-l", "x").code == 5  # already closed
    assert cli("reopen", "1").code == 0
    closure = [
        "close",
        "1",
        "--reason",
        before["reason"],
        "--learned",
        before["learned"],
        "--reason-text",
        before["reason_text"],
        "--keep",
        before["keep"],
        "--stop-doing",
        before["stop_doing"],
        "--freed-hours",
        str(before["freed_hours"]),
        "--decided-by",
        before["decided_by"],
        "--date",
        before["closed_on"],
    ]
    assert cli(*closure).code == 0
    assert json.loads(cli("show", "1", "--json").out)["closure"] == before


# --- stop-doing ---------------------------------------------------------------------------------


def test_stop_doing_list_shows_items_and_sums(cli: Any) -> None:
    assert cli("import", str(ALINGSAS)).code == 0
    result = cli("stop-doing", "list", "1")
    assert (result.code, result.err) == (0, "")
    assert "Årlig uppföljningsrapport av kvalitetsstrategin" in result.out
    # 8 + 12 + 3 + 4 + 1 + 1 + 1.5 + 0 = 30.5 a month (the restarted 3.3 h left out); × 12 = 366.
    assert "Frees 30.5 h a month (366 h a year)." in result.out
    assert "Stopped: 5 · simplified: 2 · replaced: 1 · kept: 1 · not decided: 0" in result.out
    assert "Restarted after follow-up, not counted as freed: 1" in result.out

    data = json.loads(cli("stop-doing", "list", "1", "--json").out)
    assert data["initiative_id"] == 1 and len(data["items"]) == 9
    assert data["summary"]["hours_freed_per_month"] == pytest.approx(30.5)
    assert data["summary"]["hours_freed_per_year"] == pytest.approx(366)
    assert data["items"][1]["cost_per_month"] == pytest.approx(12)  # 480 min × 1.5 / 60


def test_stop_doing_list_of_an_unknown_initiative(cli: Any) -> None:
    result = cli("stop-doing", "list", "7")
    assert (result.code, result.err) == (3, "Error: There is no initiative with id 7.\n")


def test_a_units_own_check_from_the_command_line(cli: Any) -> None:
    unit = "Kostenheten"
    assert "No unit has a check of its own yet" in cli("stop-doing", "list").out
    refused = cli("stop-doing", "add", "Menu meeting", "--hours", "4")
    assert refused.code == 5 and "--unit UNIT" in refused.err
    refused = cli("stop-doing", "add", "Report", "--unit", unit, "--minutes", "90")
    assert refused.code == 5 and "Give both" in refused.err

    report = cli(
        "stop-doing", "add", "Paper report", "--unit", unit, "--minutes", "90", "--times", "2"
    )
    meeting = cli("stop-doing", "add", "Menu meeting", "--unit", unit, "--hours", "4")
    assert (report.out, meeting.out) == ("1\n", "2\n")
    assert cli("stop-doing", "list").out == f"{unit} (2)\n"

    decided = cli("stop-doing", "decide", "1", "stop", "--reason", "Same numbers in the system")
    assert decided.code == 0
    assert decided.out.startswith("#1 “Paper report”: stop. Frees 3 h a month.\nFollow-up on ")
    simplified = cli("stop-doing", "decide", "2", "simplify")
    assert "not estimated yet" in simplified.out
    too_much = cli("stop-doing", "decide", "2", "simplify", "--freed-hours", "5")
    assert too_much.code == 5
    assert "The time freed (5 h) is more than the activity costs (4 h a month)." in too_much.err
    assert cli("stop-doing", "decide", "2", "simplify", "--freed-hours", "1.5").code == 0

    restarted = cli("stop-doing", "follow-up", "1", "restarted")
    assert restarted.code == 5 and "why the activity was restarted" in restarted.err
    followed = cli("stop-doing", "follow-up", "1", "confirmed", "--date", "2025-09-01")
    assert followed.out == "#1 “Paper report”: stopping confirmed (2025-09-01).\n"
    assert cli("stop-doing", "decide", "9", "stop").code == 3

    listed = cli("stop-doing", "list", "--unit", unit)
    # 90 min × 2 = 3 h stopped, plus 1.5 h simplified = 4.5 h a month; × 12 = 54 h a year.
    assert "Frees 4.5 h a month (54 h a year)." in listed.out
    data = json.loads(cli("stop-doing", "list", "--unit", unit, "--json").out)
    assert data["initiative_id"] is None and data["unit"] == unit
    assert [item["decision"] for item in data["items"]] == ["stop", "simplify"]
    assert data["summary"]["due_for_follow_up"] == []


def test_an_initiatives_check_from_the_command_line(cli: Any, initiative: str) -> None:
    added = cli("stop-doing", "add", "Weekly sorting", "-i", initiative, "--hours", "2")
    assert added.out == "1\n"
    assert cli("stop-doing", "decide", "1", "stop", "--follow-up", "2020-01-01").code == 0
    listed = cli("stop-doing", "list", initiative)
    assert "2020-01-01 (due)" in listed.out
    assert "Due for follow-up: 1. Record with: forbattra stop-doing follow-up ID" in listed.out
