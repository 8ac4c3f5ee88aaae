"""The document preview: opened from the portfolio, the workspace and a cycle; exported with e;
links never open a browser."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets.markdown import MarkdownBlock

from forbattra import docs
from forbattra.core.exchange import load_file
from forbattra.locations import sample_projects_dir
from forbattra.store.database import Database
from forbattra.store.services.exchange import export_documents, import_documents
from forbattra.store.services.workspace import load_workspace
from forbattra.tui.app import ForbattraApp
from forbattra.tui.screens.cycle import CycleScreen
from forbattra.tui.screens.document import DocumentScreen
from forbattra.tui.screens.workspace import WorkspaceScreen

from .helpers import build_app, running, screen_lines, screen_text, settle, toasts

TITLE = "Försök med aggregerad budget på central nivå"


@pytest.fixture
def budget(db_path: Path) -> int:
    """Sample 5: an active PDSA initiative with three cycles."""
    path = sample_projects_dir() / "05-aggregerad-budget.json"
    with Database.open(str(db_path)) as database:
        (initiative_id,) = import_documents(
            database, "test", [(str(path), d) for d in load_file(path)]
        )
    return initiative_id


@pytest.fixture
def export_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "exported"
    monkeypatch.setenv("FORBATTRA_DOCS", str(folder))
    return folder


def opened_urls(app: ForbattraApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, *args, **kwargs: calls.append(url))
    return calls


def notifications(app: ForbattraApp, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every notification's message, in order (the toasts share lines with the document)."""
    shown: list[str] = []
    original = app.notify

    def notify(message: str, *args: Any, **kwargs: Any) -> None:
        shown.append(message)
        original(message, *args, **kwargs)

    monkeypatch.setattr(app, "notify", notify)
    return shown


def expected_text(db_path: Path, initiative_id: int, cycle: int | None = None) -> str:
    with Database.open(str(db_path)) as database:
        (document,) = export_documents(database, [initiative_id])
    if cycle is None:
        return docs.render_initiative(document, initiative_id)
    return docs.render_cycle(document, initiative_id, cycle)


async def click_link_after(pilot: Pilot[None], app: ForbattraApp, words: str) -> None:
    """Click the link that follows ``words`` at the start of a paragraph of the preview."""
    paragraph = next(
        block
        for block in app.screen.query(MarkdownBlock)
        if block.source is not None and block.source.startswith(words)
    )
    await pilot.click(paragraph, offset=(len(words) + 3, 0))
    await settle(pilot)


async def test_preview_from_the_portfolio_and_export(
    db_path: Path, budget: int, export_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build_app(db_path)
    urls = opened_urls(app, monkeypatch)
    told = notifications(app, monkeypatch)
    async with running(app, notifications=True) as pilot:
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        text = screen_text(app)
        assert TITLE in text
        assert "Document preview" in text
        # The front matter as a small header in the words on screen, not raw YAML.
        assert "unit: Kommunle" in text and "method:" not in text
        assert "---" not in screen_lines(app)[1]
        await pilot.click(offset=(10, 12))  # somewhere in the report
        await pilot.press("e")
        await settle(pilot)
        written = export_dir / f"{docs.file_base(budget, TITLE)}.md"
        assert written.read_text(encoding="utf-8") == expected_text(db_path, budget)
        assert told[-1] == f"Saved as {written.absolute()}"
        assert "Document exported" in toasts(app)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, DocumentScreen)
    assert urls == []


async def test_preview_from_the_workspace(db_path: Path, budget: int) -> None:
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        assert TITLE in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, WorkspaceScreen)


async def test_preview_of_a_cycle_whose_links_do_not_open(
    db_path: Path, budget: int, export_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Database.open(str(db_path)) as database:
        cycle = next(c for c in load_workspace(database, budget).cycles if c.number == 2)
    app = build_app(db_path)
    urls = opened_urls(app, monkeypatch)
    told = notifications(app, monkeypatch)
    async with running(app, notifications=True) as pilot:
        app.push_screen(CycleScreen(budget, cycle.id))
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, DocumentScreen)
        assert f"Cycle 2: {cycle.title}" in screen_text(app)
        await click_link_after(pilot, app, "A test in the initiative ")
        assert told[-1].startswith("Links are not opened from the preview.")
        assert told[-1].endswith(f"{docs.file_base(budget, TITLE)}.md")
        await pilot.press("e")
        await settle(pilot)
    assert urls == []
    written = export_dir / docs.file_base(budget, TITLE) / "cycle-2.md"
    assert written.read_text(encoding="utf-8") == expected_text(db_path, budget, 2)


async def test_an_export_that_cannot_be_written_says_why(
    db_path: Path, budget: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("FORBATTRA_DOCS", str(blocker))
    app = build_app(db_path)
    told = notifications(app, monkeypatch)
    async with running(app, notifications=True) as pilot:
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert told[-1].startswith("The document could not be saved in ")
        assert isinstance(app.screen, DocumentScreen)
    assert blocker.read_text(encoding="utf-8") == "not a folder"
