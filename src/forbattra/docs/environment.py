"""The one Jinja2 environment documents are rendered with, and clear template errors.

Templates come from a folder: the one given with ``--templates`` (or ``FORBATTRA_TEMPLATES``),
with forbattra's own ``templates/`` behind it, so a copy that changes only ``cycle.md.j2`` still
renders everything else. Every visible word goes through ``_()`` (a global of the
environment), so one set of templates writes both languages.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from forbattra.docs import markdown
from forbattra.i18n import _, current_language, ngettext

TEMPLATES_VARIABLE = "FORBATTRA_TEMPLATES"
SUFFIX = ".md.j2"


class DocsError(Exception):
    """A problem that stops documents from being written, in one line for a person."""


class TemplatesFolderError(DocsError):
    """The templates folder is missing, not a folder, or holds no templates."""


class TemplateProblem(DocsError):
    """A template that cannot be read or rendered: names the file and the line."""

    def __init__(self, file: str, line: int | None, problem: str) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        if line is None:
            message = _("Template {file}: {problem}").format(file=file, problem=problem)
        else:
            message = _("Template {file}, line {line}: {problem}").format(
                file=file, line=line, problem=problem
            )
        super().__init__(message)


def bundled_templates() -> Path:
    from forbattra.locations import templates_dir

    return templates_dir()


def resolve_templates(
    explicit: str | Path | None = None, environ: Mapping[str, str] | None = None
) -> Path | None:
    """The user's templates folder: ``--templates`` > ``FORBATTRA_TEMPLATES`` > none (built-in).

    Raises :class:`TemplatesFolderError` when the folder named cannot be used.
    """
    env = os.environ if environ is None else environ
    chosen = explicit if explicit not in (None, "") else env.get(TEMPLATES_VARIABLE) or None
    if chosen is None:
        return None
    folder = Path(chosen).expanduser()
    if not folder.exists():
        raise TemplatesFolderError(
            _("The templates folder {folder} does not exist.").format(folder=folder)
        )
    if not folder.is_dir():
        raise TemplatesFolderError(
            _("{folder} is not a folder; give the folder that holds the templates.").format(
                folder=folder
            )
        )
    try:
        has_templates = any(path.name.endswith(SUFFIX) for path in folder.iterdir())
    except PermissionError:
        raise TemplatesFolderError(
            _("No permission to read the templates folder {folder}.").format(folder=folder)
        ) from None
    if not has_templates:
        raise TemplatesFolderError(
            _("The templates folder {folder} holds no templates (files named *{suffix}).").format(
                folder=folder, suffix=SUFFIX
            )
        )
    return folder.resolve()


def _finalize(value: Any) -> Any:
    # An empty optional field prints as nothing, never as "None".
    return "" if value is None else value


def _number(value: float | int | None, digits: int = 2) -> str:
    return markdown.number(value, digits, current_language())


def make_environment(folder: Path | None = None) -> jinja2.Environment:
    """A new environment reading ``folder`` first (if given), then the built-in templates."""
    folders = [str(folder)] if folder is not None else []
    folders.append(str(bundled_templates()))
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders, encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        # Markdown, not HTML: user text is made safe by the md_* filters, where it goes.
        autoescape=False,  # noqa: S701
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_finalize,
        auto_reload=True,
    )
    environment.filters.update(
        {
            "md": markdown.inline,
            "md_heading": markdown.heading,
            "md_cell": markdown.cell,
            "md_block": markdown.block,
            "md_quote": markdown.quote,
            "md_code": markdown.code,
            "md_link_text": markdown.inline,
            "md_url": markdown.url,
            "yaml": markdown.yaml,
            "mermaid": markdown.mermaid,
            "mermaid_number": markdown.mermaid_number,
            "num": _number,
            "day": markdown.day,
        }
    )
    # Looked up at every call, so the language chosen when rendering is the one written.
    environment.globals.update({"_": _, "ngettext": ngettext})
    return environment


@lru_cache(maxsize=4)
def cached_environment(folder: Path | None) -> jinja2.Environment:
    """One environment per templates folder for the life of the process (the TUI preview)."""
    return make_environment(folder)


def _template_line(error: BaseException) -> tuple[str, int] | None:
    """The innermost template file and line in an error's traceback (Jinja puts them there)."""
    found: tuple[str, int] | None = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith(SUFFIX) and frame.lineno is not None:
            found = (frame.filename, frame.lineno)
    return found


def render(environment: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render template ``name``; any template problem becomes one :class:`TemplateProblem`."""
    try:
        template = environment.get_template(name)
        return template.render(context)
    except jinja2.TemplateSyntaxError as error:
        raise TemplateProblem(
            error.filename or error.name or name, error.lineno, error.message or ""
        ) from None
    except jinja2.TemplateNotFound as error:
        where = _template_line(error)
        problem = _("template not found: {name}").format(name=error.name)
        raise TemplateProblem(
            where[0] if where else name, where[1] if where else None, problem
        ) from None
    except (
        jinja2.TemplateError,
        ArithmeticError,
        AttributeError,
        LookupError,
        TypeError,
        ValueError,
    ) as error:
        where = _template_line(error)
        if where is None:
            raise
        problem = str(error) or type(error).__name__
        raise TemplateProblem(where[0], where[1], problem) from None


def warm(folder: Path | None = None) -> int:
    """Compile every template of ``folder`` (and the built-in ones) into the environment the
    preview uses, so its first document costs what the next ones do; returns how many. The
    app calls it in a thread while idle. A template that does not compile is left for the
    render that needs it to report."""
    environment = cached_environment(folder)
    compiled = 0
    for name in environment.list_templates(filter_func=lambda name: name.endswith(SUFFIX)):
        try:
            environment.get_template(name)
        except (jinja2.TemplateError, OSError, UnicodeDecodeError):
            continue
        compiled += 1
    return compiled
