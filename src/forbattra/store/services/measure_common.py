"""What the measure and observation services share: cleaning what people type, turning
observation rows into domain objects, loading a measure by id, and refusing a lost update.

The text helpers differ from ``checks.one_line``/``checks.free_text`` on purpose:
``single_line`` refuses nothing (each caller says what an empty or too long line means) and
``stripped_text`` also strips the text.
"""

from __future__ import annotations

import math
import unicodedata
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from forbattra.core.domain import ObservationRow
from forbattra.i18n import _
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.models import Measure, Observation

MAX_TEXT = 20_000

OBSERVATION_COLUMNS: tuple[Any, ...] = (
    Observation.id,
    Observation.measure_id,
    Observation.observed_on,
    Observation.period,
    Observation.value,
    Observation.note,
    Observation.version,
)


def single_line(text: str) -> str:
    """Control characters (NUL, escape codes, line breaks) become spaces; spaces collapse."""
    spaced = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    return " ".join(spaced.split())


def stripped_text(text: str) -> str:
    """Longer text keeps its line breaks and tabs, but not NUL or other control codes."""
    kept = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc").strip()
    if len(kept) > MAX_TEXT:
        raise InvalidInput(
            _("A text is too long ({length} characters; at most {limit}).").format(
                length=len(kept), limit=MAX_TEXT
            )
        )
    return kept


def check_number(value: float | None, message: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidInput(message)
    return float(value)


def observation_row(row: Any) -> ObservationRow:
    return ObservationRow(
        id=row.id,
        measure_id=row.measure_id,
        observed_on=row.observed_on,
        period=row.period,
        value=row.value,
        note=row.note,
        version=row.version,
    )


def observations_of(session: Session, measure_ids: list[int]) -> dict[int, list[ObservationRow]]:
    found: dict[int, list[ObservationRow]] = {i: [] for i in measure_ids}
    if not measure_ids:
        return found
    query = (
        select(*OBSERVATION_COLUMNS)
        .where(col(Observation.measure_id).in_(measure_ids))
        .order_by(col(Observation.observed_on), col(Observation.id))
    )
    for row in session.execute(query):
        found[row.measure_id].append(observation_row(row))
    return found


def load_measure(session: Session, measure_id: int) -> Measure:
    measure = session.get(Measure, measure_id)
    if measure is None:
        raise NotFound(_("There is no measure with id {id}.").format(id=measure_id))
    return measure


def conflict_message(what: str) -> str:
    """What a conflict on a ``"measure"`` or a ``"value"`` says (checks.no_lost_updates)."""
    if what == "measure":
        return _("Someone else changed this measure; reload and try again.")
    return _("Someone else changed this value; reload and try again.")


def measure_conflict(what: str) -> Conflict:
    """The conflict checks.check_version raises for a stale ``"measure"`` or ``"value"``."""
    return Conflict(conflict_message(what))
