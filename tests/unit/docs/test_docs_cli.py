"""``forbattra render``: from the database to a folder, with clear messages and exit codes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .support import GOLDEN, SAMPLES

Run = Callable[..., Any]


@pytest.fixture
def database(run_cli: Run, tmp_path: Path) -> str:
    target = str(tmp_path / "forbattra.db")
    result = run_cli("--db", target, "import", *map(str, sorted(SAMPLES.glob("*.json"))))
    assert result.code == 0, result.err
    return target


def files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_render_all_writes_the_golden_documents(
    run_cli: Run, database: str, tmp_path: Path
) -> None:
    """What the CLI writes from the database is exactly what the golden files hold."""
    out = tmp_path / "docs-out"
    result = run_cli("--db", database, "--lang", "en", "render", "--all", "--out", str(out))
    assert result.code == 0, result.err
    assert result.out == (
        f"Rendered 6 initiatives into {out}: 23 files written, 0 unchanged.\n"
        f"Start with {out / 'index.md'}\n"
    )
    assert files(out) == files(GOLDEN / "en")
    again = run_cli("--db", database, "--lang", "en", "render", "--all", "--out", str(out))
    assert "0 files written, 23 unchanged" in again.out


def test_render_some_ids_in_swedish(run_cli: Run, database: str, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("--db", database, "--lang", "sv", "render", "3", "4", "3", "-o", str(out))
    assert result.code == 0, result.err
    written = files(out)
    golden = files(GOLDEN / "sv")
    reports = sorted(name for name in written if "/" not in name)
    assert reports == [
        "3-anonym-forbattringsinkorg-for-medarbetare.md",
        "4-upphava-kvalitetsstrategin-och-sluta-med-det-som-blivit.md",
        "index.md",
    ]
    for name, text in written.items():
        if name != "index.md":
            assert text == golden[name], name
    # The report (in the table and the list), its three cycles and its closure record.
    assert written["index.md"].count("](3-") == 2 + 3 + 1


def test_templates_from_the_option(run_cli: Run, database: str, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.md.j2").write_text('---\ntitle: "x"\n---\n\n# Egen\n', encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("--db", database, "render", "5", "--out", str(out), "--templates", str(mine))
    assert result.code == 0, result.err
    assert (out / "index.md").read_text(encoding="utf-8") == '---\ntitle: "x"\n---\n\n# Egen\n'


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (
            ["render", "--out", "{tmp}/out"],
            2,
            "Error: Name one or more initiative ids, or use --all.",
        ),
        (
            ["render", "3", "--all", "--out", "{tmp}/out"],
            2,
            "Error: Give either ids or --all, not both.",
        ),
        (
            ["render", "3", "--out", "{tmp}/no/such/out"],
            2,
            "Error: The folder {tmp}/no/such does not exist.",
        ),
        (
            ["render", "3", "--out", "{tmp}/forbattra.db"],
            2,
            "Error: {tmp}/forbattra.db is a file; give a folder for the documents.",
        ),
        (["render", "99", "--out", "{tmp}/out"], 3, "Error: There is no initiative with id 99."),
        (
            ["render", "3", "--out", "{tmp}/out", "--templates", "{tmp}/none"],
            2,
            "Error: The templates folder {tmp}/none does not exist.",
        ),
    ],
)
def test_problems_give_one_line_and_an_exit_code(
    run_cli: Run, database: str, tmp_path: Path, arguments: list[str], code: int, message: str
) -> None:
    result = run_cli("--db", database, *[a.format(tmp=tmp_path) for a in arguments])
    assert result.code == code
    assert result.err == message.format(tmp=tmp_path) + "\n"
    assert not (tmp_path / "out").exists()


def test_a_template_syntax_error_names_file_and_line_and_writes_nothing(
    run_cli: Run, database: str, tmp_path: Path
) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    broken = mine / "cycle.md.j2"
    broken.write_text("# {{ cycle.title }}\n\n{{ cycle.plan|md_block }\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli(
        "--db", database, "render", "--all", "--out", str(out), "--templates", str(mine)
    )
    assert result.code == 5
    assert result.err == f"Error: Template {broken}, line 3: unexpected '}}'\n"
    assert not out.exists()


def test_an_empty_database_has_nothing_to_render(run_cli: Run, tmp_path: Path) -> None:
    result = run_cli(
        "--db", str(tmp_path / "empty.db"), "render", "--all", "--out", str(tmp_path / "out")
    )
    assert result.code == 5
    assert result.err == "Error: There are no initiatives to render.\n"


def test_the_documents_and_the_render_command_never_load_textual() -> None:
    code = (
        "import sys, forbattra.docs, forbattra.cli.render\nprint(' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    assert "forbattra.docs" in loaded
    assert not {name for name in loaded if name == "textual" or name.startswith("textual.")}
    assert "sqlalchemy" not in loaded
