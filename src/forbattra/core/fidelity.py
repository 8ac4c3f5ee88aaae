"""PDSA fidelity: which key features of the method an initiative shows, each with a reason.

Reviews of published PDSA work (Taylor et al. 2014, BMJ Qual Saf 23:290-298) found that
few reports used iterative cycles, predictions, small-scale tests and regular data together.
A coach sees per initiative which of five features are present, so they know where to help:
a prediction made before Do, a small-scale first test, repeated linked cycles, data at least
monthly, a measurable aim. Every check is conservative: "present" only on evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import pairwise

from forbattra.core.cycle_stats import CycleFacts, linked_pairs
from forbattra.i18n import N_, _, ngettext

# A first test shorter than this counts as small: a few weeks, not a season.
SHORT_FIRST_TEST_DAYS = 42
# Values at most this many days apart are "at least monthly" (a long month and some slack).
MONTHLY_GAP_DAYS = 35
# Fewer values than this are not yet "over time".
LEAST_VALUES = 3

_NUMBER = re.compile(r"\d")


class Feature(StrEnum):
    PREDICTION = "prediction"
    SMALL_SCALE = "small_scale"
    LINKED_CYCLES = "linked_cycles"
    MONTHLY_DATA = "monthly_data"
    MEASURABLE_AIM = "measurable_aim"


FEATURE_LABELS: dict[Feature, str] = {
    Feature.PREDICTION: N_("Prediction before Do"),
    Feature.SMALL_SCALE: N_("Small first test"),
    Feature.LINKED_CYCLES: N_("Linked cycles"),
    Feature.MONTHLY_DATA: N_("Data at least monthly"),
    Feature.MEASURABLE_AIM: N_("Measurable aim"),
}


# Column headings where room is short.
FEATURE_SHORT: dict[Feature, str] = {
    Feature.PREDICTION: N_("Prediction"),
    Feature.SMALL_SCALE: N_("Small test"),
    Feature.LINKED_CYCLES: N_("Linked"),
    Feature.MONTHLY_DATA: N_("Monthly data"),
    Feature.MEASURABLE_AIM: N_("Aim"),
}


def feature_label(feature: Feature) -> str:
    return _(FEATURE_LABELS[feature])


def feature_short(feature: Feature) -> str:
    return _(FEATURE_SHORT[feature])


@dataclass(frozen=True)
class MeasureFacts:
    name: str
    has_target: bool
    dates: tuple[date, ...]  # the dates of values that are there, in order


@dataclass(frozen=True)
class FidelityInput:
    initiative_id: int
    cycles: tuple[CycleFacts, ...]
    aim: str  # PDSA: "What are we trying to accomplish?"; DMAIC: the goal
    small_test: str  # DMAIC: "How do we test it on a small scale first?"
    measures: tuple[MeasureFacts, ...]


@dataclass(frozen=True)
class Check:
    feature: Feature
    present: bool
    reason: str


@dataclass(frozen=True)
class Fidelity:
    initiative_id: int
    checks: tuple[Check, ...]

    @property
    def present(self) -> int:
        return sum(1 for check in self.checks if check.present)

    def check(self, feature: Feature) -> Check:
        return next(check for check in self.checks if check.feature == feature)


def _started(cycles: Sequence[CycleFacts]) -> list[CycleFacts]:
    return sorted((c for c in cycles if c.started_on is not None), key=lambda c: c.number)


def _prediction(cycles: Sequence[CycleFacts]) -> Check:
    started = _started(cycles)
    if not started:
        return Check(Feature.PREDICTION, False, _("No cycle has started yet."))
    missing = [str(c.number) for c in started if not c.has_prediction]
    if missing:
        return Check(
            Feature.PREDICTION,
            False,
            _("No prediction in cycle {numbers}.").format(numbers=", ".join(missing)),
        )
    changed = [str(c.number) for c in started if c.prediction_changed_after_start]
    if changed:
        return Check(
            Feature.PREDICTION,
            False,
            _("The prediction of cycle {numbers} was changed after Do started.").format(
                numbers=", ".join(changed)
            ),
        )
    return Check(
        Feature.PREDICTION,
        True,
        ngettext(
            "{count} cycle has started, with its prediction made first.",
            "{count} cycles have started, all with their predictions made first.",
            len(started),
        ).format(count=len(started)),
    )


def _small_scale(cycles: Sequence[CycleFacts], small_test: str) -> Check:
    if small_test.strip():
        return Check(
            Feature.SMALL_SCALE, True, _("The team describes how it tests on a small scale.")
        )
    started = _started(cycles)
    if not started:
        return Check(Feature.SMALL_SCALE, False, _("No test has started yet."))
    first = started[0]
    if first.days is not None and first.days <= SHORT_FIRST_TEST_DAYS:
        return Check(
            Feature.SMALL_SCALE,
            True,
            ngettext(
                "The first cycle was a short test ({days} day).",
                "The first cycle was a short test ({days} days).",
                first.days,
            ).format(days=first.days),
        )
    if first.days is None:
        return Check(Feature.SMALL_SCALE, False, _("The first cycle has not finished yet."))
    return Check(
        Feature.SMALL_SCALE,
        False,
        _("The first cycle ran {days} days, and no small-scale test is described.").format(
            days=first.days
        ),
    )


def _linked(cycles: Sequence[CycleFacts]) -> Check:
    pairs = linked_pairs(cycles)
    if pairs:
        chain = ", ".join(f"{a}→{b}" for a, b in pairs)
        return Check(
            Feature.LINKED_CYCLES,
            True,
            _("Cycles build on each other: {chain}.").format(chain=chain),
        )
    started = len(_started(cycles))
    if started < 2:
        return Check(
            Feature.LINKED_CYCLES,
            False,
            ngettext(
                "{count} cycle has started; learning needs repeated cycles.",
                "{count} cycles have started; learning needs repeated cycles.",
                started,
            ).format(count=started),
        )
    return Check(
        Feature.LINKED_CYCLES,
        False,
        _("The cycles test separate ideas; none builds on an earlier one."),
    )


def _monthly(measures: Sequence[MeasureFacts]) -> Check:
    best: tuple[int, int, str] | None = None  # (values, longest gap, name)
    for measure in measures:
        dates = sorted(measure.dates)
        if len(dates) < LEAST_VALUES:
            continue
        gap = max((b - a).days for a, b in pairwise(dates))
        if gap <= MONTHLY_GAP_DAYS and (best is None or len(dates) > best[0]):
            best = (len(dates), gap, measure.name)
    if best is not None:
        return Check(
            Feature.MONTHLY_DATA,
            True,
            _("{measure}: {count} values, at most {days} days apart.").format(
                measure=best[2], count=best[0], days=best[1]
            ),
        )
    if not any(measure.dates for measure in measures):
        return Check(Feature.MONTHLY_DATA, False, _("No measure has values yet."))
    return Check(
        Feature.MONTHLY_DATA,
        False,
        _("No measure has at least {count} values collected monthly or more often.").format(
            count=LEAST_VALUES
        ),
    )


def _aim(aim: str, measures: Sequence[MeasureFacts]) -> Check:
    if aim.strip() and _NUMBER.search(aim):
        return Check(Feature.MEASURABLE_AIM, True, _("The aim says how much, with a number."))
    targets = [m.name for m in measures if m.has_target]
    if aim.strip() and targets:
        return Check(
            Feature.MEASURABLE_AIM,
            True,
            _("The aim is measured by a target for {measure}.").format(measure=targets[0]),
        )
    if not aim.strip():
        return Check(Feature.MEASURABLE_AIM, False, _("No aim written yet."))
    return Check(
        Feature.MEASURABLE_AIM,
        False,
        _("The aim has no number and no measure has a target."),
    )


def fidelity(facts: FidelityInput) -> Fidelity:
    """The five features of one initiative, in the order of the method."""
    return Fidelity(
        facts.initiative_id,
        (
            _aim(facts.aim, facts.measures),
            _prediction(facts.cycles),
            _small_scale(facts.cycles, facts.small_test),
            _linked(facts.cycles),
            _monthly(facts.measures),
        ),
    )
