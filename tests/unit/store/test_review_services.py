"""The coach's services on both backends: history, comments, the review queue, the learning
archive, cycle statistics with fidelity, and the overview."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from forbattra.core.domain import NewClosure, NewInitiative, NewMeasure
from forbattra.core.fidelity import Feature
from forbattra.core.review import EntryKind
from forbattra.core.review_text import QueueKind
from forbattra.core.vocabulary import (
    ClosureReason,
    CycleDecision,
    Direction,
    Method,
    PredictionHeld,
    Status,
)
from forbattra.store.database import Database
from forbattra.store.errors import InvalidInput, NotFound
from forbattra.store.services import archive, comments, cycles, measures, observations, review
from forbattra.store.services.closures import close_initiative
from forbattra.store.services.events import history as raw_history
from forbattra.store.services.history import initiative_history
from forbattra.store.services.initiatives import create_initiative, move_to_phase, set_answer
from forbattra.store.services.overview import portfolio_overview

pytestmark = pytest.mark.usefixtures("english")


def initiative(db: Database, title: str = "Återkoppling till invånare") -> int:
    new = NewInitiative(title, Method.PDSA, unit="Kontaktcenter", area=5)
    return create_initiative(db, "Åsa", new).id


def run_cycle(db: Database, initiative_id: int, decision: CycleDecision) -> int:
    cycle = cycles.add_cycle(db, "Åsa", initiative_id, "Svar inom 14 dagar")
    cycles.edit_cycle_text(db, "Åsa", cycle.id, "prediction", "Hälften får svar i tid")
    cycles.start_cycle(db, "Åsa", cycle.id, on=date(2025, 2, 3))
    cycles.edit_cycle_text(db, "Åsa", cycle.id, "study", "Fler än vi trott fick svar")
    cycles.set_cycle_decision(db, "Åsa", cycle.id, decision, on=date(2025, 3, 3))
    return cycle.id


def measure_with_signal(db: Database, initiative_id: int) -> None:
    """Eight weeks around 10, then eight at 3: lower is better, a long run below the median."""
    measure = measures.add_measure(
        db,
        "Åsa",
        initiative_id,
        NewMeasure("Dagar till svar", direction=Direction.LOWER_IS_BETTER, baseline_points=8),
    )
    values = [9.0, 11.0] * 4 + [3.0] * 8
    for week, value in enumerate(values):
        day = date(2025, 1, 6) + timedelta(weeks=week)
        observations.add_observation(db, "Johan", measure.id, day, value)


def test_history_tells_cycles_answers_and_signals(database: Database) -> None:
    initiative_id = initiative(database)
    set_answer(database, "Åsa", initiative_id, "aim", "aim", "Fler svar")
    set_answer(database, "Åsa", initiative_id, "aim", "aim", "80 % svar inom 30 dagar")
    first = run_cycle(database, initiative_id, CycleDecision.ADAPT)
    cycles.next_cycle(database, "Åsa", first)
    measure_with_signal(database, initiative_id)
    found = initiative_history(database, initiative_id)
    # Signals are dated by their values (2025); the events by when they were recorded (now).
    texts = [entry.text for entry in found.entries if entry.kind != EntryKind.SIGNAL]
    assert texts[0] == "Started"
    assert "Answer changed: What are we trying to accomplish?" in texts
    changed = next(e for e in found.entries if e.text.startswith("Answer changed"))
    assert (changed.before, changed.after) == ("Fler svar", "80 % svar inom 30 dagar")
    assert "Cycle 1 started (Do) on 2025-02-03" in texts
    assert "Cycle 1 finished: adapt" in texts
    assert "Cycle 2 planned, following cycle 1" in texts
    signals = [e for e in found.entries if e.kind == EntryKind.SIGNAL]
    # The sixteenth value completes a run of eight below the frozen median.
    assert [(e.text, e.at.date()) for e in signals] == [
        ("Signal of improvement: Dagar till svar", date(2025, 1, 6) + timedelta(weeks=15))
    ]
    with pytest.raises(NotFound):
        initiative_history(database, 999)


def test_comments_on_initiative_phase_and_cycle(database: Database) -> None:
    initiative_id = initiative(database)
    run_cycle(database, initiative_id, CycleDecision.ADOPT)
    on_all = comments.add_comment(database, "Helena", initiative_id, "  Bra start!  ")
    on_phase = comments.add_comment(
        database, "Helena", initiative_id, "Mät varje vecka", target="phase:aim"
    )
    on_cycle = comments.add_comment(
        database, "Helena", initiative_id, "Vem följer upp?", target="cycle:1"
    )
    assert (on_all.author, on_all.text, on_all.target) == ("Helena", "Bra start!", "initiative")
    with pytest.raises(NotFound, match="no cycle 9"):
        comments.add_comment(database, "Helena", initiative_id, "x", target="cycle:9")
    with pytest.raises(InvalidInput):
        comments.add_comment(database, "Helena", initiative_id, "x", target="phase:define")
    with pytest.raises(InvalidInput, match="empty"):
        comments.add_comment(database, "Helena", initiative_id, "   ")
    resolved = comments.set_resolved(database, "Åsa", on_phase.id)
    assert resolved.resolved
    with pytest.raises(NotFound):
        comments.set_resolved(database, "Åsa", 999)
    listed = comments.list_comments(database, initiative_id)
    assert [c.id for c in listed] == [on_all.id, on_phase.id, on_cycle.id]
    still_open = comments.list_comments(database, initiative_id, include_resolved=False)
    assert [c.id for c in still_open] == [on_all.id, on_cycle.id]
    assert [c.id for c in comments.list_comments(database, initiative_id, target="cycle:1")] == [
        on_cycle.id
    ]
    comments.set_resolved(database, "Åsa", on_phase.id, False)
    events = [e for e in raw_history(database, initiative_id) if e.entity == "comment"]
    assert [(e.actor, e.action, e.field) for e in events] == [
        ("Helena", "comment", "initiative"),
        ("Helena", "comment", "phase:aim"),
        ("Helena", "comment", "cycle:1"),
        ("Åsa", "resolve", "phase:aim"),
        ("Åsa", "unresolve", "phase:aim"),
    ]
    timeline = initiative_history(database, initiative_id).entries
    assert "Comment on cycle 1" in [e.text for e in timeline if e.kind == EntryKind.COMMENT]


def test_the_queue_shows_what_is_new_since_the_coach_looked(database: Database) -> None:
    initiative_id = initiative(database)
    run_cycle(database, initiative_id, CycleDecision.ADAPT)
    measure_with_signal(database, initiative_id)
    move_to_phase(database, "Åsa", initiative_id, "measures", open_items=["No aim yet"])
    first = review.review_queue(database, "Helena", weeks=4)
    assert first.looked_at is None
    assert [(i.kind, i.subject, i.detail) for i in first.items] == [
        (QueueKind.CYCLE_FINISHED, "1", "adapt"),
        (QueueKind.GATE_OPEN, "aim", "No aim yet"),
        (QueueKind.SIGNAL, "Dagar till svar", "improvement"),
    ]
    looked = review.mark_looked(database, "Helena")
    again = review.review_queue(database, "Helena", weeks=4)
    assert again.looked_at == looked
    assert again.items == ()
    # Someone else's mark is their own.
    assert len(review.review_queue(database, "Omar", weeks=4).items) == 3
    second = run_cycle(database, initiative_id, CycleDecision.ABANDON)
    later = review.review_queue(database, "Helena", weeks=4)
    assert [(i.kind, i.subject, i.detail) for i in later.items] == [
        (QueueKind.CYCLE_FINISHED, "2", "abandon")
    ]
    # Taking a decision back is not a finished cycle.
    cycles.set_cycle_decision(database, "Åsa", second, None)
    assert len(review.review_queue(database, "Helena", weeks=4).items) == 1
    # Five weeks on, nothing new, but the initiative has stalled; comments do not count.
    comments.add_comment(database, "Helena", initiative_id, "Hur går det?")
    quiet = review.review_queue(
        database, "Helena", weeks=4, now=datetime.now(UTC) + timedelta(weeks=5)
    )
    stalled = [i for i in quiet.items if i.kind == QueueKind.STALLED]
    assert [(i.initiative_id, i.detail) for i in stalled] == [(initiative_id, "5")]
    with pytest.raises(InvalidInput):
        review.review_queue(database, "Helena", weeks=0)
    marks = [e for e in raw_history(database, initiative_id) if e.entity == "review_mark"]
    assert marks == []  # the mark belongs to no initiative


def test_coach_review_counts_cycles_and_fidelity(database: Database) -> None:
    initiative_id = initiative(database)
    set_answer(database, "Åsa", initiative_id, "aim", "aim", "80 % svar inom 30 dagar")
    first = run_cycle(database, initiative_id, CycleDecision.ADAPT)
    cycles.set_prediction_held(database, "Åsa", first, PredictionHeld.PARTLY)
    follow = cycles.next_cycle(database, "Åsa", first)
    cycles.start_cycle(database, "Åsa", follow.id, on=date(2025, 3, 10))
    # The follow-up's answer does not count while it is under way.
    cycles.set_prediction_held(database, "Åsa", follow.id, PredictionHeld.YES)
    cycles.edit_cycle_text(database, "Åsa", follow.id, "prediction", "Efteråt", after_start=True)
    other = initiative(database, "Annan")
    found = review.coach_review(database, weeks=4)
    rows = {row.id: row for row in found.rows}
    stats = rows[initiative_id].stats
    assert (stats.cycles, stats.finished, stats.adapted, stats.median_days) == (2, 1, 1, 28.0)
    assert (stats.held, stats.held_partly, stats.not_held, stats.unanswered) == (0, 1, 0, 0)
    checks = {c.feature: c for c in rows[initiative_id].fidelity.checks}
    assert checks[Feature.MEASURABLE_AIM].present
    assert checks[Feature.SMALL_SCALE].present  # 28 days
    assert checks[Feature.LINKED_CYCLES].present
    assert not checks[Feature.PREDICTION].present
    assert checks[Feature.PREDICTION].reason == (
        "The prediction of cycle 2 was changed after Do started."
    )
    assert not checks[Feature.MONTHLY_DATA].present
    assert rows[other].fidelity.present == 0
    assert found.overall.cycles == 2


def test_archive_finds_swedish_words_in_any_case(database: Database) -> None:
    first = initiative(database, "Återkoppling till invånare")
    set_answer(database, "Åsa", first, "aim", "aim", "100% ska få svar; 10_% är för lite")
    closed = initiative(database, "Anonym inkorg")
    close_initiative(
        database,
        "Petra",
        closed,
        NewClosure(ClosureReason.NOT_USED, learned="Idéer behöver DIALOG på arbetsplatsträffen."),
    )
    hits = archive.search(database, "återKOPPLING")
    assert [(h.initiative_id, h.place) for h in hits] == [(first, "Title")]
    assert archive.search(database, "ÅTERKOPPLING INVÅNARE")[0].title == first_title(hits)
    lesson = archive.search(database, "dialog arbetsplatsträffen")
    assert [(h.initiative_id, h.status, h.place) for h in lesson] == [
        (closed, Status.CLOSED, "What we learned")
    ]
    # % and _ are plain characters, not wildcards.
    assert [h.place for h in archive.search(database, "100%")] == [
        "What are we trying to accomplish?"
    ]
    assert archive.search(database, "1_0%") == []
    assert archive.search(database, "a.c") == []
    with pytest.raises(InvalidInput):
        archive.search(database, "   ")


def first_title(hits: list[archive.Hit]) -> str:
    return hits[0].title


def test_overview_reads_the_whole_portfolio(database: Database) -> None:
    active = initiative(database)
    run_cycle(database, active, CycleDecision.ADOPT)
    measure_with_signal(database, active)
    closed = initiative(database, "Anonym inkorg")
    close_initiative(
        database,
        "Petra",
        closed,
        NewClosure(
            ClosureReason.NOT_USED,
            learned="Idéer behöver dialog.",
            freed_hours=6.0,
            closed_on=date(2025, 1, 21),
        ),
        today=date(2025, 1, 21),
    )
    found = portfolio_overview(database)
    assert found.initiatives == 2
    assert dict(found.by_status) == {Status.ACTIVE: 1, Status.CLOSED: 1}
    assert [s.measure for s in found.improvements] == ["Dagar till svar"]
    assert [(c.initiative_id, c.learned) for c in found.closures] == [
        (closed, "Idéer behöver dialog.")
    ]
    assert found.closure_hours_freed == 6.0
    assert (found.cycles.cycles, found.cycles.adopted) == (1, 1)
    assert (found.cycles.answered, found.cycles.unanswered) == (0, 1)  # finished, not answered
    later = portfolio_overview(database, since=date(2025, 2, 1))
    assert later.closures == ()
    assert later.initiatives == 1
    with pytest.raises(InvalidInput):
        portfolio_overview(database, since=date(2025, 2, 1), until=date(2025, 1, 1))
