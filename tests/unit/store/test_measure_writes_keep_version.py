"""Adding a measure, a value or a chart stage marks the initiative as changed ("last change")
but is not an edit of the initiative's own fields: its version stays, so a teammate who moves
the phase with the version they read is not stopped by a conflict."""

from __future__ import annotations

from datetime import date, timedelta

from forbattra.core.domain import NewInitiative, NewMeasure
from forbattra.core.vocabulary import Method
from forbattra.store.database import Database
from forbattra.store.services import measures, observations, stages
from forbattra.store.services.initiatives import create_initiative, get_initiative, move_to_phase


def test_measure_values_and_stages_do_not_bump_the_initiative_version(
    database: Database,
) -> None:
    new = NewInitiative("Kortare kö i växeln", Method.DMAIC, unit="Kontaktcenter")
    read = create_initiative(database, "Åsa", new)
    measure = measures.add_measure(database, "Johan", read.id, NewMeasure("Väntetid"))
    for week in range(4):
        day = date(2025, 1, 6) + timedelta(weeks=week)
        observations.add_observation(database, "Johan", measure.id, day, 10.0 + week)
    stages.add_stage(database, "Johan", measure.id, date(2025, 1, 20), "Ny rutin")
    stages.remove_stage(database, "Johan", measure.id, date(2025, 1, 20))
    now = get_initiative(database, read.id)
    assert now.version == read.version
    assert now.updated_at > read.updated_at  # the portfolio still sees the change
    moved = move_to_phase(database, "Åsa", read.id, "measure", expected_version=read.version)
    assert moved.phase == "measure"
