"""The tables. Enum-like columns hold the stable string values of ``core.vocabulary``.

Editable rows carry ``version`` (SQLAlchemy's version_id_col), so two people editing the same
row on a shared PostgreSQL database get a conflict instead of a silent overwrite.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import Column, ForeignKey, Integer, MetaData, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from forbattra.store.types import UtcDateTime, utcnow

# Named constraints so Alembic's batch mode on SQLite can alter them later.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def _created() -> Any:
    return Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False)


def _text() -> Any:
    return Field(default="", sa_type=Text, nullable=False)


def _version_column() -> Column[int]:
    return Column("version", Integer, nullable=False)


def _parent(table: str, *, nullable: bool = False, on_delete: str = "CASCADE") -> Any:
    return Field(
        default=None,
        sa_column=Column(
            Integer,
            ForeignKey(f"{table}.id", ondelete=on_delete),
            nullable=nullable,
            index=True,
        ),
    )


_INITIATIVE_VERSION = _version_column()


class Initiative(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_type=Text, nullable=False)
    method: str = Field(max_length=10, nullable=False)
    unit: str = _text()
    area: int | None = Field(default=None, nullable=True)
    leader: str = _text()
    sponsor: str = _text()
    coach: str = _text()
    team: str = _text()
    status: str = Field(default="active", max_length=20, nullable=False, index=True)
    phase: str = Field(max_length=30, nullable=False)
    review_by: date | None = None
    created_at: datetime = _created()
    updated_at: datetime = _created()
    version: int = Field(default=1, sa_column=_INITIATIVE_VERSION)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _INITIATIVE_VERSION}


_ANSWER_VERSION = _version_column()


class Answer(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("initiative_id", "phase", "question"),)
    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = _parent("initiative")
    phase: str = Field(max_length=30, nullable=False)
    question: str = Field(max_length=40, nullable=False)
    text: str = _text()
    updated_at: datetime = _created()
    version: int = Field(default=1, sa_column=_ANSWER_VERSION)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _ANSWER_VERSION}


_CAUSE_VERSION = _version_column()


class Cause(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = _parent("initiative")
    parent_id: int | None = _parent("cause", nullable=True, on_delete="SET NULL")
    position: int = Field(default=0, nullable=False)
    text: str = Field(sa_type=Text, nullable=False)
    category: str | None = Field(default=None, max_length=20)
    root: bool = Field(default=False, nullable=False)
    verified: bool = Field(default=False, nullable=False)
    votes: int = Field(default=0, nullable=False)
    created_at: datetime = _created()
    version: int = Field(default=1, sa_column=_CAUSE_VERSION)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _CAUSE_VERSION}


_SOLUTION_VERSION = _version_column()


class Solution(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = _parent("initiative")
    position: int = Field(default=0, nullable=False)
    text: str = Field(sa_type=Text, nullable=False)
    impact: str | None = Field(default=None, max_length=10)
    effort: str | None = Field(default=None, max_length=10)
    votes: int = Field(default=0, nullable=False)
    created_at: datetime = _created()
    version: int = Field(default=1, sa_column=_SOLUTION_VERSION)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _SOLUTION_VERSION}


class SolutionCause(SQLModel, table=True):
    __tablename__ = "solution_cause"
    solution_id: int = Field(
        sa_column=Column(Integer, ForeignKey("solution.id", ondelete="CASCADE"), primary_key=True)
    )
    cause_id: int = Field(
        sa_column=Column(Integer, ForeignKey("cause.id", ondelete="CASCADE"), primary_key=True)
    )


_MEASURE_VERSION = _version_column()


class Measure(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = _parent("initiative")
    position: int = Field(default=0, nullable=False)
    name: str = Field(sa_type=Text, nullable=False)
    kind: str = Field(default="outcome", max_length=20, nullable=False)
    unit: str = Field(default="", max_length=60, nullable=False)
    direction: str = Field(default="up", max_length=10, nullable=False)
    target: float | None = None
    baseline_points: int | None = None
    definition: str = _text()
    collection: str = _text()
    collector: str = _text()
    created_at: datetime = _created()
    version: int = Field(default=1, sa_column=_MEASURE_VERSION)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _MEASURE_VERSION}


_OBSERVATION_VERSION = _version_column()


class Observation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    measure_id: int = _parent("measure")
    observed_on: date = Field(nullable=False, index=True)
    period: str = Field(default="", max_length=40, nullable=False)
    value: float | None = None
    note: str = _text()
    created_at: datetime = _created()
    version: int = Field(default=1, sa_column=_OBSERVATION_VERSION)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _OBSERVATION_VERSION}


_CYCLE_VERSION = _version_column()


class Cycle(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("initiative_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = _parent("initiative")
    solution_id: int | None = _parent("solution", nullable=True, on_delete="SET NULL")
    number: int = Field(nullable=False)
    title: str = Field(sa_type=Text, nullable=False)
    objective: str = _text()
    prediction: str = _text()
    plan: str = _text()
    what_happened: str = _text()
    study: str = _text()
    decision: str | None = Field(default=None, max_length=10)
    decision_notes: str = _text()
    # Did the prediction hold? "yes", "partly" or "no" (core.vocabulary.PredictionHeld).
    prediction_held: str | None = Field(default=None, max_length=10)
    started_on: date | None = None
    finished_on: date | None = None
    created_at: datetime = _created()
    updated_at: datetime = _created()
    version: int = Field(default=1, sa_column=_CYCLE_VERSION)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _CYCLE_VERSION}


_STOP_ITEM_VERSION = _version_column()


class StopItem(SQLModel, table=True):
    __tablename__ = "stop_item"
    id: int | None = Field(default=None, primary_key=True)
    # Null for a unit's own stand-alone check, tied to no initiative.
    initiative_id: int | None = _parent("initiative", nullable=True)
    unit: str = _text()
    position: int = Field(default=0, nullable=False)
    activity: str = Field(sa_type=Text, nullable=False)
    who: str = _text()
    hours_per_month: float | None = None
    minutes_per_occurrence: float | None = None
    occurrences_per_month: float | None = None
    beneficiary: str = _text()
    if_stopped: str = _text()
    decision: str = Field(default="undecided", max_length=12, nullable=False)
    reason: str = _text()
    hours_freed: float | None = None
    follow_up_on: date | None = None
    follow_up_result: str | None = Field(default=None, max_length=12)
    follow_up_note: str = _text()
    created_at: datetime = _created()
    updated_at: datetime = _created()
    version: int = Field(default=1, sa_column=_STOP_ITEM_VERSION)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _STOP_ITEM_VERSION}


class Closure(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = Field(
        sa_column=Column(
            Integer,
            ForeignKey("initiative.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        )
    )
    reason: str = Field(max_length=20, nullable=False)
    reason_text: str = _text()
    learned: str = Field(sa_type=Text, nullable=False)
    keep: str = _text()
    stop_doing: str = _text()
    freed_hours: float | None = None
    decided_by: str = _text()
    closed_on: date = Field(nullable=False)
    phase_at_close: str = Field(default="", max_length=30, nullable=False)
    created_at: datetime = _created()


_COMMENT_VERSION = _version_column()


class Comment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int = _parent("initiative")
    target: str = Field(default="initiative", max_length=40, nullable=False)
    author: str = _text()
    text: str = Field(sa_type=Text, nullable=False)
    resolved: bool = Field(default=False, nullable=False)
    created_at: datetime = _created()
    version: int = Field(default=1, sa_column=_COMMENT_VERSION)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _COMMENT_VERSION}


class Idea(SQLModel, table=True):
    # A random token, not a counter: ids must not reveal in which order ideas arrived.
    id: str = Field(primary_key=True, max_length=32)
    text: str = Field(sa_type=Text, nullable=False)
    unit: str = _text()
    area: int | None = None
    # Empty for an anonymous idea; only the date it arrived is kept, never the time.
    author: str = _text()
    received_on: date = Field(nullable=False)
    status: str = Field(default="new", max_length=20, nullable=False)
    # Why an idea is "not now", in words the submitter can read.
    status_reason: str = Field(
        default="", sa_type=Text, nullable=False, sa_column_kwargs={"server_default": ""}
    )
    votes: int = Field(default=0, nullable=False, sa_column_kwargs={"server_default": "0"})
    initiative_id: int | None = _parent("initiative", nullable=True, on_delete="SET NULL")


class MeasureStage(SQLModel, table=True):
    """A deliberate split of a chart: a new stage begins at the first value on or after
    ``starts_on``, for a stated reason (a date, not a row id, so it survives export)."""

    __tablename__ = "measure_stage"
    __table_args__ = (UniqueConstraint("measure_id", "starts_on"),)
    id: int | None = Field(default=None, primary_key=True)
    measure_id: int = _parent("measure")
    starts_on: date = Field(nullable=False)
    reason: str = Field(sa_type=Text, nullable=False)
    created_at: datetime = _created()


_PARKING_VERSION = _version_column()


class ParkingItem(SQLModel, table=True):
    """A workshop's parking lot: a question or idea that does not belong to the current step."""

    __tablename__ = "parking_item"
    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int | None = _parent("initiative", nullable=True)
    text: str = Field(sa_type=Text, nullable=False)
    done: bool = Field(default=False, nullable=False)
    created_at: datetime = _created()
    version: int = Field(default=1, sa_column=_PARKING_VERSION)

    __mapper_args__: ClassVar[dict[str, Any]] = {"version_id_col": _PARKING_VERSION}


class VoteRound(SQLModel, table=True):
    """One dot vote: on what (causes, solutions or ideas), how many dots each had, when."""

    __tablename__ = "vote_round"
    id: int | None = Field(default=None, primary_key=True)
    initiative_id: int | None = _parent("initiative", nullable=True)
    target: str = Field(max_length=20, nullable=False)
    dots_per_person: int = Field(nullable=False)
    participants: int | None = None
    held_on: date = Field(nullable=False)
    created_at: datetime = _created()


class VoteTally(SQLModel, table=True):
    """The dots one item got in one round. ``item_id`` points into the round's target table."""

    __tablename__ = "vote_tally"
    __table_args__ = (UniqueConstraint("round_id", "item_key"),)
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = _parent("vote_round")
    # The item's id as text: ideas have random string ids, causes and solutions integers.
    item_key: str = Field(max_length=40, nullable=False)
    dots: int = Field(default=0, nullable=False)


class ReviewMark(SQLModel, table=True):
    """When a coach last looked at the review queue, so it can show what is new since then."""

    __tablename__ = "review_mark"
    id: int | None = Field(default=None, primary_key=True)
    reviewer: str = Field(max_length=120, nullable=False, unique=True)
    looked_at: datetime = Field(sa_type=UtcDateTime, nullable=False)


class Event(SQLModel, table=True):
    """One change: what, when, by whom, the old and the new value. The history coaches read."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, nullable=False, index=True)
    actor: str = _text()
    initiative_id: int | None = _parent("initiative", nullable=True, on_delete="CASCADE")
    entity: str = Field(max_length=40, nullable=False)
    entity_id: int | None = None
    action: str = Field(max_length=40, nullable=False)
    field: str = Field(default="", max_length=60, nullable=False)
    old: str | None = Field(default=None, sa_type=Text)
    new: str | None = Field(default=None, sa_type=Text)
