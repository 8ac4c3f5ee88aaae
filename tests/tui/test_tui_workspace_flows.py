"""Whole initiatives by key presses: a DMAIC from the New dialog to Control, and a PDSA from
its three questions through two cycles. What the screens stored is read back through the
services, as another program would read it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from forbattra.core.domain import NewMeasure
from forbattra.core.vocabulary import CauseCategory, CycleDecision, Method, PredictionHeld
from forbattra.store.database import Database
from forbattra.tui.screens.confirm import ConfirmScreen
from forbattra.tui.screens.cycle import CycleScreen
from forbattra.tui.screens.link_causes import LinkCausesScreen
from forbattra.tui.screens.new_initiative import NewInitiativeScreen
from forbattra.tui.screens.workspace import WorkspaceScreen

from .helpers import (
    build_app,
    events_of,
    focused_id,
    running,
    screen_text,
    settle,
    stored,
    type_text,
)


def add_measure(path: Path, initiative_id: int) -> None:
    """A measure with a baseline, as the measures screen (another part) would store it."""
    from forbattra.store.services.measures import add_measure as add
    from forbattra.store.services.observations import add_observation

    with Database.open(str(path)) as database:
        measure = add(
            database,
            "test",
            initiative_id,
            NewMeasure(name="Boendefrågor per tio hushåll", unit="frågor", baseline_points=3),
        )
        for day, value in [(1, 6.0), (8, 7.0), (15, 5.0), (22, 4.0)]:
            add_observation(database, "test", measure.id, date(2024, 9, day), value)


async def answer_questions(pilot, *answers: str) -> None:  # type: ignore[no-untyped-def]
    """From the focused field: type each answer, Tab to the next field."""
    for answer in answers:
        await type_text(pilot, answer)
        await pilot.press("tab")
    await settle(pilot)


async def move_on(pilot, expected_items: list[str] | None = None) -> str:  # type: ignore[no-untyped-def]
    """ctrl+g, read the gate, confirm; returns what the gate said."""
    await pilot.press("ctrl+g")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ConfirmScreen)
    said = screen_text(pilot.app)
    for item in expected_items or []:
        assert item in said, item
    await pilot.press("enter")
    await settle(pilot)
    return said


async def test_a_whole_dmaic_initiative_by_key_presses(db_path: Path) -> None:
    app = build_app(db_path)
    async with running(app, size=(80, 24)) as pilot:
        # New initiative: title, unit, area (skipped), leader, team; Enter creates it.
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NewInitiativeScreen)
        await type_text(pilot, "Tydligare information")
        await pilot.press("tab")
        await type_text(pilot, "Välkomstenheten")
        await pilot.press("tab", "tab")
        await type_text(pilot, "Amira")
        await pilot.press("tab")
        await type_text(pilot, "Amira, Johan, Nadia")
        await pilot.press("enter")
        await settle(pilot)
        workspace = app.screen
        assert isinstance(workspace, WorkspaceScreen)
        initiative_id = workspace.initiative_id
        saved = stored(db_path, initiative_id)
        assert (saved.initiative.title, saved.initiative.unit) == (
            "Tydligare information",
            "Välkomstenheten",
        )
        assert (saved.initiative.leader, saved.initiative.team) == ("Amira", "Amira, Johan, Nadia")
        assert saved.initiative.method is Method.DMAIC

        # Define: six questions, typed one after another.
        assert focused_id(pilot) == "answer-define-problem"
        await answer_questions(pilot, "Köer", "Hälften", "Hus A", "Nya\nVärdar", "Amira", "Höst")
        await move_on(pilot, ["Everything in Define is done."])
        saved = stored(db_path, initiative_id)
        assert saved.answer("define", "problem").text == "Köer"
        assert saved.answer("define", "affected").text == "Nya\nVärdar"
        assert saved.initiative.phase == "measure"

        # Measure: the measures someone defined show read-only with their baseline.
        add_measure(db_path, initiative_id)
        await pilot.press("ctrl+r")
        await settle(pilot)
        text = screen_text(app)
        assert "Boendefrågor per tio hushåll" in text
        assert "median of 3" in text
        await pilot.press("ctrl+o")  # the measures screen, or a friendly note
        await settle(pilot)
        if app.screen is not workspace:
            await pilot.press("escape")
            await settle(pilot)
        assert app.screen is workspace
        workspace.query_one("#answer-measure-size").focus()
        await answer_questions(pilot, "Sex", "v. 38–49")
        await move_on(pilot, ["Everything in Measure is done."])

        # Analyze: two causes, a why-chain under the first, a verified root cause.
        assert focused_id(pilot) == "cause-input"
        await type_text(pilot, "Ett möte\n")
        await settle(pilot)
        await type_text(pilot, "Pärmen\n")
        await settle(pilot)
        await pilot.press("tab", "tab")  # past the category, into the tree
        assert focused_id(pilot) == "cause-tree"
        await pilot.press("up", "w")  # the cursor is on the newest cause; the first: why?
        assert focused_id(pilot) == "cause-input"
        await type_text(pilot, "Tolken\n")
        await settle(pilot)
        await type_text(pilot, "Rutinen\n")
        await settle(pilot)
        await pilot.press("escape")  # stop asking why: back in the tree, on the last answer
        await settle(pilot)
        assert focused_id(pilot) == "cause-tree"
        await pilot.press("v")  # the cursor followed the chain: the deepest why, verified
        await settle(pilot)
        await pilot.press("down", "2")  # the second cause: methods
        await settle(pilot)
        saved = stored(db_path, initiative_id)
        texts = {cause.text: cause for cause in saved.causes}
        chain = texts["Rutinen"]
        middle = saved.cause(chain.parent_id or 0)
        assert middle is not None and middle.text == "Tolken"
        assert saved.cause(middle.parent_id or 0).text == "Ett möte"
        assert (chain.root, chain.verified) == (True, True)
        assert texts["Pärmen"].category is CauseCategory.METHODS
        workspace.query_one("#answer-analyze-causes").focus()
        await answer_questions(pilot, "Mötet", "Samtal")
        await move_on(pilot, ["Everything in Analyze is done."])

        # Improve: two solutions, each linked to causes; the first tested in two cycles.
        assert focused_id(pilot) == "solution-input"
        await type_text(pilot, "Besök\n")
        await settle(pilot)
        await type_text(pilot, "Bildguide\n")
        await settle(pilot)
        await pilot.press("tab")
        assert focused_id(pilot) == "solution-list"
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LinkCausesScreen)
        # In the tree's order: methods (Pärmen), then no category (the why-chain).
        await pilot.press("down", "space", "down", "space", "enter")
        await settle(pilot)
        await pilot.press("down", "l")
        await settle(pilot)
        await pilot.press("space", "enter")  # "Pärmen"
        await settle(pilot)
        saved = stored(db_path, initiative_id)
        links = {s.text: {saved.cause(c).text for c in s.cause_ids} for s in saved.solutions}
        assert links == {"Besök": {"Ett möte", "Tolken"}, "Bildguide": {"Pärmen"}}

        await pilot.press("up", "t")  # test the first solution in a PDSA cycle
        await settle(pilot)
        cycle_screen = app.screen
        assert isinstance(cycle_screen, CycleScreen)
        assert focused_id(pilot) == "cycle-objective"
        await type_text(pilot, "Lär de sig?")
        await pilot.press("tab")
        await type_text(pilot, "7 av 10\nFärre frågor")
        await pilot.press("tab")  # the plan offers its outline
        await pilot.press("end")
        await type_text(pilot, "Nadia")
        await pilot.press("ctrl+g")  # Do starts; the predictions lock
        await settle(pilot)
        assert cycle_screen.query_one("#cycle-prediction").read_only
        cycle_screen.query_one("#cycle-what-happened").focus()
        await type_text(pilot, "8 av 9")
        await pilot.press("tab")
        await type_text(pilot, "7 av 8")
        await pilot.press("tab")  # did the prediction hold?
        await pilot.press("right", "enter")  # partly
        await settle(pilot)
        await pilot.press("tab")  # the decision
        await pilot.press("right", "enter")  # adapt
        await settle(pilot)
        await pilot.press("enter")  # confirms the first decision
        await settle(pilot)
        await pilot.press("tab")
        await type_text(pilot, "60 min")
        await pilot.press("ctrl+n")  # the next cycle carries the plan forward
        await settle(pilot)
        second = app.screen
        assert isinstance(second, CycleScreen) and second is not cycle_screen
        await pilot.press("tab")
        await type_text(pilot, "Alla")
        await pilot.press("ctrl+g")
        await settle(pilot)
        second.query_one("#cycle-decision").focus()
        await pilot.press("enter")  # adopt
        await settle(pilot)
        await pilot.press("enter")  # confirms the first decision
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is workspace
        saved = stored(db_path, initiative_id)
        first_cycle, second_cycle = saved.cycles
        assert (first_cycle.number, second_cycle.number) == (1, 2)
        assert first_cycle.title == second_cycle.title == "Besök"
        assert first_cycle.solution_id == second_cycle.solution_id == saved.solutions[0].id
        assert first_cycle.objective == second_cycle.objective == "Lär de sig?"
        assert first_cycle.prediction == "7 av 10\nFärre frågor"
        assert first_cycle.plan.startswith("Who: Nadia\nWhat: ")
        assert second_cycle.plan == first_cycle.plan
        assert (first_cycle.what_happened, first_cycle.study) == ("8 av 9", "7 av 8")
        assert first_cycle.decision is CycleDecision.ADAPT
        assert first_cycle.prediction_held is PredictionHeld.PARTLY
        assert second_cycle.prediction_held is None  # not answered: the statistics say so
        assert first_cycle.decision_notes == "60 min"
        assert (second_cycle.prediction, second_cycle.decision) == ("Alla", CycleDecision.ADOPT)
        assert first_cycle.started_on == date.today() and first_cycle.finished_on is not None

        workspace.query_one("#answer-improve-solution").focus()
        await answer_questions(pilot, "Besök", "Nadia", "Ett hus")
        await move_on(pilot, ["Everything in Improve is done."])

        # Control: the result, the control plan, the spread decision, the handover.
        assert focused_id(pilot) == "answer-control-result"
        await answer_questions(pilot, "Halverat", "Frågor", "Amira", "Månad", "Rutin", "Ja")
        await pilot.press("enter", "down", "enter")  # the decision: standardise and spread
        await settle(pilot)
        await pilot.press("tab")
        await type_text(pilot, "Chefen")
        await pilot.press("escape")  # leaves the field: saved
        await settle(pilot)
        saved = stored(db_path, initiative_id)
        control = {a.question: a.text for a in saved.answers if a.phase == "control"}
        assert control == {
            "result": "Halverat",
            "control_measure": "Frågor",
            "control_owner": "Amira",
            "control_frequency": "Månad",
            "sustain": "Rutin",
            "spread": "Ja",
            "spread_decision": "Standardise and spread to other units",
            "handover": "Chefen",
        }
        moves = [(e.old, e.new) for e in events_of(db_path, initiative_id) if e.action == "phase"]
        assert moves == [
            ("define", "measure"),
            ("measure", "analyze"),
            ("analyze", "improve"),
            ("improve", "control"),
        ]


async def test_a_whole_pdsa_initiative_by_key_presses(db_path: Path) -> None:
    app = build_app(db_path)
    async with running(app, size=(80, 24)) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("shift+tab", "right", "space", "tab")  # PDSA, back to the title
        await type_text(pilot, "Aggregerad budget\n")
        await settle(pilot)
        workspace = app.screen
        assert isinstance(workspace, WorkspaceScreen)
        assert workspace.method is Method.PDSA
        initiative_id = workspace.initiative_id

        await answer_questions(pilot, "Halvera chefernas budgettid")
        await move_on(pilot)
        await answer_questions(pilot, "Tid per chef och månad")
        said = await move_on(pilot, ["No measure is defined yet."])  # moved on knowingly
        assert "Move on anyway" in said
        await type_text(pilot, "Ingen budgetram per enhet\n")
        await settle(pilot)
        await type_text(pilot, "Månadslista över kostnader\n")
        await settle(pilot)
        workspace.query_one("#answer-changes-changes").focus()
        await answer_questions(pilot, "Budget på central nivå")
        await move_on(pilot)

        # Cycles: n plans one; the editor opens.
        assert focused_id(pilot) == "cycle-list"
        await pilot.press("n")
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, CycleScreen)
        await type_text(pilot, "Klarar cheferna sig utan ram?")
        await pilot.press("tab")
        await type_text(pilot, "Hälften av tiden")
        await pilot.press("ctrl+g")
        await settle(pilot)
        editor.query_one("#cycle-what-happened").focus()
        await type_text(pilot, "Egna kalkyler först")
        await pilot.press("tab")
        await type_text(pilot, "Tiden sjönk mindre")
        await pilot.press("tab", "tab", "right", "right", "enter")  # past "held?" to abandon
        await settle(pilot)
        await pilot.press("enter")  # confirms the first decision
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        await pilot.press("tab")
        await type_text(pilot, "En tredjedel av tiden")
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is workspace
        workspace.query_one("#answer-cycles-learning").focus()
        await type_text(pilot, "Vanan är det svåra")
        await pilot.press("escape")
        await settle(pilot)

        saved = stored(db_path, initiative_id)
        assert [s.text for s in saved.solutions] == [
            "Ingen budgetram per enhet",
            "Månadslista över kostnader",
        ]
        first, second = saved.cycles
        assert (first.prediction, first.decision) == ("Hälften av tiden", CycleDecision.ABANDON)
        assert first.started_on is not None and first.finished_on is not None
        assert (second.number, second.objective, second.prediction) == (
            2,
            "Klarar cheferna sig utan ram?",
            "En tredjedel av tiden",
        )
        assert second.started_on is None
        assert saved.answer("cycles", "learning").text == "Vanan är det svåra"
        assert saved.initiative.phase == "cycles"
        gate = [e for e in events_of(db_path, initiative_id) if e.action == "gate"]
        assert [(e.field, e.new) for e in gate] == [("measures", "No measure is defined yet.")]
