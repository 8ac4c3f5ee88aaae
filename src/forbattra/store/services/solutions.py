"""Solutions (in PDSA: change ideas), each linked to the causes it addresses.

One transaction per call, an event for every change, :class:`Conflict` on a stale version.
Changing a solution's links counts as a change of the solution (its version goes up), so two
people linking the same solution at once cannot silently undo each other.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import col

from forbattra.core.domain import SolutionView
from forbattra.i18n import _
from forbattra.store.database import Database
from forbattra.store.engine import write_session
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.models import Cause, Solution, SolutionCause
from forbattra.store.services.checks import no_lost_updates, one_line, touch
from forbattra.store.services.events import record
from forbattra.store.services.initiatives import load
from forbattra.store.services.workspace import linked_causes, solution_view


def _conflict_message() -> str:
    return _("Someone else changed this solution; nothing was overwritten.")


def _empty_message() -> str:
    return _("The solution is empty. Write the change you want to try.")


def _load(session: Session, solution_id: int) -> Solution:
    solution = session.get(Solution, solution_id)
    if solution is None:
        raise NotFound(_("There is no solution with id {id}.").format(id=solution_id))
    return solution


def _view(session: Session, solution: Solution) -> SolutionView:
    solution_id = solution.id or 0
    return solution_view(solution, linked_causes(session, [solution_id]).get(solution_id, []))


def _check(session: Session, solution: Solution, expected_version: int | None) -> None:
    if expected_version is not None and solution.version != expected_version:
        raise Conflict(_conflict_message(), _view(session, solution))


def add_solution(
    db: Database, actor: str, initiative_id: int, text: str, *, cause_ids: Iterable[int] = ()
) -> SolutionView:
    """Capture a solution, optionally already linked to causes of the same initiative."""
    cleaned = one_line(text, _empty_message())
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        load(session, initiative_id)
        last = session.execute(
            select(func.max(col(Solution.position))).where(
                col(Solution.initiative_id) == initiative_id
            )
        ).scalar()
        solution = Solution(
            initiative_id=initiative_id,
            position=(last + 1) if last is not None else 0,
            text=cleaned,
        )
        session.add(solution)
        session.flush()
        solution_id = solution.id
        assert solution_id is not None
        wanted = _checked_causes(session, initiative_id, cause_ids)
        for cause_id in wanted:
            session.add(SolutionCause(solution_id=solution_id, cause_id=cause_id))
        touch(session, initiative_id)
        record(
            session,
            actor,
            initiative_id=initiative_id,
            entity="solution",
            entity_id=solution.id,
            action="add",
            new=cleaned,
        )
        session.flush()
        return _view(session, solution)


def _checked_causes(session: Session, initiative_id: int, cause_ids: Iterable[int]) -> list[int]:
    wanted = sorted(set(cause_ids))
    if not wanted:
        return []
    found = set(
        session.execute(
            select(col(Cause.id)).where(
                col(Cause.id).in_(wanted), col(Cause.initiative_id) == initiative_id
            )
        ).scalars()
    )
    if found != set(wanted):
        raise InvalidInput(_("A solution can only address causes of its own initiative."))
    return wanted


def edit_solution_text(
    db: Database, actor: str, solution_id: int, text: str, *, expected_version: int | None = None
) -> SolutionView:
    cleaned = one_line(text, _empty_message())
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        solution = _load(session, solution_id)
        _check(session, solution, expected_version)
        old = solution.text
        if old != cleaned:
            solution.text = cleaned
            session.flush()
            touch(session, solution.initiative_id)
            record(
                session,
                actor,
                initiative_id=solution.initiative_id,
                entity="solution",
                entity_id=solution.id,
                action="edit",
                field="text",
                old=old,
                new=cleaned,
            )
        return _view(session, solution)


def set_solution_causes(
    db: Database,
    actor: str,
    solution_id: int,
    cause_ids: Iterable[int],
    *,
    expected_version: int | None = None,
) -> SolutionView:
    """Link the solution to exactly ``cause_ids``; the event lists the old and new links."""
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        solution = _load(session, solution_id)
        _check(session, solution, expected_version)
        wanted = _checked_causes(session, solution.initiative_id, cause_ids)
        current = sorted(linked_causes(session, [solution_id]).get(solution_id, []))
        if current == wanted:
            return _view(session, solution)
        session.execute(delete(SolutionCause).where(col(SolutionCause.solution_id) == solution_id))
        for cause_id in wanted:
            session.add(SolutionCause(solution_id=solution_id, cause_id=cause_id))
        flag_modified(solution, "text")  # the links are part of the solution: bump its version
        session.flush()
        touch(session, solution.initiative_id)
        record(
            session,
            actor,
            initiative_id=solution.initiative_id,
            entity="solution",
            entity_id=solution_id,
            action="link",
            field="causes",
            old=",".join(map(str, current)),
            new=",".join(map(str, wanted)),
        )
        session.flush()
        return _view(session, solution)


def delete_solution(
    db: Database, actor: str, solution_id: int, *, expected_version: int | None = None
) -> None:
    """Remove a solution and its links; cycles that tested it keep their history."""
    with no_lost_updates(_conflict_message()), write_session(db.engine) as session:
        solution = _load(session, solution_id)
        _check(session, solution, expected_version)
        initiative_id = solution.initiative_id
        record(
            session,
            actor,
            initiative_id=initiative_id,
            entity="solution",
            entity_id=solution_id,
            action="delete",
            old=solution.text,
        )
        session.flush()
        session.delete(solution)
        touch(session, initiative_id)
