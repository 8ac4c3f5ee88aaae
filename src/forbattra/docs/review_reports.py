"""The coach report (review queue, cycle history, fidelity) and the portfolio report (the
overview), rendered from ``coach-report.md.j2`` and ``portfolio-report.md.j2``.

Labels are translated here, so the templates only place them; user text still goes through
the md_* filters in the templates. Like every document, no clock is read: the same data gives
the same bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from forbattra.core.fidelity import feature_label, feature_short
from forbattra.core.review_text import (
    percent,
    predictions_text,
    queue_label,
    queue_text,
    stats_line,
)
from forbattra.core.vocabulary import area_short, label
from forbattra.docs import environment as env
from forbattra.docs.documents import tidy
from forbattra.docs.sections import local_date
from forbattra.i18n import _

if TYPE_CHECKING:
    from forbattra.core.cycle_stats import CycleStats
    from forbattra.core.overview import Overview
    from forbattra.store.services.review import CoachReview, ReviewQueue

PORTFOLIO_TEMPLATE = "portfolio-report.md.j2"
COACH_TEMPLATE = "coach-report.md.j2"


def _stats(stats: CycleStats) -> dict[str, Any]:
    return {
        "line": stats_line(stats),
        "cycles": stats.cycles,
        "finished": stats.finished,
        "under_way": stats.under_way,
        "median_days": stats.median_days,
        "adopted": percent(stats.adopted, stats.finished),
        "adapted": percent(stats.adapted, stats.finished),
        "abandoned": percent(stats.abandoned, stats.finished),
        "predictions": predictions_text(stats),
        "answered": stats.answered,
        "held": percent(stats.held, stats.answered),
        "held_partly": percent(stats.held_partly, stats.answered),
        "not_held": percent(stats.not_held, stats.answered),
        "unanswered": stats.unanswered,
    }


def portfolio_context(found: Overview) -> dict[str, Any]:
    def signal(s: Any) -> dict[str, Any]:
        return {"id": s.initiative_id, "title": s.title, "measure": s.measure, "since": s.since}

    return {
        "period": found.period.text(),
        "initiatives": found.initiatives,
        "started": found.started,
        "by_phase": [
            {"method": label(method), "phase": phase, "count": count}
            for method, phase, count in found.by_method_phase
        ],
        "by_status": [{"label": label(s), "count": n} for s, n in found.by_status],
        "by_area": [
            {"label": area_short(a) if a else _("No area"), "count": n} for a, n in found.by_area
        ],
        "by_unit": [{"label": u, "count": n} for u, n in found.by_unit],
        "improvements": [signal(s) for s in found.improvements],
        "deteriorations": [signal(s) for s in found.deteriorations],
        "cycles": _stats(found.cycles),
        "hours_in_period": found.hours_freed_in_period,
        "hours_total": found.hours_freed_total,
        "freed_activities": found.freed_activities,
        "closure_hours": found.closure_hours_freed,
        "closures": [
            {
                "id": c.initiative_id,
                "title": c.title,
                "unit": c.unit,
                "reason": label(c.reason),
                "closed_on": c.closed_on,
                "learned": c.learned,
            }
            for c in found.closures
        ],
    }


def coach_context(found: CoachReview, queue: ReviewQueue) -> dict[str, Any]:
    features = found.rows[0].fidelity.checks if found.rows else ()
    return {
        "reviewer": queue.reviewer,
        "looked_at": local_date(queue.looked_at),
        "weeks": found.weeks,
        "queue": [
            {
                "what": queue_label(item.kind),
                "id": item.initiative_id,
                "title": item.title,
                "at": local_date(item.at),
                "text": queue_text(item),
            }
            for item in queue.items
        ],
        "overall": _stats(found.overall),
        "features": [feature_short(check.feature) for check in features],
        "rows": [
            {
                "id": row.id,
                "title": row.title,
                "method": label(row.method),
                "status": label(row.status),
                "unit": row.unit,
                "stats": _stats(row.stats),
                "present": row.fidelity.present,
                "checks": [
                    {
                        "label": feature_label(check.feature),
                        "present": check.present,
                        "reason": check.reason,
                    }
                    for check in row.fidelity.checks
                ],
            }
            for row in found.rows
        ],
        "stalled": [
            {"id": initiative_id, "title": title, "weeks": weeks}
            for initiative_id, title, weeks in found.stalled
        ],
    }


def portfolio_report(found: Overview, *, templates: Path | None = None) -> str:
    environment = env.cached_environment(templates)
    return tidy(env.render(environment, PORTFOLIO_TEMPLATE, portfolio_context(found)))


def coach_report(found: CoachReview, queue: ReviewQueue, *, templates: Path | None = None) -> str:
    environment = env.cached_environment(templates)
    return tidy(env.render(environment, COACH_TEMPLATE, coach_context(found, queue)))
