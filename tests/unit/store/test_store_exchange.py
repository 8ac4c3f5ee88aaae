"""Import and export through the database: stable round trips, and all or nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from forbattra.core.domain import NewInitiative
from forbattra.core.exchange import InitiativeDocument, load_file, parse_document, to_json
from forbattra.core.vocabulary import Method
from forbattra.locations import sample_projects_dir
from forbattra.store.database import Database
from forbattra.store.engine import write_session
from forbattra.store.errors import DatabaseUnavailable, NotFound
from forbattra.store.services import exchange as service
from forbattra.store.services.events import history
from forbattra.store.services.events import record as real_record
from forbattra.store.services.exchange import export_documents, import_documents
from forbattra.store.services.initiatives import (
    create_initiative,
    list_initiatives,
    move_to_phase,
    set_answer,
)

pytestmark = pytest.mark.usefixtures("english")

DATA = Path(__file__).parents[1] / "data"
OUR_FILES = sorted(DATA.glob("*.json"))
SAMPLE_FILES = sorted(sample_projects_dir().glob("*.json"))
ROUND_TRIP_FILES = OUR_FILES + SAMPLE_FILES

Contents = Callable[[Any], dict[str, list[tuple[Any, ...]]]]


def documents_in(path: Path) -> list[tuple[str, InitiativeDocument]]:
    return [(str(path), document) for document in load_file(path)]


def reimport(db: Database, exported: list[dict[str, Any]]) -> list[int]:
    return import_documents(
        db, "tester", [(f"export[{i}]", parse_document(d)) for i, d in enumerate(exported)]
    )


def test_our_own_documents_are_always_among_the_round_trips() -> None:
    assert len(OUR_FILES) >= 2
    assert set(OUR_FILES) <= set(ROUND_TRIP_FILES)


@pytest.mark.parametrize("path", ROUND_TRIP_FILES, ids=[p.name for p in ROUND_TRIP_FILES])
def test_import_export_import_export_gives_the_same_document(
    database: Database, path: Path
) -> None:
    documents = documents_in(path)
    assert documents, f"{path} holds no documents"
    first_ids = import_documents(database, "tester", documents)
    first = export_documents(database, first_ids)
    assert len(first) == len(documents)

    second_ids = reimport(database, first)
    assert set(second_ids).isdisjoint(first_ids)
    second = export_documents(database, second_ids)

    assert second == first
    assert to_json(second) == to_json(first)
    for original, (_source, document) in zip(first, documents, strict=True):
        assert original["initiative"]["title"] == " ".join(document.initiative.title.split())
        assert len(original["measures"]) == len(document.measures)
        assert len(original["history"]) == len(document.history)


def test_the_first_export_keeps_what_was_imported(database: Database, rich: dict[str, Any]) -> None:
    (initiative_id,) = import_documents(database, "tester", [("rich", parse_document(rich))])
    (exported,) = export_documents(database, [initiative_id])
    initiative = exported["initiative"]
    for field in ("title", "method", "unit", "area", "leader", "sponsor", "coach", "team"):
        assert initiative[field] == rich["initiative"][field], field
    assert (initiative["status"], initiative["phase"]) == ("closed", "improve")
    # Times come back as the same instant, in UTC.
    assert initiative["created_at"] == "2025-01-07T08:30:00Z"
    assert initiative["updated_at"] == "2025-05-02T14:45:10.123456Z"
    # Answers in the method's order of phases and questions.
    assert [(a["phase"], a["question"]) for a in exported["answers"]] == [
        ("define", "problem"),
        ("define", "goal"),
        ("measure", "baseline"),
    ]
    assert exported["answers"][0]["text"] == rich["answers"][1]["text"]
    # Keys are renumbered; references follow them.
    assert [c["key"] for c in exported["causes"]] == ["c1", "c2", "c3", "c4"]
    assert [c["parent"] for c in exported["causes"]] == ["c2", None, None, "c3"]
    assert [c["text"] for c in exported["causes"]] == [c["text"] for c in rich["causes"]]
    assert exported["solutions"][0]["causes"] == ["c1", "c2"]  # deduplicated, in cause order
    assert exported["solutions"][1]["causes"] == ["c3"]
    # Observations by date; a missing value stays missing.
    observations = exported["measures"][0]["observations"]
    assert [o["date"] for o in observations] == [
        "2025-01-06",
        "2025-01-13",
        "2025-01-20",
        "2025-01-27",
    ]
    assert [o["value"] for o in observations] == [14.0, None, 15.5, 0.1]
    assert observations[0]["note"] == "jul\nefterslap"
    assert exported["measures"][1]["observations"] == []
    # Cycles by number, each still tied to its solution.
    assert [(c["number"], c["solution"]) for c in exported["cycles"]] == [
        (1, "s1"),
        (2, "s1"),
        (3, "s2"),
    ]
    # Whether the prediction held travels with the cycle; left out, it stays unanswered.
    assert [c["prediction_held"] for c in exported["cycles"]] == [None, "partly", None]
    assert exported["stop_doing"][0] == {**rich["stop_doing"][0]}
    assert exported["stop_doing"][1]["decision"] == "undecided"
    assert exported["closure"] == rich["closure"]
    assert [c["target"] for c in exported["comments"]] == ["phase:define", "cycle:2", "initiative"]
    assert exported["comments"][2]["text"] == "Bra jobbat [@click=app.quit]x[/]"
    # The document's history is kept; this database's own "import" event is not exported.
    assert [e["action"] for e in exported["history"]] == ["create", "phase", "answer"]
    assert [e.action for e in history(database, initiative_id)] == [
        "create",
        "phase",
        "answer",
        "import",
    ]
    assert history(database, initiative_id)[-1].new == "rich"


def test_an_initiative_made_here_round_trips_with_its_history(database: Database) -> None:
    row = create_initiative(database, "Åsa", NewInitiative(title="Egen", method=Method.PDSA))
    set_answer(database, "Åsa", row.id, "aim", "aim", "första")
    set_answer(database, "Bo", row.id, "aim", "aim", "andra")
    move_to_phase(database, "Bo", row.id, "changes")
    (first,) = export_documents(database, [row.id])
    assert [(e["action"], e["old"], e["new"]) for e in first["history"]] == [
        ("create", None, "Egen"),
        ("answer", None, "första"),
        ("answer", "första", "andra"),
        ("phase", "aim", "changes"),
    ]
    (second,) = export_documents(database, reimport(database, [first]))
    assert second == first


def test_whether_a_prediction_held_round_trips(database: Database) -> None:
    from forbattra.store.services import cycles

    row = create_initiative(database, "Åsa", NewInitiative(title="Egen", method=Method.PDSA))
    cycle = cycles.add_cycle(database, "Åsa", row.id, "Besök")
    cycles.set_prediction_held(database, "Åsa", cycle.id, "no")
    (first,) = export_documents(database, [row.id])
    assert first["cycles"][0]["prediction_held"] == "no"
    (second,) = export_documents(database, reimport(database, [first]))
    assert second == first
    # A document written before the field existed loads as "not answered".
    del first["cycles"][0]["prediction_held"]
    (older,) = export_documents(database, reimport(database, [first]))
    assert older["cycles"][0]["prediction_held"] is None


def test_export_everything_in_id_order(
    database: Database, rich: dict[str, Any], small: dict[str, Any]
) -> None:
    assert export_documents(database) == []
    ids = import_documents(
        database, "tester", [("a", parse_document(small)), ("b", parse_document(rich))]
    )
    create_initiative(database, "tester", NewInitiative(title="tredje", method=Method.DMAIC))
    titles = [d["initiative"]["title"] for d in export_documents(database)]
    assert titles == [small["initiative"]["title"], rich["initiative"]["title"], "tredje"]
    # Asked-for ids come back in the order asked.
    reverse = export_documents(database, list(reversed(ids)))
    assert [d["initiative"]["title"] for d in reverse] == titles[1::-1]


def test_export_of_an_unknown_id_is_not_found(database: Database, small: dict[str, Any]) -> None:
    (known,) = import_documents(database, "tester", [("a", parse_document(small))])
    with pytest.raises(NotFound, match=str(known + 100)):
        export_documents(database, [known, known + 100])


def test_a_comment_on_a_removed_cycle_is_exported_on_the_initiative(
    database: Database, rich: dict[str, Any]
) -> None:
    (initiative_id,) = import_documents(database, "tester", [("rich", parse_document(rich))])
    with write_session(database.engine) as session:
        session.execute(text("DELETE FROM cycle WHERE number = 2"))
    (exported,) = export_documents(database, [initiative_id])
    assert "cycle:2" not in [c["target"] for c in exported["comments"]]
    assert [c["number"] for c in exported["cycles"]] == [1, 3]
    parse_document(exported)  # still a valid document


def test_imported_titles_are_cleaned_like_typed_ones(
    database: Database, small: dict[str, Any]
) -> None:
    small["initiative"]["title"] = "  två\n  rader\t"
    (initiative_id,) = import_documents(database, "tester", [("s", parse_document(small))])
    assert [row.title for row in list_initiatives(database)] == ["två rader"]
    (exported,) = export_documents(database, [initiative_id])
    assert exported["initiative"]["title"] == "två rader"


def test_a_document_without_a_phase_starts_in_the_first_one(
    database: Database, small: dict[str, Any]
) -> None:
    assert "phase" not in small["initiative"]
    (initiative_id,) = import_documents(database, "tester", [("s", parse_document(small))])
    (exported,) = export_documents(database, [initiative_id])
    assert exported["initiative"]["phase"] == "aim"
    assert exported["initiative"]["status"] == "active"


# --- All or nothing ----------------------------------------------------------------------------


@pytest.fixture
def populated(database: Database, small: dict[str, Any]) -> Database:
    """A database that already holds something a failed import must not disturb."""
    import_documents(database, "tester", [("first", parse_document(small))])
    create_initiative(database, "tester", NewInitiative(title="befintlig", method=Method.DMAIC))
    return database


def test_a_database_error_in_the_second_document_stores_neither(
    populated: Database, rich: dict[str, Any], small: dict[str, Any], table_contents: Contents
) -> None:
    good = parse_document(small)
    bad = parse_document(rich)
    # Valid to the format's checks, refused by the database's own: a repeated cycle number.
    bad.cycles[1].number = bad.cycles[0].number
    before = table_contents(populated.engine)
    with pytest.raises(DatabaseUnavailable):
        import_documents(populated, "tester", [("good", good), ("bad", bad)])
    assert table_contents(populated.engine) == before


def test_a_missing_required_value_stores_nothing(
    populated: Database, rich: dict[str, Any], small: dict[str, Any], table_contents: Contents
) -> None:
    bad = parse_document(rich)
    assert bad.closure is not None
    bad.closure.learned = None  # type: ignore[assignment]
    before = table_contents(populated.engine)
    with pytest.raises(DatabaseUnavailable):
        import_documents(populated, "tester", [("good", parse_document(small)), ("bad", bad)])
    assert table_contents(populated.engine) == before


def test_a_failure_in_python_halfway_stores_nothing(
    populated: Database,
    rich: dict[str, Any],
    small: dict[str, Any],
    table_contents: Contents,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = 0

    def record_then_fail(*args: Any, **kwargs: Any) -> None:
        nonlocal calls
        calls += 1
        real_record(*args, **kwargs)
        if calls == 2:
            raise RuntimeError("the power went out")

    monkeypatch.setattr(service, "record", record_then_fail)
    before = table_contents(populated.engine)
    documents = [("a", parse_document(small)), ("b", parse_document(rich))]
    with pytest.raises(RuntimeError, match="power"):
        import_documents(populated, "tester", documents)
    assert calls == 2  # the first document was completely written before the failure
    assert table_contents(populated.engine) == before


def test_an_import_of_nothing_changes_nothing(
    populated: Database, table_contents: Contents
) -> None:
    before = table_contents(populated.engine)
    assert import_documents(populated, "tester", []) == []
    assert table_contents(populated.engine) == before


def test_the_sample_projects_are_valid_when_there_are_any() -> None:
    for path in SAMPLE_FILES:
        documents = load_file(path)
        assert documents, path
        for document in documents:
            assert json.loads(to_json([document.model_dump(mode="json")]))
