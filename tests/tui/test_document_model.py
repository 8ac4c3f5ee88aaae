"""What the document preview reads apart and where it saves, without Textual."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from forbattra.tui.document_model import PreparedDocument, export_folder, save, split_front_matter

TEXT = """---
title: "Kortare väntetid: \\"växeln\\""
id: 3
method: "pdsa"
unit: "Kontaktcenter, Ale kommun"
tags: ["forbattra", "pdsa"]
review_by: 2026-06-30
---

# Kortare väntetid
"""


def test_the_front_matter_is_read_apart_from_the_markdown() -> None:
    front, body = split_front_matter(TEXT)
    assert front == [
        ("id", "3"),
        ("method", "pdsa"),
        ("unit", "Kontaktcenter, Ale kommun"),
        ("review_by", "2026-06-30"),
    ]
    assert body == "# Kortare väntetid\n"


def test_text_without_front_matter_is_all_markdown() -> None:
    assert split_front_matter("# Rubrik\n\n---\n") == ([], "# Rubrik\n\n---\n")


def test_the_export_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert export_folder({"FORBATTRA_DOCS": str(tmp_path)}) == tmp_path
    assert export_folder({"FORBATTRA_DOCS": "  "}).name == "forbattra"
    monkeypatch.setenv("FORBATTRA_DOCS", "~/docs")
    assert export_folder() == Path.home() / "docs"


def test_save_writes_the_render_path_under_the_folder(tmp_path: Path) -> None:
    document = PreparedDocument("T", TEXT, PurePosixPath("3-kortare/cycle-1.md"))
    path = save(document, tmp_path / "ut")
    assert path == (tmp_path / "ut" / "3-kortare" / "cycle-1.md").absolute()
    assert path.read_text(encoding="utf-8") == TEXT
    assert save(document, tmp_path / "ut") == path  # unchanged: the same path again
