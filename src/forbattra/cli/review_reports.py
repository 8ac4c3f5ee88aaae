"""Markdown reports for the coach's commands: rendered by ``docs.review_reports``, printed or
written atomically to a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from forbattra.cli.common import EXIT_INVALID, EXIT_USAGE, fail
from forbattra.i18n import _
from forbattra.i18n.os_errors import os_error_reason

if TYPE_CHECKING:
    from forbattra.core.overview import Overview
    from forbattra.store.services.review import CoachReview, ReviewQueue


def portfolio_markdown(found: Overview) -> str:
    from forbattra import docs
    from forbattra.docs.review_reports import portfolio_report

    try:
        return portfolio_report(found, templates=docs.resolve_templates(None))
    except docs.DocsError as error:
        fail(str(error), EXIT_INVALID)


def coach_markdown(found: CoachReview, queue: ReviewQueue) -> str:
    from forbattra import docs
    from forbattra.docs.review_reports import coach_report

    try:
        return coach_report(found, queue, templates=docs.resolve_templates(None))
    except docs.DocsError as error:
        fail(str(error), EXIT_INVALID)


def write_report(text: str, out: Path | None) -> None:
    """Print ``text``, or replace ``out`` with it in one step."""
    if out is None:
        typer.echo(text, nl=False)
        return
    from forbattra.docs import write_atomically

    if out.is_dir():
        fail(_("{path} is a folder; give a file name for the report.").format(path=out), EXIT_USAGE)
    if not out.absolute().parent.is_dir():
        fail(
            _("The folder {folder} does not exist.").format(folder=out.absolute().parent),
            EXIT_USAGE,
        )
    try:
        write_atomically(out, text.encode("utf-8"))
    except OSError as error:
        fail(
            _("Cannot write {path}: {reason}").format(path=out, reason=os_error_reason(error)),
            EXIT_USAGE,
        )
    typer.echo(_("Wrote {path}").format(path=out))
