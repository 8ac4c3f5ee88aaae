"""The portfolio's keys: what the home screen offers, in the footer's order."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from forbattra.i18n import _

PORTFOLIO_BINDINGS: list[BindingType] = [
    Binding("n", "new", _("New"), tooltip=_("Start a new initiative"), id="portfolio.new"),
    Binding("enter", "open", _("Open"), priority=True, id="portfolio.open"),
    Binding(
        "i",
        "summary",
        _("Summary"),
        show=False,
        tooltip=_("A read-only summary of the highlighted initiative"),
        id="portfolio.summary",
    ),
    Binding("slash,ctrl+f", "filter", _("Filter"), id="portfolio.filter"),
    Binding(
        "s",
        "sort_next",
        _("Sort"),
        tooltip=_("Sort by the next column (or click a column heading)"),
        id="portfolio.sort",
    ),
    Binding(
        "S",
        "sort_reverse",
        _("Reverse order"),
        show=False,
        tooltip=_("Reverse the sort order"),
        id="portfolio.sort_reverse",
    ),
    Binding(
        "c",
        "show_closed",
        _("Show closed"),
        tooltip=_("Show or hide closed and completed initiatives"),
        id="portfolio.show_closed",
    ),
    Binding(
        "c",
        "hide_closed",
        _("Hide closed"),
        tooltip=_("Show or hide closed and completed initiatives"),
        id="portfolio.hide_closed",
    ),
    Binding(
        "r",
        "reload",
        _("Reload"),
        tooltip=_("Read the initiatives from the database again"),
        id="portfolio.reload",
    ),
    # Closing without prestige, pausing, reopening, a unit's stop-doing check.
    Binding(
        "x",
        "close_initiative",
        _("Close initiative"),
        tooltip=_("Close the highlighted initiative without prestige, with what was learned"),
        id="portfolio.close",
    ),
    Binding(
        "p",
        "pause",
        _("Pause/resume"),
        show=False,
        tooltip=_("Pause until a review date, or resume a paused initiative"),
        id="portfolio.pause",
    ),
    Binding(
        "o",
        "reopen",
        _("Reopen"),
        show=False,
        tooltip=_("Take a closed initiative up again (asks first)"),
        id="portfolio.reopen",
    ),
    Binding(
        "u",
        "unit_stop_doing",
        _("Unit check"),
        show=False,
        tooltip=_("A stop-doing check of a unit's own routines, tied to no initiative"),
        id="portfolio.unit_stop_doing",
    ),
    Binding(
        "b",
        "idea_inbox",
        _("Ideas"),
        tooltip=_("The idea inbox: leave an idea, triage, see whether the inbox is used"),
        id="portfolio.ideas",
    ),
    Binding(
        "d",
        "document",
        _("Document"),
        show=False,
        tooltip=_("Preview the highlighted initiative's document and export it"),
        id="portfolio.document",
    ),
    # A coach's review: history, queue, overview, learning archive (tui/review_actions.py).
    Binding("h", "history", _("History"), show=False, id="portfolio.history"),
    Binding("g", "review_queue", _("Review queue"), show=False, id="portfolio.queue"),
    Binding("v", "overview", _("Overview"), show=False, id="portfolio.overview"),
    Binding("l", "archive", _("Learning archive"), show=False, id="portfolio.archive"),
    Binding("escape", "clear_filter", _("Clear the filter"), id="portfolio.clear_filter"),
    # The same, from the list: not in the footer, which has no room for it there.
    Binding("escape", "clear_filter_from_list", show=False),
    Binding("down", "focus_table", show=False),
]
