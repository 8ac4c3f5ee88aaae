"""The methods as data: phases in order, their guiding questions, and lookups."""

from __future__ import annotations

import pytest

from forbattra.core import methods
from forbattra.core.vocabulary import AREAS, Method, area_label, area_short

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("method", "keys", "letters"),
    [
        (Method.DMAIC, ["define", "measure", "analyze", "improve", "control"], "DMAIC"),
        (Method.PDSA, ["aim", "measures", "changes", "cycles"], "123C"),
    ],
)
def test_phases_in_order(method: Method, keys: list[str], letters: str) -> None:
    assert [p.key for p in methods.phases(method)] == keys
    assert "".join(p.letter for p in methods.phases(method)) == letters
    assert methods.first_phase(method) == keys[0]
    for index, key in enumerate(keys):
        assert methods.phase_index(method, key) == index
        found = methods.phase(method, key)
        assert found is not None and found.key == key


@pytest.mark.parametrize("method", ["dmaic", "pdsa"])
def test_methods_can_be_named_by_their_stored_value(method: str) -> None:
    assert methods.phases(method) == methods.phases(Method(method))


@pytest.mark.parametrize(
    ("method", "key"),
    [(Method.DMAIC, "aim"), (Method.PDSA, "define"), (Method.DMAIC, ""), (Method.DMAIC, "Define")],
)
def test_unknown_phases(method: Method, key: str) -> None:
    assert methods.phase(method, key) is None
    with pytest.raises(ValueError) as caught:
        methods.phase_index(method, key)
    assert caught.value.args == (key,)


def test_an_unknown_method_is_an_error() -> None:
    with pytest.raises(ValueError, match="lean"):
        methods.phases("lean")


@pytest.mark.parametrize("method", list(Method))
def test_every_phase_asks_something_and_keys_are_unique(method: Method) -> None:
    phases = methods.phases(method)
    assert len({p.key for p in phases}) == len(phases)
    for phase in phases:
        assert phase.questions, phase.key
        keys = [q.key for q in phase.questions]
        assert len(set(keys)) == len(keys), phase.key
        for question in phase.questions:
            assert phase.question(question.key) is question
            assert question.text.endswith("?"), question.key
            # Keys fit the database columns (phase 30, question 40 characters).
            assert len(question.key) <= 40
        assert len(phase.key) <= 30
        assert phase.question("nope") is None
        assert phase.name


def test_dmaic_asks_the_define_questions_first() -> None:
    define = methods.phases(Method.DMAIC)[0]
    assert define.questions[0].key == "problem"
    assert define.questions[0].text == "What is the problem?"
    assert define.name == "Define"


def test_the_eight_kommunkompassen_areas() -> None:
    assert AREAS == (1, 2, 3, 4, 5, 6, 7, 8)
    assert area_label(None) == ""
    assert area_short(None) == "–"
    assert area_short(3) == "3 Governance and control"
    assert all(area_label(area) for area in AREAS)
