"""Opening the terminal UI: ``forbattra`` on its own, and ``forbattra demo``."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import typer

from forbattra.cli.common import CliState, fail, state, user_errors
from forbattra.i18n import _, ngettext


def run_tui(cli: CliState, target: str, *, demo: bool = False) -> None:
    """Start the app; the database is opened by the app itself, after the first frame."""
    from forbattra.settings import Settings

    settings = Settings(database=target, language=cli.language, user=cli.user, demo=demo)
    from forbattra.tui.app import make_app

    app = make_app(settings)
    app.run()
    if app.backup_problem:
        typer.echo(app.backup_problem, err=True)
    if app.return_code:
        raise typer.Exit(app.return_code)


def load_samples(target: str, actor: str) -> int:
    """Import every bundled sample project into ``target``; returns how many."""
    from forbattra.cli.exchange import read_documents
    from forbattra.locations import sample_projects_dir
    from forbattra.store.database import Database
    from forbattra.store.services.exchange import import_documents

    files = sorted(sample_projects_dir().glob("*.json"))
    if not files:
        fail(_("The sample projects are missing from this installation."), 1)
    documents = read_documents(files)
    with user_errors():
        database = Database.open(target)
        try:
            return len(import_documents(database, actor, documents))
        finally:
            database.close()


def demo(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        help=_("Load the samples into this database instead of a temporary one."),
    ),
    no_ui: bool = typer.Option(
        False, "--no-ui", help=_("Only load the samples and print the database's location.")
    ),
) -> None:
    """Open forbattra on the sample projects (a fresh temporary database unless --db is given)."""
    cli = state(ctx)
    # `forbattra --db X demo` means the same as `forbattra demo --db X`; FORBATTRA_DB does not
    # count, so the samples never land in someone's real database by accident.
    db = db if db is not None else cli.db
    folder: Path | None = None
    if db is None:
        folder = Path(tempfile.mkdtemp(prefix="forbattra-demo-"))
        target = str(folder / "demo.db")
    else:
        target = db
    try:
        count = load_samples(target, cli.user)
        if no_ui:
            typer.echo(target)
            typer.echo(
                ngettext(
                    "Loaded {count} sample project.", "Loaded {count} sample projects.", count
                ).format(count=count),
                err=True,
            )
            folder = None  # the user asked for the database: keep it
            return
        run_tui(cli, target, demo=True)
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
