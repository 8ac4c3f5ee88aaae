"""The overview, the review queue and the history read a measure's signal as its chart does:
after a deliberate change splits the chart, the new stage has its own centre line, so the
change itself is not reported as a signal that the measure's own screen does not show."""

from __future__ import annotations

from datetime import date, timedelta

from forbattra.core.domain import NewInitiative, NewMeasure
from forbattra.core.review import EntryKind
from forbattra.core.review_text import QueueKind
from forbattra.core.vocabulary import Direction, Method
from forbattra.store.database import Database
from forbattra.store.services import measures, observations, review, stages
from forbattra.store.services.history import initiative_history
from forbattra.store.services.initiatives import create_initiative
from forbattra.store.services.overview import portfolio_overview

DAYS = [date(2025, 1, 6) + timedelta(weeks=week) for week in range(16)]


def test_a_new_stage_starts_a_new_centre_line_everywhere(database: Database) -> None:
    new = NewInitiative("Snabbare svar", Method.PDSA, unit="Kontaktcenter")
    initiative_id = create_initiative(database, "Åsa", new).id
    measure = measures.add_measure(
        database,
        "Åsa",
        initiative_id,
        NewMeasure("Dagar till svar", direction=Direction.LOWER_IS_BETTER, baseline_points=8),
    )
    for day, value in zip(DAYS, [9.0, 11.0] * 4 + [3.0] * 8, strict=True):
        observations.add_observation(database, "Johan", measure.id, day, value)
    # Without stages: eight values below the baseline's median are a signal of improvement.
    assert [s.measure for s in portfolio_overview(database).improvements] == ["Dagar till svar"]

    stages.add_stage(database, "Åsa", measure.id, DAYS[8], "Ny rutin för svar")
    verdicts = measures.initiative_verdicts(database)[initiative_id]
    assert verdicts.improvement == 0  # the measure's own reading: its current stage
    found = portfolio_overview(database)
    assert (found.improvements, found.deteriorations) == ((), ())
    queue = review.review_queue(database, "Coach")
    assert QueueKind.SIGNAL not in {item.kind for item in queue.items}
    history = initiative_history(database, initiative_id)
    assert EntryKind.SIGNAL not in {entry.kind for entry in history.entries}
