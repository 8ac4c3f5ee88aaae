"""The templates are compiled while the app is idle, so the first document preview does not
pay for it; a template that does not compile is left for the preview to report."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from forbattra.docs.environment import SUFFIX, bundled_templates, cached_environment, warm
from tui.helpers import build_app, create, running


def _compiled(folder: Path | None) -> set[str]:
    cache = cached_environment(folder).cache
    assert cache is not None
    return {name for _loader, name in cache}


@pytest.fixture(autouse=True)
def fresh_environments() -> Iterator[None]:
    cached_environment.cache_clear()
    yield
    cached_environment.cache_clear()


def test_warm_compiles_every_template() -> None:
    names = {path.name for path in bundled_templates().glob(f"*{SUFFIX}")}
    assert "initiative.md.j2" in names
    assert not _compiled(None)
    assert warm(None) == len(names)
    assert _compiled(None) == names


def test_a_broken_template_is_left_for_the_render(tmp_path: Path) -> None:
    (tmp_path / "cycle.md.j2").write_text("{% if %}broken", encoding="utf-8")
    names = {path.name for path in bundled_templates().glob(f"*{SUFFIX}")}
    assert warm(tmp_path) == len(names) - 1
    assert "cycle.md.j2" not in _compiled(tmp_path)


async def test_the_app_warms_the_templates_once_the_database_is_open(db_path: Path) -> None:
    create(db_path, "Förhandsvisning utan väntan")
    app = build_app(db_path)
    async with running(app):
        assert app.database is not None
        assert "initiative.md.j2" in _compiled(None)
