"""What the workshop tools show: parking lot items and solutions on the impact/effort matrix."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from forbattra.core.vocabulary import Level
from forbattra.i18n import N_, _


@dataclass(frozen=True)
class ParkingView:
    """A question or idea parked during a workshop; ``initiative_id`` None is the global lot."""

    id: int
    initiative_id: int | None
    text: str
    done: bool
    created_at: datetime
    version: int


class Quadrant(StrEnum):
    """Where a solution sits on the impact/effort matrix."""

    QUICK_WIN = "quick_win"
    MAJOR = "major"
    FILL_IN = "fill_in"
    THANKLESS = "thankless"
    UNPLACED = "unplaced"


_QUADRANT_NAMES = {
    Quadrant.QUICK_WIN: N_("Quick wins"),
    Quadrant.MAJOR: N_("Major projects"),
    Quadrant.FILL_IN: N_("Small fixes"),
    Quadrant.THANKLESS: N_("Not worth it"),
    Quadrant.UNPLACED: N_("Not placed yet"),
}


def quadrant_name(quadrant: Quadrant) -> str:
    return _(_QUADRANT_NAMES[quadrant])


def quadrant(impact: Level | None, effort: Level | None) -> Quadrant:
    """High impact and low effort is a quick win: the first thing to test in a cycle."""
    if impact is None or effort is None:
        return Quadrant.UNPLACED
    if impact is Level.HIGH:
        return Quadrant.QUICK_WIN if effort is Level.LOW else Quadrant.MAJOR
    return Quadrant.FILL_IN if effort is Level.LOW else Quadrant.THANKLESS


@dataclass(frozen=True)
class MatrixItem:
    """A solution (or change idea) with its place on the matrix."""

    id: int
    text: str
    impact: Level | None
    effort: Level | None
    votes: int
    version: int

    @property
    def quadrant(self) -> Quadrant:
        return quadrant(self.impact, self.effort)
