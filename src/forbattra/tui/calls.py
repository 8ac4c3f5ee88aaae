"""Service calls the workspace's widgets ask their screen to run (see ``messages.Request``).

Each function returns a ``Call``: ``call(db, actor)`` runs one service, one transaction, in
the screen's thread worker. The storage layer is imported only when a call runs, so the
widgets stay quick to import and never hold a session. Edits name the version they read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from forbattra.core.domain import CauseView, CycleView, SolutionView
from forbattra.core.vocabulary import CauseCategory, CycleDecision, PredictionHeld
from forbattra.tui.messages import Call

if TYPE_CHECKING:
    from forbattra.store.database import Database


def add_cause(
    initiative_id: int, text: str, category: CauseCategory | None, parent_id: int | None
) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import causes

        return causes.add_cause(
            db, actor, initiative_id, text, category=category, parent_id=parent_id
        )

    return call


def cause_text(cause: CauseView, text: str) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import causes

        return causes.edit_cause_text(db, actor, cause.id, text, expected_version=cause.version)

    return call


def cause_category(cause: CauseView, category: CauseCategory | None) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import causes

        return causes.set_cause_category(
            db, actor, cause.id, category, expected_version=cause.version
        )

    return call


def cause_root(cause: CauseView, root: bool) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import causes

        return causes.set_root(db, actor, cause.id, root, expected_version=cause.version)

    return call


def cause_verified(cause: CauseView, verified: bool) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import causes

        return causes.set_verified(db, actor, cause.id, verified, expected_version=cause.version)

    return call


def delete_cause(cause: CauseView) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import causes

        return causes.delete_cause(db, actor, cause.id, expected_version=cause.version)

    return call


def add_solution(initiative_id: int, text: str) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import solutions

        return solutions.add_solution(db, actor, initiative_id, text)

    return call


def solution_text(solution: SolutionView, text: str) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import solutions

        return solutions.edit_solution_text(
            db, actor, solution.id, text, expected_version=solution.version
        )

    return call


def solution_causes(solution: SolutionView, cause_ids: Iterable[int]) -> Call:
    wanted = list(cause_ids)

    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import solutions

        return solutions.set_solution_causes(
            db, actor, solution.id, wanted, expected_version=solution.version
        )

    return call


def delete_solution(solution: SolutionView) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import solutions

        return solutions.delete_solution(db, actor, solution.id, expected_version=solution.version)

    return call


def add_cycle(initiative_id: int, solution_id: int | None = None) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import cycles

        return cycles.add_cycle(db, actor, initiative_id, solution_id=solution_id)

    return call


def next_cycle(cycle: CycleView) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import cycles

        return cycles.next_cycle(db, actor, cycle.id)

    return call


def start_cycle(cycle_id: int, version: int | None) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import cycles

        return cycles.start_cycle(db, actor, cycle_id, expected_version=version)

    return call


def decide(cycle_id: int, decision: CycleDecision | None, version: int | None) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import cycles

        return cycles.set_cycle_decision(db, actor, cycle_id, decision, expected_version=version)

    return call


def prediction_held(cycle_id: int, held: PredictionHeld | None, version: int | None) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import cycles

        return cycles.set_prediction_held(db, actor, cycle_id, held, expected_version=version)

    return call


def cycle_dates(
    cycle_id: int, started_on: date | None, finished_on: date | None, version: int | None
) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import cycles

        return cycles.set_cycle_dates(
            db, actor, cycle_id, started_on, finished_on, expected_version=version
        )

    return call


def delete_cycle(cycle: CycleView) -> Call:
    def call(db: Database, actor: str) -> Any:
        from forbattra.store.services import cycles

        return cycles.delete_cycle(db, actor, cycle.id, expected_version=cycle.version)

    return call
