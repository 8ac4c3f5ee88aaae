"""The preview's header names every front-matter key the templates write in the reader's
language (the Swedish case needs the Swedish catalogue to hold the words)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from forbattra.i18n import current_language, set_language
from forbattra.tui.document_model import header_fields

TEMPLATES = Path(__file__).parents[2] / "templates"


@pytest.fixture
def language() -> Iterator[None]:
    before = current_language()
    yield
    set_language(before)


def template_keys() -> set[str]:
    """Every key any bundled template passes to front_matter([...])."""
    keys: set[str] = set()
    for path in TEMPLATES.glob("*.md.j2"):
        for block in re.findall(r"front_matter\(\[(.*?)\]\)\s*\}\}", path.read_text(), re.DOTALL):
            keys |= set(re.findall(r'\(\s*"([a-z_]+)"', block))
    return keys - {"title", "tags"}


def test_the_templates_write_the_keys_this_test_knows() -> None:
    assert {"review_by", "initiative_id", "created", "reviewer", "period"} <= template_keys()


@pytest.mark.parametrize("chosen", ["en", "sv"])
def test_no_key_is_shown_as_the_file_writes_it(language: None, chosen: str) -> None:
    set_language(chosen)
    keys = template_keys()
    shown = header_fields([(key, "x") for key in sorted(keys)])
    assert len(shown) == len(keys - {"method", "status", "phase", "area", "decision",
                                     "prediction_held", "initiative", "reason"})  # fmt: skip
    assert [name for name, _value in shown if "_" in name] == []


def test_the_review_date_in_swedish(language: None) -> None:
    set_language("sv")
    assert header_fields([("review_by", "2026-01-15"), ("status", "paused")]) == [
        ("ompröva senast", "2026-01-15")
    ]


def test_a_key_of_the_users_own_template_keeps_its_name(language: None) -> None:
    set_language("en")
    assert header_fields([("budget", "12"), ("phase", "measure")]) == [("budget", "12")]
