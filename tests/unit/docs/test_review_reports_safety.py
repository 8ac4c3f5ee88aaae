"""Whatever people type, the coach report and the portfolio report keep their structure and
their words (hypothesis): titles, units, measure names, lessons and the reviewer's name full of
what markdown and YAML give a meaning to, as stored (the same cleaning as an import)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import HealthCheck, given, settings

from forbattra.core.cycle_stats import CycleFacts, cycle_stats
from forbattra.core.fidelity import Check, Feature, Fidelity
from forbattra.core.overview import (
    ClosureFacts,
    FreedFacts,
    InitiativeFacts,
    Period,
    SignalFacts,
    overview,
)
from forbattra.core.review_text import QueueItem, QueueKind
from forbattra.core.vocabulary import ClosureReason, CycleDecision, Method, Status
from forbattra.docs.review_reports import coach_report, portfolio_report
from forbattra.store.services.review import CoachReview, InitiativeReview, ReviewQueue

from .mdcheck import norm, parse
from .support import speaking
from .test_docs_safety import Texts, document, no_html, present, tables_keep_their_columns, texts

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
CYCLE = CycleFacts(1, 1, None, True, True, CycleDecision.ADOPT, date(2025, 2, 1), date(2025, 3, 1))


@SETTINGS
@given(texts)
def test_user_text_never_breaks_the_portfolio_report(t: Texts) -> None:
    doc = document(t)
    data, closure, measure = doc.initiative, doc.closure, doc.measures[0]
    assert closure is not None
    facts = [
        InitiativeFacts(1, data.title, Method.PDSA, "Cycles", 3, Status.ACTIVE, data.unit, 5,
                        date(2025, 1, 10)),
        InitiativeFacts(2, doc.cycles[0].title, Method.PDSA, "Cycles", 3, Status.CLOSED,
                        data.sponsor, None, date(2024, 1, 10), date(2025, 1, 21)),
    ]  # fmt: skip
    found = overview(
        facts,
        signals=[
            SignalFacts(1, data.title, measure.name, True, date(2025, 4, 4), date(2025, 5, 1))
        ],
        closures=[
            ClosureFacts(
                2,
                doc.cycles[0].title,
                data.sponsor,
                ClosureReason.NOT_USED,
                closure.learned,
                date(2025, 1, 21),
                6.0,
            ),
        ],
        cycles=[CYCLE],
        freed=[FreedFacts(data.unit, doc.stop_doing[0].activity, 2.0, date(2025, 2, 1))],
        period=Period(date(2025, 1, 1), None),
    )
    with speaking("en"):
        parsed = parse(portfolio_report(found))
    no_html(parsed)
    assert parsed.front["title"] == "Portfolio overview"
    assert parsed.headings == [
        (1, "Portfolio overview, from 2025-01-01"),
        (2, "Where the improvements are"),
        (2, "Cycles"),
        (2, "Time freed"),
        (2, "Closed without prestige, with their lessons"),
        (3, f"#2 {norm(doc.cycles[0].title)}"),
        (2, "By phase"),
        (2, "By status"),
        (2, "By Kommunkompassen area"),
        (2, "By unit"),
    ]
    units = {data.unit or "–", data.sponsor or "–"}
    tables_keep_their_columns(parsed, [1, 2, 2, len(units)])
    present(parsed, data.title, measure.name, closure.learned, doc.cycles[0].title, *units)
    assert "(1 activity)" in parsed.text


@SETTINGS
@given(texts)
def test_user_text_never_breaks_the_coach_report(t: Texts) -> None:
    doc = document(t)
    data, measure = doc.initiative, doc.measures[0]
    reviewer = data.coach.strip() or "Helena"
    stats = cycle_stats([CYCLE])
    checks = (
        Check(Feature.MEASURABLE_AIM, True, "The aim says how much, with a number."),
        Check(Feature.MONTHLY_DATA, False, f"{measure.name}: fewer than one value a month."),
    )
    review = CoachReview(
        rows=(
            InitiativeReview(1, data.title, Method.PDSA, Status.ACTIVE, data.unit, stats,
                             Fidelity(1, checks)),
        ),
        overall=stats,
        stalled=((1, data.title, 9),),
        weeks=6,
    )  # fmt: skip
    at = datetime(2025, 5, 1, 8, tzinfo=UTC)
    queue = ReviewQueue(
        reviewer,
        at,
        6,
        (
            QueueItem(
                QueueKind.SIGNAL, 1, data.title, Method.PDSA, at, measure.name, "improvement"
            ),
            QueueItem(QueueKind.CYCLE_FINISHED, 1, data.title, Method.PDSA, at, "1", "adopt"),
        ),
    )
    with speaking("en"):
        parsed = parse(coach_report(review, queue))
    no_html(parsed)
    assert parsed.front["title"] == "Coach report"
    assert parsed.front["reviewer"] == reviewer
    assert parsed.headings == [
        (1, "Coach report"),
        (2, "Review queue"),
        (2, "Cycles across all initiatives"),
        (2, "PDSA fidelity"),
        (3, f"#1 {norm(data.title)}"),
        (2, "Stalled: no activity for 6 weeks or more"),
    ]
    tables_keep_their_columns(parsed, [2, 1])
    present(parsed, data.title, reviewer, measure.name)
    if data.unit.strip():
        present(parsed, data.unit)
