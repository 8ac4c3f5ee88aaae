"""The exchange format: every problem is found before storage and named by its field path."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forbattra.core import exchange
from forbattra.core.exchange import (
    ExchangeError,
    InitiativeDocument,
    Problem,
    dump_document,
    load_file,
    parse_document,
    to_json,
)

pytestmark = pytest.mark.usefixtures("english")

DATA = Path(__file__).parents[1] / "data"
RICH: dict[str, Any] = json.loads((DATA / "rich-initiative.json").read_text("utf-8"))
SMALL: dict[str, Any] = json.loads((DATA / "small-initiative.json").read_text("utf-8"))
DELETE = object()


def changed(document: dict[str, Any], location: tuple[Any, ...], value: Any) -> dict[str, Any]:
    """A copy of ``document`` with the value at ``location`` replaced (or deleted)."""
    result = copy.deepcopy(document)
    parent: Any = result
    for part in location[:-1]:
        parent = parent[part]
    if value is DELETE:
        del parent[location[-1]]
    else:
        parent[location[-1]] = value
    return result


def problems_of(data: Any) -> list[Problem]:
    with pytest.raises(ExchangeError) as caught:
        parse_document(data, "fil.json")
    assert caught.value.source == "fil.json"
    assert caught.value.problems
    return caught.value.problems


ONE_OF_METHODS = "must be one of: 'dmaic', 'pdsa'"

# (where to change, new value, the path reported, the message reported)
BAD_FIELDS = [
    (("initiative", "title"), "", "initiative.title", "must not be empty"),
    (("initiative", "title"), " \n\t ", "initiative.title", "must not be empty"),
    (
        ("initiative", "title"),
        "x" * 301,
        "initiative.title",
        "is too long (at most 300 characters)",
    ),
    (("initiative", "title"), 42, "initiative.title", "must be text"),
    (("initiative", "title"), DELETE, "initiative.title", "required field is missing"),
    (("initiative", "method"), "lean", "initiative.method", ONE_OF_METHODS),
    (("initiative", "method"), "DMAIC", "initiative.method", ONE_OF_METHODS),
    (("initiative", "status"), "done", "initiative.status", "must be one of: "),
    (("initiative", "area"), 9, "initiative.area", "is out of range"),
    (("initiative", "area"), 0, "initiative.area", "is out of range"),
    (("initiative", "area"), 2.5, "initiative.area", "must be a whole number"),
    (("initiative", "area"), "tre", "initiative.area", "must be a number"),
    (("initiative", "area"), True, "initiative.area", "must be a whole number"),
    (("initiative", "area"), "3", "initiative.area", "must be a number"),
    (("initiative", "review_by"), "2025-02-30", "initiative.review_by", "must be a date like"),
    (("initiative", "review_by"), "30/06/2025", "initiative.review_by", "must be a date like"),
    (
        ("initiative", "created_at"),
        "2025-01-07T09:30:00",
        "initiative.created_at",
        "must be a date and time like 2025-03-14T09:30:00+01:00",
    ),
    (("initiative", "created_at"), "igår", "initiative.created_at", "must be a date and time"),
    (("initiative", "phase"), "improve_it", "initiative.phase", "unknown phase for this method"),
    (("initiative", "phase"), "aim", "initiative.phase", "expected one of: define, measure"),
    (("initiative", "colour"), "red", "initiative.colour", "unknown field"),
    (("initiative", "leader"), "a\x00b", "initiative.leader", "must not contain the NUL"),
    (("initiative",), [], "initiative", "must be an object"),
    (("extra",), {}, "extra", "unknown field"),
    (("answers",), "text", "answers", "must be a list"),
    (("answers", 0, "phase"), "aim", "answers[0].phase", "unknown phase"),
    (("answers", 0, "question"), "why", "answers[0].question", "unknown question"),
    (("answers", 2, "question"), "problem", "answers[2]", "this question is answered twice"),
    (("answers", 1, "text"), "x" * 20_001, "answers[1].text", "at most 20000 characters"),
    (("causes", 3, "key"), "rutin", "causes[3].key", "key is used twice"),
    (("causes", 1, "key"), "", "causes[1].key", "must not be empty"),
    (("causes", 0, "parent"), "okänd", "causes[0].parent", "refers to an unknown cause"),
    (("causes", 1, "parent"), "varfor", "causes[1].parent", "a cause cannot be its own why"),
    (("causes", 1, "parent"), "rutin", "causes[0].parent", "the whys go round in a circle"),
    (("causes", 0, "category"), "money", "causes[0].category", "must be one of: "),
    (("causes", 0, "votes"), -1, "causes[0].votes", "is out of range"),
    (("causes", 0, "votes"), 2**31, "causes[0].votes", "is out of range"),
    (("causes", 0, "root"), "kanske", "causes[0].root", "must be true or false"),
    (("causes", 0, "root"), "true", "causes[0].root", "must be true or false"),
    (("causes", 0, "root"), 1, "causes[0].root", "must be true or false"),
    (("solutions", 0, "causes", 1), "okänd", "solutions[0].causes[1]", "unknown cause"),
    (("solutions", 0, "impact"), "medium", "solutions[0].impact", "must be one of: "),
    (
        ("solutions",),
        [*RICH["solutions"], {"key": "vy", "text": "igen"}],
        "solutions[2].key",
        "key is used twice",
    ),
    (("measures", 1, "key"), "ledtid", "measures[1].key", "key is used twice"),
    (("measures", 0, "kind"), "outcomes", "measures[0].kind", "must be one of: "),
    (("measures", 0, "direction"), "higher", "measures[0].direction", "must be one of: "),
    (("measures", 0, "unit"), "x" * 61, "measures[0].unit", "at most 60 characters"),
    (("measures", 0, "baseline_points"), 0, "measures[0].baseline_points", "is out of range"),
    (("measures", 0, "target"), "sju", "measures[0].target", "must be a number"),
    (
        ("measures", 0, "observations", 2, "value"),
        "många",
        "measures[0].observations[2].value",
        "must be a number",
    ),
    (
        ("measures", 0, "observations", 2, "value"),
        float("nan"),
        "measures[0].observations[2].value",
        "must be a number",
    ),
    (
        ("measures", 0, "observations", 3, "value"),
        float("inf"),
        "measures[0].observations[3].value",
        "must be a number",
    ),
    (
        ("measures", 0, "observations", 1, "date"),
        "2025-13-01",
        "measures[0].observations[1].date",
        "must be a date like 2025-03-14",
    ),
    (
        ("measures", 0, "observations", 1, "date"),
        DELETE,
        "measures[0].observations[1].date",
        "required field is missing",
    ),
    (
        ("measures", 0, "observations", 0, "mood"),
        1,
        "measures[0].observations[0].mood",
        "unknown field",
    ),
    (
        ("measures", 0, "observations", 0, "period"),
        "v" * 41,
        "measures[0].observations[0].period",
        "at most 40 characters",
    ),
    (("cycles", 0, "solution"), "okänd", "cycles[0].solution", "refers to an unknown solution"),
    (("cycles", 1, "number"), 2, "cycles[1].number", "cycle number is used twice"),
    (("cycles", 0, "number"), 0, "cycles[0].number", "is out of range"),
    (("cycles", 0, "number"), 2**31, "cycles[0].number", "is out of range"),
    (("cycles", 0, "finished_on"), "2025-03-01", "cycles[0].finished_on", "is before the cycle"),
    (("cycles", 0, "decision"), "keep", "cycles[0].decision", "must be one of: "),
    (("cycles", 0, "prediction_held"), "maybe", "cycles[0].prediction_held", "one of: 'yes'"),
    (("stop_doing", 0, "decision"), "maybe", "stop_doing[0].decision", "must be one of: "),
    (("stop_doing", 0, "hours_per_month"), -2, "stop_doing[0].hours_per_month", "out of range"),
    (("stop_doing", 0, "follow_up_result"), "yes", "stop_doing[0].follow_up_result", "one of"),
    (("stop_doing", 1, "activity"), "", "stop_doing[1].activity", "must not be empty"),
    (("closure", "learned"), "  ", "closure.learned", "must not be empty"),
    (("closure", "learned"), DELETE, "closure.learned", "required field is missing"),
    (("closure", "reason"), "tired", "closure.reason", "must be one of: "),
    (("closure", "closed_on"), None, "closure.closed_on", "must be a date like"),
    (("closure",), None, "closure", "a closed initiative needs its closure record"),
    (("initiative", "status"), "active", "initiative.status", "must be closed when there is a"),
    (("comments", 0, "target"), "meeting", "comments[0].target", "has the wrong form"),
    (("comments", 0, "target"), "phase:nope", "comments[0].target", "unknown phase"),
    (("comments", 2, "target"), "cycle:9", "comments[2].target", "refers to an unknown cycle"),
    (("comments", 1, "text"), "", "comments[1].text", "must not be empty"),
    (("history", 0, "at"), None, "history[0].at", "must be a date and time"),
    (("history", 0, "at"), "2025-01-07 09:30", "history[0].at", "must be a date and time"),
    (("history", 0, "action"), "", "history[0].action", "must not be empty"),
]


@pytest.mark.parametrize(
    ("location", "value", "path", "message"),
    BAD_FIELDS,
    ids=[f"{case[2]}={case[1]!r}"[:60] for case in BAD_FIELDS],
)
def test_each_bad_field_is_reported_with_its_path(
    location: tuple[Any, ...], value: Any, path: str, message: str
) -> None:
    problems = problems_of(changed(RICH, location, value))
    assert [p.path for p in problems] == [path], problems
    assert message in problems[0].message
    assert str(problems[0]) == f"{path}: {problems[0].message}"


def test_the_reference_documents_are_valid() -> None:
    rich = parse_document(RICH)
    assert len(rich.measures[0].observations) == 4
    assert rich.closure is not None
    assert parse_document(SMALL).initiative.method == "pdsa"


def test_every_problem_is_reported_at_once() -> None:
    document = changed(RICH, ("initiative", "title"), "")
    document = changed(document, ("measures", 0, "observations", 2, "value"), "x")
    document = changed(document, ("causes", 0, "colour"), "blå")
    paths = {p.path for p in problems_of(document)}
    assert paths == {
        "initiative.title",
        "measures[0].observations[2].value",
        "causes[0].colour",
    }


def test_reference_problems_are_all_reported_too() -> None:
    document = changed(RICH, ("causes", 0, "parent"), "okänd")
    document = changed(document, ("cycles", 0, "solution"), "okänd")
    assert {p.path for p in problems_of(document)} == {"causes[0].parent", "cycles[0].solution"}


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        ([], "", "the document must be a JSON object"),
        ("text", "", "the document must be a JSON object"),
        (None, "", "the document must be a JSON object"),
        ({"format": "other", "version": 1}, "format", "not a forbattra initiative document"),
        ({"version": 1}, "format", "not a forbattra initiative document"),
        (
            {"format": "forbattra.initiative", "version": 2},
            "version",
            "unsupported version 2; this forbattra reads version 1",
        ),
        (
            {"format": "forbattra.initiative"},
            "version",
            "unsupported version None",
        ),
        (
            {"format": "forbattra.initiative", "version": 1},
            "initiative",
            "required field is missing",
        ),
    ],
)
def test_what_is_not_a_document_at_all(data: Any, path: str, message: str) -> None:
    (problem,) = problems_of(data)
    assert problem.path == path
    assert message in problem.message


def test_a_problem_without_a_path_prints_only_its_message() -> None:
    assert str(Problem("", "file not found")) == "file not found"
    error = ExchangeError("a.json", [Problem("x", "bad"), Problem("y[0]", "worse")])
    assert str(error) == "a.json: x: bad; y[0]: worse"


def test_defaults_fill_what_a_small_document_leaves_out() -> None:
    document = parse_document(
        {
            "format": "forbattra.initiative",
            "version": 1,
            "initiative": {"title": "t", "method": "pdsa"},
        }
    )
    assert document.initiative.status == "active"
    assert document.initiative.phase is None
    assert (document.answers, document.causes, document.history) == ([], [], [])
    assert document.closure is None


def test_titles_lose_surrounding_whitespace() -> None:
    document = parse_document(changed(SMALL, ("initiative", "title"), "  Rubrik \n"))
    assert document.initiative.title == "Rubrik"


def test_times_with_an_offset_are_kept_as_the_same_instant() -> None:
    document = parse_document(RICH)
    created = document.initiative.created_at
    assert created is not None
    assert created.utcoffset() is not None
    assert dump_document(document)["initiative"]["created_at"] == "2025-01-07T09:30:00+01:00"


# --- Files -------------------------------------------------------------------------------------


def file_problems(path: Path) -> list[Problem]:
    with pytest.raises(ExchangeError) as caught:
        load_file(path)
    assert caught.value.source == str(path)
    return caught.value.problems


def test_a_missing_file(tmp_path: Path) -> None:
    (problem,) = file_problems(tmp_path / "finns-inte.json")
    assert (problem.path, problem.message) == ("", "file not found")


def test_a_folder(tmp_path: Path) -> None:
    (problem,) = file_problems(tmp_path)
    assert problem.message == "is a folder, not a file"


def test_a_file_that_cannot_be_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "hemlig.json"
    target.write_text("{}")

    def refuse(*_args: Any, **_kwargs: Any) -> str:
        raise PermissionError(13, "Permission denied")

    # As root a chmod 000 file is still readable; ask for the error the kernel gives others.
    monkeypatch.setattr(Path, "read_text", refuse)
    (problem,) = file_problems(target)
    assert problem.message == "permission denied"


@pytest.mark.parametrize(
    "content",
    [
        "Väntetid".encode("latin-1"),
        "Väntetid".encode("utf-16"),
        b"\xff\xfe\x00garbage",
    ],
    ids=["latin-1", "utf-16", "binary"],
)
def test_a_file_that_is_not_utf8(tmp_path: Path, content: bytes) -> None:
    target = tmp_path / "fel.json"
    target.write_bytes(content)
    (problem,) = file_problems(target)
    assert problem.message == "is not UTF-8 text"


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("", "line 1, column 1"),
        ("{", "line 1, column 2"),
        ('{\n  "format": "forbattra.initiative",\n  "version": 1,\n}', "line 4, column 1"),
        ("format: forbattra.initiative", "line 1, column 1"),
        ("{'single': 'quotes'}", "line 1, column 2"),
    ],
)
def test_a_file_that_is_not_json_names_the_line_and_column(
    tmp_path: Path, content: str, where: str
) -> None:
    target = tmp_path / "trasig.json"
    target.write_text(content, encoding="utf-8")
    (problem,) = file_problems(target)
    assert problem.message == f"is not valid JSON ({where})"


def test_a_file_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    """Notepad on Windows writes UTF-8 with a byte order mark."""
    target = tmp_path / "notepad.json"
    target.write_bytes(b"\xef\xbb\xbf" + json.dumps(SMALL, ensure_ascii=False).encode("utf-8"))
    (document,) = load_file(target)
    assert document.initiative.title == "Färre pappersblanketter"


def test_a_file_with_one_document(tmp_path: Path) -> None:
    target = tmp_path / "en.json"
    target.write_text(json.dumps(RICH, ensure_ascii=False), encoding="utf-8")
    (document,) = load_file(target)
    assert isinstance(document, InitiativeDocument)
    assert document.initiative.title == RICH["initiative"]["title"]


def test_a_file_with_a_list_of_documents(tmp_path: Path) -> None:
    target = tmp_path / "flera.json"
    target.write_text(json.dumps([RICH, SMALL, SMALL], ensure_ascii=False), encoding="utf-8")
    titles = [d.initiative.title for d in load_file(target)]
    assert titles == [RICH["initiative"]["title"], *[SMALL["initiative"]["title"]] * 2]


def test_an_empty_list_is_no_documents(tmp_path: Path) -> None:
    target = tmp_path / "tom.json"
    target.write_text("[]", encoding="utf-8")
    assert load_file(target) == []


def test_problems_in_a_list_name_the_document_index(tmp_path: Path) -> None:
    target = tmp_path / "flera.json"
    bad = changed(SMALL, ("initiative", "title"), "")
    worse = changed(RICH, ("measures", 0, "observations", 2, "value"), "x")
    target.write_text(json.dumps([SMALL, bad, "inte ett dokument", worse]), encoding="utf-8")
    problems = file_problems(target)
    assert [p.path for p in problems] == [
        "[1].initiative.title",
        "[2]",
        "[3].measures[0].observations[2].value",
    ]
    assert problems[1].message == "the document must be a JSON object"


# --- Writing -----------------------------------------------------------------------------------


def test_dump_is_json_ready_and_parses_back_to_the_same_document() -> None:
    document = parse_document(RICH)
    dumped = dump_document(document)
    assert json.loads(json.dumps(dumped)) == dumped
    assert parse_document(dumped) == document
    assert list(dumped) == [
        "format",
        "version",
        "initiative",
        "answers",
        "causes",
        "solutions",
        "measures",
        "cycles",
        "stop_doing",
        "closure",
        "comments",
        "history",
        "parking",
        "votes",
    ]


def test_to_json_writes_one_object_or_a_list() -> None:
    one = dump_document(parse_document(SMALL))
    single = to_json([one])
    assert single.endswith("}\n")
    assert json.loads(single) == one
    assert "Färre" in single  # readable, not \\u escapes
    several = to_json([one, one])
    assert json.loads(several) == [one, one]


def test_the_format_constants() -> None:
    assert exchange.FORMAT == "forbattra.initiative"
    assert exchange.FORMAT_VERSION == 1


# Text that survives JSON but not necessarily careless code: anything but NUL and surrogates.
user_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"),
    max_size=200,
)


@settings(max_examples=60, deadline=None)
@given(title=user_text.filter(lambda t: t and t == t.strip() and len(t) <= 300), note=user_text)
def test_any_text_survives_a_trip_through_json(title: str, note: str) -> None:
    data = changed(RICH, ("initiative", "title"), title)
    data = changed(data, ("measures", 0, "observations", 0, "note"), note)
    data = changed(data, ("answers", 1, "text"), note)
    document = parse_document(json.loads(to_json([dump_document(parse_document(data))])))
    assert document.initiative.title == title
    assert document.measures[0].observations[0].note == note
    assert document.answers[1].text == note
