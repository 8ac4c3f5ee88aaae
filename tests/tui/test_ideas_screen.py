"""The idea inbox screen, driven by real key presses against a real (temporary) database."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from forbattra.core.ideas import IdeaStatus, IdeaView, NewIdea
from forbattra.store.database import Database
from forbattra.store.services import ideas
from forbattra.tui.screens.ideas import IdeasScreen

from .helpers import build_app, running, screen_text, settle, titles, type_text


def submit(path: Path, text: str, **fields: str) -> IdeaView:
    with Database.open(str(path)) as database:
        return ideas.submit_idea(database, NewIdea(text, **fields))  # type: ignore[arg-type]


def stored(path: Path) -> dict[str, IdeaView]:
    with Database.open(str(path)) as database:
        return {idea.text: idea for idea in ideas.list_ideas(database)}


def inbox(pilot: Pilot[None]) -> IdeasScreen:
    screen = pilot.app.screen
    assert isinstance(screen, IdeasScreen)
    return screen


async def highlight(pilot: Pilot[None], text: str) -> None:
    """Move the cursor with the arrow keys to the idea with ``text``."""
    screen = inbox(pilot)
    await pilot.press(*["up"] * screen.table.row_count)
    for _step in range(screen.table.row_count):
        current = screen.highlighted()
        if current is not None and current.text == text:
            return
        await pilot.press("down")
    raise AssertionError(f"no idea {text!r} in the table")


async def test_triage_by_keys(db_path: Path) -> None:
    submit(db_path, "Skylt till receptionen", unit="Kontaktcenter")
    submit(db_path, "Gratis kaffe i personalrummet")
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("b")
        await settle(pilot)
        text = screen_text(app)
        assert "Skylt till receptionen" in text and "Gratis kaffe" in text
        assert "2 ideas · 0 became initiatives (0 %)" in text
        assert "too early to judge" in text

        # new → under review → an initiative
        await highlight(pilot, "Skylt till receptionen")
        await pilot.press("r")
        await settle(pilot)
        assert stored(db_path)["Skylt till receptionen"].status is IdeaStatus.UNDER_REVIEW
        assert "under review" in screen_text(app)
        await pilot.press("i")
        await settle(pilot)
        assert "Turn the idea into an initiative" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "Open it now?" in screen_text(app)
        await pilot.press("escape")  # back to the inbox
        await settle(pilot)
        accepted = stored(db_path)["Skylt till receptionen"]
        assert accepted.status is IdeaStatus.INITIATIVE
        assert accepted.initiative_id is not None
        assert f"initiative {accepted.initiative_id}" in screen_text(app)

        # not now, with a reason (an empty one is refused in the dialog)
        await highlight(pilot, "Gratis kaffe i personalrummet")
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "the reason is required" in screen_text(app)
        await type_text(pilot, "Budgeten räcker inte i år")
        await pilot.press("enter")
        await settle(pilot)
        coffee = stored(db_path)["Gratis kaffe i personalrummet"]
        assert (coffee.status, coffee.status_reason) == (
            IdeaStatus.NOT_NOW,
            "Budgeten räcker inte i år",
        )
        assert "Not now, because: Budgeten räcker inte i år" in screen_text(app)

        # A greyed-out key does nothing: an initiative cannot be reviewed again.
        await highlight(pilot, "Skylt till receptionen")
        await pilot.press("r")
        await settle(pilot)
        assert stored(db_path)["Skylt till receptionen"].status is IdeaStatus.INITIATIVE

        # Back on the portfolio, the new initiative is there.
        await pilot.press("escape")
        await settle(pilot)
        assert titles(pilot) == ["Skylt till receptionen"]


async def test_accepting_and_opening_the_initiative(db_path: Path) -> None:
    submit(db_path, "Fler laddplatser")
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # "Open it"
        await settle(pilot)
        text = screen_text(app)
        assert "Fler laddplatser — PDSA" in text
        assert "From the idea inbox (anonymous, received" in text


async def test_a_new_idea_is_anonymous_unless_signed(db_path: Path) -> None:
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("b")
        await settle(pilot)
        assert "No ideas yet. Press a to leave one" in screen_text(app)
        await pilot.press("a")
        await settle(pilot)
        assert "Anonymous: no name, no user name and no time of day" in screen_text(app)
        await type_text(pilot, "Kortare APT")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "Digital signering")
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "Anna Berg")
        assert "Signed: the name you typed is saved" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
    found = stored(db_path)
    assert found["Kortare APT"].author == "" and found["Kortare APT"].anonymous
    assert found["Digital signering"].author == "Anna Berg"


async def test_a_bad_idea_keeps_what_was_typed(db_path: Path) -> None:
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("tab")
        await type_text(pilot, "Ekonomi")
        await pilot.press("enter")
        await settle(pilot)
        assert "the idea's text is empty" in screen_text(app)
        assert "Ekonomi" in screen_text(app)  # the dialog is still open, nothing lost
    assert stored(db_path) == {}


async def test_deleting_asks_first(db_path: Path) -> None:
    submit(db_path, "Hemlig idé")
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert "Delete the idea?" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "Hemlig idé" in stored(db_path)
        await pilot.press("delete")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    assert stored(db_path) == {}


async def test_enter_on_the_method_choice_creates_the_initiative(db_path: Path) -> None:
    """Enter creates from anywhere in the dialog, as its hint says; space picks the method."""
    submit(db_path, "Gemensam kategorilista")
    app = build_app(db_path)
    async with running(app) as pilot:
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        await pilot.press("shift+tab")  # from the title to the method choice
        await pilot.press("space")  # DMAIC: the first, as in the new-initiative dialog
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")  # "Open it"
        await settle(pilot)
        assert "Gemensam kategorilista — DMAIC" in screen_text(app)
