"""A long report in the preview: drawn a part at a time, only as far as the reader scrolls,
and exported whole with the documents it links to."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from forbattra import docs
from forbattra.core.domain import NewMeasure
from forbattra.core.exchange import load_file
from forbattra.locations import sample_projects_dir
from forbattra.store.database import Database
from forbattra.store.services.exchange import export_documents, import_documents
from forbattra.store.services.measures import add_measure
from forbattra.store.services.observations import add_observation
from forbattra.tui.screens.document import DocumentScreen
from forbattra.tui.widgets.rendered_lines import RenderedLines, split_parts

from .helpers import build_app, running, screen_text, settle

TITLE = "Försök med aggregerad budget på central nivå"
VALUES = 400  # a table of 400 rows: far past the preview's short-document limit


@pytest.fixture
def long_report(db_path: Path) -> int:
    path = sample_projects_dir() / "05-aggregerad-budget.json"
    with Database.open(str(db_path)) as database:
        (initiative_id,) = import_documents(
            database, "test", [(str(path), d) for d in load_file(path)]
        )
        measure = add_measure(database, "test", initiative_id, NewMeasure("Väntetid"))
        first = date(2024, 1, 1)
        for day in range(VALUES):
            add_observation(database, "test", measure.id, first + timedelta(days=day), day % 17)
    return initiative_id


def test_parts_join_to_the_markdown_and_never_cut_a_fenced_block() -> None:
    fence = ["```text", *(f"# not a heading {n}" for n in range(60)), "```"]
    lines = ["# Title", *(f"line {n}" for n in range(50)), "## Two", *fence, "## Three", "end"]
    markdown = "\n".join(lines) + "\n"
    parts = split_parts(markdown)
    assert "".join(parts) == markdown
    assert [part.splitlines()[0] for part in parts] == ["# Title", "## Two", "## Three"]
    assert parts[1].count("```") == 2  # the fenced block stays whole in its part


async def test_a_long_report_is_drawn_as_far_as_the_reader_scrolls(
    db_path: Path, long_report: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "exported"
    monkeypatch.setenv("FORBATTRA_DOCS", str(folder))
    app = build_app(db_path)
    async with running(app) as pilot:
        app.push_screen(DocumentScreen(long_report))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DocumentScreen)
        lines = screen.query_one(RenderedLines)
        assert lines.display and lines.has_focus
        assert TITLE in screen_text(app)
        assert not lines.complete  # the rest waits for the reader
        drawn = len(lines.lines)
        for _press in range(80):
            await pilot.press("end")
            await settle(pilot)
            if lines.complete:
                break
        assert lines.complete and len(lines.lines) > drawn + VALUES
        assert "Väntetid" in "\n".join(strip.text for strip in lines.lines)
        assert lines.scroll_offset.y > 0
        await pilot.press("e")
        await settle(pilot)
    written = folder / f"{docs.file_base(long_report, TITLE)}.md"
    assert written.read_text(encoding="utf-8").count("\n") > VALUES
    with Database.open(str(db_path)) as database:
        (document,) = export_documents(database, [long_report])
    made = docs.render_folder([(long_report, document)])
    cycles = [item for item in made if "cycle-" in str(item.path)]
    assert cycles  # the report links to them: they are saved beside it
    for item in cycles:
        assert (folder / item.path).read_text(encoding="utf-8") == item.text
