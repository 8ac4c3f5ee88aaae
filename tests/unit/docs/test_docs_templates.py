"""Users' own templates, and template mistakes reported as one clear line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from forbattra.core.exchange import InitiativeDocument
from forbattra.docs import (
    TemplateProblem,
    TemplatesFolderError,
    render_cycle,
    render_folder,
    render_initiative,
    resolve_templates,
)
from forbattra.locations import templates_dir

from .support import speaking


@pytest.fixture
def inbox(samples: list[tuple[int, InitiativeDocument]]) -> InitiativeDocument:
    return samples[2][1]  # 3: the closed PDSA initiative with three cycles


def test_the_built_in_templates_are_documented() -> None:
    folder = templates_dir()
    names = sorted(path.name for path in folder.glob("*.md.j2"))
    assert names == [
        "_macros.md.j2",
        "closure.md.j2",
        "coach-report.md.j2",
        "cycle.md.j2",
        "index.md.j2",
        "initiative.md.j2",
        "portfolio-report.md.j2",
        "stop-doing.md.j2",
    ]
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert f"`{name}`" in readme


def test_a_copied_and_changed_folder_is_used(tmp_path: Path, inbox: InitiativeDocument) -> None:
    mine = tmp_path / "mine"
    shutil.copytree(templates_dir(), mine)
    cycle = mine / "cycle.md.j2"
    cycle.write_text(
        cycle.read_text(encoding="utf-8").replace(
            '## {{ _("Plan") }}', "## Vår egen rubrik för planen"
        ),
        encoding="utf-8",
    )
    with speaking("en"):
        text = render_cycle(inbox, 3, 2, templates=mine)
        plain = render_cycle(inbox, 3, 2)
    assert "## Vår egen rubrik för planen" in text
    assert "## Vår egen rubrik för planen" not in plain
    assert "## Plan" in plain


def test_a_folder_with_one_template_changes_only_that_document(
    tmp_path: Path, inbox: InitiativeDocument
) -> None:
    (tmp_path / "index.md.j2").write_text(
        '---\ntitle: {{ _("Improvement portfolio")|yaml }}\n---\n\n# Våra initiativ\n\n'
        "{% for i in initiatives %}\n- [{{ i.title|md_link_text }}]({{ i.file|md_url }})\n"
        "{% endfor %}\n",
        encoding="utf-8",
    )
    with speaking("sv"):
        documents = {str(d.path): d.text for d in render_folder([(3, inbox)], templates=tmp_path)}
        report = render_initiative(inbox, 3)
    assert documents["index.md"].endswith(
        "# Våra initiativ\n\n- [Anonym förbättringsinkorg för medarbetare]"
        "(3-anonym-forbattringsinkorg-for-medarbetare.md)\n"
    )
    assert documents["3-anonym-forbattringsinkorg-for-medarbetare.md"] == report


def test_the_folder_comes_from_the_option_else_the_environment(tmp_path: Path) -> None:
    (tmp_path / "cycle.md.j2").write_text("x\n", encoding="utf-8")
    assert resolve_templates(None, {}) is None
    assert resolve_templates(None, {"FORBATTRA_TEMPLATES": str(tmp_path)}) == tmp_path.resolve()
    other = tmp_path / "other"
    other.mkdir()
    (other / "index.md.j2").write_text("x\n", encoding="utf-8")
    chosen = resolve_templates(str(other), {"FORBATTRA_TEMPLATES": str(tmp_path)})
    assert chosen == other.resolve()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p / "missing", "does not exist"),
        (lambda p: (p / "file.md.j2", (p / "file.md.j2").write_text(""))[0], "is not a folder"),
        (lambda p: (p / "empty", (p / "empty").mkdir())[0], "holds no templates"),
    ],
)
def test_a_folder_that_cannot_be_used_is_refused(tmp_path: Path, make: object, words: str) -> None:
    assert callable(make)
    folder = make(tmp_path)
    with speaking("en"), pytest.raises(TemplatesFolderError, match=words) as caught:
        resolve_templates(folder, {})
    assert str(folder) in str(caught.value)


def write_broken(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_syntax_error_names_the_file_and_the_line(
    tmp_path: Path, inbox: InitiativeDocument
) -> None:
    path = write_broken(tmp_path, "cycle.md.j2", "# {{ cycle.title }}\n\n{% if cycle.study %\n")
    with speaking("en"), pytest.raises(TemplateProblem) as caught:
        render_cycle(inbox, 3, 1, templates=tmp_path)
    problem = caught.value
    assert problem.file == str(path)
    assert problem.line == 3
    message = str(problem)
    assert message.startswith(f"Template {path}, line 3: ")
    assert "\n" not in message


def test_an_unknown_variable_names_the_file_and_the_line(
    tmp_path: Path, inbox: InitiativeDocument
) -> None:
    path = write_broken(
        tmp_path, "initiative.md.j2", "# {{ initiative.title }}\n\n{{ initiative.titel }}\n"
    )
    with speaking("en"), pytest.raises(TemplateProblem) as caught:
        render_initiative(inbox, 3, templates=tmp_path)
    assert (
        str(caught.value) == f"Template {path}, line 3: 'forbattra.docs.views.Initiative object'"
        " has no attribute 'titel'"
    )


def test_an_error_in_an_included_template_names_that_file(
    tmp_path: Path, inbox: InitiativeDocument
) -> None:
    macros = write_broken(
        tmp_path, "_macros.md.j2", "{% macro front_matter(pairs) %}\n{{ 1 / 0 }}\n{% endmacro %}\n"
    )
    with speaking("en"), pytest.raises(TemplateProblem) as caught:
        render_initiative(inbox, 3, templates=tmp_path)
    assert caught.value.file == str(macros)
    assert caught.value.line == 2
    assert "division by zero" in str(caught.value)


def test_a_missing_include_is_named(tmp_path: Path, inbox: InitiativeDocument) -> None:
    write_broken(tmp_path, "initiative.md.j2", "a\n{% include 'nowhere.md.j2' %}\n")
    with (
        speaking("en"),
        pytest.raises(TemplateProblem, match=r"template not found: nowhere\.md\.j2"),
    ):
        render_initiative(inbox, 3, templates=tmp_path)
