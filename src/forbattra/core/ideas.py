"""The idea inbox (förslagslåda): the statuses of an idea, which moves are allowed, and the
statistics with which the inbox judges itself.

Ale closed its anonymous improvement mailbox because it produced few suggestions ("we shall
not have a mailbox nobody uses"); :func:`inbox_stats` and :func:`verdict` let any inbox see
the same thing in its own numbers, and say so in a plain sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from forbattra.i18n import N_, _, ngettext

# How an imported idea is marked in its ``author`` column: it was not a person's submission
# but a line of a file (say a Kommunkompassen evaluation), and says which file. A stable,
# untranslated value: it is stored, and read back by :func:`imported_from`.
IMPORT_PREFIX = "import: "
# Longest idea text: a few paragraphs, enough for an idea and its why.
MAX_IDEA = 4_000
# The inbox counts as little used below this many ideas in the last three months.
LITTLE_USED = 3
# How many months back the statistics and the judgement look.
WINDOW_MONTHS = 3
HISTORY_MONTHS = 12


class IdeaStatus(StrEnum):
    NEW = "new"
    UNDER_REVIEW = "under_review"
    INITIATIVE = "initiative"
    NOT_NOW = "not_now"


_STATUS_LABELS = {
    IdeaStatus.NEW: N_("new"),
    IdeaStatus.UNDER_REVIEW: N_("under review"),
    IdeaStatus.INITIATIVE: N_("became an initiative"),
    IdeaStatus.NOT_NOW: N_("not now"),
}

# Where an idea may go from each status. An initiative is the end of an idea's road (the
# initiative itself can be closed without prestige); "not now" can be taken up again.
_ALLOWED: dict[IdeaStatus, frozenset[IdeaStatus]] = {
    IdeaStatus.NEW: frozenset({IdeaStatus.UNDER_REVIEW, IdeaStatus.NOT_NOW, IdeaStatus.INITIATIVE}),
    IdeaStatus.UNDER_REVIEW: frozenset({IdeaStatus.NOT_NOW, IdeaStatus.INITIATIVE}),
    IdeaStatus.NOT_NOW: frozenset({IdeaStatus.UNDER_REVIEW, IdeaStatus.INITIATIVE}),
    IdeaStatus.INITIATIVE: frozenset(),
}


def status_label(status: IdeaStatus) -> str:
    """The translated name of a status."""
    return _(_STATUS_LABELS[status])


@dataclass(frozen=True)
class NewIdea:
    """What a person leaves in the inbox. An empty ``author`` is an anonymous idea."""

    text: str
    unit: str = ""
    area: int | None = None
    author: str = ""


@dataclass(frozen=True)
class IdeaView:
    """One idea as the inbox shows it. ``received_on`` is a date: the time is never kept."""

    id: str
    text: str
    unit: str
    area: int | None
    author: str
    received_on: date
    status: IdeaStatus
    status_reason: str = ""
    votes: int = 0
    initiative_id: int | None = None

    @property
    def anonymous(self) -> bool:
        return not self.author

    @property
    def imported_from(self) -> str | None:
        """The file an imported idea came from; None for a person's submission."""
        return imported_from(self.author)

    @property
    def source(self) -> str:
        """Who or what the idea came from, for a person to read."""
        if self.anonymous:
            return _("anonymous")
        source = self.imported_from
        if source is not None:
            return _("from {file}").format(file=source)
        return self.author


def imported_from(author: str) -> str | None:
    if author.startswith(IMPORT_PREFIX):
        return author.removeprefix(IMPORT_PREFIX)
    return None


def transition_problem(old: IdeaStatus, new: IdeaStatus, reason: str = "") -> str | None:
    """Why an idea cannot move from ``old`` to ``new`` (a message), or None if it can."""
    if new is IdeaStatus.NEW:
        return _("An idea cannot be made new again.")
    if old is IdeaStatus.INITIATIVE:
        return _("The idea has already become an initiative; its status cannot change.")
    if old is new:
        return _("The idea already has the status {status}.").format(status=status_label(old))
    if new not in _ALLOWED[old]:
        return _("An idea cannot go from {old} to {new}.").format(
            old=status_label(old), new=status_label(new)
        )
    if new is IdeaStatus.NOT_NOW and not reason.strip():
        return _(
            "Say why not now, in words the person who sent the idea can read:"
            " they may have no other way to hear back."
        )
    return None


def allowed(old: IdeaStatus) -> frozenset[IdeaStatus]:
    """The statuses an idea in ``old`` may move to."""
    return _ALLOWED[old]


def initiative_title(text: str, limit: int = 80) -> str:
    """A title made from an idea: its first line, cut at a word before ``limit`` characters."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    first = " ".join(first.split())
    if len(first) <= limit:
        return first
    cut = first[: limit - 1].rsplit(" ", 1)[0] or first[: limit - 1]
    return cut.rstrip(" ,.;:–-") + "…"


# --- The inbox judges itself ------------------------------------------------------------------


@dataclass(frozen=True)
class IdeaFact:
    """What the statistics need of one idea."""

    received_on: date
    status: IdeaStatus
    imported: bool = False


@dataclass(frozen=True)
class MonthCount:
    """Ideas that arrived in one month, and how many of them became initiatives."""

    month: str  # "2025-03"
    received: int
    initiatives: int


@dataclass(frozen=True)
class InboxStats:
    """The inbox in numbers. ``months`` are the last months, oldest first, empty ones too.

    Submissions (anonymous or signed) and imported ideas are counted apart: an imported
    list says nothing about whether people use the inbox.
    """

    today: date
    submitted: int
    imported: int
    initiatives: int
    not_now: int
    open: int
    recent: int
    """Submissions in the last three months."""
    first_received: date | None
    """The first submission's date: an inbox younger than three months is not judged yet."""
    months: tuple[MonthCount, ...]

    @property
    def total(self) -> int:
        return self.submitted + self.imported

    @property
    def share(self) -> float | None:
        """The share of all ideas that became initiatives, 0–1; None without ideas."""
        return self.initiatives / self.total if self.total else None

    @property
    def young(self) -> bool:
        """Too young to judge: the first submission came less than three months ago."""
        return self.first_received is None or self.first_received > months_before(
            self.today, WINDOW_MONTHS
        )

    @property
    def little_used(self) -> bool:
        return not self.young and self.recent < LITTLE_USED


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def inbox_stats(
    facts: Iterable[IdeaFact], today: date, *, history_months: int = HISTORY_MONTHS
) -> InboxStats:
    """The numbers of the inbox on ``today``; ``months`` covers the last ``history_months``
    calendar months including this one."""
    facts = list(facts)
    keys = [_month_key(months_before(today.replace(day=1), back)) for back in range(history_months)]
    keys.reverse()
    if facts:  # a young inbox shows its own months, not a year of empty ones before it
        start = _month_key(min(fact.received_on for fact in facts))
        keys = [key for key in keys if key >= start] or keys[-1:]
    else:
        keys = []
    received = dict.fromkeys(keys, 0)
    became = dict.fromkeys(keys, 0)
    since = months_before(today, WINDOW_MONTHS)
    submitted = [fact for fact in facts if not fact.imported]
    for fact in facts:
        key = _month_key(fact.received_on)
        if key in received:
            received[key] += 1
            if fact.status is IdeaStatus.INITIATIVE:
                became[key] += 1
    return InboxStats(
        today=today,
        submitted=len(submitted),
        imported=len(facts) - len(submitted),
        initiatives=sum(1 for fact in facts if fact.status is IdeaStatus.INITIATIVE),
        not_now=sum(1 for fact in facts if fact.status is IdeaStatus.NOT_NOW),
        open=sum(1 for fact in facts if fact.status in (IdeaStatus.NEW, IdeaStatus.UNDER_REVIEW)),
        recent=sum(1 for fact in submitted if since < fact.received_on <= today),
        first_received=min((fact.received_on for fact in submitted), default=None),
        months=tuple(MonthCount(key, received[key], became[key]) for key in keys),
    )


def percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)} %"


def summary(stats: InboxStats) -> str:
    """One line: how many ideas, how many became initiatives, and the share."""
    if not stats.total:
        return _("No ideas yet.")
    parts = [
        ngettext("{count} idea", "{count} ideas", stats.total).format(count=stats.total),
        ngettext(
            "{count} became an initiative ({share})",
            "{count} became initiatives ({share})",
            stats.initiatives,
        ).format(count=stats.initiatives, share=percent(stats.share)),
        ngettext("{count} not now", "{count} not now", stats.not_now).format(count=stats.not_now),
        ngettext("{count} waiting", "{count} waiting", stats.open).format(count=stats.open),
    ]
    if stats.imported:
        parts.append(
            ngettext("{count} imported", "{count} imported", stats.imported).format(
                count=stats.imported
            )
        )
    return " · ".join(parts)


def verdict(stats: InboxStats) -> str:
    """A plain sentence on whether the inbox is used, in the spirit of closing without
    prestige: an unused inbox is not a failure, and ending it frees attention."""
    if stats.submitted == 0:
        return _(
            "Nobody has left an idea yet. Give the inbox a few months; if it stays empty,"
            " it can be closed without prestige."
        )
    if stats.young:
        return _("The inbox is less than three months old: too early to judge how much it is used.")
    if stats.little_used:
        return ngettext(
            "Only {count} idea in the last three months. An inbox nobody uses can be closed"
            " without prestige, as Ale did: ask for ideas at workplace meetings instead.",
            "Only {count} ideas in the last three months. An inbox nobody uses can be closed"
            " without prestige, as Ale did: ask for ideas at workplace meetings instead.",
            stats.recent,
        ).format(count=stats.recent)
    return ngettext(
        "{count} idea in the last three months: the inbox is used.",
        "{count} ideas in the last three months: the inbox is used.",
        stats.recent,
    ).format(count=stats.recent)
