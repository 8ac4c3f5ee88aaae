"""The initiative services on both backends: create, list, phases, answers, versions, events."""

from __future__ import annotations

import time
from typing import Any

import pytest
from sqlalchemy import select, text

from forbattra.core import methods
from forbattra.core.domain import NewInitiative
from forbattra.core.vocabulary import Method, Status
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.models import Answer, Initiative
from forbattra.store.services import initiatives as service
from forbattra.store.services.events import history
from forbattra.store.services.initiatives import (
    MAX_TITLE,
    clean_title,
    create_initiative,
    get_initiative,
    list_initiatives,
    move_to_phase,
    set_answer,
)

pytestmark = pytest.mark.usefixtures("english")

ODD_TEXTS = [
    "Väntetid 🚀 👩‍👩‍👧 klar",
    "مرحبا بالعالم (hej)",
    "Cafe\u0301 o\u0308 A\u030a",
    "[@click=app.quit]x[/]",
    "[bold red]fet[/] :smile: \\[inte markup]",
    "citat \"dubbla\" och 'enkla' \\ backslash",
    "\u202eomvänd\u202c text",
    "'; DROP TABLE initiative; --",
]


def create(db: Database, title: str = "Kortare väntetider", **fields: Any) -> int:
    request = NewInitiative(title=title, method=fields.pop("method", Method.DMAIC), **fields)
    return create_initiative(db, "tester", request).id


def version_of(db: Database, initiative_id: int) -> int:
    with read_session(db.engine) as session:
        found = session.get(Initiative, initiative_id)
        assert found is not None
        return found.version


def set_status(db: Database, initiative_id: int, status: Status) -> None:
    with write_session(db.engine) as session:
        session.execute(
            text("UPDATE initiative SET status = :s WHERE id = :id"),
            {"s": status.value, "id": initiative_id},
        )


# --- Titles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Kortare väntetider", "Kortare väntetider"),
        ("  mellanslag runt om  ", "mellanslag runt om"),
        ("flera\n rader\tmed\r\ntabbar", "flera rader med tabbar"),
        ("hårt\u00a0mellanslag", "hårt mellanslag"),
        ("nul\x00tecken", "nul tecken"),
        ("escape\x1b[31mkod", "escape [31mkod"),
        ("x" * MAX_TITLE, "x" * MAX_TITLE),
    ],
)
def test_titles_are_cleaned(typed: str, stored: str) -> None:
    assert clean_title(typed) == stored


@pytest.mark.parametrize("typed", ["", " ", "\n\t ", "\u00a0\u2003", "\x00"])
def test_empty_titles_are_refused(typed: str) -> None:
    with pytest.raises(InvalidInput, match="The title is empty"):
        clean_title(typed)


def test_overlong_titles_are_refused_with_their_length() -> None:
    with pytest.raises(InvalidInput, match=f"{MAX_TITLE + 1} characters; at most {MAX_TITLE}"):
        clean_title("y" * (MAX_TITLE + 1))


# --- Creating ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "first_phase"), [(Method.DMAIC, "define"), (Method.PDSA, "aim")]
)
def test_create_starts_in_the_first_phase(
    sqlite_database: Database, method: Method, first_phase: str
) -> None:
    database = sqlite_database
    row = create_initiative(
        database,
        "Åsa",
        NewInitiative(
            title="  Ny   rutin ",
            method=method,
            unit=" Hemtjänst ",
            area=3,
            leader=" Bo ",
            team=" Anna, Bo ",
        ),
    )
    assert row.id > 0
    assert (row.title, row.method, row.phase, row.status) == (
        "Ny rutin",
        method,
        first_phase,
        Status.ACTIVE,
    )
    assert (row.unit, row.area, row.leader) == ("Hemtjänst", 3, "Bo")
    assert row.updated_at.tzinfo is not None
    assert get_initiative(database, row.id) == row
    (created,) = history(database, row.id)
    assert (created.action, created.actor, created.new, created.old) == (
        "create",
        "Åsa",
        "Ny rutin",
        None,
    )


@pytest.mark.parametrize("title", ["", "   ", "x" * (MAX_TITLE + 1)])
def test_create_refuses_bad_titles_and_writes_nothing(
    sqlite_database: Database, title: str
) -> None:
    with pytest.raises(InvalidInput):
        create(sqlite_database, title)
    assert list_initiatives(sqlite_database, include_closed=True) == []


@pytest.mark.parametrize("area", [0, 9, -1, 100])
def test_create_refuses_areas_outside_one_to_eight(sqlite_database: Database, area: int) -> None:
    with pytest.raises(InvalidInput, match="from 1 to 8"):
        create(sqlite_database, area=area)
    assert list_initiatives(sqlite_database, include_closed=True) == []


@pytest.mark.parametrize("area", [None, 1, 8])
def test_create_accepts_areas_one_to_eight_and_none(
    sqlite_database: Database, area: int | None
) -> None:
    assert get_initiative(sqlite_database, create(sqlite_database, area=area)).area == area


def test_odd_text_is_stored_and_returned_verbatim(database: Database) -> None:
    ids = {odd: create(database, odd, unit=odd, leader=odd) for odd in ODD_TEXTS}
    for odd, initiative_id in ids.items():
        row = get_initiative(database, initiative_id)
        assert (row.title, row.unit, row.leader) == (odd, odd, odd), ascii(odd)
        set_answer(database, "tester", initiative_id, "define", "problem", odd + "\n" + odd)
    assert {row.title for row in list_initiatives(database)} == set(ODD_TEXTS)
    with read_session(database.engine) as session:
        stored = {
            answer.initiative_id: answer.text
            for answer in session.execute(select(Answer)).scalars()
        }
    assert stored == {initiative_id: odd + "\n" + odd for odd, initiative_id in ids.items()}


def test_a_nul_in_a_title_never_reaches_the_database(database: Database) -> None:
    # PostgreSQL cannot store NUL; the title is cleaned the same way on every backend.
    assert get_initiative(database, create(database, "a\x00b")).title == "a b"


# --- Listing -----------------------------------------------------------------------------------


def test_list_shows_active_and_paused_newest_change_first(database: Database) -> None:
    ids = {}
    for title in ("aktiv", "pausad", "klar", "stängd", "senast ändrad"):
        ids[title] = create(database, title)
        time.sleep(0.002)  # distinct update times on every backend
    set_status(database, ids["pausad"], Status.PAUSED)
    set_status(database, ids["klar"], Status.COMPLETED)
    set_status(database, ids["stängd"], Status.CLOSED)
    move_to_phase(database, "tester", ids["aktiv"], "measure")  # now the newest change

    default = [row.title for row in list_initiatives(database)]
    assert default == ["aktiv", "senast ändrad", "pausad"]
    everything = [row.title for row in list_initiatives(database, include_closed=True)]
    assert everything == ["aktiv", "senast ändrad", "stängd", "klar", "pausad"]
    statuses = {row.title: row.status for row in list_initiatives(database, include_closed=True)}
    assert statuses["stängd"] is Status.CLOSED
    assert statuses["pausad"] is Status.PAUSED


def test_list_of_an_empty_database(database: Database) -> None:
    assert list_initiatives(database) == []
    assert list_initiatives(database, include_closed=True) == []


def test_list_breaks_ties_by_newest_id(database: Database) -> None:
    first, second = create(database, "ett"), create(database, "två")
    with write_session(database.engine) as session:
        session.execute(
            text("UPDATE initiative SET updated_at = (SELECT min(updated_at) FROM initiative)")
        )
    assert [row.id for row in list_initiatives(database)] == [second, first]


# --- Phases ------------------------------------------------------------------------------------


def test_moving_forward_and_back_records_each_step(database: Database) -> None:
    initiative_id = create(database)
    before = get_initiative(database, initiative_id).updated_at
    assert move_to_phase(database, "Bo", initiative_id, "analyze").phase == "analyze"
    assert move_to_phase(database, "Bo", initiative_id, "measure").phase == "measure"
    after = get_initiative(database, initiative_id)
    assert after.phase == "measure"
    assert after.updated_at > before
    steps = [(e.action, e.field, e.old, e.new, e.actor) for e in history(database, initiative_id)]
    assert steps == [
        ("create", "", None, "Kortare väntetider", "tester"),
        ("phase", "phase", "define", "analyze", "Bo"),
        ("phase", "phase", "analyze", "measure", "Bo"),
    ]


def test_moving_to_the_current_phase_changes_nothing(database: Database) -> None:
    initiative_id = create(database)
    version = version_of(database, initiative_id)
    move_to_phase(database, "tester", initiative_id, "define")
    assert version_of(database, initiative_id) == version
    assert [e.action for e in history(database, initiative_id)] == ["create"]


@pytest.mark.parametrize(
    ("method", "phase"),
    [(Method.DMAIC, "aim"), (Method.PDSA, "define"), (Method.DMAIC, ""), (Method.DMAIC, "DEFINE")],
)
def test_a_phase_of_another_method_is_refused(
    sqlite_database: Database, method: Method, phase: str
) -> None:
    initiative_id = create(sqlite_database, method=method)
    with pytest.raises(InvalidInput, match="is not a phase of this method"):
        move_to_phase(sqlite_database, "tester", initiative_id, phase)
    assert get_initiative(sqlite_database, initiative_id).phase == methods.first_phase(method)


@pytest.mark.parametrize(
    "call",
    [
        lambda db: get_initiative(db, 999),
        lambda db: move_to_phase(db, "tester", 999, "measure"),
        lambda db: set_answer(db, "tester", 999, "define", "problem", "x"),
        lambda db: history(db, 999) or get_initiative(db, -1),
    ],
    ids=["get", "move", "answer", "negative"],
)
def test_unknown_ids_are_not_found(sqlite_database: Database, call: Any) -> None:
    with pytest.raises(NotFound, match="There is no initiative with id"):
        call(sqlite_database)


def test_not_found_has_exit_code_3() -> None:
    assert NotFound.exit_code == 3
    assert InvalidInput.exit_code == 5
    assert Conflict.exit_code == 6


# --- Versions and conflicts ------------------------------------------------------------------


def test_the_version_goes_up_with_every_change(database: Database) -> None:
    initiative_id = create(database)
    assert version_of(database, initiative_id) == 1
    move_to_phase(database, "tester", initiative_id, "measure")
    assert version_of(database, initiative_id) == 2
    set_answer(database, "tester", initiative_id, "define", "problem", "svar")
    assert version_of(database, initiative_id) == 3


def test_an_expected_version_that_is_current_is_accepted(database: Database) -> None:
    initiative_id = create(database)
    move_to_phase(database, "tester", initiative_id, "measure", expected_version=1)
    assert get_initiative(database, initiative_id).phase == "measure"


def test_an_outdated_expected_version_is_a_conflict(database: Database) -> None:
    initiative_id = create(database)
    move_to_phase(database, "someone else", initiative_id, "measure")
    with pytest.raises(Conflict, match="Someone else changed"):
        move_to_phase(database, "tester", initiative_id, "analyze", expected_version=1)
    assert get_initiative(database, initiative_id).phase == "measure"
    assert [e.new for e in history(database, initiative_id)][-1] == "measure"


def test_a_change_between_reading_and_writing_is_a_conflict(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer bumps the row after the service read it: no silent overwrite."""
    initiative_id = create(database)
    real_load = service.load

    def load_then_someone_else_writes(session: Any, wanted: int) -> Initiative:
        initiative = real_load(session, wanted)
        session.execute(
            text("UPDATE initiative SET version = version + 1, phase = 'control' WHERE id = :id"),
            {"id": wanted},
        )
        return initiative

    monkeypatch.setattr(service, "load", load_then_someone_else_writes)
    with pytest.raises(Conflict):
        move_to_phase(database, "tester", initiative_id, "measure")
    monkeypatch.undo()
    row = get_initiative(database, initiative_id)
    assert row.phase == "define"  # the whole unit of work was rolled back
    assert [e.action for e in history(database, initiative_id)] == ["create"]


# --- Answers -----------------------------------------------------------------------------------


def test_answers_record_the_old_text_in_the_event(database: Database) -> None:
    initiative_id = create(database)
    set_answer(database, "Åsa", initiative_id, "define", "problem", "första")
    set_answer(database, "Bo", initiative_id, "define", "problem", "andra")
    set_answer(database, "Bo", initiative_id, "define", "problem", "andra")  # no change
    events = [e for e in history(database, initiative_id) if e.action == "answer"]
    assert [(e.actor, e.field, e.old, e.new, e.entity) for e in events] == [
        ("Åsa", "define.problem", None, "första", "answer"),
        ("Bo", "define.problem", "första", "andra", "answer"),
    ]
    with read_session(database.engine) as session:
        answers = list(session.execute(select(Answer)).scalars())
    assert [(a.phase, a.question, a.text) for a in answers] == [("define", "problem", "andra")]


def test_answering_a_later_phase_is_allowed(database: Database) -> None:
    initiative_id = create(database)
    set_answer(database, "tester", initiative_id, "control", "handover", "Enhetschefen")
    assert get_initiative(database, initiative_id).phase == "define"


@pytest.mark.parametrize(
    ("phase", "question"),
    [("define", "aim"), ("aim", "aim"), ("define", "nope"), ("nope", "problem")],
)
def test_questions_of_other_phases_or_methods_are_refused(
    sqlite_database: Database, phase: str, question: str
) -> None:
    initiative_id = create(sqlite_database)
    with pytest.raises(InvalidInput, match="does not belong"):
        set_answer(sqlite_database, "tester", initiative_id, phase, question, "x")
    assert [e.action for e in history(sqlite_database, initiative_id)] == ["create"]


def test_the_history_belongs_to_one_initiative(database: Database) -> None:
    first, second = create(database, "ett"), create(database, "två")
    move_to_phase(database, "tester", second, "measure")
    assert [e.action for e in history(database, first)] == ["create"]
    assert [e.action for e in history(database, second)] == ["create", "phase"]
    assert all(e.initiative_id == second for e in history(database, second))
