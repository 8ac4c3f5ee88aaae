"""Turning an exchange document into the views the templates read (:mod:`forbattra.docs.views`).

Labels are translated in the language current when the view is built; every list keeps the
document's order (cycles by number), so the same data always gives the same document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from forbattra.core import methods
from forbattra.core.exchange import InitiativeDocument, parse_document
from forbattra.core.vocabulary import CycleDecision, Status, area_label, label
from forbattra.docs.markdown import slug
from forbattra.docs.sections import (
    MILESTONES,
    causes_view,
    event_text,
    local_date,
    measure_view,
    measured_in,
    stop_doing_view,
)
from forbattra.docs.views import (
    Cause,
    Closure,
    Comment,
    Count,
    Cycle,
    CycleLink,
    Event,
    Fact,
    Initiative,
    Phase,
    Portfolio,
    Question,
    Solution,
)
from forbattra.i18n import _, ngettext


def file_base(initiative_id: int, title: str) -> str:
    """The stable file name (without ``.md``) of an initiative: its id and a slug of its title."""
    text = slug(title)
    return f"{initiative_id}-{text}" if text else str(initiative_id)


def _comment_place(target: str, phase_names: Mapping[str, str]) -> str:
    kind, _sep, ref = target.partition(":")
    if kind == "phase":
        return phase_names.get(ref, ref)
    if kind == "cycle":
        return _("cycle {number}").format(number=ref)
    return _("the initiative")


def _comments(document: InitiativeDocument, phase_names: Mapping[str, str]) -> list[Comment]:
    return [
        Comment(
            author=c.author,
            text=c.text,
            resolved=c.resolved,
            on=_comment_place(c.target, phase_names),
            created_on=local_date(c.created_at),
        )
        for c in document.comments
    ]


def _phases(
    document: InitiativeDocument, phase_index: int, comments: Sequence[Comment]
) -> list[Phase]:
    answers = {(a.phase, a.question): a.text for a in document.answers}
    return [
        Phase(
            key=p.key,
            name=p.name,
            letter=p.letter,
            number=index + 1,
            current=index == phase_index,
            reached=index <= phase_index,
            questions=[
                Question(key=q.key, text=q.text, answer=answers.get((p.key, q.key), ""))
                for q in p.questions
            ],
            comments=[
                view
                for view, c in zip(comments, document.comments, strict=True)
                if c.target == f"phase:{p.key}"
            ],
        )
        for index, p in enumerate(methods.phases(document.initiative.method))
    ]


def _solutions(document: InitiativeDocument, base: str, causes: Sequence[Cause]) -> list[Solution]:
    by_key = {cause.key: cause for cause in causes}
    cycles_of: dict[str, list[CycleLink]] = {}
    for cycle in sorted(document.cycles, key=lambda c: c.number):
        if cycle.solution:
            link = CycleLink(cycle.number, cycle.title, f"{base}/cycle-{cycle.number}.md")
            cycles_of.setdefault(cycle.solution, []).append(link)
    return [
        Solution(
            number=index + 1,
            key=s.key,
            text=s.text,
            causes=[by_key[key] for key in dict.fromkeys(s.causes) if key in by_key],
            impact_label=label(s.impact) if s.impact else "",
            effort_label=label(s.effort) if s.effort else "",
            votes=s.votes,
            cycles=cycles_of.get(s.key, []),
        )
        for index, s in enumerate(document.solutions)
    ]


def _cycles(
    document: InitiativeDocument,
    base: str,
    solutions: Sequence[Solution],
    comments: Sequence[Comment],
) -> list[Cycle]:
    solution_by_key = {s.key: s for s in solutions}
    ordered = sorted(document.cycles, key=lambda c: c.number)
    cycles: list[Cycle] = []
    for position, c in enumerate(ordered):
        previous = ordered[position - 1] if position else None
        following = ordered[position + 1] if position + 1 < len(ordered) else None
        cycles.append(
            Cycle(
                number=c.number,
                title=c.title,
                file=f"{base}/cycle-{c.number}.md",
                solution=solution_by_key.get(c.solution) if c.solution else None,
                objective=c.objective,
                prediction=c.prediction,
                plan=c.plan,
                what_happened=c.what_happened,
                study=c.study,
                prediction_held=c.prediction_held.value if c.prediction_held else None,
                prediction_held_label=label(c.prediction_held) if c.prediction_held else "",
                decision=c.decision.value if c.decision else None,
                decision_label=label(c.decision) if c.decision else _("under way"),
                decision_notes=c.decision_notes,
                started_on=c.started_on,
                finished_on=c.finished_on,
                comments=[
                    view
                    for view, comment in zip(comments, document.comments, strict=True)
                    if comment.target == f"cycle:{c.number}"
                ],
                measured=measured_in(c, document.measures),
                previous=previous.number if previous else None,
                previous_title=previous.title if previous else "",
                previous_file=f"{base}/cycle-{previous.number}.md" if previous else "",
                next=following.number if following else None,
                next_title=following.title if following else "",
                next_file=f"{base}/cycle-{following.number}.md" if following else "",
            )
        )
    return cycles


def _closure(document: InitiativeDocument, base: str, phase_name: str) -> Closure | None:
    record = document.closure
    if record is None:
        return None
    return Closure(
        reason=record.reason.value,
        reason_label=label(record.reason),
        reason_text=record.reason_text,
        learned=record.learned,
        keep=record.keep,
        stop_doing=record.stop_doing,
        freed_hours=record.freed_hours,
        freed_per_year=record.freed_hours * 12 if record.freed_hours is not None else None,
        decided_by=record.decided_by,
        closed_on=record.closed_on,
        phase_name=phase_name,
        file=f"{base}/closure.md",
    )


def _history(document: InitiativeDocument, phase_names: Mapping[str, str]) -> list[Event]:
    cycle_titles = {c.number: c.title for c in document.cycles}
    return [
        Event(
            on=local_date(event.at) or event.at.date(),
            actor=event.actor,
            text=event_text(event, document, phase_names, cycle_titles),
        )
        for event in document.history
        if event.action in MILESTONES
    ]


def _facts(document: InitiativeDocument, phase_name: str) -> list[Fact]:
    data = document.initiative
    area = data.area
    return [
        Fact(name, value)
        for name, value in (
            (_("Method"), label(data.method)),
            (_("Phase"), phase_name),
            (_("Status"), label(data.status)),
            (_("Unit"), data.unit),
            (_("Kommunkompassen area"), f"{area} {area_label(area)}" if area else ""),
            (_("Leader"), data.leader),
            (_("Sponsor"), data.sponsor),
            (_("Coach"), data.coach),
            (_("Team"), data.team),
            (_("Started"), _day(local_date(data.created_at))),
            (_("Review by"), _day(data.review_by)),
        )
        if value
    ]


def initiative_view(
    document: Mapping[str, Any] | InitiativeDocument, initiative_id: int
) -> Initiative:
    """Everything about one initiative, ready for the templates.

    ``document`` is an exchange document (validated here when given as plain data).
    """
    if not isinstance(document, InitiativeDocument):
        document = parse_document(dict(document), f"initiative {initiative_id}")
    data = document.initiative
    method = data.method
    all_phases = methods.phases(method)
    phase_key = data.phase or all_phases[0].key
    phase_index = methods.phase_index(method, phase_key)
    phase_names = {p.key: p.name for p in all_phases}
    phase_name = phase_names[phase_key]
    base = file_base(initiative_id, data.title)
    comments = _comments(document, phase_names)
    causes = causes_view(document)
    solutions = _solutions(document, base, causes)
    history = _history(document, phase_names)
    return Initiative(
        id=initiative_id,
        title=data.title,
        base=base,
        file=f"{base}.md",
        folder=f"{base}/",
        method=method.value,
        method_label=label(method),
        status=data.status.value,
        status_label=label(data.status),
        phase=phase_key,
        phase_name=phase_name,
        phase_number=phase_index + 1,
        phase_count=len(all_phases),
        unit=data.unit,
        area=data.area,
        area_label=area_label(data.area),
        leader=data.leader,
        sponsor=data.sponsor,
        coach=data.coach,
        team=data.team,
        review_by=data.review_by,
        created_on=local_date(data.created_at),
        updated_on=local_date(data.updated_at),
        facts=_facts(document, phase_name),
        phases=_phases(document, phase_index, comments),
        causes=causes,
        solutions=solutions,
        measures=[measure_view(index, m) for index, m in enumerate(document.measures)],
        cycles=_cycles(document, base, solutions, comments),
        stop_doing=stop_doing_view(document.stop_doing, f"{base}/stop-doing.md")
        if document.stop_doing
        else None,
        closure=_closure(document, base, phase_name),
        comments=comments,
        history=history,
        history_more=len(document.history) - len(history),
        tags=["forbattra", method.value, data.status.value],
    )


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _status_count(status: Status, count: int) -> str:
    forms = {
        Status.ACTIVE: ngettext("{count} active", "{count} active", count),
        Status.PAUSED: ngettext("{count} paused", "{count} paused", count),
        Status.COMPLETED: ngettext("{count} completed", "{count} completed", count),
        Status.CLOSED: ngettext("{count} closed", "{count} closed", count),
    }
    return forms[status].format(count=count)


def _decision_count(decision: CycleDecision | None, count: int) -> str:
    forms = {
        CycleDecision.ADOPT: ngettext("{count} adopted", "{count} adopted", count),
        CycleDecision.ADAPT: ngettext("{count} adapted", "{count} adapted", count),
        CycleDecision.ABANDON: ngettext("{count} abandoned", "{count} abandoned", count),
        None: ngettext("{count} under way", "{count} under way", count),
    }
    return forms[decision].format(count=count)


def portfolio_view(initiatives: Sequence[Initiative]) -> Portfolio:
    """Totals over the initiatives rendered together, for the index."""
    ordered = sorted(initiatives, key=lambda i: i.id)
    by_status = [
        Count(status.value, count, _status_count(status, count))
        for status in Status
        if (count := sum(1 for i in ordered if i.status == status.value))
    ]
    decisions = [c.decision for i in ordered for c in i.cycles]
    by_decision = [
        Count(decision.value if decision else "", count, _decision_count(decision, count))
        for decision in (*CycleDecision, None)
        if (count := decisions.count(decision.value if decision else None))
    ]
    return Portfolio(
        initiatives=ordered,
        by_status=by_status,
        cycles=len(decisions),
        by_decision=by_decision,
        stop_doing_freed_per_month=sum(
            i.stop_doing.freed_per_month for i in ordered if i.stop_doing is not None
        ),
        closures_freed_per_month=sum(
            i.closure.freed_hours or 0.0 for i in ordered if i.closure is not None
        ),
    )
