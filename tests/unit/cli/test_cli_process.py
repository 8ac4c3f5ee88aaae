"""``python -m forbattra`` as a real process: exit codes, streams, and what it imports."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "data"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of a new user: English, no FORBATTRA_DB, a data folder in tmp_path."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("FORBATTRA_", "LC_")) and key not in {"LANG", "LANGUAGE"}
    }
    environ.update(
        FORBATTRA_LANG="en",
        FORBATTRA_USER="tester",
        XDG_DATA_HOME=str(tmp_path / "xdg"),
        PYTHONIOENCODING="utf-8",
    )
    return environ


def forbattra(
    env: dict[str, str], *args: str, python_options: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, *python_options, "-m", "forbattra", *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def imported_modules(importtime_log: str) -> set[str]:
    """Module names from ``python -X importtime``'s report."""
    names = set()
    for line in importtime_log.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


HELP_ARGS = [
    ["--help"],
    ["-h"],
    ["--version"],
    *(
        [*command.split(), "--help"]
        for command in (
            "list",
            "show",
            "new",
            "import",
            "export",
            "render",
            "close",
            "demo",
            "serve",
            "history",
            "overview",
            "comment",
            "review",
            "review-queue",
            "search",
            "idea",
            "idea list",
            "backup",
            "backup restore",
            "stop-doing",
            "measure",
            "measure show",
            "measure stage",
        )
    ),
]


@pytest.mark.parametrize("args", HELP_ARGS, ids=" ".join)
def test_help_starts_without_textual_or_the_database(env: dict[str, str], args: list[str]) -> None:
    result = forbattra(env, *args, python_options=("-X", "importtime"))
    assert result.returncode == 0
    modules = imported_modules(result.stderr)
    assert "forbattra.cli" in modules  # the report is really there
    assert not {m for m in modules if m.split(".")[0] in {"textual", "sqlalchemy", "sqlmodel"}}
    assert "Usage: forbattra" in result.stdout or result.stdout.startswith("forbattra ")


def test_the_main_help_imports_no_command_module(env: dict[str, str]) -> None:
    """The list of commands comes from their names and help texts alone (``cli/lazy.py``)."""
    result = forbattra(env, "--help", python_options=("-X", "importtime"))
    modules = imported_modules(result.stderr)
    heavy = {"rich.console", "pydantic", "jinja2", "forbattra.core.domain", "forbattra.cli.review"}
    assert not heavy & modules
    listed = result.stdout.split("Commands:")[1].split()
    for command in ("list", "history", "review-queue", "measure", "idea", "backup", "serve"):
        assert command in listed


def test_a_command_that_is_mistyped_gets_a_suggestion(env: dict[str, str]) -> None:
    result = forbattra(env, "hisotry")
    assert result.returncode == 2
    assert "No such command 'hisotry'. Did you mean 'history'?" in result.stderr


def test_a_command_that_needs_no_ui_does_not_import_textual(
    env: dict[str, str], tmp_path: Path
) -> None:
    result = forbattra(
        env, "--db", str(tmp_path / "f.db"), "list", "--json", python_options=("-X", "importtime")
    )
    assert result.returncode == 0
    modules = imported_modules(result.stderr)
    assert "sqlalchemy" in modules
    assert not {m for m in modules if m.split(".")[0] == "textual"}


def swedish_not_found(initiative_id: int) -> str:
    """The Swedish "no such initiative" line, from the catalogue (English if it has none)."""
    from forbattra.i18n import _, current_language, set_language

    before = current_language()
    set_language("sv")
    try:
        return _("Error: {message}").format(
            message=_("There is no initiative with id {id}.").format(id=initiative_id)
        )
    finally:
        set_language(before)


def test_exit_codes_streams_and_the_locale(env: dict[str, str], tmp_path: Path) -> None:
    db = str(tmp_path / "forbattra.db")
    created = forbattra(env, "--db", db, "new", "Kortare väntetider 🚀", "--method", "dmaic")
    assert (created.returncode, created.stdout, created.stderr) == (0, "1\n", "")

    # Not found, in Swedish because the system locale is Swedish.
    swedish = {**env, "LANG": "sv_SE.UTF-8"}
    del swedish["FORBATTRA_LANG"]
    missing = forbattra(swedish, "--db", db, "show", "99")
    assert (missing.returncode, missing.stdout) == (3, "")
    assert missing.stderr == swedish_not_found(99) + "\n"

    usage = forbattra(env, "--db", db, "no-such-command")
    assert (usage.returncode, usage.stdout) == (2, "")

    garbage = tmp_path / "bild.db"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    before = hashlib.sha256(garbage.read_bytes()).hexdigest()
    refused = forbattra(env, "--db", str(garbage), "new", "x", "-m", "dmaic")
    assert (refused.returncode, refused.stdout) == (4, "")
    assert "is not a forbattra database" in refused.stderr
    assert hashlib.sha256(garbage.read_bytes()).hexdigest() == before


def test_import_then_export_from_forbattra_db(env: dict[str, str], tmp_path: Path) -> None:
    env["FORBATTRA_DB"] = str(tmp_path / "miljö.db")
    imported = forbattra(env, "import", str(DATA / "rich-initiative.json"))
    assert imported.returncode == 0
    assert imported.stdout == "Imported 1 initiative: 1\n"
    assert (tmp_path / "miljö.db").exists()
    assert not (tmp_path / "xdg").exists()  # FORBATTRA_DB, not the data folder
    exported = forbattra(env, "export", "1")
    assert exported.returncode == 0
    assert exported.stdout.startswith("{\n")
    assert "Kortare väntetid till hemtjänst 🚀 [@click=app.quit]x[/]" in exported.stdout
