"""The idea inbox's pure rules: statuses, transitions, titles, statistics and the verdict."""

from __future__ import annotations

from datetime import date

import pytest

from forbattra.core.ideas import (
    LITTLE_USED,
    IdeaFact,
    IdeaStatus,
    IdeaView,
    inbox_stats,
    initiative_title,
    months_before,
    summary,
    transition_problem,
    verdict,
)
from forbattra.core.ideas_file import parse_area

NEW, REVIEW, INITIATIVE, NOT_NOW = (
    IdeaStatus.NEW,
    IdeaStatus.UNDER_REVIEW,
    IdeaStatus.INITIATIVE,
    IdeaStatus.NOT_NOW,
)
TODAY = date(2025, 6, 15)


@pytest.mark.parametrize(
    ("old", "new", "reason", "allowed"),
    [
        (NEW, REVIEW, "", True),
        (NEW, INITIATIVE, "", True),
        (NEW, NOT_NOW, "Budgeten räcker inte i år", True),
        (REVIEW, INITIATIVE, "", True),
        (REVIEW, NOT_NOW, "Vi väntar på nya lokaler", True),
        (NOT_NOW, REVIEW, "", True),
        (NOT_NOW, INITIATIVE, "", True),
        (REVIEW, NEW, "", False),
        (REVIEW, REVIEW, "", False),
        (INITIATIVE, REVIEW, "", False),
        (INITIATIVE, NOT_NOW, "Ändrade oss", False),
        (NEW, NOT_NOW, "", False),
        (NEW, NOT_NOW, "   \n", False),
    ],
)
def test_transitions(
    english: None, old: IdeaStatus, new: IdeaStatus, reason: str, allowed: bool
) -> None:
    assert (transition_problem(old, new, reason) is None) is allowed


def test_refusals_say_why(english: None) -> None:
    assert transition_problem(REVIEW, REVIEW) == "The idea already has the status under review."
    assert "can read" in (transition_problem(NEW, NOT_NOW, "") or "")
    assert "already become an initiative" in (transition_problem(INITIATIVE, REVIEW) or "")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Fler cykelställ", "Fler cykelställ"),
        ("\n  Första raden  \nandra raden", "Första raden"),
        ("ord " * 40, ("ord " * 19).strip() + "…"),
    ],
)
def test_initiative_title(text: str, title: str) -> None:
    assert initiative_title(text) == title
    assert len(initiative_title(text)) <= 80


def test_source_of_an_idea(english: None) -> None:
    def idea(author: str) -> IdeaView:
        return IdeaView("x", "t", "", None, author, TODAY, NEW)

    assert idea("").source == "anonymous"
    assert idea("Anna").source == "Anna"
    imported = idea("import: kk2020.csv")
    assert imported.source == "from kk2020.csv"
    assert imported.imported_from == "kk2020.csv" and not imported.anonymous


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 6, 15), 3, date(2025, 3, 15)),
        (date(2025, 5, 31), 3, date(2025, 2, 28)),
        (date(2024, 5, 31), 3, date(2024, 2, 29)),
        (date(2025, 2, 10), 3, date(2024, 11, 10)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


def facts(*items: tuple[str, IdeaStatus] | tuple[str, IdeaStatus, bool]) -> list[IdeaFact]:
    """(date, status[, imported]) tuples as facts."""
    return [
        IdeaFact(date.fromisoformat(item[0]), item[1], len(item) > 2 and bool(item[-1]))
        for item in items
    ]


def test_statistics_per_month_and_share() -> None:
    stats = inbox_stats(
        facts(
            ("2025-01-10", INITIATIVE),
            ("2025-01-20", NOT_NOW),
            ("2025-03-05", NEW),
            ("2025-06-01", REVIEW),
            ("2025-06-02", INITIATIVE),
            ("2025-06-03", NEW, True),
        ),
        TODAY,
    )
    assert (stats.total, stats.submitted, stats.imported) == (6, 5, 1)
    assert (stats.initiatives, stats.not_now, stats.open) == (2, 1, 3)
    assert stats.share == pytest.approx(2 / 6)
    # From the first idea's month to this one, empty months too.
    assert [(m.month, m.received, m.initiatives) for m in stats.months] == [
        ("2025-01", 2, 1),
        ("2025-02", 0, 0),
        ("2025-03", 1, 0),
        ("2025-04", 0, 0),
        ("2025-05", 0, 0),
        ("2025-06", 3, 1),
    ]
    assert stats.recent == 2  # submissions after 2025-03-15; the imported one does not count
    assert stats.little_used is (LITTLE_USED > 2)


def test_history_is_at_most_a_year() -> None:
    stats = inbox_stats(facts(("2020-01-01", NEW)), TODAY)
    assert len(stats.months) == 12
    assert stats.months[-1].month == "2025-06"


def test_an_unused_inbox_is_told_it_may_close_without_prestige(english: None) -> None:
    stats = inbox_stats(facts(("2025-01-02", NEW), ("2025-05-01", NOT_NOW)), TODAY)
    assert stats.little_used
    sentence = verdict(stats)
    assert sentence.startswith("Only 1 idea in the last three months.")
    assert "closed without prestige, as Ale did" in sentence


def test_a_used_inbox_is_told_so(english: None) -> None:
    stats = inbox_stats(
        facts(("2025-01-02", NEW), *[(f"2025-05-{d:02d}", NEW) for d in range(1, 6)]), TODAY
    )
    assert not stats.little_used
    assert verdict(stats) == "5 ideas in the last three months: the inbox is used."


def test_a_young_or_empty_inbox_is_not_judged(english: None) -> None:
    young = inbox_stats(facts(("2025-05-20", NEW)), TODAY)
    assert young.young and not young.little_used
    assert "too early" in verdict(young)
    empty = inbox_stats([], TODAY)
    assert not empty.little_used and empty.months == ()
    assert "Nobody has left an idea yet" in verdict(empty)
    assert summary(empty) == "No ideas yet."
    only_imported = inbox_stats(facts(("2024-01-01", NEW, True)), TODAY)
    assert "Nobody has left an idea yet" in verdict(only_imported)


def test_summary_line(english: None) -> None:
    stats = inbox_stats(facts(("2025-06-01", INITIATIVE), ("2025-06-02", NEW, True)), TODAY)
    assert summary(stats) == (
        "2 ideas · 1 became an initiative (50 %) · 0 not now · 1 waiting · 1 imported"
    )


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("3", 3),
        (" 8 ", 8),
        ("Område 5", 5),
        ("4 Effektivitet", 4),
        ("Styrning och kontroll", 3),
        ("styrning och KONTROLL", 3),
        ("Governance and control", 3),
        ("Chefs- och ledarskap samt medarbetarskap", 8),
        ("Samhällsutveckling", 2),
        ("Brukarens fokus", 5),
        ("", None),
    ],
)
def test_area_names_and_numbers(text: str, area: int | None) -> None:
    assert parse_area(text) == area


@pytest.mark.parametrize("text", ["9", "0", "Ekonomi", "33"])
def test_unknown_areas_are_refused(english: None, text: str) -> None:
    with pytest.raises(ValueError, match="not a Kommunkompassen area"):
        parse_area(text)
