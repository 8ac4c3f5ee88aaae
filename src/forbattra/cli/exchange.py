"""``forbattra import`` and ``forbattra export``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from forbattra.cli.common import EXIT_INVALID, EXIT_USAGE, fail, state, user_errors, with_database
from forbattra.i18n import _, ngettext
from forbattra.i18n.os_errors import os_error_reason

if TYPE_CHECKING:
    from forbattra.core.exchange import InitiativeDocument
    from forbattra.store.database import Database


def read_documents(paths: list[Path]) -> list[tuple[str, InitiativeDocument]]:
    """Validate every file before anything is stored; all problems of all files are reported."""
    from forbattra.core.exchange import ExchangeError, load_file

    documents: list[tuple[str, InitiativeDocument]] = []
    failures: list[ExchangeError] = []
    for path in paths:
        try:
            documents += [(str(path), document) for document in load_file(path)]
        except ExchangeError as error:
            failures.append(error)
    if failures:
        for failure in failures:
            typer.echo(
                _("Error: {source} cannot be imported:").format(source=failure.source), err=True
            )
            for problem in failure.problems:
                typer.echo(f"  {problem}", err=True)
        typer.echo(_("Nothing was imported."), err=True)
        raise typer.Exit(EXIT_INVALID)
    return documents


def import_command(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(..., metavar="FILE...", help=_("Exchange files (JSON).")),
) -> None:
    """Import initiatives from exchange files: all of them, or nothing if any has a problem."""
    from forbattra.store.services.exchange import import_documents

    documents = read_documents(files)
    actor = state(ctx).user
    ids = with_database(ctx, lambda db: import_documents(db, actor, documents))
    typer.echo(
        ngettext(
            "Imported {count} initiative: {ids}", "Imported {count} initiatives: {ids}", len(ids)
        ).format(count=len(ids), ids=", ".join(str(i) for i in ids))
    )


def _write_atomically(path: Path, text: str) -> None:
    # The documents' writer: temporary file, fsync, os.replace, and the usual file mode.
    from forbattra.docs.writer import write_atomically

    write_atomically(path, text.encode("utf-8"))


def export_command(
    ctx: typer.Context,
    ids: list[int] = typer.Argument(None, metavar="[ID...]", help=_("Initiatives to export.")),
    export_all: bool = typer.Option(False, "--all", help=_("Export every initiative.")),
    output: Path | None = typer.Option(
        None, "--output", "-o", help=_("Write to this file instead of the screen.")
    ),
) -> None:
    """Export initiatives as exchange documents (JSON)."""
    from forbattra.core.exchange import to_json
    from forbattra.store.services.exchange import export_documents

    if not ids and not export_all:
        fail(_("Name one or more initiative ids, or use --all."), EXIT_USAGE)
    if ids and export_all:
        fail(_("Give either ids or --all, not both."), EXIT_USAGE)
    if output is not None and output.is_dir():
        fail(_("{path} is a folder; give a file name.").format(path=output), EXIT_USAGE)
    if output is not None and not output.absolute().parent.is_dir():
        fail(
            _("The folder {folder} does not exist.").format(folder=output.absolute().parent),
            EXIT_USAGE,
        )

    def fetch(db: Database) -> list[dict[str, Any]]:
        return export_documents(db, None if export_all else list(ids))

    documents = with_database(ctx, fetch)
    if not documents:
        fail(_("There are no initiatives to export."), EXIT_INVALID)
    text = to_json(documents)
    if output is None:
        typer.echo(text, nl=False)
        return
    with user_errors():
        try:
            _write_atomically(output, text)
        except OSError as error:
            fail(
                _("Cannot write {path}: {reason}").format(
                    path=output, reason=os_error_reason(error)
                ),
                EXIT_USAGE,
            )
    typer.echo(
        ngettext(
            "Exported {count} initiative to {path}",
            "Exported {count} initiatives to {path}",
            len(documents),
        ).format(count=len(documents), path=output),
        err=True,
    )
