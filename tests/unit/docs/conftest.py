"""Fixtures of the document tests."""

from __future__ import annotations

import pytest

from forbattra.core.exchange import InitiativeDocument

from .support import sample_sources


@pytest.fixture(scope="session")
def samples() -> list[tuple[int, InitiativeDocument]]:
    return sample_sources()
