"""Dot voting on causes and the impact/effort matrix of solutions, by key presses from the
workspace; what was stored is read back through the services."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from forbattra.core.vocabulary import Level
from forbattra.core.voting import VoteTarget
from forbattra.core.workshop import Quadrant
from forbattra.store.database import Database
from forbattra.store.services import causes, dot_votes, matrix, solutions
from forbattra.tui.screens.cycle import CycleScreen
from forbattra.tui.screens.dot_vote import DotVoteScreen, VoteList
from forbattra.tui.screens.matrix import MatrixScreen
from forbattra.tui.screens.workspace import WorkspaceScreen

from .helpers import build_app, create, running, screen_lines, screen_text, settle, type_text


async def test_dot_voting_on_causes_counts_sorts_and_saves_a_round(db_path: Path) -> None:
    initiative_id = create(db_path, "Kortare väntetid")
    with Database.open(str(db_path)) as database:
        keys = [
            str(causes.add_cause(database, "t", initiative_id, text).id)
            for text in ("Otydlig information", "Ingen tolk", "Långa köer")
        ]
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        await pilot.press("escape", "3")  # Analyze
        await settle(pilot)
        app.screen.query_one("#cause-tree").focus()
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DotVoteScreen)
        screen = app.screen
        await type_text(pilot, "2")  # dots per person (the 3 shown is selected)
        await pilot.press("enter")
        await type_text(pilot, "4")  # participants
        await pilot.press("enter")
        assert isinstance(app.focused, VoteList)
        assert "0 of 8 dots given; 8 left" in screen_text(app)

        await pilot.press("plus", "plus")  # two dots on the first cause
        await pilot.press("down", "1", "0")  # ten on the second: more than the room had
        assert "12 of 8 dots: more than the room had" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.saved_round is None
        await pilot.press("backspace")  # 10 becomes 1
        await pilot.press("down", "5", "minus", "plus")
        assert "8 of 8 dots given; 0 left" in screen_text(app)

        await pilot.press("escape")  # not saved: asks first
        assert app.screen is screen
        assert "not saved" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.saved_round is not None
        assert "The vote is saved" in screen_text(app)
        rows = [line for line in screen_lines(app) if "●" in line]
        assert ["Långa köer" in rows[0], "Otydlig information" in rows[1]] == [True, True]
        assert "Ingen tolk" in rows[2]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)

    with Database.open(str(db_path)) as database:
        latest = dot_votes.latest_round(database, VoteTarget.CAUSE, initiative_id)
        items = dot_votes.vote_items(database, VoteTarget.CAUSE, initiative_id)
    assert latest is not None
    assert (latest.dots_per_person, latest.participants, latest.held_on) == (2, 4, date.today())
    assert latest.tallies == ((keys[2], 5), (keys[0], 2), (keys[1], 1))
    assert [item.votes for item in items] == [2, 1, 5]


async def test_the_matrix_places_solutions_by_keys_and_tests_a_quick_win(db_path: Path) -> None:
    initiative_id = create(db_path, "Färre missade besök", method="pdsa")
    with Database.open(str(db_path)) as database:
        ids = [
            solutions.add_solution(database, "t", initiative_id, text).id
            for text in ("Sms-påminnelse", "Nytt journalsystem", "Affisch i väntrummet")
        ]
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        await pilot.press("escape", "3")  # the change ideas are asked for in the third step
        await settle(pilot)
        app.screen.query_one("#solution-list").focus()
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, MatrixScreen)
        assert "3 not placed" in screen_text(app)
        await pilot.press("i")  # high impact; the effort is taken as low: a quick win
        await settle(pilot)
        await pilot.press("down", "2", "down", "4")  # major project; not worth it
        await settle(pilot)
        await pilot.press("e")  # effort high → low: a small fix
        await settle(pilot)
        text = screen_text(app)
        assert "★ Quick wins (1)" in text
        assert "Major projects (1)" in text and "Small fixes (1)" in text
        assert "★ Sms-påminnelse" in text
        with Database.open(str(db_path)) as database:
            placed = {item.id: item for item in matrix.matrix_items(database, initiative_id)}
        assert placed[ids[0]].quadrant is Quadrant.QUICK_WIN
        assert (placed[ids[1]].impact, placed[ids[1]].effort) == (Level.HIGH, Level.HIGH)
        assert placed[ids[2]].quadrant is Quadrant.FILL_IN

        await pilot.press("home", "t")  # test the quick win first
        await settle(pilot)
        assert isinstance(app.screen, CycleScreen)
        await pilot.press("escape")
        await settle(pilot)
    from forbattra.store.services.workspace import load_workspace

    with Database.open(str(db_path)) as database:
        cycles = load_workspace(database, initiative_id).cycles
    assert [cycle.solution_id for cycle in cycles] == [ids[0]]


async def test_a_cause_removed_during_the_vote_keeps_the_other_counts(db_path: Path) -> None:
    initiative_id = create(db_path, "Kortare väntetid")
    with Database.open(str(db_path)) as database:
        first, second = (
            causes.add_cause(database, "t", initiative_id, text)
            for text in ("Otydlig information", "Ingen tolk")
        )
    app = build_app(db_path)
    async with running(app) as pilot:
        app.push_screen(DotVoteScreen(VoteTarget.CAUSE, initiative_id))
        await settle(pilot)
        await pilot.press("tab", "tab")  # past the two settings, to the list
        await pilot.press("4", "down", "3")
        with Database.open(str(db_path)) as database:  # someone removes the first meanwhile
            causes.delete_cause(database, "other", first.id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DotVoteScreen) and screen.saved_round is None
        assert "Ingen tolk" in screen_text(app) and "Otydlig" not in screen_text(app)
        assert screen.vote_list.dots == {str(second.id): 3}
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.saved_round is not None
        assert screen.saved_round.tallies == ((str(second.id), 3),)
