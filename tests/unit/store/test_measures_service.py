"""The measure services on both backends: define, edit, delete, list, values, CSV import."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine, event

from forbattra.core.analysis import Verdict, run_chart
from forbattra.core.domain import NewInitiative, NewMeasure
from forbattra.core.observations_csv import ParsedRow, parse_observations
from forbattra.core.vocabulary import Direction, MeasureKind, Method
from forbattra.store.database import Database
from forbattra.store.errors import Conflict, InvalidInput, NotFound
from forbattra.store.services import measures as service
from forbattra.store.services import observations
from forbattra.store.services.events import history
from forbattra.store.services.exchange import export_documents
from forbattra.store.services.initiatives import create_initiative, get_initiative

pytestmark = pytest.mark.usefixtures("english")

Contents = Callable[[Engine], dict[str, list[tuple[Any, ...]]]]

WAITING = NewMeasure(
    name="Väntetid till första besök",
    kind=MeasureKind.OUTCOME,
    unit="dagar",
    direction=Direction.LOWER_IS_BETTER,
    target=14,
    baseline_points=10,
    definition="Dagar från ansökan till första besök.\nMedianen per vecka.",
    collection="Uttag ur verksamhetssystemet varje måndag.",
    collector="Anna på kansliet",
)


def initiative(db: Database, title: str = "Kortare väntetider") -> int:
    return create_initiative(db, "tester", NewInitiative(title=title, method=Method.PDSA)).id


def measure(db: Database, initiative_id: int, new: NewMeasure = WAITING) -> int:
    return service.add_measure(db, "tester", initiative_id, new).id


def events(db: Database, initiative_id: int, entity: str) -> list[tuple[Any, ...]]:
    return [
        (e.action, e.entity_id, e.field, e.old, e.new)
        for e in history(db, initiative_id)
        if e.entity == entity
    ]


# --- Measures -------------------------------------------------------------------------------


def test_add_a_measure(database: Database) -> None:
    owner = initiative(database)
    before = get_initiative(database, owner).updated_at
    row = service.add_measure(database, "Åsa", owner, WAITING)
    assert row.id > 0 and row.initiative_id == owner and row.position == 0
    assert (row.name, row.kind, row.direction, row.target) == (
        "Väntetid till första besök",
        MeasureKind.OUTCOME,
        Direction.LOWER_IS_BETTER,
        14.0,
    )
    assert (row.definition, row.baseline_points, row.observations) == (
        WAITING.definition,
        10,
        (),
    )
    assert service.get_measure(database, row.id) == row
    second = service.add_measure(database, "Åsa", owner, NewMeasure("Nöjdhet"))
    assert second.position == 1
    assert [m.name for m in service.list_measures(database, owner)] == [row.name, "Nöjdhet"]
    assert events(database, owner, "measure") == [
        ("create", row.id, "", None, row.name),
        ("create", second.id, "", None, "Nöjdhet"),
    ]
    assert get_initiative(database, owner).updated_at >= before


@pytest.mark.parametrize(
    ("new", "message"),
    [
        (NewMeasure(""), "needs a name"),
        (NewMeasure(" \n\t "), "needs a name"),
        (NewMeasure("x" * 301), "301 characters; at most 300"),
        (NewMeasure("ok", unit="u" * 61), "61 characters; at most 60"),
        (NewMeasure("ok", target=math.nan), "target must be a number"),
        (NewMeasure("ok", target=math.inf), "target must be a number"),
        (NewMeasure("ok", baseline_points=0), "at least 1"),
        (NewMeasure("ok", baseline_points=True), "at least 1"),
        (NewMeasure("ok", kind="sideways"), "outcome, process or balancing"),  # type: ignore[arg-type]
        (NewMeasure("ok", direction="left"), "outcome, process or balancing"),  # type: ignore[arg-type]
        (NewMeasure("ok", definition="d" * 20_001), "at most 20000"),
    ],
)
def test_bad_measures_are_refused_and_nothing_is_written(
    database: Database, table_contents: Contents, new: NewMeasure, message: str
) -> None:
    owner = initiative(database)
    before = table_contents(database.engine)
    with pytest.raises(InvalidInput, match=message):
        service.add_measure(database, "tester", owner, new)
    assert table_contents(database.engine) == before


def test_names_are_cleaned_and_odd_text_kept(database: Database) -> None:
    owner = initiative(database)
    odd = "Andel 🚀 [bold]klara[/] \u202eomvänd\u202c 'x'; DROP TABLE measure; --"
    row = service.add_measure(
        database, "tester", owner, NewMeasure("  a\x00b\n c ", unit=" % ", definition=odd)
    )
    assert (row.name, row.unit, row.definition) == ("a b c", "%", odd)


def test_a_measure_needs_an_existing_initiative(database: Database) -> None:
    with pytest.raises(NotFound, match="no initiative with id 999"):
        service.add_measure(database, "tester", 999, WAITING)
    with pytest.raises(NotFound):
        service.list_measures(database, 999)
    with pytest.raises(NotFound, match="no measure with id 5"):
        service.get_measure(database, 5)


def test_edit_records_every_changed_field(database: Database) -> None:
    owner = initiative(database)
    row = service.add_measure(database, "tester", owner, WAITING)
    changed = NewMeasure(
        name="Väntetid i dagar",
        kind=MeasureKind.PROCESS,
        unit="dagar",
        direction=Direction.LOWER_IS_BETTER,
        target=None,
        baseline_points=10,
        definition=WAITING.definition,
        collection=WAITING.collection,
        collector="Bo",
    )
    edited = service.edit_measure(database, "Bo", row.id, changed, expected_version=row.version)
    assert (edited.name, edited.kind, edited.target, edited.collector) == (
        "Väntetid i dagar",
        MeasureKind.PROCESS,
        None,
        "Bo",
    )
    assert edited.version == row.version + 1
    assert events(database, owner, "measure")[1:] == [
        ("edit", row.id, "name", WAITING.name, "Väntetid i dagar"),
        ("edit", row.id, "kind", "outcome", "process"),
        ("edit", row.id, "target", "14.0", None),
        ("edit", row.id, "collector", "Anna på kansliet", "Bo"),
    ]
    # The same definition again changes nothing and logs nothing.
    again = service.edit_measure(database, "Bo", row.id, changed)
    assert again.version == edited.version
    assert len(events(database, owner, "measure")) == 5


def test_edit_with_an_old_version_is_a_conflict(database: Database) -> None:
    owner = initiative(database)
    row = service.add_measure(database, "tester", owner, WAITING)
    service.edit_measure(database, "Anna", row.id, NewMeasure("Anna's name"))
    with pytest.raises(Conflict, match="Someone else changed this measure"):
        service.edit_measure(database, "Bo", row.id, NewMeasure("Bo's"), expected_version=1)
    assert service.get_measure(database, row.id).name == "Anna's name"
    with pytest.raises(Conflict):
        service.delete_measure(database, "Bo", row.id, expected_version=1)


def test_delete_a_measure_takes_its_values(database: Database) -> None:
    owner = initiative(database)
    kept = measure(database, owner, NewMeasure("Kvar"))
    gone = measure(database, owner)
    for day in (1, 2, 3):
        observations.add_observation(database, "tester", gone, date(2025, 3, day), day)
    observations.add_observation(database, "tester", kept, date(2025, 3, 1), 7)
    service.delete_measure(database, "tester", gone)
    remaining = service.list_measures(database, owner)
    assert [(m.name, m.values) for m in remaining] == [("Kvar", [7.0])]
    assert events(database, owner, "measure")[-1] == (
        "delete",
        gone,
        "observations",
        f"{WAITING.name} (3)",
        None,
    )
    with pytest.raises(NotFound):
        service.delete_measure(database, "tester", gone)


def test_list_reads_only_the_columns_it_needs(database: Database) -> None:
    owner = initiative(database)
    first = measure(database, owner)
    observations.add_observation(database, "tester", first, date(2025, 3, 1), 1)
    statements: list[str] = []

    def remember(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement.lower())

    event.listen(database.engine, "before_cursor_execute", remember)
    try:
        service.list_measures(database, owner)
    finally:
        event.remove(database.engine, "before_cursor_execute", remember)
    selects = [s for s in statements if s.lstrip().startswith("select")]
    measure_select = next(s for s in selects if "from measure" in s)
    observation_select = next(s for s in selects if "from observation" in s)
    assert "created_at" not in measure_select and "created_at" not in observation_select
    assert len([s for s in selects if "from observation" in s]) == 1  # not one per measure


def test_find_a_measure_by_id_or_exact_name(database: Database) -> None:
    owner = initiative(database)
    other = initiative(database, "Annat")
    first = measure(database, owner)
    foreign = measure(database, other, NewMeasure("Främmande"))
    assert service.find_measure(database, owner, str(first)).id == first
    assert service.find_measure(database, owner, f" {WAITING.name} ").id == first
    with pytest.raises(NotFound, match=r"Initiative \d+ has no measure väntetid"):
        service.find_measure(database, owner, "väntetid")
    with pytest.raises(NotFound):
        service.find_measure(database, owner, str(foreign))  # another initiative's measure
    measure(database, owner)  # a second measure with the same name
    with pytest.raises(InvalidInput, match="Several measures are called"):
        service.find_measure(database, owner, WAITING.name)


# --- Values ---------------------------------------------------------------------------------


def test_values_come_back_in_time_order(database: Database) -> None:
    owner = initiative(database)
    target = measure(database, owner)
    for day, value in [(20, 3.0), (6, 1.0), (13, None), (27, 4.5)]:
        observations.add_observation(
            database, "tester", target, date(2025, 1, day), value, period="", note=f"d{day}"
        )
    (row,) = service.list_measures(database, owner)
    assert row.values == [1.0, None, 3.0, 4.5]
    assert row.labels == ["2025-01-06", "2025-01-13", "2025-01-20", "2025-01-27"]
    assert [o.note for o in row.observations] == ["d6", "d13", "d20", "d27"]


def test_add_edit_and_delete_a_value_are_logged(database: Database) -> None:
    owner = initiative(database)
    target = measure(database, owner)
    added = observations.add_observation(
        database, "Åsa", target, date(2025, 3, 10), 3.5, period="2025-W11", note="ny blankett"
    )
    assert (added.label, added.value, added.version) == ("2025-W11", 3.5, 1)
    edited = observations.edit_observation(
        database,
        "Bo",
        added.id,
        date(2025, 3, 10),
        4.0,
        period="2025-W11",
        note="ny blankett",
        expected_version=1,
    )
    assert (edited.value, edited.version) == (4.0, 2)
    observations.delete_observation(database, "Bo", added.id)
    assert events(database, owner, "observation") == [
        ("create", added.id, WAITING.name, None, "2025-W11: 3.5"),
        ("edit", added.id, "value", "3.5", "4.0"),
        ("delete", added.id, WAITING.name, "2025-W11: 4", None),
    ]
    assert service.get_measure(database, target).observations == ()


def test_one_value_per_date(database: Database) -> None:
    owner = initiative(database)
    target = measure(database, owner)
    first = observations.add_observation(database, "tester", target, date(2025, 3, 10), 1)
    second = observations.add_observation(database, "tester", target, date(2025, 3, 17), 2)
    with pytest.raises(InvalidInput, match="already a value for 2025-03-10"):
        observations.add_observation(database, "tester", target, date(2025, 3, 10), 5)
    with pytest.raises(InvalidInput, match="already a value for 2025-W11"):
        observations.edit_observation(
            database, "tester", second.id, date(2025, 3, 10), 2, period="2025-W11"
        )
    # Keeping its own date is fine.
    observations.edit_observation(database, "tester", first.id, date(2025, 3, 10), 9)
    assert service.get_measure(database, target).values == [9.0, 2.0]


@pytest.mark.parametrize(
    ("value", "period", "message"),
    [
        (math.nan, "", "value must be a number"),
        (math.inf, "", "value must be a number"),
        (1.0, "p" * 41, "41 characters; at most 40"),
    ],
)
def test_bad_values_are_refused(
    database: Database, table_contents: Contents, value: float, period: str, message: str
) -> None:
    owner = initiative(database)
    target = measure(database, owner)
    before = table_contents(database.engine)
    with pytest.raises(InvalidInput, match=message):
        observations.add_observation(
            database, "tester", target, date(2025, 1, 1), value, period=period
        )
    assert table_contents(database.engine) == before


def test_a_value_edited_by_someone_else_is_a_conflict(database: Database) -> None:
    owner = initiative(database)
    target = measure(database, owner)
    row = observations.add_observation(database, "tester", target, date(2025, 1, 1), 1)
    observations.edit_observation(database, "Anna", row.id, date(2025, 1, 1), 2)
    with pytest.raises(Conflict, match="Someone else changed this value"):
        observations.edit_observation(
            database, "Bo", row.id, date(2025, 1, 1), 3, expected_version=row.version
        )
    with pytest.raises(Conflict):
        observations.delete_observation(database, "Bo", row.id, expected_version=row.version)
    assert service.get_measure(database, target).values == [2.0]
    with pytest.raises(NotFound, match="no value with id 999"):
        observations.delete_observation(database, "Bo", 999)


# --- CSV import -------------------------------------------------------------------------------

BEFORE = [12, 14, 11, 13, 15, 12, 14, 13, 11, 14]
AFTER = [8, 7, 9, 8, 6, 7, 8, 7, 6, 7]
CSV = (
    "Vecka;Värde;Kommentar\n"
    + "".join(f"2025-W{week:02d};{value};\n" for week, value in enumerate(BEFORE, start=1))
    + "".join(f"2025-W{week:02d};{value},5;\n" for week, value in enumerate(AFTER, start=11))
)


def test_import_stores_every_row_and_logs_once(database: Database) -> None:
    owner = initiative(database)
    target = measure(database, owner)
    rows = parse_observations(CSV, "väntetid.csv")
    assert (
        observations.import_observations(database, "Åsa", target, rows, "/tmp/väntetid.csv") == 20
    )
    stored = service.get_measure(database, target)
    assert stored.labels[:2] == ["2025-W01", "2025-W02"]
    assert stored.values[-1] == 7.5
    assert events(database, owner, "measure")[-1] == (
        "import_observations",
        target,
        "väntetid.csv",
        None,
        "20",
    )
    assert events(database, owner, "observation") == []  # one event, not twenty
    # The shift after the change shows in the analysis of what was stored.
    chart = run_chart(stored.values, stored.baseline_points, direction=stored.direction)
    assert chart.verdict == Verdict.IMPROVEMENT


def test_import_is_all_or_nothing(database: Database, table_contents: Contents) -> None:
    owner = initiative(database)
    target = measure(database, owner)
    observations.add_observation(database, "tester", target, date(2025, 1, 13), 3)  # 2025-W03
    before = table_contents(database.engine)
    rows = parse_observations(CSV)
    with pytest.raises(InvalidInput, match="value for the date on line 4; nothing was imported"):
        observations.import_observations(database, "tester", target, rows)
    assert table_contents(database.engine) == before
    # The same file twice: the second time every line clashes.
    other = measure(database, owner, NewMeasure("Annat mått"))
    observations.import_observations(database, "tester", other, rows)
    with pytest.raises(InvalidInput, match="lines 2, 3, 4, 5"):
        observations.import_observations(database, "tester", other, rows)
    assert len(service.get_measure(database, other).observations) == 20


def test_import_checks_rows_made_elsewhere(database: Database, table_contents: Contents) -> None:
    owner = initiative(database)
    target = measure(database, owner)
    before = table_contents(database.engine)
    bad = [
        ParsedRow(2, date(2025, 1, 1), "", 1.0),
        ParsedRow(3, date(2025, 1, 2), "", math.nan),
    ]
    with pytest.raises(InvalidInput, match="value must be a number"):
        observations.import_observations(database, "tester", target, bad)
    with pytest.raises(InvalidInput, match="nothing to import"):
        observations.import_observations(database, "tester", target, [])
    with pytest.raises(NotFound):
        observations.import_observations(database, "tester", 999, bad[:1])
    assert table_contents(database.engine) == before


def test_what_the_services_store_exports_as_a_valid_document(database: Database) -> None:
    owner = initiative(database)
    target = measure(database, owner)
    observations.import_observations(database, "tester", target, parse_observations(CSV))
    observations.add_observation(
        database, "tester", target, date(2025, 6, 2), None, period="2025-W23", note="semester"
    )
    (document,) = export_documents(database, [owner])
    (exported,) = document["measures"]
    assert exported["name"] == WAITING.name
    assert exported["baseline_points"] == 10
    assert len(exported["observations"]) == 21
    assert exported["observations"][-1] == {
        "date": "2025-06-02",
        "period": "2025-W23",
        "value": None,
        "note": "semester",
    }
    actions = {e["action"] for e in document["history"]}
    assert {"create", "import_observations"} <= actions
