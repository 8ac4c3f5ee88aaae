"""The idea inbox filters by unit in any case, Swedish letters included, on both backends
(SQLite's lower() leaves Å, Ä and Ö as they are)."""

from __future__ import annotations

from datetime import date

from forbattra.core.ideas import NewIdea
from forbattra.store.database import Database
from forbattra.store.services import ideas


def test_the_unit_filter_knows_swedish_letters(database: Database) -> None:
    elderly = ideas.submit_idea(
        database, NewIdea("Fler bänkar i korridoren", unit="Äldreomsorg"), today=date(2025, 3, 1)
    )
    ideas.submit_idea(database, NewIdea("Kortare APT", unit="Ekonomi"), today=date(2025, 3, 2))
    for typed in ("Äldreomsorg", "äldreomsorg", " ÄLDREOMSORG ", "A\u0308ldreomsorg"):
        assert [i.id for i in ideas.list_ideas(database, unit=typed)] == [elderly.id], typed
    assert ideas.list_ideas(database, unit="Öppenvård") == []
