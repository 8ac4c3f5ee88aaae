"""Closing is a normal, respected outcome: no message of the stop-doing check or of closing,
pausing and reopening speaks of failure, in English or in Swedish.

The messages are extracted from the modules with Babel, as the catalogues are, so a new
message is checked the moment it is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from forbattra.core.vocabulary import ClosureReason, FollowUpResult, Status, StopDecision, label
from forbattra.i18n import LOCALE_DIR, current_language, set_language

SRC = Path(__file__).resolve().parents[2] / "src" / "forbattra"
MODULES = [
    "core/stop_doing.py",
    "core/closure.py",
    "store/services/stop_doing.py",
    "store/services/closures.py",
    "cli/closing.py",
    "cli/stop_doing.py",
]
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# Failure, in both languages and their inflections: fail, failed, failure; misslyckad, -ades.
FORBIDDEN = ("fail", "misslyck")


def messages() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for module in MODULES:
        for lineno, message, _comments, _context in extract_from_file(
            "python", str(SRC / module), keywords=KEYWORDS
        ):
            for text in message if isinstance(message, tuple) else (message,):
                found.append((f"{module}:{lineno}", text))
    return found


def test_the_modules_have_messages() -> None:
    places = {place.partition(":")[0] for place, _text in messages()}
    assert places == set(MODULES)


@pytest.mark.parametrize(("place", "text"), messages())
def test_no_message_speaks_of_failure(place: str, text: str) -> None:
    assert not any(word in text.casefold() for word in FORBIDDEN), place


def test_no_swedish_translation_speaks_of_failure() -> None:
    with (Path(LOCALE_DIR) / "sv" / "LC_MESSAGES" / "forbattra.po").open("rb") as stream:
        catalogue = read_po(stream, locale="sv")
    ours = {text for _place, text in messages()}
    for message in catalogue:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        if not ours.intersection(ids):
            continue
        value = message.string
        strings = [str(s) for s in value] if isinstance(value, tuple | list) else [str(value)]
        for string in strings:
            assert not any(word in string.casefold() for word in FORBIDDEN), message.id


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_words_of_endings_are_respectful(language: str) -> None:
    before = current_language()
    set_language(language)
    try:
        values = [*ClosureReason, *StopDecision, *FollowUpResult, *Status]
        for value in values:
            assert not any(word in label(value).casefold() for word in FORBIDDEN), value
    finally:
        set_language(before)
