"""What every command shares: the run's state, opening the database, and clean failure.

No command lets a traceback reach the user: every known problem becomes one line in the
user's language and a documented exit code (README, "Exit codes").
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, NoReturn, TypeVar

import typer

from forbattra.i18n import _

if TYPE_CHECKING:
    from forbattra.store.database import Database

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_NOT_FOUND = 3
EXIT_DATABASE = 4
EXIT_INVALID = 5
EXIT_CONFLICT = 6
EXIT_BUSY = 7
EXIT_DAMAGED = 8
EXIT_INTERRUPTED = 130

T = TypeVar("T")


@dataclass
class CliState:
    """The global options, resolved: which database, who is acting, which language."""

    db: str | None
    user: str
    language: str

    def target(self) -> str:
        from forbattra.locations import database_target

        return database_target(self.db)


def state(ctx: typer.Context) -> CliState:
    obj = ctx.find_root().obj
    assert isinstance(obj, CliState)
    return obj


def fail(message: str, code: int) -> NoReturn:
    """Print one line to stderr and stop with ``code``."""
    typer.echo(_("Error: {message}").format(message=message), err=True)
    raise typer.Exit(code)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn every expected problem into one clear line and an exit code."""
    from forbattra.core.exchange import ExchangeError
    from forbattra.store.errors import StoreError

    try:
        yield
    except StoreError as error:
        fail(str(error), error.exit_code)
    except ExchangeError as error:
        typer.echo(
            _("Error: {source} cannot be imported:").format(source=error.source or "-"), err=True
        )
        for problem in error.problems:
            typer.echo(f"  {problem}", err=True)
        raise typer.Exit(EXIT_INVALID) from None


def open_database(ctx: typer.Context, target: str | None = None) -> Database:
    from forbattra.store.database import Database

    with user_errors():
        return Database.open(target or state(ctx).target())


def with_database(ctx: typer.Context, work: Callable[[Database], T]) -> T:
    """Open the database, run ``work``, close it; problems become clear messages."""
    database = open_database(ctx)
    try:
        with user_errors():
            return work(database)
    finally:
        database.close()


def report_unexpected(error: BaseException) -> int:
    """Last resort: one line, and the traceback only when FORBATTRA_DEBUG is set."""
    if os.environ.get("FORBATTRA_DEBUG"):
        import traceback

        traceback.print_exception(error)
    message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    print(
        _("Error: something unexpected happened ({kind}: {message}).").format(
            kind=type(error).__name__, message=message
        ),
        file=sys.stderr,
    )
    print(_("Nothing more was changed. Set FORBATTRA_DEBUG=1 to see details."), file=sys.stderr)
    return EXIT_UNEXPECTED
