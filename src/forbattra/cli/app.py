"""The Typer application: global options and the commands."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

import typer

from forbattra import __version__
from forbattra.cli.common import (
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    CliState,
    report_unexpected,
)
from forbattra.cli.lazy import TYPER_SETTINGS, LazyCommand, lazy_group
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
            cls=lazy_group(self.commands()),
            name="forbattra",
            help=_(
                "forbattra guides a team through improvement work: DMAIC and PDSA, the"
                " stop-doing check and closing without prestige."
            ),
            no_args_is_help=False,
            **TYPER_SETTINGS,
        )
        self.typer.callback(invoke_without_command=True)(self.root)

    @staticmethod
    def commands() -> list[LazyCommand]:
        """Every command, in the order the help lists them; each module is imported only when
        its command runs (``cli/lazy.py``), so ``--help`` and ``list`` start fast."""
        return [
            LazyCommand("new", _("Start a new initiative; prints its id."), "initiatives", "new"),
            LazyCommand("list", _("List the initiatives."), "initiatives", "list_command"),
            LazyCommand("show", _("Show one initiative."), "initiatives", "show"),
            LazyCommand(
                "import",
                _("Import initiatives from exchange files."),
                "exchange",
                "import_command",
            ),
            LazyCommand(
                "export",
                _("Export initiatives as exchange documents."),
                "exchange",
                "export_command",
            ),
            LazyCommand("demo", _("Open forbattra on the sample projects."), "ui", "demo"),
            LazyCommand(
                "render", _("Write markdown documents of initiatives."), "render", "render_command"
            ),
            LazyCommand("close", _("Close an initiative without prestige."), "closing", "close"),
            LazyCommand("reopen", _("Reopen a closed initiative."), "closing", "reopen"),
            LazyCommand("pause", _("Pause an initiative until a review date."), "closing", "pause"),
            LazyCommand("resume", _("Resume a paused initiative."), "closing", "resume"),
            LazyCommand(
                "serve", _("Show forbattra in a web browser, for a workshop."), "serve", "serve"
            ),
            *(
                LazyCommand(name, text, "review", "register", kind="registers")
                for name, text in (
                    ("history", _("Show the history of an initiative.")),
                    ("overview", _("The portfolio overview for a period.")),
                    ("comment", _("Comment on an initiative, a phase or a cycle.")),
                    ("comments", _("List the comments on an initiative.")),
                    ("resolve", _("Mark a comment as resolved.")),
                    ("review-queue", _("What needs a coach's look.")),
                    ("review", _("Cycle statistics and PDSA fidelity for coaches.")),
                    ("search", _("Search the learning archive.")),
                )
            ),
            LazyCommand("measure", _("Measures and run charts."), "measures", "build", "group"),
            LazyCommand("stop-doing", _("The stop-doing check."), "stop_doing", "build", "group"),
            LazyCommand("idea", _("The idea inbox."), "ideas", "build", "group"),
            LazyCommand(
                "backup",
                _("Back up the database (backup [DEST]), list and restore backups."),
                "backup",
                "build",
                "group",
            ),
        ]

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
            from forbattra.cli import ui

            cli = ctx.obj
            ui.run_tui(cli, cli.target())

    def run(self, args: Sequence[str]) -> int:
        """Run one command line; returns the exit code, never raises."""
        from forbattra.cli.usage_words import translate_usage_errors

        translate_usage_errors()
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
