"""Textual's own key descriptions that reach our footer, in the reader's language.

Textual writes these in English inside its widgets. Of all its built-in bindings only a few
are shown (``show=True``): an open Select's list says "esc Dismiss menu" in the footer, and
the command palette has "Exit the command palette". Every other built-in binding (Input,
TextArea, DataTable, Tree, OptionList, RadioSet, Button) is hidden from the footer, and F1
lists only our own screens' bindings. ``tests/tui/test_textual_words.py`` checks this list
against the installed Textual, so an upgrade that shows a new one fails a test.

Textual merges a class's bindings once, when the class is created, and each widget copies
them when it is made. So :func:`translate_textual_bindings` must run after the language is
set and before any screen is built; it replaces the class's ``BINDINGS`` and merges again.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.dom import DOMNode
from textual.widgets._select import SelectOverlay

from forbattra.i18n import N_, _

# (class, action) → our description; the English of each is Textual's meaning, reworded.
_DESCRIPTIONS: dict[tuple[type[DOMNode], str], str] = {
    (SelectOverlay, "dismiss"): N_("Close the list"),
    (CommandPalette, "escape"): N_("Close the command palette"),
}

# Textual's own BINDINGS of each class, kept so the language can be changed again (tests do).
_ORIGINALS: dict[type[DOMNode], list[BindingType]] = {}


def _translated(cls: type[DOMNode], binding: BindingType) -> list[BindingType]:
    # One binding for "a,b" keys becomes one per key here, as Textual itself does.
    made = list(Binding.make_bindings([binding]))
    return [
        replace(one, description=_(text)) if (text := _DESCRIPTIONS.get((cls, one.action))) else one
        for one in made
    ]


def translate_textual_bindings() -> None:
    """Give Textual's shown bindings descriptions in the current language (idempotent)."""
    for cls in {cls for cls, _action in _DESCRIPTIONS}:
        original = _ORIGINALS.setdefault(cls, list(cls.__dict__.get("BINDINGS", [])))
        cls.BINDINGS = [one for binding in original for one in _translated(cls, binding)]
        # Textual has no public way to re-merge a class's bindings after it is created.
        cls._merged_bindings = cls._merge_bindings()
