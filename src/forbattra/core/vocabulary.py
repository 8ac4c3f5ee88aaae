"""The fixed words of improvement work, as enums with translated labels.

Values are stable English identifiers stored in the database and the exchange format;
labels are what a person reads, in the current language.
"""

from __future__ import annotations

from enum import StrEnum

from forbattra.i18n import N_, _


class Method(StrEnum):
    DMAIC = "dmaic"
    PDSA = "pdsa"


class Status(StrEnum):
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    CLOSED = "closed"


class MeasureKind(StrEnum):
    OUTCOME = "outcome"
    PROCESS = "process"
    BALANCING = "balancing"


class Direction(StrEnum):
    HIGHER_IS_BETTER = "up"
    LOWER_IS_BETTER = "down"


class CauseCategory(StrEnum):
    PEOPLE = "people"
    METHODS = "methods"
    MATERIALS = "materials"
    TECHNOLOGY = "technology"
    ENVIRONMENT = "environment"
    MEASUREMENT = "measurement"


class CycleDecision(StrEnum):
    ADOPT = "adopt"
    ADAPT = "adapt"
    ABANDON = "abandon"


class PredictionHeld(StrEnum):
    """Whether a cycle's prediction held, answered when the team studies the results."""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class StopDecision(StrEnum):
    UNDECIDED = "undecided"
    KEEP = "keep"
    SIMPLIFY = "simplify"
    REPLACE = "replace"
    STOP = "stop"


class FollowUpResult(StrEnum):
    CONFIRMED = "confirmed"
    RESTARTED = "restarted"


class ClosureReason(StrEnum):
    GOAL_REACHED = "goal_reached"
    TOO_COSTLY = "too_costly"
    UNREALISTIC = "unrealistic"
    NO_EFFECT = "no_effect"
    NOT_USED = "not_used"
    REPLACED = "replaced"
    OTHER = "other"


class Level(StrEnum):
    """Impact or effort of a solution, for the impact/effort matrix."""

    LOW = "low"
    HIGH = "high"


_LABELS: dict[StrEnum, str] = {
    Method.DMAIC: N_("DMAIC"),
    Method.PDSA: N_("PDSA"),
    Status.ACTIVE: N_("active"),
    Status.PAUSED: N_("paused"),
    Status.COMPLETED: N_("completed"),
    Status.CLOSED: N_("closed"),
    MeasureKind.OUTCOME: N_("outcome measure"),
    MeasureKind.PROCESS: N_("process measure"),
    MeasureKind.BALANCING: N_("balancing measure"),
    Direction.HIGHER_IS_BETTER: N_("higher is better"),
    Direction.LOWER_IS_BETTER: N_("lower is better"),
    CauseCategory.PEOPLE: N_("people"),
    CauseCategory.METHODS: N_("methods and routines"),
    CauseCategory.MATERIALS: N_("materials and information"),
    CauseCategory.TECHNOLOGY: N_("IT and technology"),
    CauseCategory.ENVIRONMENT: N_("environment"),
    CauseCategory.MEASUREMENT: N_("measurement"),
    CycleDecision.ADOPT: N_("adopt"),
    CycleDecision.ADAPT: N_("adapt"),
    CycleDecision.ABANDON: N_("abandon"),
    PredictionHeld.YES: N_("the prediction held"),
    PredictionHeld.PARTLY: N_("the prediction held in part"),
    PredictionHeld.NO: N_("the prediction did not hold"),
    StopDecision.UNDECIDED: N_("not decided"),
    StopDecision.KEEP: N_("keep"),
    StopDecision.SIMPLIFY: N_("simplify"),
    StopDecision.REPLACE: N_("replace"),
    StopDecision.STOP: N_("stop"),
    FollowUpResult.CONFIRMED: N_("stopping confirmed"),
    FollowUpResult.RESTARTED: N_("restarted"),
    ClosureReason.GOAL_REACHED: N_("goal reached"),
    ClosureReason.TOO_COSTLY: N_("takes too many resources"),
    ClosureReason.UNREALISTIC: N_("unrealistic"),
    ClosureReason.NO_EFFECT: N_("no effect shown"),
    ClosureReason.NOT_USED: N_("not used, or no demand"),
    ClosureReason.REPLACED: N_("replaced by other work"),
    ClosureReason.OTHER: N_("other reason"),
    Level.LOW: N_("low"),
    Level.HIGH: N_("high"),
}

# Kommunkompassen, SKR's evaluation of how a municipality works: eight areas.
_AREAS: dict[int, str] = {
    1: N_("Interplay between elected officials and citizens"),
    2: N_("Community development"),
    3: N_("Governance and control"),
    4: N_("Efficiency"),
    5: N_("User focus"),
    6: N_("Quality development"),
    7: N_("Working life"),
    8: N_("Management, leadership and employeeship"),
}
AREAS = tuple(_AREAS)


def label(value: StrEnum) -> str:
    """The translated, human label of an enum value."""
    return _(_LABELS[value])


def area_label(area: int | None) -> str:
    """The translated name of Kommunkompassen area 1–8, or an empty string for none."""
    if area is None:
        return ""
    return _(_AREAS[area])


def area_short(area: int | None) -> str:
    """A compact "3 Governance and control" form for tables."""
    if area is None:
        return "–"
    return f"{area} {area_label(area)}"
