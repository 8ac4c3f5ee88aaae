"""Helpers of the document tests: the sample projects and a language switch."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from forbattra.core.exchange import InitiativeDocument, load_file
from forbattra.i18n import current_language, set_language

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "sample_projects"
GOLDEN = Path(__file__).parent / "golden"


def sample_sources() -> list[tuple[int, InitiativeDocument]]:
    """The sample projects as ``forbattra import`` numbers them: 1, 2, … in file-name order."""
    files = sorted(SAMPLES.glob("*.json"))
    documents = [document for path in files for document in load_file(path)]
    return list(enumerate(documents, start=1))


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Render in ``language``; the previous language comes back afterwards."""
    before = current_language()
    set_language(language)
    try:
        yield
    finally:
        set_language(before)
