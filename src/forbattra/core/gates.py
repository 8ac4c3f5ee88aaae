"""Phase gates: what is still open in a phase before the team moves on.

Pure functions over a :class:`~forbattra.core.domain.Workspace`. A gate never forbids a move;
it lists what is missing so the team decides knowingly, and the screen asks to confirm.
Each item's ``text`` is translated and may quote user text, which the UI shows literally.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from forbattra.core import methods
from forbattra.core.domain import Workspace
from forbattra.core.vocabulary import Method
from forbattra.i18n import _


@dataclass(frozen=True)
class GateItem:
    """One thing still open. ``kind`` names what it is about: question, measure, cause,
    solution or cycle; ``ref`` is the question key or the row id it points at, if any."""

    phase: str
    kind: str
    text: str
    ref: str = ""


def next_phase(method: Method | str, phase_key: str) -> str | None:
    """The phase after ``phase_key``, or None at the last one."""
    phases = methods.phases(method)
    index = methods.phase_index(method, phase_key)
    return phases[index + 1].key if index + 1 < len(phases) else None


def previous_phase(method: Method | str, phase_key: str) -> str | None:
    """The phase before ``phase_key``, or None at the first one."""
    index = methods.phase_index(method, phase_key)
    return methods.phases(method)[index - 1].key if index > 0 else None


def _quote(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    shown = flat if len(flat) <= limit else flat[: limit - 1] + "…"
    # TRANSLATORS: quotation marks around a quoted question; Swedish uses ”…” on both sides.
    return _("“{text}”").format(text=shown)


def unanswered(workspace: Workspace, phase_key: str) -> Iterator[GateItem]:
    phase = methods.phase(workspace.initiative.method, phase_key)
    if phase is None:
        return
    for question in phase.questions:
        if not workspace.answer(phase_key, question.key).text.strip():
            yield GateItem(
                phase_key,
                "question",
                _("Not answered: {question}").format(question=question.text),
                question.key,
            )


def measures_open(workspace: Workspace, phase_key: str) -> Iterator[GateItem]:
    if not workspace.measures:
        yield GateItem(phase_key, "measure", _("No measure is defined yet."))
        return
    for measure in workspace.measures:
        if measure.count == 0:
            yield GateItem(
                phase_key,
                "measure",
                _("{measure} has no values yet, so there is no baseline.").format(
                    measure=_quote(measure.name)
                ),
                str(measure.id),
            )


def causes_open(workspace: Workspace, phase_key: str) -> Iterator[GateItem]:
    if not workspace.causes:
        yield GateItem(phase_key, "cause", _("No causes are recorded yet."))
        return
    roots = [cause for cause in workspace.causes if cause.root]
    if not roots:
        yield GateItem(phase_key, "cause", _("No cause is marked as a root cause."))
    for cause in roots:
        if not cause.verified:
            yield GateItem(
                phase_key,
                "cause",
                _("Root cause not verified: {cause}").format(cause=_quote(cause.text)),
                str(cause.id),
            )


def solutions_open(workspace: Workspace, phase_key: str) -> Iterator[GateItem]:
    if not workspace.solutions:
        yield GateItem(phase_key, "solution", _("No solutions are recorded yet."))
        return
    if workspace.initiative.method is not Method.DMAIC:
        return
    for solution in workspace.solutions:
        if not solution.cause_ids:
            yield GateItem(
                phase_key,
                "solution",
                _("{solution} is not linked to any cause.").format(solution=_quote(solution.text)),
                str(solution.id),
            )


def change_ideas_open(workspace: Workspace, phase_key: str) -> Iterator[GateItem]:
    if not workspace.solutions:
        yield GateItem(phase_key, "solution", _("No change ideas are recorded yet."))


def cycles_open(workspace: Workspace, phase_key: str) -> Iterator[GateItem]:
    if not workspace.cycles:
        yield GateItem(phase_key, "cycle", _("Nothing has been tested in a PDSA cycle yet."))
        return
    for cycle in workspace.cycles:
        if cycle.decision is None:
            yield GateItem(
                phase_key,
                "cycle",
                _("Cycle {number} has no decision yet (adopt, adapt or abandon).").format(
                    number=cycle.number
                ),
                str(cycle.id),
            )


Rule = Callable[[Workspace, str], Iterator[GateItem]]

# Besides its own questions, what each phase needs before the team moves on.
RULES: dict[tuple[Method, str], tuple[Rule, ...]] = {
    (Method.DMAIC, "measure"): (measures_open,),
    (Method.DMAIC, "analyze"): (causes_open,),
    (Method.DMAIC, "improve"): (solutions_open, cycles_open),
    (Method.PDSA, "measures"): (measures_open,),
    (Method.PDSA, "changes"): (change_ideas_open,),
    (Method.PDSA, "cycles"): (cycles_open,),
}


def open_items(workspace: Workspace, phase_key: str) -> list[GateItem]:
    """Everything still open in ``phase_key``: tools first, then unanswered questions."""
    method = workspace.initiative.method
    items: list[GateItem] = []
    for rule in RULES.get((method, phase_key), ()):
        items.extend(rule(workspace, phase_key))
    items.extend(unanswered(workspace, phase_key))
    return items


def is_done(workspace: Workspace, phase_key: str) -> bool:
    """A phase is done when nothing in it is open."""
    return not open_items(workspace, phase_key)


# --- The stop-doing check, offered at the moments the method asks for it -------------------


def stop_doing_at_gate(method: Method | str, leaving: str) -> str | None:
    """The question a gate asks before anything new is added: DMAIC, leaving Analyze for
    Improve. Offered beside the gate, never an open item: the team may move on without it."""
    if Method(method) is Method.DMAIC and leaving == "analyze":
        return _("Before we add anything new: what can we stop?")
    return None


def stop_doing_in_phase(method: Method | str, phase_key: str) -> str | None:
    """The question a phase shows near its top: DMAIC Control, and PDSA's cycles (Act)."""
    method = Method(method)
    if method is Method.DMAIC and phase_key == "control":
        return _("Now that the new way works, what old step goes?")
    if method is Method.PDSA and phase_key == "cycles":
        return _("When a change is adopted: what old step can go?")
    return None
