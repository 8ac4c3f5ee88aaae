"""The Typer application: global options and the commands."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

import typer

from forbattra import __version__
from forbattra.cli import backup, closing, exchange, initiatives, measures, render, stop_doing, ui
from forbattra.cli import ideas as idea_commands
from forbattra.cli import review as review_commands
from forbattra.cli import serve as serve_command
from forbattra.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    CliState,
    report_unexpected,
)
from forbattra.i18n import _, current_language


class Language(StrEnum):
    SV = "sv"
    EN = "en"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"forbattra {__version__}")
        raise typer.Exit()


class Cli:
    def __init__(self) -> None:
        self.typer = typer.Typer(
            name="forbattra",
            help=_(
                "forbattra guides a team through improvement work: DMAIC and PDSA, the"
                " stop-doing check and closing without prestige."
            ),
            no_args_is_help=False,
            add_completion=False,
            pretty_exceptions_enable=False,
            rich_markup_mode=None,
            context_settings={"help_option_names": ["-h", "--help"]},
        )
        self.typer.callback(invoke_without_command=True)(self.root)
        self.typer.command("new", help=_("Start a new initiative; prints its id."))(initiatives.new)
        self.typer.command("list", help=_("List the initiatives."))(initiatives.list_command)
        self.typer.command("show", help=_("Show one initiative."))(initiatives.show)
        self.typer.command("import", help=_("Import initiatives from exchange files."))(
            exchange.import_command
        )
        self.typer.command("export", help=_("Export initiatives as exchange documents."))(
            exchange.export_command
        )
        self.typer.command("demo", help=_("Open forbattra on the sample projects."))(ui.demo)
        self.typer.add_typer(measures.build(), name="measure", help=_("Measures and run charts."))
        self.typer.command("render", help=_("Write markdown documents of initiatives."))(
            render.render_command
        )
        self.typer.command("close", help=_("Close an initiative without prestige."))(closing.close)
        self.typer.command("reopen", help=_("Reopen a closed initiative."))(closing.reopen)
        self.typer.command("pause", help=_("Pause an initiative until a review date."))(
            closing.pause
        )
        self.typer.command("resume", help=_("Resume a paused initiative."))(closing.resume)
        self.typer.command("serve", help=_("Show forbattra in a web browser, for a workshop."))(
            serve_command.serve
        )
        self.typer.add_typer(stop_doing.build(), name="stop-doing", help=_("The stop-doing check."))
        self.typer.add_typer(idea_commands.build(), name="idea", help=_("The idea inbox."))
        self.typer.add_typer(
            backup.build(),
            name="backup",
            help=_("Back up the database (backup [DEST]), list and restore backups."),
        )
        review_commands.register(self.typer)

    @staticmethod
    def root(
        ctx: typer.Context,
        db: str | None = typer.Option(
            None,
            "--db",
            help=_("Database file or SQLAlchemy URL (else FORBATTRA_DB, else your data folder)."),
        ),
        lang: Language | None = typer.Option(
            None,
            "--lang",
            help=_("Language: sv or en (else FORBATTRA_LANG, else the system's)."),
        ),
        user: str | None = typer.Option(
            None, "--user", help=_("Who is acting, recorded in the history (else your user name).")
        ),
        version: bool = typer.Option(
            False,
            "--version",
            callback=_version,
            is_eager=True,
            help=_("Show the version and exit."),
        ),
    ) -> None:
        from forbattra.settings import default_user

        ctx.obj = CliState(db=db, user=user or default_user(), language=current_language())
        if ctx.invoked_subcommand is None:
            cli = ctx.obj
            ui.run_tui(cli, cli.target())

    def run(self, args: Sequence[str]) -> int:
        """Run one command line; returns the exit code, never raises."""
        try:
            self.typer(args=list(args), prog_name="forbattra")
        except SystemExit as stop:
            code = stop.code
            return code if isinstance(code, int) else (0 if code is None else EXIT_USAGE)
        except KeyboardInterrupt:
            return EXIT_INTERRUPTED
        except Exception as error:
            return report_unexpected(error)
        return 0


def build() -> Cli:
    return Cli()
