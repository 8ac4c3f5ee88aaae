"""Moments are stored in UTC, but a coach reads and filters them by the day and hour on their
own clock: an event at 23:30 UTC on 31 March happened on 1 April in Sweden."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from forbattra.core.domain import NewInitiative, NewMeasure
from forbattra.core.moments import local_day
from forbattra.core.review import Entry, EntryKind, filter_entries
from forbattra.core.vocabulary import Direction, Method
from forbattra.store.database import Database
from forbattra.store.models import Initiative
from forbattra.store.services import measures, observations
from forbattra.store.services.history import initiative_history
from forbattra.store.services.initiatives import create_initiative
from forbattra.store.services.overview import portfolio_overview

SAMPLE = Path(__file__).parents[3] / "sample_projects" / "03-anonym-forbattringsinkorg.json"
LATE_ON_31_MARCH = datetime(2025, 3, 31, 23, 30, tzinfo=UTC)  # 01:30 on 1 April in Sweden


def _zone(monkeypatch: pytest.MonkeyPatch, name: str) -> Iterator[None]:
    monkeypatch.setenv("TZ", name)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def in_sweden(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    yield from _zone(monkeypatch, "Europe/Stockholm")


@pytest.fixture
def in_newfoundland(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    yield from _zone(monkeypatch, "America/St_Johns")  # UTC−3:30


def test_a_period_filter_uses_the_local_day(in_sweden: None) -> None:
    entry = Entry(LATE_ON_31_MARCH, EntryKind.STATUS, "Åsa", "Started")
    assert filter_entries([entry], since=date(2025, 4, 1)) == [entry]
    assert filter_entries([entry], until=date(2025, 3, 31)) == []


def test_the_overview_counts_a_start_on_its_local_day(
    database: Database, in_sweden: None, english: None
) -> None:
    new = NewInitiative("Kortare kö i växeln", Method.PDSA, unit="Kontaktcenter")
    initiative_id = create_initiative(database, "Åsa", new).id
    with database.engine.begin() as connection:
        connection.execute(
            update(Initiative)
            .where(Initiative.id == initiative_id)  # type: ignore[arg-type]
            .values(created_at=LATE_ON_31_MARCH)
        )
    april = portfolio_overview(database, since=date(2025, 4, 1), until=date(2025, 4, 30))
    assert (april.initiatives, april.started) == (1, 1)
    march = portfolio_overview(database, since=date(2025, 3, 1), until=date(2025, 3, 31))
    assert march.initiatives == 0


def test_a_signal_is_dated_on_the_day_of_its_value(
    database: Database, in_newfoundland: None, english: None
) -> None:
    new = NewInitiative("Snabbare svar", Method.PDSA, unit="Kontaktcenter")
    initiative_id = create_initiative(database, "Åsa", new).id
    measure = measures.add_measure(
        database,
        "Åsa",
        initiative_id,
        NewMeasure("Dagar till svar", direction=Direction.LOWER_IS_BETTER, baseline_points=8),
    )
    days = [date(2025, 1, 6) + timedelta(weeks=week) for week in range(16)]
    for day, value in zip(days, [9.0, 11.0] * 4 + [3.0] * 8, strict=True):
        observations.add_observation(database, "Johan", measure.id, day, value)
    signals = [
        entry
        for entry in initiative_history(database, initiative_id).entries
        if entry.kind == EntryKind.SIGNAL
    ]
    assert signals
    assert all(local_day(entry.at) in days for entry in signals)
    assert filter_entries(signals, since=local_day(signals[0].at)) == signals


def test_the_history_command_shows_local_times(
    run_cli: Any, tmp_path: Path, in_sweden: None
) -> None:
    db = str(tmp_path / "forbattra.db")
    assert run_cli("--db", db, "import", str(SAMPLE)).code == 0
    result = run_cli("--db", db, "history", "1", "--kind", "status", "--since", "2025-01-21")
    assert result.code == 0, result.err
    # Stored as 10:30 UTC; the sample says 11:30 in Sweden.
    assert "2025-01-21 11:30  Status: Closed without prestige" in result.out
