"""Dot voting rules: what a room can spend, what is refused, and the ranking."""

from __future__ import annotations

import pytest

from forbattra.core.vocabulary import Level
from forbattra.core.voting import (
    VoteError,
    VoteItem,
    available,
    check_round,
    parse_count,
    ranked,
    used,
)
from forbattra.core.workshop import Quadrant, quadrant

pytestmark = pytest.mark.usefixtures("english")


def test_the_room_has_dots_per_person_times_people() -> None:
    assert available(3, 8) == 24
    assert available(3, None) is None
    assert used({"a": 2, "b": 5}) == 7


def test_ranking_is_by_dots_and_keeps_the_order_of_equals() -> None:
    items = [VoteItem("1", "a"), VoteItem("2", "b"), VoteItem("3", "c"), VoteItem("4", "d")]
    order = ranked(items, {"1": 1, "2": 4, "3": 1})
    assert [item.key for item in order] == ["2", "1", "3", "4"]


@pytest.mark.parametrize(
    ("per_person", "participants", "dots", "message"),
    [
        (3, 4, {"a": 13}, "more than the room had"),
        (3, 4, {"a": 0}, "No dots yet"),
        (0, 4, {"a": 1}, "Dots per person"),
        (3, 0, {"a": 1}, "Participants"),
        (3, None, {"a": -1}, "between 0 and"),
    ],
)
def test_rounds_that_do_not_add_up(
    per_person: int, participants: int | None, dots: dict[str, int], message: str
) -> None:
    with pytest.raises(VoteError, match=message):
        check_round(per_person, participants, dots)


def test_a_full_room_and_an_unknown_room_are_fine() -> None:
    check_round(3, 4, {"a": 12})
    check_round(3, None, {"a": 120})


def test_counts_as_typed() -> None:
    assert parse_count(" 5 ", what="Dots", limit=99) == 5
    assert parse_count("", what="People", limit=99, optional=True) is None
    for typed in ["", "0", "x", "100", "-1", "2.5"]:
        with pytest.raises(VoteError):
            parse_count(typed, what="Dots", limit=99)


@pytest.mark.parametrize(
    ("impact", "effort", "expected"),
    [
        (Level.HIGH, Level.LOW, Quadrant.QUICK_WIN),
        (Level.HIGH, Level.HIGH, Quadrant.MAJOR),
        (Level.LOW, Level.LOW, Quadrant.FILL_IN),
        (Level.LOW, Level.HIGH, Quadrant.THANKLESS),
        (None, Level.LOW, Quadrant.UNPLACED),
        (Level.HIGH, None, Quadrant.UNPLACED),
    ],
)
def test_quadrants(impact: Level | None, effort: Level | None, expected: Quadrant) -> None:
    assert quadrant(impact, effort) is expected
