"""The history speaks the reader's language: no column names, no English in Swedish.

Every sample project is imported, and one initiative has every kind of change made to it
through the services; then every line of every history is read in both languages. (The
Swedish case needs the Swedish catalogue to hold the history's words.)
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import fields
from datetime import date, timedelta

import pytest
from sqlmodel import SQLModel

from forbattra.core.domain import NewClosure, NewInitiative, NewMeasure, NewStopItem
from forbattra.core.exchange import parse_document
from forbattra.core.review_fields import CYCLE_FIELDS, MEASURE_FIELDS, STOP_ITEM_FIELDS
from forbattra.core.vocabulary import (
    ClosureReason,
    CycleDecision,
    Direction,
    FollowUpResult,
    MeasureKind,
    Method,
    StopDecision,
)
from forbattra.i18n import current_language, set_language
from forbattra.locations import sample_projects_dir
from forbattra.store.database import Database
from forbattra.store.models import StopItem
from forbattra.store.services import (
    comments,
    cycles,
    measures,
    observations,
    parking,
    stop_doing,
)
from forbattra.store.services.closures import (
    close_initiative,
    pause_initiative,
    reopen_initiative,
    resume_initiative,
)
from forbattra.store.services.exchange import import_documents
from forbattra.store.services.history import initiative_history
from forbattra.store.services.initiatives import create_initiative, list_initiatives

# A column or key name as code writes it: "hours_freed", "follow_up_on", "stop_doing[0]".
RAW_NAME = re.compile(r"\b[a-z]+_[a-z_]+\b|\w+\[\d+\]")
ENGLISH_IN_SWEDISH = ("Comment on", " changed", "Stop-doing", "Cycle ", "Measure ")
# The parts of a stop-doing item that are bookkeeping, never changed by a person.
BOOKKEEPING = {"id", "initiative_id", "unit", "position", "created_at", "updated_at", "version"}


@pytest.fixture
def language() -> Iterator[None]:
    before = current_language()
    yield
    set_language(before)


def every_change(db: Database) -> None:
    """One initiative, changed in every way a team can change it."""
    new = NewInitiative("Snabbare svar", Method.PDSA, unit="Kontaktcenter")
    initiative_id = create_initiative(db, "Åsa", new).id
    cycle = cycles.add_cycle(db, "Åsa", initiative_id, "Svar inom 14 dagar")
    for field in cycles.TEXT_FIELDS:
        cycles.edit_cycle_text(db, "Åsa", cycle.id, field, f"Text för {field}")
    cycles.start_cycle(db, "Åsa", cycle.id, on=date(2025, 2, 3))
    cycles.edit_cycle_text(db, "Åsa", cycle.id, "prediction", "Ny förutsägelse", after_start=True)
    cycles.set_cycle_dates(db, "Åsa", cycle.id, date(2025, 2, 4), date(2025, 3, 1))
    cycles.set_cycle_decision(db, "Åsa", cycle.id, CycleDecision.ADAPT, on=date(2025, 3, 3))

    item = stop_doing.add_stop_item(
        db, "Åsa", NewStopItem("Manuell statistik i Excel"), initiative_id=initiative_id
    )
    stop_doing.edit_stop_item(
        db,
        "Åsa",
        item.id,
        NewStopItem(
            "Manuell statistik",
            who="Bo",
            minutes_per_occurrence=30,
            occurrences_per_month=4,
            beneficiary="Ledningen",
            if_stopped="Ingen märker det",
        ),
    )
    stop_doing.edit_stop_item(db, "Åsa", item.id, NewStopItem("Manuell statistik", who="Bo"))
    stop_doing.edit_stop_item(
        db, "Åsa", item.id, NewStopItem("Manuell statistik", hours_per_month=3)
    )
    stop_doing.decide(
        db,
        "Åsa",
        item.id,
        StopDecision.STOP,
        reason="Ingen läser den",
        hours_freed=2,
        follow_up_on=date(2025, 6, 1),
        today=date(2025, 3, 1),
    )
    stop_doing.edit_stop_item(
        db, "Åsa", item.id, NewStopItem("Manuell statistik", hours_per_month=1)
    )
    stop_doing.record_follow_up(
        db, "Åsa", item.id, FollowUpResult.RESTARTED, "Ekonomi saknade siffrorna"
    )

    measure = measures.add_measure(db, "Åsa", initiative_id, NewMeasure("Dagar till svar"))
    measures.edit_measure(
        db,
        "Åsa",
        measure.id,
        NewMeasure(
            "Dagar till svar (median)",
            kind=MeasureKind.PROCESS,
            unit="dagar",
            direction=Direction.LOWER_IS_BETTER,
            target=14,
            baseline_points=8,
            definition="Från inkommen till besvarad",
            collection="Ur ärendesystemet",
            collector="Johan",
        ),
    )
    day = date(2025, 1, 6)
    value = observations.add_observation(db, "Johan", measure.id, day, 20.0)
    observations.edit_observation(
        db, "Johan", value.id, day + timedelta(days=1), 18.0, period="v2", note="Rättat"
    )

    comments.add_comment(db, "Coach", initiative_id, "Bra början")
    comment = comments.add_comment(db, "Coach", initiative_id, "Hur?", target="cycle:1")
    comments.set_resolved(db, "Åsa", comment.id)
    comments.set_resolved(db, "Åsa", comment.id, False)

    parked = parking.add_parking(db, "Åsa", initiative_id, "Fråga IT")
    parking.set_parking_done(db, "Åsa", parked.id, True)
    parking.edit_parking(db, "Åsa", parked.id, "Fråga IT om loggar")
    parking.delete_parking(db, "Åsa", parked.id)

    pause_initiative(db, "Åsa", initiative_id, date.today() + timedelta(days=30), why="Semester")
    resume_initiative(db, "Åsa", initiative_id)
    close_initiative(
        db,
        "Åsa",
        initiative_id,
        NewClosure(ClosureReason.OTHER, "Vi lärde oss mycket", reason_text="Ny lag"),
    )
    reopen_initiative(db, "Åsa", initiative_id)


def history_lines(db: Database) -> list[str]:
    return [
        entry.text
        for row in list_initiatives(db, include_closed=True)
        for entry in initiative_history(db, row.id).entries
    ]


@pytest.fixture
def everything(sqlite_database: Database) -> Database:
    documents = [
        (path.name, parse_document(json.loads(path.read_text(encoding="utf-8"))))
        for path in sorted(sample_projects_dir().glob("*.json"))
    ]
    import_documents(sqlite_database, "test", documents)
    every_change(sqlite_database)
    return sqlite_database


@pytest.mark.parametrize("chosen", ["en", "sv"])
def test_no_history_line_shows_a_column_name(
    everything: Database, language: None, chosen: str
) -> None:
    set_language(chosen)
    lines = history_lines(everything)
    assert len(lines) > 100
    raw = [line for line in lines if RAW_NAME.search(line)]
    assert not raw, "\n".join(raw)


def test_no_swedish_history_line_is_english(everything: Database, language: None) -> None:
    set_language("sv")
    lines = history_lines(everything)
    english = [line for line in lines if any(word in line for word in ENGLISH_IN_SWEDISH)]
    assert not english, "\n".join(english)
    assert "Kommentar om cykel 1" in lines
    assert "Cykel 1: förutsägelsen ändrades efter att Göra hade börjat" in lines
    assert "Sluta göra: Manuell statistik: den frigjorda tiden per månad ändrades" in lines


def test_every_field_a_person_changes_has_a_label() -> None:
    stop_columns = set(SQLModel.metadata.tables[StopItem.__tablename__].columns.keys())
    assert stop_columns - BOOKKEEPING - set(STOP_ITEM_FIELDS) == set()
    assert set(cycles.TEXT_FIELDS) | {"started_on", "finished_on"} <= set(CYCLE_FIELDS)
    assert {field.name for field in fields(NewMeasure)} <= set(MEASURE_FIELDS)
