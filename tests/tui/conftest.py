"""Pilot tests of the terminal UI.

The language is set here, before any ``forbattra.tui`` module is imported, because class-level
strings (``BINDINGS`` descriptions) are translated when their module is imported. These tests
speak English; the Swedish snapshots run in a subprocess (``render_svg.py``), which sets its
language first, as the CLI does.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from forbattra.i18n import set_language

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the test's database goes (created by the first service call or by the app)."""
    return tmp_path / "x.db"
