"""``forbattra render``: the markdown documents of initiatives, written to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from forbattra.cli.common import EXIT_INVALID, EXIT_USAGE, fail, with_database
from forbattra.i18n import _, ngettext
from forbattra.i18n.os_errors import os_error_reason

if TYPE_CHECKING:
    from forbattra.store.database import Database


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        fail(_("{path} is a file; give a folder for the documents.").format(path=out), EXIT_USAGE)
    parent = out.absolute().parent
    if not out.exists() and not parent.is_dir():
        fail(_("The folder {folder} does not exist.").format(folder=parent), EXIT_USAGE)


def render_command(
    ctx: typer.Context,
    ids: list[int] = typer.Argument(None, metavar="[ID...]", help=_("Initiatives to render.")),
    render_all: bool = typer.Option(False, "--all", help=_("Render every initiative.")),
    out: Path = typer.Option(
        ...,
        "--out",
        "-o",
        help=_("Folder for the documents; made if missing, files in it are replaced."),
    ),
    templates: str | None = typer.Option(
        None,
        "--templates",
        metavar="DIR",
        help=_("Your own templates (else FORBATTRA_TEMPLATES, else the built-in ones)."),
    ),
) -> None:
    """Write the markdown documents of initiatives: one per initiative and per cycle, an index."""
    from forbattra import docs

    if not ids and not render_all:
        fail(_("Name one or more initiative ids, or use --all."), EXIT_USAGE)
    if ids and render_all:
        fail(_("Give either ids or --all, not both."), EXIT_USAGE)
    _check_out(out)
    try:
        folder = docs.resolve_templates(templates)
    except docs.TemplatesFolderError as error:
        fail(str(error), EXIT_USAGE)

    def fetch(db: Database) -> list[tuple[int, dict[str, Any]]]:
        from forbattra.store.services.exchange import export_documents
        from forbattra.store.services.initiatives import list_initiatives

        chosen = (
            sorted(row.id for row in list_initiatives(db, include_closed=True))
            if render_all
            else list(dict.fromkeys(ids))
        )
        return list(zip(chosen, export_documents(db, chosen), strict=True)) if chosen else []

    sources = with_database(ctx, fetch)
    if not sources:
        fail(_("There are no initiatives to render."), EXIT_INVALID)
    try:
        documents = docs.render_folder(sources, templates=folder)
    except docs.TemplateProblem as error:
        fail(str(error), EXIT_INVALID)
    try:
        out.mkdir(exist_ok=True)
        written = docs.write_documents([(d.path, d.text) for d in documents], out)
    except OSError as error:
        fail(
            _("Cannot write {path}: {reason}").format(
                path=error.filename or out, reason=os_error_reason(error)
            ),
            EXIT_USAGE,
        )
    typer.echo(
        ngettext(
            "Rendered {count} initiative into {folder}: {written} files written, {unchanged}"
            " unchanged.",
            "Rendered {count} initiatives into {folder}: {written} files written, {unchanged}"
            " unchanged.",
            len(sources),
        ).format(
            count=len(sources),
            folder=out,
            written=len(written.written),
            unchanged=len(written.unchanged),
        )
    )
    typer.echo(_("Start with {index}").format(index=out / docs.INDEX))
