"""Textual's built-in key descriptions that reach the footer are ours, translated."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator

import pytest
import textual.widgets
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.widgets import Footer, Select
from textual.widgets._select import SelectOverlay

from forbattra.i18n import current_language, set_language
from forbattra.tui.textual_words import translate_textual_bindings

# Shown built-in bindings we do not translate because no screen of ours uses them.
UNUSED = {("Link", "open_link")}


@pytest.fixture
def language() -> Iterator[None]:
    before = current_language()
    yield
    set_language(before)
    translate_textual_bindings()


def shown_built_in_bindings() -> set[tuple[str, str]]:
    """(class, action) of every binding Textual's own widgets would show in a footer."""
    names = ["textual.app", "textual.screen", "textual.command", "textual.widget"]
    names += [f"textual.widgets.{m.name}" for m in pkgutil.iter_modules(textual.widgets.__path__)]
    found: set[tuple[str, str]] = set()
    for name in names:
        module = importlib.import_module(name)
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, DOMNode) and cls.__module__ == name:
                bindings = Binding.make_bindings(cls.__dict__.get("BINDINGS", []))
                found |= {(cls_name, b.action) for b in bindings if b.show}
    return found


def test_every_shown_built_in_binding_is_translated() -> None:
    assert shown_built_in_bindings() - UNUSED == {
        ("SelectOverlay", "dismiss"),
        ("CommandPalette", "escape"),
    }


class Picker(App[None]):
    def compose(self) -> ComposeResult:
        yield Select([("Ett", 1), ("Två", 2)], id="pick")
        yield Footer()


@pytest.mark.parametrize(("chosen", "expected"), [("en", "Close the list"), ("sv", "Stäng listan")])
async def test_an_open_select_says_close_the_list(
    language: None, chosen: str, expected: str
) -> None:
    set_language(chosen)
    translate_textual_bindings()
    descriptions = {b.description for b in Binding.make_bindings(SelectOverlay.BINDINGS)}
    assert descriptions == {expected}
    palette = {b.description for b in Binding.make_bindings(CommandPalette.BINDINGS) if b.show}
    assert "Exit the command palette" not in palette
    app = Picker()
    async with app.run_test() as pilot:
        app.query_one(Select).focus()
        await pilot.press("enter")
        await pilot.pause()
        shown = {
            binding.description for _key, (_n, binding, *_r) in app.screen.active_bindings.items()
        }
        assert expected in shown
        assert "Dismiss menu" not in shown
