"""A closed initiative's record stays as it was: every service that changes its content
refuses, whole, until it is reopened; comments, stop-doing follow-ups and the parking lot
stay open (a coach still comments, a stopped activity is still followed up)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from forbattra.core.domain import NewClosure, NewInitiative, NewMeasure, NewStopItem
from forbattra.core.vocabulary import ClosureReason, Method
from forbattra.core.voting import VoteTarget
from forbattra.store.database import Database
from forbattra.store.errors import InitiativeClosed, InvalidInput
from forbattra.store.services import (
    causes,
    closures,
    comments,
    cycles,
    dot_votes,
    measures,
    observations,
    parking,
    solutions,
    stages,
    stop_doing,
)
from forbattra.store.services.events import history
from forbattra.store.services.initiatives import create_initiative, move_to_phase, set_answer
from forbattra.store.services.workspace import load_workspace

pytestmark = pytest.mark.usefixtures("english")


def _closed_initiative(db: Database) -> dict[str, int]:
    initiative_id = create_initiative(db, "tester", NewInitiative("Trygg hemgång", Method.DMAIC)).id
    cause = causes.add_cause(db, "tester", initiative_id, "Ingen äger utskrivningen")
    solution = solutions.add_solution(
        db, "tester", initiative_id, "Checklista", cause_ids=[cause.id]
    )
    cycle = cycles.add_cycle(
        db, "tester", initiative_id, "Prova checklistan", solution_id=solution.id
    )
    measure = measures.add_measure(db, "tester", initiative_id, NewMeasure("Återinläggningar"))
    for day in range(1, 4):
        observations.add_observation(db, "tester", measure.id, date(2025, 3, day), float(day))
    closures.close_initiative(
        db,
        "tester",
        initiative_id,
        NewClosure(ClosureReason.NO_EFFECT, "Checklistan ändrade inget vi kunde mäta."),
        today=date(2025, 6, 1),
    )
    return {
        "initiative": initiative_id,
        "cause": cause.id,
        "solution": solution.id,
        "cycle": cycle.id,
        "measure": measure.id,
    }


REFUSED: dict[str, Callable[[Database, dict[str, int]], Any]] = {
    "answer": lambda db, ids: set_answer(
        db, "t", ids["initiative"], "define", "problem", "Ny text"
    ),
    "phase": lambda db, ids: move_to_phase(db, "t", ids["initiative"], "improve"),
    "add cause": lambda db, ids: causes.add_cause(db, "t", ids["initiative"], "En till orsak"),
    "edit cause": lambda db, ids: causes.edit_cause_text(db, "t", ids["cause"], "Ändrad"),
    "delete cause": lambda db, ids: causes.delete_cause(db, "t", ids["cause"]),
    "add solution": lambda db, ids: solutions.add_solution(db, "t", ids["initiative"], "Ny idé"),
    "delete solution": lambda db, ids: solutions.delete_solution(db, "t", ids["solution"]),
    "add cycle": lambda db, ids: cycles.add_cycle(db, "t", ids["initiative"], "Nytt test"),
    "edit cycle": lambda db, ids: cycles.edit_cycle_text(db, "t", ids["cycle"], "plan", "Ny plan"),
    "delete cycle": lambda db, ids: cycles.delete_cycle(db, "t", ids["cycle"]),
    "add measure": lambda db, ids: measures.add_measure(
        db, "t", ids["initiative"], NewMeasure("X")
    ),
    "add value": lambda db, ids: observations.add_observation(
        db, "t", ids["measure"], date(2025, 3, 9), 4.0
    ),
    "stage": lambda db, ids: stages.add_stage(db, "t", ids["measure"], date(2025, 3, 2), "Nytt"),
    "vote": lambda db, ids: dot_votes.save_vote(
        db,
        "t",
        VoteTarget.CAUSE,
        ids["initiative"],
        dots_per_person=3,
        participants=2,
        dots={str(ids["cause"]): 3},
    ),
}


@pytest.mark.parametrize("change", list(REFUSED), ids=list(REFUSED))
def test_a_closed_initiative_refuses_every_change_to_its_record(
    database: Database, change: str
) -> None:
    ids = _closed_initiative(database)
    before = load_workspace(database, ids["initiative"])
    events = len(history(database, ids["initiative"]))
    with pytest.raises(InitiativeClosed, match=r"closed.*Reopen"):
        REFUSED[change](database, ids)
    assert load_workspace(database, ids["initiative"]) == before
    assert len(history(database, ids["initiative"])) == events


def test_a_closed_initiative_is_refused_as_invalid_input(database: Database) -> None:
    """The CLI and the screens already show InvalidInput as a message (exit 5)."""
    assert issubclass(InitiativeClosed, InvalidInput)
    assert InitiativeClosed.exit_code == 5


def test_comments_follow_ups_and_parking_stay_open(database: Database) -> None:
    ids = _closed_initiative(database)
    initiative_id = ids["initiative"]
    comment = comments.add_comment(database, "coach", initiative_id, "Bra att ni avslutade.")
    item = stop_doing.add_stop_item(
        database,
        "t",
        NewStopItem("Daglig checklista", hours_per_month=4),
        initiative_id=initiative_id,
    )
    parked = parking.add_parking(database, "t", initiative_id, "Vem följer upp?")
    assert (comment.text, item.activity, parked.text) == (
        "Bra att ni avslutade.",
        "Daglig checklista",
        "Vem följer upp?",
    )


def test_reopening_lets_the_team_change_it_again(database: Database) -> None:
    ids = _closed_initiative(database)
    closures.reopen_initiative(database, "tester", ids["initiative"], why="Ny data visar effekt")
    cause = causes.add_cause(database, "t", ids["initiative"], "En till orsak")
    answer = set_answer(database, "t", ids["initiative"], "define", "problem", "Ny text")
    assert (cause.text, answer.text) == ("En till orsak", "Ny text")
