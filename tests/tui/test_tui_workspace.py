"""The workspace's promises: nothing typed is lost, nothing is overwritten silently, gates say
what is missing, user text stays literal, and every screen has its keys and commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from forbattra.store.database import Database
from forbattra.store.services import cycles
from forbattra.store.services.initiatives import move_to_phase, set_answer
from forbattra.tui.screens.confirm import ConfirmScreen
from forbattra.tui.screens.conflict import ConflictScreen
from forbattra.tui.screens.cycle import CycleScreen
from forbattra.tui.screens.help import HelpScreen
from forbattra.tui.screens.new_initiative import NewInitiativeScreen
from forbattra.tui.screens.workspace import WorkspaceScreen
from forbattra.tui.themes import HIGH_CONTRAST

from .helpers import (
    build_app,
    create,
    events_of,
    focused_id,
    portfolio,
    running,
    screen_text,
    settle,
    stored,
    toasts,
    top,
    type_text,
)


async def open_first(pilot) -> WorkspaceScreen:  # type: ignore[no-untyped-def]
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, WorkspaceScreen)
    return screen


# --- Nothing typed is lost ---------------------------------------------------------------------


async def test_typing_saves_by_itself_after_a_pause(db_path: Path) -> None:
    initiative_id = create(db_path, "Trygg hemgång")
    app = build_app(db_path)
    async with running(app) as pilot:
        screen = await open_first(pilot)
        await type_text(pilot, "Långa köer")
        assert "Unsaved changes" in screen_text(app)
        await pilot.pause(1.4)
        await settle(pilot)
        assert stored(db_path, initiative_id).answer("define", "problem").text == "Långa köer"
        assert "Saved" in str(screen.query_one("#save-status").render())


async def test_quitting_right_after_typing_saves_first(db_path: Path) -> None:
    initiative_id = create(db_path, "Trygg hemgång")
    app = build_app(db_path)
    async with running(app) as pilot:
        await open_first(pilot)
        await type_text(pilot, "Sista orden")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running
    assert stored(db_path, initiative_id).answer("define", "problem").text == "Sista orden"


async def test_when_saving_fails_quitting_asks_twice(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from forbattra.store.errors import DatabaseUnavailable
    from forbattra.tui import autosave

    def broken(*_args: object) -> tuple[int, object]:
        raise DatabaseUnavailable("The disk is full; nothing was saved.")

    monkeypatch.setattr(autosave, "write", broken)
    create(db_path, "Trygg hemgång")
    app = build_app(db_path)
    async with running(app, notifications=True) as pilot:
        await open_first(pilot)
        await type_text(pilot, "Viktigt")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running
        said = toasts(app)
        assert "Not everything is saved: The disk is full; nothing was saved." in said
        status = app.screen.query_one("#save-status", Static)
        assert "Not saved: The disk is full" in str(status.content)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert not app.is_running


async def test_leaving_a_field_and_changing_phase_save(db_path: Path) -> None:
    initiative_id = create(db_path, "Trygg hemgång")
    app = build_app(db_path)
    async with running(app) as pilot:
        await open_first(pilot)
        await type_text(pilot, "Ett")
        await pilot.press("tab")  # leaves the field
        await settle(pilot)
        assert stored(db_path, initiative_id).answer("define", "problem").text == "Ett"
        await type_text(pilot, "Två")
        await pilot.press("escape", "right")  # to the phases, then Measure
        await settle(pilot)
        assert stored(db_path, initiative_id).answer("define", "goal").text == "Två"
        assert stored(db_path, initiative_id).initiative.phase == "define"  # only shown
        await pilot.press("escape")  # back to the portfolio
        await settle(pilot)
        assert app.screen is portfolio(pilot)


# --- Two people, two programs ------------------------------------------------------------------


@pytest.fixture
def slow_autosave(monkeypatch: pytest.MonkeyPatch) -> None:
    """Save only when asked (ctrl+s, leaving a field): the moment of a conflict is then fixed,
    however slowly a loaded machine types."""
    from forbattra.tui import autosave

    monkeypatch.setattr(autosave, "DEBOUNCE_SECONDS", 60.0)


@pytest.mark.usefixtures("slow_autosave")
async def test_a_conflict_asks_and_can_take_their_text(db_path: Path) -> None:
    initiative_id = create(db_path, "Trygg hemgång")
    app = build_app(db_path)
    async with running(app) as pilot:
        screen = await open_first(pilot)
        with Database.open(str(db_path)) as other:  # another program, another connection
            set_answer(other, "Bo", initiative_id, "define", "problem", "Bos text")
        await type_text(pilot, "Min text")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        text = screen_text(app)
        assert "Someone else saved “What is the problem?” while you were editing it" in text
        assert "Bos text" in text and "Min text" in text
        await type_text(pilot, "mer")  # typing on as the question appears chooses nothing
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("tab", "tab", "enter")  # "Use theirs"
        await settle(pilot)
        assert top(app) is screen
        assert screen.query_one("#answer-define-problem").text == "Bos text"  # type: ignore[attr-defined]
    assert stored(db_path, initiative_id).answer("define", "problem").text == "Bos text"


@pytest.mark.usefixtures("slow_autosave")
async def test_a_conflict_can_keep_mine_knowingly(db_path: Path) -> None:
    initiative_id = create(db_path, "Trygg hemgång")
    app = build_app(db_path)
    async with running(app) as pilot:
        await open_first(pilot)
        with Database.open(str(db_path)) as other:
            set_answer(other, "Bo", initiative_id, "define", "problem", "Bos text")
        await type_text(pilot, "Min text")
        await pilot.press("tab")
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        await pilot.press("tab", "enter")  # "Keep mine"
        await settle(pilot)
    answers = [e for e in events_of(db_path, initiative_id) if e.action == "answer"]
    assert [(e.actor, e.old, e.new) for e in answers] == [
        ("Bo", None, "Bos text"),
        ("test", "Bos text", "Min text"),
    ]


@pytest.mark.usefixtures("slow_autosave")
async def test_edits_to_other_parts_of_a_cycle_are_no_conflict(db_path: Path) -> None:
    initiative_id = create(db_path, "Trygg hemgång", method="pdsa")
    with Database.open(str(db_path)) as database:
        cycle = cycles.add_cycle(database, "test", initiative_id, "Test")
    app = build_app(db_path)
    async with running(app) as pilot:
        await open_first(pilot)
        pilot.app.push_screen(CycleScreen(initiative_id, cycle.id))
        await settle(pilot)
        assert focused_id(pilot) == "cycle-objective"
        with Database.open(str(db_path)) as other:
            cycles.edit_cycle_text(other, "Bo", cycle.id, "plan", "Bos plan", expected_version=1)
        await type_text(pilot, "Mitt mål")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CycleScreen)  # no question: different texts
    saved = stored(db_path, initiative_id).cycles[0]
    assert (saved.objective, saved.plan) == ("Mitt mål", "Bos plan")


# --- Gates, cycles, dialogs --------------------------------------------------------------------


async def test_a_phase_moved_meanwhile_by_someone_else_is_said_not_overwritten(
    db_path: Path,
) -> None:
    initiative_id = create(db_path, "Trygg hemgång")
    app = build_app(db_path)
    async with running(app, notifications=True) as pilot:
        await open_first(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        with Database.open(str(db_path)) as other:  # decides first, in another program
            move_to_phase(other, "Bo", initiative_id, "measure")
        await pilot.press("enter")
        await settle(pilot)
        assert "Someone else has moved this initiative to Measure meanwhile" in toasts(app)
        assert "▶ Measure" in screen_text(app)  # read again: the team is where Bo put it
    moves = [(e.actor, e.new) for e in events_of(db_path, initiative_id) if e.action == "phase"]
    assert moves == [("Bo", "measure")]


async def test_the_gate_lists_what_is_missing_and_esc_stays(db_path: Path) -> None:
    initiative_id = create(db_path, "Trygg hemgång")
    app = build_app(db_path)
    async with running(app) as pilot:
        screen = await open_first(pilot)
        await type_text(pilot, "Köer")
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        text = screen_text(app)
        assert "Move on to Measure?" in text
        assert "Still open in Define" in text
        assert "Not answered: What is the problem?" not in text  # saved before the gate
        assert "Not answered: What do we want to achieve, in a way we can measure?" in text
        assert "Not answered: When should what be done?" in text
        await pilot.press("escape")
        await settle(pilot)
        assert top(app) is screen
    saved = stored(db_path, initiative_id)
    assert saved.initiative.phase == "define"
    assert [e.action for e in events_of(db_path, initiative_id)] == ["create", "answer"]


async def test_moving_back_is_recorded(db_path: Path) -> None:
    initiative_id = create(db_path, "Trygg hemgång")
    app = build_app(db_path)
    async with running(app, notifications=True) as pilot:
        await open_first(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "The team moved on to Measure." in toasts(app)
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert "Back to Define." in toasts(app)
    events = [e for e in events_of(db_path, initiative_id) if e.action in {"phase", "gate"}]
    assert [(e.action, e.old, e.new) for e in events][::2] == [
        ("phase", "define", "measure"),
        ("phase", "measure", "define"),
    ]


async def test_unlocking_predictions_is_recorded_as_after_the_start(db_path: Path) -> None:
    initiative_id = create(db_path, "Trygg hemgång", method="pdsa")
    with Database.open(str(db_path)) as database:
        cycle = cycles.add_cycle(database, "test", initiative_id, "Test")
        cycles.edit_cycle_text(database, "test", cycle.id, "prediction", "Hälften")
        cycles.start_cycle(database, "test", cycle.id)
    app = build_app(db_path)
    async with running(app) as pilot:
        await open_first(pilot)
        app.push_screen(CycleScreen(initiative_id, cycle.id))
        await settle(pilot)
        editor = app.screen
        prediction = editor.query_one("#cycle-prediction")
        assert prediction.read_only  # type: ignore[attr-defined]
        lock = editor.query_one("#cycle-lock", Static)
        assert "Locked since the test started" in str(lock.content)
        await pilot.press("ctrl+l")
        await settle(pilot)
        await pilot.press("enter")  # unlock
        await settle(pilot)
        assert focused_id(pilot) == "cycle-prediction"
        await pilot.press("end")
        await type_text(pilot, " eller mer")
        await pilot.press("escape")
        await settle(pilot)
    event = events_of(db_path, initiative_id)[-1]
    assert (event.action, event.old, event.new) == (
        "edit_after_start",
        "Hälften",
        "Hälften eller mer",
    )


async def test_the_new_dialog_refuses_an_empty_title_politely(db_path: Path) -> None:
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("tab")
        await type_text(pilot, "Vård och omsorg")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, NewInitiativeScreen)
        assert "The title is empty. Give the initiative a short, clear name." in screen_text(app)
        assert focused_id(pilot) == "new-title"
        await type_text(pilot, "T")
        await settle(pilot)
        assert "The title is empty" not in screen_text(app)  # gone once the title changes
        await pilot.press("escape")  # something is typed: first a warning
        assert isinstance(app.screen, NewInitiativeScreen)
        assert "Press Esc again to throw away what you typed" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert top(app) is portfolio(pilot)
        assert portfolio(pilot).rows == []


async def test_the_measures_key_works_in_every_phase(db_path: Path) -> None:
    """Measures matter in Control and in PDSA's cycles too, not only in Measure."""
    from forbattra.tui.screens.measures import MeasuresScreen

    create(db_path, "Trygg hemgång")
    app = build_app(db_path)
    async with running(app) as pilot:
        screen = await open_first(pilot)
        await pilot.press("escape", "right", "right")  # show Analyze
        await settle(pilot)
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, MeasuresScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert top(app) is screen


# --- Literal text, help, commands, themes, sizes -----------------------------------------------


async def test_user_text_in_the_workspace_is_literal(db_path: Path) -> None:
    title = "[@click=app.quit]x[/]"
    initiative_id = create(db_path, title)
    with Database.open(str(db_path)) as database:
        from forbattra.store.services.causes import add_cause

        set_answer(database, "t", initiative_id, "define", "problem", "[bold]fet[/] [red")
        add_cause(database, "t", initiative_id, "[@click=app.quit]orsak[/]")
        set_answer(database, "t", initiative_id, "control", "spread_decision", "[b]Ja[/] [i")
    app = build_app(db_path)
    async with running(app) as pilot:
        await open_first(pilot)
        text = screen_text(app)
        assert title in text and "[bold]fet[/] [red" in text
        await pilot.press("escape", "3")  # Analyze
        await settle(pilot)
        assert "[@click=app.quit]orsak[/]" in screen_text(app)
        await pilot.click("#cause-tree", offset=(6, 1))
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape", "5")  # Control: an answer that is no choice
        await settle(pilot)
        assert "[b]Ja[/] [i" in screen_text(app)


async def test_f1_explains_the_workspace_and_the_cycle(db_path: Path) -> None:
    initiative_id = create(db_path, "Trygg hemgång", method="pdsa")
    with Database.open(str(db_path)) as database:
        cycle = cycles.add_cycle(database, "test", initiative_id, "Test")
    app = build_app(db_path)
    async with running(app) as pilot:
        await open_first(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for expected in ("The workspace", "Move the team to the next phase", "save by themselves"):
            assert expected in text, expected
        await pilot.press("escape")
        app.push_screen(CycleScreen(initiative_id, cycle.id))
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        text = screen_text(app)
        assert "Do starts today; the predictions are locked" in text
        assert "A new cycle that carries this plan forward" in text


async def test_the_palette_has_area_verb_commands_here(db_path: Path) -> None:
    create(db_path, "Trygg hemgång")
    app = build_app(db_path)
    async with running(app) as pilot:
        await open_first(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "phase move on")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Move on to Measure?" in screen_text(app)


def test_commands_match_english_words_in_another_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from forbattra.tui import commands

    swedish = {"Phase: show {phase}": "Fas: visa {phase}", "Show it": "Visa den"}
    monkeypatch.setattr(commands, "_", lambda message: swedish.get(message, message))
    found = commands.command("Phase: show {phase}", "Show it", print, phase=("Mäta", "Measure"))
    assert (found.title, found.english, found.help) == (
        "Fas: visa Mäta",
        "Phase: show Measure",
        "Visa den",
    )


async def test_high_contrast_goes_on_and_off(db_path: Path) -> None:
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("ctrl+t")
        assert app.theme == HIGH_CONTRAST.name
        await pilot.press("ctrl+t")
        assert app.theme == "textual-dark"


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
async def test_the_workspace_fits_small_and_large_windows(
    db_path: Path, size: tuple[int, int]
) -> None:
    create(db_path, "Tydligare information till nyanlända i genomgångsbostäderna")
    app = build_app(db_path)
    async with running(app, size=size) as pilot:
        await open_first(pilot)
        lines = screen_text(app).splitlines()
        assert "▶ Define" in lines[1]
        assert "Control" in lines[1]  # all five phases on the stepper line
        assert "What is the problem?" in "\n".join(lines)
        assert "Move on" in lines[-1]


async def test_a_closed_initiative_is_read_only_until_reopened(db_path: Path) -> None:
    """Its answers are the record of how it ended: typing changes nothing, reopening unlocks."""
    from datetime import date

    from textual.widgets import TextArea

    from forbattra.core.domain import NewClosure
    from forbattra.core.vocabulary import ClosureReason
    from forbattra.store.services.closures import close_initiative, reopen_initiative

    initiative_id = create(db_path, "Trygg hemgång")
    with Database.open(str(db_path)) as database:
        set_answer(database, "test", initiative_id, "define", "problem", "Långa väntetider")
        close_initiative(
            database,
            "test",
            initiative_id,
            NewClosure(ClosureReason.NO_EFFECT, "Vi mätte för sent."),
            today=date.today(),
        )
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("c")  # closed initiatives are hidden until shown
        await settle(pilot)
        screen = await open_first(pilot)
        area = screen.query_one("#answer-define-problem", TextArea)
        assert area.read_only
        assert "closed, read-only. o on the portfolio reopens it." in screen_text(app)
        area.focus()
        await pilot.press("end", "x", "y")
        await settle(pilot)
        assert area.text == "Långa väntetider"
        await pilot.press("escape", "escape")
        await settle(pilot)
    assert stored(db_path, initiative_id).answer("define", "problem").text == "Långa väntetider"
    with Database.open(str(db_path)) as database:
        reopen_initiative(database, "test", initiative_id)
    app = build_app(db_path)
    async with running(app) as pilot:
        screen = await open_first(pilot)
        assert not screen.query_one("#answer-define-problem", TextArea).read_only


async def test_a_closed_initiatives_lists_and_cycles_are_read_only(db_path: Path) -> None:
    """Its solutions, cycles and a cycle's texts can be read, not changed: the editing keys
    are dimmed and do nothing, the capture line is off, a cycle's fields are locked."""
    from datetime import date

    from textual.widgets import Input, TextArea

    from forbattra.core.domain import NewClosure
    from forbattra.core.vocabulary import ClosureReason
    from forbattra.store.services import solutions
    from forbattra.store.services.closures import close_initiative
    from forbattra.tui.widgets.cycles import CycleList
    from forbattra.tui.widgets.solutions import SolutionList

    initiative_id = create(db_path, "Trygg hemgång")
    with Database.open(str(db_path)) as database:
        move_to_phase(database, "test", initiative_id, "improve")
        solution = solutions.add_solution(database, "test", initiative_id, "Checklista")
        cycle = cycles.add_cycle(database, "test", initiative_id, "Prova", solution_id=solution.id)
        close_initiative(
            database,
            "test",
            initiative_id,
            NewClosure(ClosureReason.NO_EFFECT, "Vi mätte för sent."),
            today=date.today(),
        )
    before = len(events_of(db_path, initiative_id))
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("c")
        await settle(pilot)
        screen = await open_first(pilot)
        assert not screen.query_one("#solution-input", Input).display
        assert "What we learned: Vi mätte för sent." in screen_text(app)  # the record, on top
        solution_list = screen.query_one(SolutionList)
        solution_list.focus()
        await settle(pilot)
        assert solution_list.check_action("edit", ()) is False  # hidden, not only dimmed
        await pilot.press("e", "delete", "t")
        await settle(pilot)
        assert app.screen is screen  # no edit, confirm or new cycle opened
        cycle_list = screen.query_one(CycleList)
        cycle_list.focus()
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("enter")  # reading a cycle still works
        await settle(pilot)
        editor = app.screen
        assert isinstance(editor, CycleScreen)
        assert editor.query_one("#cycle-objective", TextArea).read_only
        assert editor.query_one("#cycle-started", Input).disabled
        assert "Closed, read-only. o on the portfolio reopens it." in screen_text(app)
        assert "The test was never started." in screen_text(app)  # not "ctrl+g starts"
        await pilot.press("ctrl+g")  # would start the test
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    assert len(events_of(db_path, initiative_id)) == before
    stored_cycle = stored(db_path, initiative_id).cycle(cycle.id)
    assert stored_cycle is not None and stored_cycle.started_on is None


async def test_closed_by_someone_else_while_typing_locks_without_retrying(db_path: Path) -> None:
    """The refused answer stays on screen, the fields lock, and nothing retries every 3 s."""
    from datetime import date

    from textual.widgets import TextArea

    from forbattra.core.domain import NewClosure
    from forbattra.core.vocabulary import ClosureReason
    from forbattra.store.services.closures import close_initiative

    initiative_id = create(db_path, "Trygg hemgång")
    app = build_app(db_path)
    async with running(app) as pilot:
        screen = await open_first(pilot)
        area = screen.query_one("#answer-define-problem", TextArea)
        area.focus()
        with Database.open(str(db_path)) as database:
            close_initiative(
                database,
                "coach",
                initiative_id,
                NewClosure(ClosureReason.OTHER, "Annat arbete tog över.", reason_text="Ny plan"),
                today=date.today(),
            )
        await type_text(pilot, "Långa köer")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "closed" in screen_text(app)
        assert area.read_only and area.text == "Långa köer"  # locked, and nothing typed lost
        assert screen.autosaver._retry is None  # no retry loop against a closed initiative
    assert stored(db_path, initiative_id).answer("define", "problem").text == ""
