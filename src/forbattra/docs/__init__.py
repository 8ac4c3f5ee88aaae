"""Markdown documents of the improvement work, rendered from Jinja2 templates.

Headless: nothing here imports Textual. The TUI previews with :func:`render_initiative` and
:func:`render_cycle`; ``forbattra render`` writes a whole folder with :func:`render_folder` and
:func:`write_documents`.
"""

from __future__ import annotations

from forbattra.docs.build import file_base
from forbattra.docs.documents import (
    INDEX,
    Document,
    Renderer,
    render_cycle,
    render_folder,
    render_initiative,
)
from forbattra.docs.environment import (
    TEMPLATES_VARIABLE,
    DocsError,
    TemplateProblem,
    TemplatesFolderError,
    resolve_templates,
)
from forbattra.docs.writer import Written, write_atomically, write_documents

__all__ = [
    "INDEX",
    "TEMPLATES_VARIABLE",
    "DocsError",
    "Document",
    "Renderer",
    "TemplateProblem",
    "TemplatesFolderError",
    "Written",
    "file_base",
    "render_cycle",
    "render_folder",
    "render_initiative",
    "resolve_templates",
    "write_atomically",
    "write_documents",
]
