"""``forbattra backup [DEST]``, ``backup list`` and ``backup restore``: copies of an SQLite
database made with SQLite's online backup API, so other programs may keep writing meanwhile.

Headless: nothing here imports Textual; the restore never opens the database through the
engine, because it must see whether any program (this one included) has it open.
"""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from forbattra.cli.common import EXIT_INTERRUPTED, EXIT_USAGE, fail, state, user_errors
from forbattra.i18n import _
from forbattra.i18n.numbers import number_text

if TYPE_CHECKING:
    from forbattra.store.backup import Backup

CREATE = "create"


class BackupGroup(TyperGroup):
    """``forbattra backup [DEST]`` means ``forbattra backup create [DEST]``."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        help_asked = any(arg in ("-h", "--help") for arg in args[:1])
        if not help_asked and (not args or args[0] not in self.commands):
            args = [CREATE, *args]
        return super().parse_args(ctx, args)


def build() -> typer.Typer:
    """The ``backup`` command group (built after the language is chosen)."""
    app = typer.Typer(
        cls=BackupGroup,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.command(
        CREATE, help=_("Back up the database now, beside it or to DEST (a file or a folder).")
    )(create)
    app.command("list", help=_("List the backups of the database, newest first."))(list_command)
    app.command("restore", help=_("Put a backup in place of the database (keeps a copy)."))(restore)
    return app


def _sqlite_file(ctx: typer.Context) -> Path:
    """The database file, or a clear refusal for a server database."""
    from forbattra.store.engine import sqlite_path, url_for

    target = state(ctx).target()
    with user_errors():
        path = sqlite_path(url_for(target))
    if path is None:
        fail(
            _(
                "forbattra backs up SQLite files only; back up a PostgreSQL database with the"
                " server's own tools (pg_dump)."
            ),
            EXIT_USAGE,
        )
    return path


def _existing_database(ctx: typer.Context) -> Path:
    from forbattra.store.errors import DatabaseUnavailable
    from forbattra.store.sqlite_files import check_sqlite_file

    path = _sqlite_file(ctx)
    with user_errors():
        if not path.is_file():
            raise DatabaseUnavailable(_("There is no database at {path}.").format(path=path))
        check_sqlite_file(path)
    return path


def create(
    ctx: typer.Context,
    dest: Path | None = typer.Argument(
        None, help=_("Where to write the copy: a new file, or a folder to put it in.")
    ),
) -> None:
    """Back up the database; prints the copy's path."""
    from forbattra.store.backup import MANUAL, backup_path, make_backup

    database = _existing_database(ctx)
    target: Path | None = None
    if dest is not None:
        dest = dest.expanduser()
        target = backup_path(dest / database.name, MANUAL) if dest.is_dir() else dest
        if target.exists():
            fail(_("{path} already exists; choose another name.").format(path=target), EXIT_USAGE)
        if not target.parent.is_dir():
            fail(_("The folder {folder} does not exist.").format(folder=target.parent), EXIT_USAGE)
    with user_errors():
        made = make_backup(database, MANUAL, target)
    typer.echo(str(made))


def kind_text(label: str) -> str:
    """A backup's label, for people."""
    from forbattra.store.backup import AUTO, BEFORE_RESTORE, MANUAL

    if label == AUTO:
        return _("automatic")
    if label == MANUAL:
        return _("made by hand")
    if label == BEFORE_RESTORE:
        return _("before a restore")
    if label.startswith("before-"):
        return _("before upgrade to {revision}").format(revision=label.removeprefix("before-"))
    return label


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{size} MB").format(size=number_text(size / (1024 * 1024), 1))
    return _("{size} kB").format(size=number_text(max(1, round(size / 1024)), 0))


def _backup_json(number: int, backup: Backup) -> dict[str, Any]:
    return {
        "number": number,
        "path": str(backup.path),
        "kind": backup.label,
        "taken_at": backup.taken_at.astimezone(UTC).isoformat(),
        "bytes": backup.size,
    }


def list_command(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON instead of a table.")),
) -> None:
    """The backups beside the database, newest first, numbered for ``backup restore``."""
    from forbattra.store.backup import list_backups

    backups = list_backups(_sqlite_file(ctx))
    if as_json:
        typer.echo(json.dumps([_backup_json(n, b) for n, b in enumerate(backups, 1)], indent=2))
        return
    if not backups:
        typer.echo(_("There are no backups yet."), err=True)
        return
    for number, backup in enumerate(backups, 1):
        when = backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M")
        kind = kind_text(backup.label)
        typer.echo(f"{number:>3}  {when}  {kind:<28} {_size_text(backup.size):>9}  {backup.path}")


def _chosen(database: Path, which: str) -> Path:
    """A backup named by its number in ``backup list`` or by its path."""
    from forbattra.store.backup import list_backups

    if which.isdigit() and not Path(which).exists():
        backups = list_backups(database)
        number = int(which)
        if not 1 <= number <= len(backups):
            fail(
                _("There is no backup number {number}; see: forbattra backup list").format(
                    number=number
                ),
                EXIT_USAGE,
            )
        return backups[number - 1].path
    return Path(which).expanduser()


def restore(
    ctx: typer.Context,
    which: str = typer.Argument(
        ..., metavar="BACKUP", help=_("The backup's number in 'forbattra backup list', or a path.")
    ),
    yes: bool = typer.Option(False, "--yes", "-y", help=_("Do not ask for confirmation.")),
) -> None:
    """Replace the database with a backup, after checking the backup is whole.

    Refused while any program has the database open; the database as it was is kept
    beside it as a ``before-restore`` backup.
    """
    from forbattra.store.backup import restore as restore_backup

    database = _sqlite_file(ctx)
    source = _chosen(database, which)
    if not yes:
        question = _("Replace {database} with {backup}? A copy of it is kept.").format(
            database=database, backup=source
        )
        try:
            confirmed = typer.confirm(question, default=False)
        except typer.Abort:
            raise typer.Exit(EXIT_INTERRUPTED) from None
        if not confirmed:
            typer.echo(_("Nothing was changed."), err=True)
            return
    with user_errors():
        kept = restore_backup(database, source)
    typer.echo(_("Restored {backup} to {database}.").format(backup=source, database=database))
    if kept is not None:
        typer.echo(_("The database as it was is kept in {path}").format(path=kept))
