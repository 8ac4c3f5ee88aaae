"""The commands, run in this process through ``forbattra.cli.main``.

The ``run_cli`` fixture checks on every run that no traceback reaches stderr.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest

from forbattra.i18n import _, set_language
from forbattra.store.errors import Conflict, DatabaseUnavailable, InvalidInput, NotFound

DATA = Path(__file__).parents[1] / "data"
RICH_FILE = DATA / "rich-initiative.json"
SMALL_FILE = DATA / "small-initiative.json"
RICH_TITLE = json.loads(RICH_FILE.read_text("utf-8"))["initiative"]["title"]
SMALL_TITLE = json.loads(SMALL_FILE.read_text("utf-8"))["initiative"]["title"]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "forbattra.db")


@pytest.fixture
def cli(run_cli: Any, db: str) -> Any:
    """``forbattra --db DB ARGS``."""

    def run(*args: str) -> Any:
        return run_cli("--db", db, *args)

    return run


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


# --- new ---------------------------------------------------------------------------------------


def test_new_prints_only_the_id(cli: Any) -> None:
    first = cli("new", "Kortare väntetider", "--method", "dmaic")
    assert (first.code, first.out, first.err) == (0, "1\n", "")
    second = cli("new", "Färre blanketter", "-m", "pdsa", "--unit", "Hemtjänst", "--area", "8")
    assert (second.code, second.out) == (0, "2\n")
    listed = json.loads(cli("list", "--json").out)
    assert {(row["id"], row["method"], row["area"]) for row in listed} == {
        (1, "dmaic", None),
        (2, "pdsa", 8),
    }


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["new", "", "-m", "dmaic"], 5, "Error: The title is empty."),
        (["new", "   ", "-m", "dmaic"], 5, "Error: The title is empty."),
        (["new", "x" * 301, "-m", "dmaic"], 5, "The title is too long (301 characters; at most"),
        (["new", "t", "-m", "dmaic", "--area", "9"], 5, "area must be a number from 1 to 8"),
        (["new", "t", "-m", "dmaic", "--area", "0"], 5, "area must be a number from 1 to 8"),
        (["new", "t", "-m", "dmaic", "--area", "tre"], 2, "Invalid value for '--area'"),
        (["new", "t", "-m", "lean"], 2, "'lean' is not one of 'dmaic', 'pdsa'"),
        (["new", "t"], 2, "Missing option '--method'"),
        (["new"], 2, "Missing argument"),
    ],
)
def test_new_with_bad_input(cli: Any, db: str, args: list[str], code: int, message: str) -> None:
    result = cli(*args)
    assert result.code == code
    assert message in result.err
    assert result.out == ""
    if Path(db).exists():
        assert json.loads(cli("list", "--all", "--json").out) == []


# --- list --------------------------------------------------------------------------------------


def test_list_of_a_new_database_says_how_to_start(cli: Any) -> None:
    result = cli("list")
    assert result.code == 0
    assert "No initiatives yet" in result.out
    assert cli("list", "--json").out == "[]\n"


def test_list_shows_user_text_as_typed(cli: Any) -> None:
    for title in ("[@click=app.quit]x[/]", "[bold red]fet[/]", "مرحبا 🚀"):
        assert cli("new", title, "-m", "dmaic").code == 0
    result = cli("list")
    assert result.code == 0
    for expected in ("[@click=app.quit]x[/]", "[bold red]fet[/]", "مرحبا 🚀", "Define", "DMAIC"):
        assert expected in result.out


def test_list_hides_closed_initiatives_unless_asked(cli: Any) -> None:
    assert cli("import", str(RICH_FILE), str(SMALL_FILE)).code == 0  # the rich one is closed
    shown = [row["title"] for row in json.loads(cli("list", "--json").out)]
    assert shown == [SMALL_TITLE]
    everything = json.loads(cli("list", "--all", "--json").out)
    assert {row["title"] for row in everything} == {RICH_TITLE, SMALL_TITLE}
    assert {row["status"] for row in everything} == {"closed", "active"}
    assert set(everything[0]) == {
        "id",
        "title",
        "method",
        "phase",
        "status",
        "unit",
        "area",
        "leader",
        "updated_at",
        "review_by",
    }
    assert RICH_TITLE in cli("list", "-a").out
    assert RICH_TITLE not in cli("list").out


# --- show --------------------------------------------------------------------------------------


def test_show_an_initiative(cli: Any) -> None:
    cli("import", str(RICH_FILE))
    result = cli("show", "1")
    assert result.code == 0
    for expected in (
        f"#1  {RICH_TITLE}",
        "Phase: Improve",
        "Status: closed",
        "What is the problem?",
        "[bold]Ansökningar[/bold]",
        "Observations: 4",
        "Closed without prestige on 2025-05-02",
        "Reason: goal reached",
    ):
        assert expected in result.out, expected


def test_show_as_json_is_the_exchange_document_with_its_id(cli: Any) -> None:
    cli("import", str(SMALL_FILE), str(RICH_FILE))
    result = cli("show", "2", "--json")
    assert result.code == 0
    document = json.loads(result.out)
    assert document["id"] == 2
    assert document["format"] == "forbattra.initiative"
    assert document["initiative"]["title"] == RICH_TITLE


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "99"], 3, "Error: There is no initiative with id 99."),
        (["show", "99", "--json"], 3, "Error: There is no initiative with id 99."),
        (["show", "abc"], 2, "Invalid value for 'ID'"),
        (["show"], 2, "Missing argument 'ID'"),
        (["export", "99"], 3, "Error: There is no initiative with id 99."),
    ],
)
def test_show_what_is_not_there(cli: Any, args: list[str], code: int, message: str) -> None:
    cli("new", "finns", "-m", "dmaic")
    result = cli(*args)
    assert (result.code, result.out) == (code, "")
    assert message in result.err


# --- import ------------------------------------------------------------------------------------


def test_import_several_files(cli: Any, tmp_path: Path, small: dict[str, Any]) -> None:
    both = write_json(tmp_path / "två.json", [small, small])
    result = cli("import", str(RICH_FILE), str(both))
    assert result.code == 0
    assert result.out == "Imported 3 initiatives: 1, 2, 3\n"
    assert len(json.loads(cli("list", "--all", "--json").out)) == 3
    assert cli("import", str(SMALL_FILE)).out == "Imported 1 initiative: 4\n"


def test_import_is_all_or_nothing_and_reports_every_problem(
    cli: Any, db: str, tmp_path: Path, rich: dict[str, Any], small: dict[str, Any]
) -> None:
    cli("new", "finns redan", "-m", "dmaic")
    before = digest(Path(db))
    rich["measures"][0]["observations"][2]["value"] = "många"
    rich["causes"][0]["parent"] = "okänd"
    bad = write_json(tmp_path / "trasig.json", rich)
    worse = write_json(tmp_path / "lista.json", [small, {**small, "initiative": {"title": ""}}])
    missing = tmp_path / "finns-inte.json"
    result = cli("import", str(SMALL_FILE), str(bad), str(worse), str(missing))
    assert result.code == 5
    assert result.out == ""
    lines = result.err.splitlines()
    assert f"Error: {bad} cannot be imported:" in lines
    assert "  measures[0].observations[2].value: must be a number" in lines
    assert f"Error: {worse} cannot be imported:" in lines
    assert "  [1].initiative.title: must not be empty" in lines
    assert "  [1].initiative.method: required field is missing" in lines
    assert f"Error: {missing} cannot be imported:" in lines
    assert "  file not found" in lines
    assert lines[-1] == "Nothing was imported."
    assert str(SMALL_FILE) not in result.err  # the good file is not blamed
    assert digest(Path(db)) == before
    assert [row["title"] for row in json.loads(cli("list", "--all", "--json").out)] == [
        "finns redan"
    ]


def test_reference_problems_are_reported_when_the_fields_are_fine(
    cli: Any, tmp_path: Path, rich: dict[str, Any]
) -> None:
    rich["causes"][0]["parent"] = "okänd"
    rich["cycles"][0]["solution"] = "saknas"
    result = cli("import", str(write_json(tmp_path / "ref.json", rich)))
    assert result.code == 5
    assert "  causes[0].parent: refers to an unknown cause" in result.err.splitlines()
    assert "  cycles[0].solution: refers to an unknown solution" in result.err.splitlines()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is not valid JSON (line 1, column 1)"),
        (b'{\n  "format": ', "is not valid JSON (line 2, column 13)"),
        ("Väntetid".encode("latin-1"), "is not UTF-8 text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "is not UTF-8 text"),
        (b'{"format": "something.else"}', "format: this is not a forbattra initiative document"),
        (b"42", "the document must be a JSON object"),
    ],
    ids=["empty", "cut-off", "latin-1", "png", "other-format", "number"],
)
def test_import_of_files_that_are_not_documents(
    cli: Any, tmp_path: Path, content: bytes, message: str
) -> None:
    target = tmp_path / "fil.json"
    target.write_bytes(content)
    result = cli("import", str(target))
    assert result.code == 5
    assert f"Error: {target} cannot be imported:" in result.err
    assert message in result.err
    assert "Nothing was imported." in result.err


def test_import_of_a_folder(cli: Any, tmp_path: Path) -> None:
    result = cli("import", str(tmp_path))
    assert result.code == 5
    assert "is a folder, not a file" in result.err


def test_import_without_files_is_a_usage_error(cli: Any) -> None:
    result = cli("import")
    assert result.code == 2
    assert "Missing argument" in result.err


def test_a_failed_import_does_not_create_the_database(run_cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "ny.db"
    result = run_cli("--db", str(target), "import", str(tmp_path / "saknas.json"))
    assert result.code == 5
    assert not target.exists()


# --- export ------------------------------------------------------------------------------------


def test_export_one_is_an_object_and_several_a_list(cli: Any) -> None:
    cli("import", str(SMALL_FILE), str(RICH_FILE))
    one = cli("export", "2")
    assert one.code == 0
    assert json.loads(one.out)["initiative"]["title"] == RICH_TITLE
    several = cli("export", "2", "1")
    titles = [d["initiative"]["title"] for d in json.loads(several.out)]
    assert titles == [RICH_TITLE, SMALL_TITLE]
    assert json.loads(cli("export", "--all").out) == list(reversed(json.loads(several.out)))


def test_export_to_a_file_replaces_it_whole(cli: Any, tmp_path: Path) -> None:
    cli("import", str(SMALL_FILE), str(RICH_FILE))
    target = tmp_path / "ut" / "alla.json"
    target.parent.mkdir()
    target.write_text("gammalt innehåll som ska bort", encoding="utf-8")
    result = cli("export", "--all", "-o", str(target))
    assert result.code == 0
    assert result.out == ""
    assert result.err == f"Exported 2 initiatives to {target}\n"
    exported = json.loads(target.read_text("utf-8"))
    assert [d["initiative"]["title"] for d in exported] == [SMALL_TITLE, RICH_TITLE]
    assert sorted(p.name for p in target.parent.iterdir()) == ["alla.json"]  # no temporary left
    assert cli("export", "1", "--output", str(target)).err == f"Exported 1 initiative to {target}\n"
    assert json.loads(target.read_text("utf-8"))["initiative"]["title"] == SMALL_TITLE


def test_a_failed_export_leaves_the_old_file(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("import", str(SMALL_FILE))
    target = tmp_path / "ut.json"
    target.write_text("förra exporten", encoding="utf-8")

    def disk_full(self: Path, _target: Any) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", disk_full)
    result = cli("export", "--all", "-o", str(target))
    assert result.code == 2
    assert f"Cannot write {target}: the disk is full" in result.err
    assert target.read_text("utf-8") == "förra exporten"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".ut.json")) == []


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["export"], 2, "Name one or more initiative ids, or use --all."),
        (["export", "1", "--all"], 2, "Give either ids or --all, not both."),
        (["export", "x"], 2, "Invalid value for"),
        (["export", "--all", "-o", "{tmp}"], 2, "is a folder; give a file name."),
        (["export", "--all", "-o", "{tmp}/saknas/ut.json"], 2, "does not exist."),
    ],
)
def test_export_with_bad_arguments(
    cli: Any, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    cli("new", "något", "-m", "dmaic")
    result = cli(*[a.format(tmp=tmp_path) for a in args])
    assert (result.code, result.out) == (code, "")
    assert message in result.err
    assert not (tmp_path / "saknas").exists()


def test_export_of_an_empty_database(cli: Any) -> None:
    result = cli("export", "--all")
    assert result.code == 5
    assert "There are no initiatives to export." in result.err


def test_export_import_export_through_the_command_line(run_cli: Any, tmp_path: Path) -> None:
    first_db, second_db = tmp_path / "a.db", tmp_path / "b.db"
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert run_cli("--db", str(first_db), "import", str(RICH_FILE), str(SMALL_FILE)).code == 0
    assert run_cli("--db", str(first_db), "new", "Skriven här", "-m", "pdsa").code == 0
    assert run_cli("--db", str(first_db), "export", "--all", "-o", str(first)).code == 0
    assert run_cli("--db", str(second_db), "import", str(first)).code == 0
    assert run_cli("--db", str(second_db), "export", "--all", "-o", str(second)).code == 0
    assert first.read_bytes() == second.read_bytes()
    assert len(json.loads(first.read_text("utf-8"))) == 3


# --- Databases a new user might point at -------------------------------------------------------


def test_a_garbage_file_as_database_is_refused_and_left_alone(run_cli: Any, tmp_path: Path) -> None:
    garbage = tmp_path / "anteckningar.txt"
    garbage.write_text("Inköpslista: mjölk, bröd\n", encoding="utf-8")
    before = digest(garbage)
    for args in (["list"], ["new", "x", "-m", "dmaic"], ["import", str(SMALL_FILE)]):
        result = run_cli("--db", str(garbage), *args)
        assert result.code == 4
        assert "is not a forbattra database (it is not an SQLite file)" in result.err
        assert result.out == ""
    assert digest(garbage) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["anteckningar.txt"]


def test_another_programs_sqlite_database_is_refused_and_left_alone(
    run_cli: Any, tmp_path: Path
) -> None:
    other = tmp_path / "kalender.sqlite"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT)")
    connection.commit()
    connection.close()
    before = digest(other)
    result = run_cli("--db", str(other), "new", "x", "-m", "dmaic")
    assert result.code == 4
    assert "belongs to another program" in result.err
    assert digest(other) == before


def test_a_database_in_a_folder_that_does_not_exist(run_cli: Any, tmp_path: Path) -> None:
    result = run_cli("--db", str(tmp_path / "saknas" / "f.db"), "list")
    assert result.code == 4
    assert f"The folder {tmp_path / 'saknas'} does not exist." in result.err
    assert not (tmp_path / "saknas").exists()


def test_a_folder_as_database(run_cli: Any, tmp_path: Path) -> None:
    result = run_cli("--db", str(tmp_path), "list")
    assert result.code == 4
    assert "is a folder, not a database file" in result.err


def _access_like_an_ordinary_user(path: Any, mode: int, **_kwargs: Any) -> bool:
    bits = os.stat(path).st_mode
    wanted = [(os.R_OK, stat.S_IRUSR), (os.W_OK, stat.S_IWUSR), (os.X_OK, stat.S_IXUSR)]
    return all(bits & bit for flag, bit in wanted if mode & flag)


def test_a_read_only_database(
    run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "forbattra.db"
    assert run_cli("--db", str(target), "new", "x", "-m", "dmaic").code == 0
    target.chmod(0o444)
    try:
        if os.geteuid() == 0:
            # Root may write anyway; ask os.access what the file's owner would be told.
            monkeypatch.setattr(os, "access", _access_like_an_ordinary_user)
        before = digest(target)
        # It opens read-only: listing works, a change is refused with code 4.
        listed = run_cli("--db", str(target), "list")
        assert (listed.code, listed.err) == (0, "")
        refused = run_cli("--db", str(target), "new", "y", "-m", "dmaic")
        assert refused.code == 4
        assert "The database is open read-only, so this change cannot be saved." in refused.err
        assert digest(target) == before
    finally:
        target.chmod(0o644)


def test_an_unreachable_database_server(run_cli: Any) -> None:
    result = run_cli("--db", "postgresql://nobody:secret@127.0.0.1:1/none", "list")
    assert result.code == 4
    assert "Cannot connect to the database server" in result.err


@pytest.mark.parametrize(
    "url",
    ["postgresql://u@host:port/db", "sqlite+://:::", "mysql://u@h/db"],
    ids=["bad-port", "garbage", "no-driver"],
)
def test_database_addresses_that_make_no_sense(run_cli: Any, url: str) -> None:
    result = run_cli("--db", url, "list")
    assert result.code == 4, result.err
    assert result.err.startswith("Error: ")


# --- Which database ----------------------------------------------------------------------------


def test_forbattra_db_is_used_and_db_wins_over_it(
    run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_env, from_option = tmp_path / "env.db", tmp_path / "option.db"
    monkeypatch.setenv("FORBATTRA_DB", str(from_env))
    assert run_cli("new", "via miljön", "-m", "dmaic").code == 0
    assert run_cli("--db", str(from_option), "new", "via flaggan", "-m", "dmaic").code == 0
    assert [r["title"] for r in json.loads(run_cli("list", "--json").out)] == ["via miljön"]
    listed = json.loads(run_cli("--db", str(from_option), "list", "--json").out)
    assert [r["title"] for r in listed] == ["via flaggan"]


def test_without_a_choice_the_user_data_folder_is_used(
    run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert run_cli("new", "hemma", "-m", "dmaic").code == 0
    assert (tmp_path / "xdg" / "forbattra" / "forbattra.db").exists()


# --- Exit codes and messages -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (NotFound("saknas"), 3),
        (DatabaseUnavailable("låst"), 4),
        (InvalidInput("fel"), 5),
        (Conflict("någon annan hann före"), 6),
    ],
    ids=["not-found", "unavailable", "invalid", "conflict"],
)
def test_each_kind_of_problem_has_its_exit_code(
    cli: Any, monkeypatch: pytest.MonkeyPatch, error: Exception, code: int
) -> None:
    from forbattra.store.services import initiatives

    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(initiatives, "list_initiatives", fail)
    result = cli("list")
    assert result.code == code
    assert result.err == f"Error: {error}\n"


def test_an_unexpected_error_is_one_line_and_exit_code_1(
    cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from forbattra.store.services import initiatives

    def crash(*_args: Any, **_kwargs: Any) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(initiatives, "list_initiatives", crash)
    result = cli("list")
    assert result.code == 1
    assert "something unexpected happened (ZeroDivisionError: division by zero)" in result.err
    assert "FORBATTRA_DEBUG=1" in result.err


def test_forbattra_debug_shows_the_traceback(
    cli_env: None,
    english: None,
    capsys: pytest.CaptureFixture[str],
    db: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from forbattra.cli import main
    from forbattra.store.services import initiatives

    def crash(*_args: Any, **_kwargs: Any) -> Any:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(initiatives, "list_initiatives", crash)
    monkeypatch.setenv("FORBATTRA_DEBUG", "1")
    with pytest.raises(SystemExit) as stop:
        main(["--db", db, "list"])
    assert stop.value.code == 1
    assert "Traceback" in capsys.readouterr().err


def test_an_unknown_command_is_a_usage_error(cli: Any) -> None:
    result = cli("frobnicate")
    assert result.code == 2
    assert "No such command 'frobnicate'" in result.err


def test_version(run_cli: Any) -> None:
    from forbattra import __version__

    result = run_cli("--version")
    assert (result.code, result.out) == (0, f"forbattra {__version__}\n")


# --- Language ----------------------------------------------------------------------------------


def swedish(message: str) -> str:
    set_language("sv")
    try:
        return _(message)
    finally:
        set_language("en")


def require_swedish(*msgids: str) -> None:
    for msgid in msgids:
        if swedish(msgid) == msgid:
            pytest.skip(f"the Swedish catalogue does not translate {msgid!r} yet")


NOT_FOUND = "There is no initiative with id {id}."
ERROR = "Error: {message}"


@pytest.mark.parametrize(
    ("how", "env"),
    [
        (["--lang", "sv"], {}),
        (["--lang=sv"], {}),
        ([], {"FORBATTRA_LANG": "sv"}),
        ([], {"FORBATTRA_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "sv_SE.UTF-8"}),
    ],
    ids=["--lang sv", "--lang=sv", "FORBATTRA_LANG", "LANG"],
)
def test_swedish_messages(
    run_cli: Any, db: str, monkeypatch: pytest.MonkeyPatch, how: list[str], env: dict[str, str]
) -> None:
    require_swedish(NOT_FOUND, ERROR)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    run_cli("--db", db, "new", "x", "-m", "dmaic")
    result = run_cli(*how, "--db", db, "show", "99")
    assert result.code == 3
    expected = swedish(ERROR).format(message=swedish(NOT_FOUND).format(id=99))
    assert result.err == expected + "\n"
    assert expected != ERROR.format(message=NOT_FOUND.format(id=99))


def test_english_wins_when_asked_for_explicitly(
    run_cli: Any, db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORBATTRA_LANG", "sv")
    result = run_cli("--lang", "en", "--db", db, "show", "99")
    assert result.err == "Error: There is no initiative with id 99.\n"


def test_swedish_import_problems(run_cli: Any, db: str, tmp_path: Path) -> None:
    cannot = "Error: {source} cannot be imported:"
    missing = "file not found"
    nothing = "Nothing was imported."
    require_swedish(cannot, missing, nothing)
    target = tmp_path / "saknas.json"
    result = run_cli("--lang", "sv", "--db", db, "import", str(target))
    assert result.code == 5
    assert result.err.splitlines() == [
        swedish(cannot).format(source=target),
        f"  {swedish(missing)}",
        swedish(nothing),
    ]


def test_swedish_help(run_cli: Any) -> None:
    require_swedish("List the initiatives.")
    result = run_cli("--lang", "sv", "--help")
    assert result.code == 0
    assert swedish("List the initiatives.") in result.out


def test_demo_takes_the_global_db_option_too(run_cli: Any, tmp_path: Path) -> None:
    """`forbattra --db X demo` loads the samples into X, like `forbattra demo --db X`."""
    target = tmp_path / "workshop.db"
    result = run_cli("--db", str(target), "demo", "--no-ui")
    assert result.code == 0, result.err
    assert result.out.strip() == str(target)
    assert run_cli("--db", str(target), "list").out.count("\n") > 3
