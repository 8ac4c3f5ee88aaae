"""Dot voting: how many dots the room had, whether a count adds up, and the ranking.

Pure rules, shared by the dot-vote screen and the workshop service: the screen checks as the
leader types, the service checks again before anything is stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from forbattra.i18n import _

MAX_DOTS_PER_PERSON = 99
MAX_PARTICIPANTS = 9999
MAX_DOTS_PER_ITEM = 99_999


class VoteTarget(StrEnum):
    """What a round votes on; the stored ``vote_round.target``."""

    CAUSE = "cause"
    SOLUTION = "solution"
    IDEA = "idea"


class VoteError(ValueError):
    """A round that does not add up; the message says why, for the user."""


@dataclass(frozen=True)
class VoteItem:
    """One thing to vote on: ``key`` is its id as text (ideas have string ids) and
    ``votes`` what it got in the latest round."""

    key: str
    text: str
    votes: int = 0


@dataclass(frozen=True)
class VoteRoundView:
    """A stored round and its tallies, highest first."""

    id: int
    target: VoteTarget
    initiative_id: int | None
    dots_per_person: int
    participants: int | None
    held_on: date
    tallies: tuple[tuple[str, int], ...]


def available(dots_per_person: int, participants: int | None) -> int | None:
    """All the dots in the room, when the number of people is known."""
    return None if participants is None else dots_per_person * participants


def used(dots: Mapping[str, int]) -> int:
    return sum(dots.values())


def parse_count(text: str, *, what: str, limit: int, optional: bool = False) -> int | None:
    """A whole number someone typed (dots per person, participants); ``what`` names it."""
    cleaned = text.strip()
    if not cleaned and optional:
        return None
    if not cleaned.isdecimal():
        raise VoteError(_("{what}: write a whole number.").format(what=what))
    value = int(cleaned)
    if value < 1 or value > limit:
        raise VoteError(_("{what}: a number from 1 to {limit}.").format(what=what, limit=limit))
    return value


def check_round(dots_per_person: int, participants: int | None, dots: Mapping[str, int]) -> None:
    """Raise :class:`VoteError` unless the round can be stored as it is."""
    if not 1 <= dots_per_person <= MAX_DOTS_PER_PERSON:
        raise VoteError(
            _("Dots per person: a number from 1 to {limit}.").format(limit=MAX_DOTS_PER_PERSON)
        )
    if participants is not None and not 1 <= participants <= MAX_PARTICIPANTS:
        raise VoteError(
            _("Participants: a number from 1 to {limit}.").format(limit=MAX_PARTICIPANTS)
        )
    if any(count < 0 or count > MAX_DOTS_PER_ITEM for count in dots.values()):
        raise VoteError(
            _("A count of dots must be between 0 and {limit}.").format(limit=MAX_DOTS_PER_ITEM)
        )
    if used(dots) == 0:
        raise VoteError(_("No dots yet: enter the dots each item got before saving."))
    room = available(dots_per_person, participants)
    if room is not None and used(dots) > room:
        raise VoteError(
            _(
                "{used} dots is more than the room had ({available}: {participants} people"
                " with {dots} each). Check the counts or the number of participants."
            ).format(
                used=used(dots),
                available=room,
                participants=participants,
                dots=dots_per_person,
            )
        )


def ranked(items: Sequence[VoteItem], dots: Mapping[str, int]) -> list[VoteItem]:
    """The items by dots, most first; equal counts keep their order (a stable sort)."""
    return sorted(items, key=lambda item: -dots.get(item.key, 0))
