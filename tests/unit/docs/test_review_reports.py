"""The coach report and the portfolio report: rendered from the templates in both languages,
with user text kept in its place (a pipe in a title does not break a table)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from forbattra.core.cycle_stats import CycleStats
from forbattra.core.fidelity import Check, Feature, Fidelity
from forbattra.core.overview import ClosureFacts, InitiativeFacts, Period, SignalFacts, overview
from forbattra.core.review_text import QueueItem, QueueKind
from forbattra.core.vocabulary import ClosureReason, CycleDecision, Method, Status
from forbattra.docs.review_reports import coach_report, portfolio_report
from forbattra.store.services.review import CoachReview, InitiativeReview, ReviewQueue

from .mdcheck import parse, table_cell_counts
from .support import speaking

TRICKY = "Väntetid | växeln # [x](y) `kod`"


def _overview() -> object:
    from forbattra.core.cycle_stats import CycleFacts

    initiatives = [
        InitiativeFacts(1, TRICKY, Method.PDSA, "Cycles", 3, Status.ACTIVE, "Kontakt|center", 5,
                        date(2025, 1, 10)),
        InitiativeFacts(2, "Anonym inkorg", Method.PDSA, "Cycles", 3, Status.CLOSED, "HR", None,
                        date(2024, 1, 10), date(2025, 1, 21)),
    ]  # fmt: skip
    return overview(
        initiatives,
        signals=[SignalFacts(1, TRICKY, "Väntetid", True, date(2025, 4, 4), date(2025, 5, 1))],
        closures=[
            ClosureFacts(
                2,
                "Anonym inkorg",
                "HR",
                ClosureReason.NOT_USED,
                "Idéer behöver dialog.\n\n# inte en rubrik",
                date(2025, 1, 21),
                6.0,
            )
        ],
        cycles=[
            CycleFacts(
                1, 1, None, True, True, CycleDecision.ADOPT, date(2025, 2, 1), date(2025, 3, 1)
            )
        ],
        period=Period(date(2025, 1, 1), None),
    )


def test_the_portfolio_report_in_both_languages() -> None:
    found = _overview()
    with speaking("en"):
        english = portfolio_report(found)  # type: ignore[arg-type]
    with speaking("sv"):
        swedish = portfolio_report(found)  # type: ignore[arg-type]
    parsed = parse(english)
    assert parsed.front["title"] == "Portfolio overview"
    assert parsed.headings[0] == (1, "Portfolio overview, from 2025-01-01")
    assert "Where the improvements are" in [text for _level, text in parsed.headings]
    assert "Idéer behöver dialog." in parsed.text
    # The lesson's "# inte en rubrik" stays inside the quote, not a heading of its own.
    assert "inte en rubrik" not in [text for _level, text in parsed.headings]
    # Every table row has as many cells as its heading, whatever the unit's name holds.
    for table in table_cell_counts(parsed.body):
        assert len(set(table)) == 1, table
    assert "Kontakt|center" in str(parsed.tables)
    # The one finished cycle has no answer on its prediction; the report says so.
    assert "whether predictions held: not answered (1 finished)" in parsed.text
    assert "Per fas" in swedish and "By phase" not in swedish
    assert swedish.endswith("\n") and not swedish.endswith("\n\n")


def test_the_coach_report_lists_queue_fidelity_and_stalled() -> None:
    # 2 finished: one held, one held in part; none without an answer.
    stats = CycleStats(3, 3, 2, 1, 35.5, 35.5, 1, 1, 0, 1, 1, 0, 0)
    checks = (
        Check(Feature.MEASURABLE_AIM, True, "The aim says how much, with a number."),
        Check(Feature.PREDICTION, False, "No prediction in cycle 2."),
    )
    review = CoachReview(
        rows=(
            InitiativeReview(1, TRICKY, Method.PDSA, Status.ACTIVE, "Kontakt", stats,
                             Fidelity(1, checks)),
        ),
        overall=stats,
        stalled=((1, TRICKY, 9),),
        weeks=6,
    )  # fmt: skip
    queue = ReviewQueue(
        "Helena",
        datetime(2025, 5, 1, 8, tzinfo=UTC),
        6,
        (QueueItem(QueueKind.CYCLE_FINISHED, 1, TRICKY, Method.PDSA, None, "2", "adapt"),),
    )
    with speaking("en"):
        text = coach_report(review, queue)
    parsed = parse(text)
    headings = [heading for _level, heading in parsed.headings]
    assert headings[:3] == ["Coach report", "Review queue", "Cycles across all initiatives"]
    assert "Stalled: no activity for 6 weeks or more" in headings
    assert "Cycle 2 finished: adapt" in parsed.text
    assert "No prediction in cycle 2." in parsed.text
    assert "9 weeks" in parsed.text
    assert "predictions held 50 %, partly 50 %, not 0 % (of 2 answered)" in parsed.text
    for table in table_cell_counts(parsed.body):
        assert len(set(table)) == 1, table
    fidelity = parsed.tables[1]
    assert fidelity[0] == ["#", "Initiative", "Cycles", "Aim", "Prediction"]
    assert fidelity[1][3:] == ["✓", "·"]
