"""``forbattra serve``: the terminal UI in a browser, for a workshop room (textual-serve).

Every browser tab gets its own forbattra process on the same database, acting as the user
who started the server. Only this computer can connect unless ``--host`` names another
address, and then anyone who can reach it can read and change everything: we say so.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from typing import TYPE_CHECKING

import typer

from forbattra.cli.common import EXIT_USAGE, CliState, fail, open_database, state
from forbattra.i18n import _
from forbattra.i18n.os_errors import os_error_reason

if TYPE_CHECKING:
    from textual_serve.server import Server

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def is_local(host: str) -> bool:
    """True for an address only this computer can reach (127.0.0.1, ::1, localhost)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def tui_command(cli: CliState, target: str) -> str:
    """The shell command each browser tab runs: this Python, this database, language, user."""
    return shlex.join(
        [
            sys.executable,
            "-m",
            "forbattra",
            "--db",
            target,
            "--lang",
            cli.language,
            "--user",
            cli.user,
        ]
    )


def build_server(cli: CliState, target: str, host: str, port: int) -> Server:
    """The textual-serve server, not started yet (the tests look at it)."""
    from textual_serve.server import Server

    return Server(tui_command(cli, target), host=host, port=port, title="forbattra")


def serve(
    ctx: typer.Context,
    host: str = typer.Option(
        DEFAULT_HOST,
        "--host",
        help=_("The address to listen on; the default lets only this computer connect."),
    ),
    port: int = typer.Option(DEFAULT_PORT, "--port", min=1, max=65535, help=_("The port.")),
) -> None:
    """Show forbattra in a web browser (for a projector or a shared screen); ctrl+c stops."""
    cli = state(ctx)
    target = cli.target()
    open_database(ctx, target).close()  # a clear message now, not in every browser tab
    if not is_local(host):
        typer.echo(
            _(
                "Warning: listening on {host}. Anyone who can reach this address can read and"
                " change every initiative in this database, as {user}. Use it only on a"
                " network you trust, and stop it (ctrl+c) after the workshop."
            ).format(host=host, user=cli.user),
            err=True,
        )
    server = build_server(cli, target, host, port)
    typer.echo(
        _("forbattra in the browser: {url} (ctrl+c stops)").format(url=server.public_url),
        err=True,
    )
    try:
        server.serve()
    except OSError as error:  # the port is taken, or the address is not this computer's
        fail(
            _("Cannot listen on {host} port {port}: {reason}").format(
                host=host, port=port, reason=os_error_reason(error)
            ),
            EXIT_USAGE,
        )
