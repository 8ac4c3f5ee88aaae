"""The parking lot and dot votes travel in the exchange format, and come back the same."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from forbattra.core.domain import NewInitiative
from forbattra.core.exchange import ExchangeError, parse_document, to_json
from forbattra.core.vocabulary import Method
from forbattra.core.voting import VoteTarget
from forbattra.store.database import Database
from forbattra.store.services import causes, dot_votes, parking, solutions
from forbattra.store.services.exchange import export_documents, import_documents
from forbattra.store.services.initiatives import create_initiative

pytestmark = pytest.mark.usefixtures("english")


def test_parking_and_votes_round_trip(database: Database) -> None:
    initiative_id = create_initiative(
        database, "Åsa", NewInitiative("Kortare väntetid", Method.DMAIC)
    ).id
    one, two, gone = (
        causes.add_cause(database, "Åsa", initiative_id, text)
        for text in ("Otydlig information", "Ingen tolk", "Tas bort")
    )
    fix = solutions.add_solution(database, "Åsa", initiative_id, "Bildguide")
    parking.add_parking(database, "Åsa", initiative_id, "Vem äger rutinen?")
    done = parking.add_parking(database, "Åsa", initiative_id, "Fråga IT")
    parking.set_parking_done(database, "Åsa", done.id, True)
    parking.add_parking(database, "Åsa", None, "Global: inte i dokumentet")
    dot_votes.save_vote(
        database,
        "Åsa",
        VoteTarget.CAUSE,
        initiative_id,
        dots_per_person=3,
        participants=4,
        dots={str(one.id): 2, str(two.id): 6, str(gone.id): 4},
        held_on=date(2026, 3, 5),
    )
    dot_votes.save_vote(
        database,
        "Åsa",
        VoteTarget.SOLUTION,
        initiative_id,
        dots_per_person=1,
        participants=None,
        dots={str(fix.id): 5},
        held_on=date(2026, 3, 6),
    )
    causes.delete_cause(database, "Åsa", gone.id)

    (first,) = export_documents(database, [initiative_id])
    assert [(p["text"], p["done"]) for p in first["parking"]] == [
        ("Vem äger rutinen?", False),
        ("Fråga IT", True),
    ]
    assert first["votes"] == [
        {
            "target": "cause",
            "dots_per_person": 3,
            "participants": 4,
            "held_on": "2026-03-05",
            "tallies": {"c2": 6, "c1": 2},  # the removed cause's tally is left out
        },
        {
            "target": "solution",
            "dots_per_person": 1,
            "participants": None,
            "held_on": "2026-03-06",
            "tallies": {"s1": 5},
        },
    ]
    (again_id,) = import_documents(database, "Bo", [("export", parse_document(first))])
    (second,) = export_documents(database, [again_id])
    assert to_json([second]) == to_json([first])
    latest = dot_votes.latest_round(database, VoteTarget.SOLUTION, again_id)
    assert latest is not None and latest.held_on == date(2026, 3, 6)


def test_a_tally_of_an_unknown_item_is_refused(small: dict[str, Any]) -> None:
    data = {
        **small,
        "causes": [{"key": "c1", "text": "Otydlig information"}],
        "votes": [
            {
                "target": "cause",
                "dots_per_person": 3,
                "held_on": "2026-03-05",
                "tallies": {"c1": 2, "c9": 1},
            },
            {"target": "idea", "dots_per_person": 0, "held_on": "igår"},
        ],
        "parking": [{"text": "  "}],
    }
    with pytest.raises(ExchangeError) as raised:
        parse_document(data)
    paths = {problem.path for problem in raised.value.problems}
    assert {"votes[1].target", "votes[1].dots_per_person", "votes[1].held_on"} <= paths
    assert "parking[0].text" in paths
    del data["votes"][1]
    data["parking"] = []
    with pytest.raises(ExchangeError) as raised:
        parse_document(data)
    assert [problem.path for problem in raised.value.problems] == ["votes[0].tallies.c9"]
