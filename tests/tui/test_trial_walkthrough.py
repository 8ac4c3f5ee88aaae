"""Found by using the new workshop, closing and review screens together as a user would:
markup typed into titles stays plain text in dialog headings, and keys land where the
screen says they do."""

from __future__ import annotations

import re
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, Input

from forbattra.core.domain import NewClosure
from forbattra.core.exchange import load_file
from forbattra.core.vocabulary import ClosureReason
from forbattra.locations import sample_projects_dir
from forbattra.store.database import Database
from forbattra.store.services import causes, ideas
from forbattra.store.services.closures import close_initiative
from forbattra.store.services.exchange import import_documents
from forbattra.store.services.initiatives import move_to_phase
from forbattra.tui.document_model import prepare, save
from forbattra.tui.screens.close_initiative import CloseInitiativeScreen
from forbattra.tui.screens.dot_vote import DotVoteScreen, VoteList
from forbattra.tui.screens.ideas import IdeasScreen
from forbattra.tui.screens.pause import PauseScreen
from forbattra.tui.screens.stop_doing import StopDoingScreen
from forbattra.tui.screens.stop_doing_dialogs import DecideScreen
from forbattra.tui.screens.stop_doing_gate import StopDoingGateScreen
from forbattra.tui.screens.unit_pick import UnitPickScreen
from forbattra.tui.screens.workspace import WorkspaceScreen

from .helpers import build_app, create, running, screen_text, settle, stored, toasts, type_text

MARKUP = "[@click=app.quit]Weekly[/] [bold]report[/]"


async def test_markup_in_an_activity_stays_text_in_the_decide_heading(db_path: Path) -> None:
    create(db_path, "Anything", unit="Kontaktcenter")
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, UnitPickScreen)
        await type_text(pilot, "Kontaktcenter")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, StopDoingScreen)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, MARKUP)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DecideScreen)
        assert f"Decide: {MARKUP}" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, StopDoingScreen)  # the app is still running


async def test_markup_in_a_title_stays_text_in_the_pause_and_close_headings(
    db_path: Path,
) -> None:
    create(db_path, MARKUP, unit="Kontaktcenter")
    app = build_app(db_path)
    async with running(app, size=(160, 40)) as pilot:
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, PauseScreen)
        assert f"Pause: {MARKUP}" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, CloseInitiativeScreen)
        assert f"Close without prestige: {MARKUP}" in screen_text(app)


async def test_tab_round_the_gate_never_lands_on_the_frame(db_path: Path) -> None:
    initiative_id = create(db_path, "Synpunkter som leder till förbättring")
    with Database.open(str(db_path)) as database:
        move_to_phase(database, "test", initiative_id, "analyze")
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, StopDoingGateScreen)
        for _turn in range(4):  # stop-doing, move on, stay: every Tab lands on a button
            await pilot.press("tab")
            assert isinstance(app.focused, Button), app.focused
        # Round the circle back to "Move on": Enter moves on.
        while app.focused is None or app.focused.id != "confirm-yes":
            await pilot.press("tab")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert "Improve: the team is here" in screen_text(app)


def test_an_exported_report_brings_the_cycle_documents_it_links_to(
    db_path: Path, tmp_path: Path
) -> None:
    """What e on the preview saves (the preview's own drawing is tested with Pilot in
    test_document_preview.py)."""
    path = sample_projects_dir() / "05-aggregerad-budget.json"
    folder = tmp_path / "exported"
    with Database.open(str(db_path)) as database:
        (initiative_id,) = import_documents(
            database, "test", [(str(path), d) for d in load_file(path)]
        )
        report = save(prepare(database, initiative_id), folder)
    links = re.findall(r"\]\(([^)#]+\.md)\)", report.read_text(encoding="utf-8"))
    assert any("cycle-" in link for link in links)
    for link in links:  # every document the report links to is there beside it
        assert (folder / link).is_file(), link


async def test_a_closed_initiative_stays_in_the_phase_it_was_closed_in(db_path: Path) -> None:
    initiative_id = create(db_path, "Tydligare information", method="dmaic")
    with Database.open(str(db_path)) as database:
        move_to_phase(database, "test", initiative_id, "improve")
        close_initiative(
            database,
            "test",
            initiative_id,
            NewClosure(reason=ClosureReason.NO_EFFECT, learned="The guide was not read."),
        )
    app = build_app(db_path)
    async with running(app, notifications=True) as pilot:
        await pilot.press("c", "enter")  # show the closed ones; open it
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        assert "Improve: closed, read-only. o on the portfolio reopens it." in screen_text(app)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)  # no gate
        assert "Reopen it (o on the portfolio)" in toasts(app)
        await pilot.press("ctrl+b")
        await settle(pilot)
    assert stored(db_path, initiative_id).initiative.phase == "improve"


async def test_plus_in_the_vote_settings_types_nothing_and_down_goes_to_the_list(
    db_path: Path,
) -> None:
    initiative_id = create(db_path, "Kortare väntetid")
    with Database.open(str(db_path)) as database:
        for text in ("Otydlig information", "Ingen tolk"):
            causes.add_cause(database, "t", initiative_id, text)
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape", "3")  # Analyze
        await settle(pilot)
        app.screen.query_one("#cause-tree").focus()
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DotVoteScreen)
        await pilot.press("plus", "plus")  # as the hint says; the dots field takes digits only
        assert app.screen.query_one("#vote-dots", Input).value == "3"
        await pilot.press("down")
        assert isinstance(app.focused, VoteList)
        await pilot.press("plus", "plus")
        assert app.focused.dots[app.focused.items[0].key] == 2


async def test_keys_typed_on_after_enter_stay_out_of_the_idea(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real_submit = ideas.submit_idea

    def slow_submit(*args: Any, **kwargs: Any) -> Any:
        release.wait(10)  # a busy machine: the save takes a moment
        return real_submit(*args, **kwargs)

    monkeypatch.setattr(ideas, "submit_idea", slow_submit)
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "Idé ett")
        await pilot.press("enter", "n", "o")  # the next keys come before the save is done
        assert app.screen.query_one("#idea-text", Input).value == "Idé ett"
        release.set()
        for _wait in range(200):  # the dialog closes itself (and ends its worker) when saved
            if isinstance(app.screen, IdeasScreen) and not any(
                worker.group == "new-idea" for worker in app.workers
            ):
                break
            await pilot.pause(0.05)
        await settle(pilot)
    with Database.open(str(db_path)) as database:
        assert [idea.text for idea in ideas.list_ideas(database)] == ["Idé ett"]
