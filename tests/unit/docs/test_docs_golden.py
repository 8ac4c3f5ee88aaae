"""Golden files: the documents of the six sample projects, in Swedish and English.

The expected files are under ``golden/<language>/``, exactly as ``forbattra render --all``
writes them (the CLI test checks that too). After a deliberate change to the templates, the
views or the translations, regenerate them and read the diff before committing::

    FORBATTRA_UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/docs
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from forbattra.core.exchange import InitiativeDocument
from forbattra.docs import render_folder

from .support import GOLDEN, speaking

UPDATE = bool(os.environ.get("FORBATTRA_UPDATE_GOLDEN"))


def rendered(samples: list[tuple[int, InitiativeDocument]], language: str) -> dict[str, str]:
    with speaking(language):
        return {str(d.path): d.text for d in render_folder(samples)}


def golden_files(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.md"))
    }


@pytest.mark.parametrize("language", ["sv", "en"])
def test_sample_documents_match_the_golden_files(
    samples: list[tuple[int, InitiativeDocument]], language: str
) -> None:
    documents = rendered(samples, language)
    folder = GOLDEN / language
    if UPDATE:
        shutil.rmtree(folder, ignore_errors=True)
        for relative, text in documents.items():
            target = folder / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
    expected = golden_files(folder)
    assert sorted(documents) == sorted(expected), "documents were added or removed"
    for relative, text in documents.items():
        if text != expected[relative]:
            diff = "".join(
                list(
                    difflib.unified_diff(
                        expected[relative].splitlines(keepends=True),
                        text.splitlines(keepends=True),
                        f"golden/{language}/{relative}",
                        "rendered",
                    )
                )[:80]
            )
            pytest.fail(
                f"{relative} differs from its golden file (FORBATTRA_UPDATE_GOLDEN=1 to"
                f" accept):\n{diff}"
            )


def test_the_golden_set_holds_what_a_reader_needs() -> None:
    """One file per initiative and per cycle, closure and stop-doing records, an index."""
    names = sorted(golden_files(GOLDEN / "en"))
    assert "index.md" in names
    assert "3-anonym-forbattringsinkorg-for-medarbetare.md" in names
    assert "3-anonym-forbattringsinkorg-for-medarbetare/cycle-3.md" in names
    assert "3-anonym-forbattringsinkorg-for-medarbetare/closure.md" in names
    assert "4-upphava-kvalitetsstrategin-och-sluta-med-det-som-blivit/stop-doing.md" in names
    cycles = [name for name in names if "/cycle-" in name]
    assert len(cycles) == 14


def test_the_documents_speak_the_chosen_language(
    samples: list[tuple[int, InitiativeDocument]],
) -> None:
    swedish = rendered(samples, "sv")[
        "4-upphava-kvalitetsstrategin-och-sluta-med-det-som-blivit.md"
    ]
    english = rendered(samples, "en")[
        "4-upphava-kvalitetsstrategin-och-sluta-med-det-som-blivit.md"
    ]
    assert "**Uppdragsgivare:** Cecilia Wallin" in swedish
    assert "**Sponsor:** Cecilia Wallin" in english
    assert "Vad är problemet?" in swedish
    assert "What is the problem?" in english
