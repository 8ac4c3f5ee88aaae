"""What a cause's line in the tree says beyond its text."""

from __future__ import annotations

import pytest

from forbattra.core.domain import CauseView
from forbattra.core.vocabulary import CauseCategory
from forbattra.tui.widgets.causes import cause_label, in_tree_order

pytestmark = pytest.mark.usefixtures("english")


def cause(id: int, parent: int | None, category: CauseCategory | None, votes: int = 0) -> CauseView:
    return CauseView(id, parent, id, f"Orsak {id}", category, False, False, 1, votes)


def test_a_why_in_another_category_names_its_own() -> None:
    top = cause(1, None, CauseCategory.METHODS)
    why = cause(2, 1, CauseCategory.MEASUREMENT)
    same = cause(3, 1, CauseCategory.METHODS)
    assert [c.id for c, _depth in in_tree_order([top, why, same])] == [1, 2, 3]
    assert cause_label(top, CauseCategory.METHODS).plain == "Orsak 1"
    assert cause_label(why, CauseCategory.METHODS).plain == "Orsak 2  · measurement"
    assert cause_label(same, CauseCategory.METHODS).plain == "Orsak 3"


def test_dots_from_the_latest_vote_follow_the_text() -> None:
    assert cause_label(cause(1, None, None, votes=5)).plain == "Orsak 1  ● 5"
    assert cause_label(cause(1, None, None)).plain == "Orsak 1"
