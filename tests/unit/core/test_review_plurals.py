"""Numbers a coach reads come with the right form of the word: "1 day", not "1 days"."""

from __future__ import annotations

from datetime import date

from forbattra.core.cycle_stats import CycleFacts
from forbattra.core.fidelity import Feature, FidelityInput, fidelity
from forbattra.core.vocabulary import CycleDecision


def test_a_one_day_first_test_is_one_day(english: None) -> None:
    cycle = CycleFacts(
        1, 1, None, True, True, CycleDecision.ADOPT, date(2025, 3, 3), date(2025, 3, 4)
    )
    found = fidelity(FidelityInput(1, (cycle,), "", "", ())).check(Feature.SMALL_SCALE)
    assert (found.present, found.reason) == (True, "The first cycle was a short test (1 day).")
