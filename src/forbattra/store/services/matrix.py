"""The impact/effort matrix: an initiative's solutions, each placed by its impact and effort
(a :class:`~forbattra.core.vocabulary.Level` on each axis, or None while not yet placed).

One transaction per call, an event for every change, :class:`Conflict` on a stale version.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import col

from forbattra.core.vocabulary import Level
from forbattra.core.workshop import MatrixItem
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import read_session, write_session
from forbattra.store.errors import Conflict, NotFound
from forbattra.store.models import Solution
from forbattra.store.services.checks import no_lost_updates, touch
from forbattra.store.services.events import record
from forbattra.store.services.initiatives import load


def _level(value: str | None) -> Level | None:
    return Level(value) if value else None


def _matrix_item(solution: Solution) -> MatrixItem:
    return MatrixItem(
        id=solution.id or 0,
        text=solution.text,
        impact=_level(solution.impact),
        effort=_level(solution.effort),
        votes=solution.votes,
        version=solution.version,
    )


def matrix_items(db: Database, initiative_id: int) -> list[MatrixItem]:
    """An initiative's solutions in their order, each with its impact and effort."""
    with read_session(db.engine) as session:
        load(session, initiative_id)
        rows = session.execute(
            select(Solution)
            .where(col(Solution.initiative_id) == initiative_id)
            .order_by(col(Solution.position), col(Solution.id))
        ).scalars()
        return [_matrix_item(row) for row in rows]


def place_solution(
    db: Database,
    actor: str,
    solution_id: int,
    impact: Level | None,
    effort: Level | None,
    *,
    expected_version: int | None = None,
) -> MatrixItem:
    """Put a solution on the matrix (None takes it off that axis); an event per change."""
    message = _("Someone else changed this solution; nothing was overwritten.")
    with no_lost_updates(message), write_session(db.engine) as session:
        solution = session.get(Solution, solution_id)
        if solution is None:
            raise NotFound(_("There is no solution with id {id}.").format(id=solution_id))
        if expected_version is not None and solution.version != expected_version:
            raise Conflict(message, _matrix_item(solution))
        changes = [
            (name, getattr(solution, name), None if new is None else Level(new).value)
            for name, new in (("impact", impact), ("effort", effort))
        ]
        changed = [(name, old, new) for name, old, new in changes if old != new]
        for name, _old, new in changed:
            setattr(solution, name, new)
        if changed:
            session.flush()
            touch(session, solution.initiative_id)
        for name, old, new in changed:
            record(
                session,
                actor,
                initiative_id=solution.initiative_id,
                entity="solution",
                entity_id=solution.id,
                action="edit",
                field=name,
                old=old,
                new=new,
            )
        return _matrix_item(solution)
