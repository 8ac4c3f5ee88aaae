"""Plain domain objects the services return and the screens, CLI and documents read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from forbattra.core import methods
from forbattra.core.vocabulary import Method, Status


@dataclass(frozen=True)
class NewInitiative:
    """What a person types to start an initiative; validated by the service."""

    title: str
    method: Method
    unit: str = ""
    area: int | None = None
    leader: str = ""
    sponsor: str = ""
    coach: str = ""
    team: str = ""


@dataclass(frozen=True)
class InitiativeRow:
    """One line of the portfolio: only what the list shows."""

    id: int
    title: str
    method: Method
    phase: str
    status: Status
    unit: str
    area: int | None
    leader: str
    updated_at: datetime
    review_by: date | None = None

    @property
    def phase_name(self) -> str:
        found = methods.phase(self.method, self.phase)
        return found.name if found else self.phase


@dataclass(frozen=True)
class EventRow:
    """One entry of the event log."""

    id: int
    at: datetime
    actor: str
    initiative_id: int | None
    entity: str
    entity_id: int | None
    action: str
    field: str
    old: str | None
    new: str | None
