"""Numbers typed with digits Python calls digits but int() does not read ("²", "³") get a
clear refusal, never "something unexpected"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from forbattra.core.voting import VoteError, parse_count

SAMPLE = Path(__file__).parents[3] / "sample_projects" / "03-anonym-forbattringsinkorg.json"


def test_a_dot_count_in_superscript_is_refused() -> None:
    with pytest.raises(VoteError):
        parse_count("²", what="Dots per person", limit=10)
    assert parse_count("٣", what="Dots per person", limit=10) == 3  # Arabic-Indic three


def test_a_measure_or_cycle_named_by_a_superscript_is_not_found(
    run_cli: Any, tmp_path: Path
) -> None:
    db = str(tmp_path / "forbattra.db")
    assert run_cli("--db", db, "import", str(SAMPLE)).code == 0
    shown = run_cli("--db", db, "measure", "show", "1", "²")
    assert shown.code == 3, shown.err
    staged = run_cli("--db", db, "measure", "stage", "add", "1", "²", "2024-10-01", "-r", "ny")
    assert staged.code == 3, staged.err


def test_a_comment_on_a_superscript_cycle_is_refused(database: Any, english: None) -> None:
    from forbattra.core.domain import NewInitiative
    from forbattra.core.vocabulary import Method
    from forbattra.store.errors import InvalidInput
    from forbattra.store.services.comments import add_comment
    from forbattra.store.services.initiatives import create_initiative

    new = NewInitiative("Kortare kö", Method.PDSA, unit="Kontaktcenter")
    initiative_id = create_initiative(database, "Åsa", new).id
    with pytest.raises(InvalidInput):
        add_comment(database, "Coach", initiative_id, "Bra!", target="cycle:²")
