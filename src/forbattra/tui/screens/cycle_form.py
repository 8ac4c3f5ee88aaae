"""The cycle editor's keys and its form: Plan, Do, Study, Act and the dates, in the order a
team fills them in. The screen (``cycle.py``) shows and saves; this only builds."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Static

from forbattra.core.domain import CycleView
from forbattra.i18n import _
from forbattra.tui.widgets.cycles import CycleDates, DecisionChoice
from forbattra.tui.widgets.fields import AutosaveArea, AutosaveLine, Target
from forbattra.tui.widgets.prediction_held import PredictionHeldChoice

CYCLE_BINDINGS: list[BindingType] = [
    Binding("escape", "leave", _("Back"), tooltip=_("Back to the initiative (saves first)")),
    Binding(
        "ctrl+g",
        "start",
        _("Start the test"),
        tooltip=_("Do starts today; the predictions are locked"),
        id="cycle.start",
    ),
    Binding(
        "ctrl+n",
        "next_cycle",
        _("Next cycle"),
        tooltip=_("A new cycle that carries this plan forward"),
        id="cycle.next",
    ),
    Binding(
        "ctrl+l",
        "unlock",
        _("Unlock predictions"),
        show=False,
        tooltip=_("Change the predictions after the start (recorded as such)"),
        id="cycle.unlock",
    ),
    Binding("ctrl+s", "save", _("Save"), tooltip=_("Save now (it also saves by itself)")),
    Binding(
        "f8",
        "close_initiative",
        _("Close initiative"),
        show=False,
        tooltip=_("Close the initiative without prestige"),
        id="cycle.close",
    ),
    Binding(
        "f2",
        "document",
        _("Document"),
        show=False,
        tooltip=_("Preview this cycle's document and export it"),
        id="cycle.document",
    ),
    Binding(
        "f3",
        "comments",
        _("Comments"),
        tooltip=_("Comments on this cycle"),
        id="cycle.comments",
    ),
    Binding(
        "f4",
        "history",
        _("History"),
        show=False,
        tooltip=_("What happened to this initiative"),
        id="cycle.history",
    ),
    Binding(
        "f9",
        "stop_doing",
        _("Stop doing"),
        tooltip=_("The stop-doing check: what old step can go?"),
        id="cycle.stop_doing",
    ),
]


def plan_outline() -> str:
    """The plan's outline, offered when the empty plan field gets focus."""
    labels = (_("Who:"), _("What:"), _("Where:"), _("When:"), _("Which data:"))
    return "\n".join(f"{text} " for text in labels)


def cycle_form(cycle: CycleView, target: Callable[[str, str], Target]) -> Iterator[Widget]:
    """The editor's widgets (mounted once the cycle is read, so no ``with`` blocks)."""
    yield Static(_("Title"), classes="question", markup=False)
    yield AutosaveLine(target("title", _("Title")), cycle.title, id="cycle-title")
    yield Static(_("Plan"), classes="tool-title", id="section-plan", markup=False)
    yield Static(_("What is the objective of this test?"), classes="question", markup=False)
    yield AutosaveArea(target("objective", _("Objective")), cycle.objective, id="cycle-objective")
    yield Static(
        _("What do we want to learn, and what do we predict will happen? One a line."),
        classes="question",
        markup=False,
    )
    yield Static(id="cycle-lock", classes="tool-hint", markup=False)
    yield AutosaveArea(
        target("prediction", _("Predictions")),
        cycle.prediction,
        read_only=cycle.predictions_locked,
        id="cycle-prediction",
    )
    yield Static(
        _("Who does what, where and when? Which data do we collect?"),
        classes="question",
        markup=False,
    )
    yield AutosaveArea(
        target("plan", _("Plan")), cycle.plan, template=plan_outline(), id="cycle-plan"
    )
    yield Static(id="cycle-start", classes="tool-hint", markup=False)
    yield Static(_("Do"), classes="tool-title", id="section-do", markup=False)
    yield Static(
        _("What happened? Observations, surprises, problems."),
        classes="question",
        markup=False,
    )
    yield AutosaveArea(
        target("what_happened", _("What happened")),
        cycle.what_happened,
        id="cycle-what-happened",
    )
    yield Static(_("Study"), classes="tool-title", id="section-study", markup=False)
    yield Static(id="cycle-predicted", classes="tool-hint", markup=False)
    yield Static(
        _("How did the results compare with each prediction?"),
        classes="question",
        markup=False,
    )
    yield AutosaveArea(target("study", _("Study")), cycle.study, id="cycle-study")
    yield Static(_("Did the prediction hold?"), classes="question", markup=False)
    yield PredictionHeldChoice(
        target("prediction_held", _("Did the prediction hold?")),
        cycle.prediction_held,
        id="cycle-held",
    )
    yield Static(_("Act"), classes="tool-title", id="section-act", markup=False)
    yield Static(_("What do we decide?"), classes="question", markup=False)
    yield Static(
        Text("✂ " + _("Adopting a change? Then ask what old step can go: f9 opens it.")),
        classes="tool-hint",
        id="cycle-stop-doing",
    )
    yield DecisionChoice(
        target("decision", _("What do we decide?")), cycle.decision, id="cycle-decision"
    )
    yield Static(_("What is the next step?"), classes="question", markup=False)
    yield AutosaveArea(
        target("decision_notes", _("Next step")),
        cycle.decision_notes,
        id="cycle-next-step",
    )
    yield Static(_("Dates (YYYY-MM-DD)"), classes="question", markup=False)
    yield CycleDates(target("dates", _("Dates")), cycle, classes="capture")
