"""The exchange format: one versioned JSON document holds one initiative with everything in it.

It is how ``sample_projects/`` are stored, how ``forbattra import``/``export`` work, and how
municipalities share their work with each other. Export, import, export gives the same
document (references between items are document-local keys, never database ids).

Validation happens here, before anything touches storage, and every problem is reported with
the path of its field (``measures[0].observations[3].value``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from forbattra.core import methods
from forbattra.core.vocabulary import (
    CauseCategory,
    ClosureReason,
    CycleDecision,
    Direction,
    FollowUpResult,
    Level,
    MeasureKind,
    Method,
    PredictionHeld,
    Status,
    StopDecision,
)
from forbattra.i18n import _

FORMAT = "forbattra.initiative"
FORMAT_VERSION = 1

Text = Annotated[str, StringConstraints(max_length=20_000)]
Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Key = Annotated[str, StringConstraints(min_length=1, max_length=40)]
# Strict: JSON's true is not the number 1, nor "3" a count, nor 1 a yes.
Flag = Annotated[bool, Field(strict=True)]
# Whole numbers are stored in INTEGER columns, which PostgreSQL keeps in 32 bits.
MAX_INT = 2**31 - 1


class _Item(BaseModel):
    # NaN and infinity are not JSON and break the run charts: refuse them on the way in.
    model_config = ConfigDict(extra="forbid", use_enum_values=False, allow_inf_nan=False)


class InitiativeData(_Item):
    title: Title
    method: Method
    unit: Text = ""
    area: Annotated[int, Field(ge=1, le=8, strict=True)] | None = None
    leader: Text = ""
    sponsor: Text = ""
    coach: Text = ""
    team: Text = ""
    status: Status = Status.ACTIVE
    phase: str | None = None
    review_by: date | None = None
    created_at: AwareDatetime | None = None
    updated_at: AwareDatetime | None = None


class AnswerData(_Item):
    phase: str
    question: str
    text: Text
    updated_at: AwareDatetime | None = None


class CauseData(_Item):
    key: Key
    text: Title
    category: CauseCategory | None = None
    parent: Key | None = None
    root: Flag = False
    verified: Flag = False
    votes: Annotated[int, Field(ge=0, le=MAX_INT, strict=True)] = 0


class SolutionData(_Item):
    key: Key
    text: Title
    causes: list[Key] = []
    impact: Level | None = None
    effort: Level | None = None
    votes: Annotated[int, Field(ge=0, le=MAX_INT, strict=True)] = 0


class ObservationData(_Item):
    date: date
    period: Annotated[str, StringConstraints(max_length=40)] = ""
    value: float | None
    note: Text = ""


class StageData(_Item):
    """A chart split: a new stage from the first value on or after ``starts_on``."""

    starts_on: date
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000)]


class MeasureData(_Item):
    key: Key
    name: Title
    kind: MeasureKind = MeasureKind.OUTCOME
    unit: Annotated[str, StringConstraints(max_length=60)] = ""
    direction: Direction = Direction.HIGHER_IS_BETTER
    target: float | None = None
    baseline_points: Annotated[int, Field(ge=1, le=MAX_INT, strict=True)] | None = None
    definition: Text = ""
    collection: Text = ""
    collector: Text = ""
    observations: list[ObservationData] = []
    stages: list[StageData] = []


class CycleData(_Item):
    number: Annotated[int, Field(ge=1, le=MAX_INT, strict=True)]
    title: Title
    solution: Key | None = None
    objective: Text = ""
    prediction: Text = ""
    plan: Text = ""
    what_happened: Text = ""
    study: Text = ""
    # Added later: older documents leave it out, which reads as "not answered".
    prediction_held: PredictionHeld | None = None
    decision: CycleDecision | None = None
    decision_notes: Text = ""
    started_on: date | None = None
    finished_on: date | None = None


class StopItemData(_Item):
    activity: Title
    who: Text = ""
    hours_per_month: Annotated[float, Field(ge=0)] | None = None
    minutes_per_occurrence: Annotated[float, Field(ge=0)] | None = None
    occurrences_per_month: Annotated[float, Field(ge=0)] | None = None
    beneficiary: Text = ""
    if_stopped: Text = ""
    decision: StopDecision = StopDecision.UNDECIDED
    reason: Text = ""
    hours_freed: Annotated[float, Field(ge=0)] | None = None
    follow_up_on: date | None = None
    follow_up_result: FollowUpResult | None = None
    follow_up_note: Text = ""


class ClosureData(_Item):
    reason: ClosureReason
    reason_text: Text = ""
    learned: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
    keep: Text = ""
    stop_doing: Text = ""
    freed_hours: Annotated[float, Field(ge=0)] | None = None
    decided_by: Text = ""
    closed_on: date


class CommentData(_Item):
    target: Annotated[str, StringConstraints(pattern=r"^(initiative|phase:[a-z_]+|cycle:\d+)$")]
    author: Text = ""
    text: Title
    resolved: Flag = False
    created_at: AwareDatetime | None = None


class EventData(_Item):
    at: AwareDatetime
    actor: Text = ""
    action: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    entity: Annotated[str, StringConstraints(max_length=40)] = "initiative"
    field: Annotated[str, StringConstraints(max_length=60)] = ""
    old: Text | None = None
    new: Text | None = None


class ParkingData(_Item):
    """A workshop's parking lot item (a question or idea for later)."""

    text: Title
    done: Flag = False
    created_at: AwareDatetime | None = None


class VoteRoundData(_Item):
    """One dot vote on the causes or solutions; ``tallies`` maps their keys to dots."""

    target: Literal["cause", "solution"]
    dots_per_person: Annotated[int, Field(ge=1, le=99, strict=True)]
    participants: Annotated[int, Field(ge=1, le=9999, strict=True)] | None = None
    held_on: date
    tallies: dict[Key, Annotated[int, Field(ge=0, le=MAX_INT, strict=True)]] = {}


class InitiativeDocument(_Item):
    format: Literal["forbattra.initiative"]
    version: Literal[1]
    initiative: InitiativeData
    answers: list[AnswerData] = []
    causes: list[CauseData] = []
    solutions: list[SolutionData] = []
    measures: list[MeasureData] = []
    cycles: list[CycleData] = []
    stop_doing: list[StopItemData] = []
    closure: ClosureData | None = None
    comments: list[CommentData] = []
    history: list[EventData] = []
    parking: list[ParkingData] = []
    votes: list[VoteRoundData] = []


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (a field path) and what, in the user's language."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class ExchangeError(Exception):
    """A document that cannot be imported; ``problems`` lists every reason."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(str(p) for p in problems))


def _path(location: tuple[int | str, ...]) -> str:
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _message(error: Any) -> str:
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind == "missing":
        return _("required field is missing")
    if kind == "extra_forbidden":
        return _("unknown field")
    if kind in {"enum", "literal_error"}:
        expected = str(context.get("expected", "")).replace(" or ", ", ")
        return _("must be one of: {choices}").format(choices=expected)
    if (
        kind == "finite_number"
        or kind.startswith("float")
        or (kind.startswith("int") and "parsing" in kind)
    ):
        return _("must be a number")
    if kind.startswith("int") and not isinstance(error.get("input"), str):
        return _("must be a whole number")
    if kind.startswith("int"):
        return _("must be a number")
    if kind.startswith("date") and not kind.startswith("datetime"):
        return _("must be a date like 2025-03-14")
    if kind.startswith(("datetime", "timezone")):
        return _("must be a date and time like 2025-03-14T09:30:00+01:00")
    if kind.startswith("bool"):
        return _("must be true or false")
    if kind == "string_too_short":
        return _("must not be empty")
    if kind == "string_too_long":
        return _("is too long (at most {limit} characters)").format(
            limit=context.get("max_length", "")
        )
    if kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        return _("is out of range")
    if kind in {"string_type"}:
        return _("must be text")
    if kind in {"list_type"}:
        return _("must be a list")
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return _("must be an object")
    if kind == "string_pattern_mismatch":
        return _("has the wrong form")
    return _("is not valid")


def _nul_problems(data: Any, location: tuple[int | str, ...] = ()) -> list[Problem]:
    """Text holding the NUL character, which PostgreSQL cannot store (SQLite can)."""
    if isinstance(data, str):
        if "\x00" in data:
            return [Problem(_path(location), _("must not contain the NUL character"))]
        return []
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _nul_problems(value, (*location, key))]
    if isinstance(data, list):
        return [p for i, value in enumerate(data) for p in _nul_problems(value, (*location, i))]
    return []


def _check_references(doc: InitiativeDocument) -> list[Problem]:
    """Rules pydantic cannot express: valid phases, unique keys, references that resolve."""
    problems: list[Problem] = []
    method = doc.initiative.method
    known_phases = {p.key: p for p in methods.phases(method)}
    if doc.initiative.phase is not None and doc.initiative.phase not in known_phases:
        problems.append(
            Problem(
                "initiative.phase",
                _("unknown phase for this method; expected one of: {choices}").format(
                    choices=", ".join(known_phases)
                ),
            )
        )
    seen_answers: set[tuple[str, str]] = set()
    for index, answer in enumerate(doc.answers):
        phase = known_phases.get(answer.phase)
        if phase is None:
            problems.append(Problem(f"answers[{index}].phase", _("unknown phase")))
        elif phase.question(answer.question) is None:
            problems.append(Problem(f"answers[{index}].question", _("unknown question")))
        if (answer.phase, answer.question) in seen_answers:
            problems.append(Problem(f"answers[{index}]", _("this question is answered twice")))
        seen_answers.add((answer.phase, answer.question))

    def unique(items: list[Any], section: str) -> set[str]:
        keys: set[str] = set()
        for index, item in enumerate(items):
            if item.key in keys:
                problems.append(Problem(f"{section}[{index}].key", _("key is used twice")))
            keys.add(item.key)
        return keys

    cause_keys = unique(doc.causes, "causes")
    solution_keys = unique(doc.solutions, "solutions")
    unique(doc.measures, "measures")
    for index, measure in enumerate(doc.measures):
        starts: set[date] = set()
        for position, stage in enumerate(measure.stages):
            if stage.starts_on in starts:
                problems.append(
                    Problem(
                        f"measures[{index}].stages[{position}].starts_on",
                        _("two stages start on the same date"),
                    )
                )
            starts.add(stage.starts_on)
    parents = {cause.key: cause.parent for cause in doc.causes}
    circled: set[Key] = set()
    for index, cause in enumerate(doc.causes):
        if cause.parent is not None and cause.parent not in cause_keys:
            problems.append(Problem(f"causes[{index}].parent", _("refers to an unknown cause")))
        if cause.parent == cause.key:
            problems.append(Problem(f"causes[{index}].parent", _("a cause cannot be its own why")))
        elif cause.key not in circled and (circle := _circle(cause.key, parents)):
            circled |= circle  # one problem a circle, at its first cause
            problems.append(Problem(f"causes[{index}].parent", _("the whys go round in a circle")))
    for index, solution in enumerate(doc.solutions):
        for position, key in enumerate(solution.causes):
            if key not in cause_keys:
                problems.append(
                    Problem(
                        f"solutions[{index}].causes[{position}]", _("refers to an unknown cause")
                    )
                )
    numbers: set[int] = set()
    for index, cycle in enumerate(doc.cycles):
        if cycle.number in numbers:
            problems.append(Problem(f"cycles[{index}].number", _("cycle number is used twice")))
        numbers.add(cycle.number)
        if cycle.solution is not None and cycle.solution not in solution_keys:
            problems.append(
                Problem(f"cycles[{index}].solution", _("refers to an unknown solution"))
            )
        if cycle.started_on and cycle.finished_on and cycle.finished_on < cycle.started_on:
            problems.append(
                Problem(f"cycles[{index}].finished_on", _("is before the cycle started"))
            )
    if doc.initiative.status == Status.CLOSED and doc.closure is None:
        problems.append(Problem("closure", _("a closed initiative needs its closure record")))
    if doc.closure is not None and doc.initiative.status != Status.CLOSED:
        problems.append(Problem("initiative.status", _("must be closed when there is a closure")))
    for index, comment in enumerate(doc.comments):
        kind, _sep, ref = comment.target.partition(":")
        if kind == "phase" and ref not in known_phases:
            problems.append(Problem(f"comments[{index}].target", _("unknown phase")))
        if kind == "cycle" and int(ref) not in numbers:
            problems.append(Problem(f"comments[{index}].target", _("refers to an unknown cycle")))
    for index, vote in enumerate(doc.votes):
        known = cause_keys if vote.target == "cause" else solution_keys
        for key in vote.tallies:
            if key not in known:
                problems.append(
                    Problem(f"votes[{index}].tallies.{key}", _("refers to an unknown item"))
                )
    return problems


def parse_document(data: Any, source: str = "") -> InitiativeDocument:
    """Validate ``data`` (parsed JSON) as an initiative document, else raise ExchangeError."""
    if not isinstance(data, dict):
        raise ExchangeError(source, [Problem("", _("the document must be a JSON object"))])
    if data.get("format") != FORMAT:
        raise ExchangeError(
            source, [Problem("format", _("this is not a forbattra initiative document"))]
        )
    if data.get("version") != FORMAT_VERSION:
        raise ExchangeError(
            source,
            [
                Problem(
                    "version",
                    _(
                        "unsupported version {found}; this forbattra reads version {supported}"
                    ).format(found=data.get("version"), supported=FORMAT_VERSION),
                )
            ],
        )
    problems = _nul_problems(data)
    try:
        document = InitiativeDocument.model_validate(data)
    except ValidationError as error:
        problems += [Problem(_path(e["loc"]), _message(e)) for e in error.errors()]
        raise ExchangeError(source, problems) from None
    problems += _check_references(document)
    if problems:
        raise ExchangeError(source, problems)
    return document


def load_file(path: Path) -> list[InitiativeDocument]:
    """Read one file: a single document, or a JSON list of documents."""
    source = str(path)
    try:
        # utf-8-sig: Notepad and Excel on Windows start UTF-8 files with a byte order mark.
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ExchangeError(source, [Problem("", _("file not found"))]) from None
    except IsADirectoryError:
        raise ExchangeError(source, [Problem("", _("is a folder, not a file"))]) from None
    except PermissionError:
        raise ExchangeError(source, [Problem("", _("permission denied"))]) from None
    except UnicodeDecodeError:
        raise ExchangeError(source, [Problem("", _("is not UTF-8 text"))]) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        message = _("is not valid JSON (line {line}, column {column})").format(
            line=error.lineno, column=error.colno
        )
        raise ExchangeError(source, [Problem("", message)]) from None
    if isinstance(data, list):
        documents: list[InitiativeDocument] = []
        problems: list[Problem] = []
        for index, item in enumerate(data):
            try:
                documents.append(parse_document(item, source))
            except ExchangeError as error:
                problems += [
                    Problem(f"[{index}].{p.path}".rstrip("."), p.message) for p in error.problems
                ]
        if problems:
            raise ExchangeError(source, problems)
        return documents
    return [parse_document(data, source)]


def dump_document(document: InitiativeDocument) -> dict[str, Any]:
    """The document as plain JSON-ready data, in a stable field order."""
    return document.model_dump(mode="json")


def to_json(documents: list[dict[str, Any]]) -> str:
    """Serialise one document as an object, several as a list; stable and human-readable."""
    payload: Any = documents[0] if len(documents) == 1 else documents
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _circle(key: Key, parents: dict[Key, Key | None]) -> set[Key]:
    """The causes on a circle of whys through ``key`` (a→b→a), else an empty set: following
    "why?" upwards from a cause must end at a top cause, or no tree can hold it."""
    path = [key]
    current = parents.get(key)
    while current is not None and current not in path:
        path.append(current)
        current = parents.get(current)
    return set(path) if current == key else set()
