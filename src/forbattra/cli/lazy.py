"""Commands imported only when they run, so ``forbattra --help`` and ``forbattra list`` start
fast: the top-level help lists every command from its name and help text alone, and running a
command imports its module (and what that module needs: Rich, pydantic, storage) then.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from difflib import get_close_matches
from typing import TYPE_CHECKING, Any, ClassVar

import typer
from typer._click.exceptions import UsageError  # Typer vendors Click; this is Click's class
from typer.core import TyperCommand, TyperGroup

from forbattra.i18n import _

if TYPE_CHECKING:
    from typer._click.core import Command

# What every forbattra Typer shares (the root's settings, repeated for each lazy holder).
TYPER_SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}


@dataclass(frozen=True)
class LazyCommand:
    """A command named and described here, built from ``forbattra.cli.<module>`` on first use.

    ``kind`` says what ``attribute`` is: ``"command"`` a command function, ``"group"`` a
    function returning the command group's Typer, ``"registers"`` a function that adds several
    commands (this one among them) to a Typer it is given.
    """

    name: str
    help: str
    module: str
    attribute: str
    kind: str = "command"

    def load(self) -> Command:
        target: Callable[..., Any] = getattr(
            importlib.import_module(f"forbattra.cli.{self.module}"), self.attribute
        )
        if self.kind == "group":
            group = typer.main.get_command(target())
            group.name, group.help = self.name, self.help
            return group
        holder = typer.Typer(**TYPER_SETTINGS)
        if self.kind == "registers":
            target(holder)
            group = typer.main.get_command(holder)
            assert isinstance(group, TyperGroup), self.name
            return group.commands[self.name]
        holder.command(self.name, help=self.help)(target)
        return typer.main.get_command(holder)


class LazyGroup(TyperGroup):
    """The root group: its commands are :class:`LazyCommand` until one is needed."""

    lazy: ClassVar[dict[str, LazyCommand]] = {}
    _listing = False

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        built = [name for name in super().list_commands(ctx) if name not in self.lazy]
        return [*self.lazy, *built]

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:  # type: ignore[override]
        found = super().get_command(ctx, cmd_name)
        spec = self.lazy.get(cmd_name)
        if found is None and spec is not None:
            if self._listing:  # the help's list of commands needs the name and help only
                return TyperCommand(name=cmd_name, help=spec.help)
            found = self.commands[cmd_name] = spec.load()
        return found

    def format_commands(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        self._listing = True
        try:
            super().format_commands(ctx, formatter)
        finally:
            self._listing = False

    def resolve_command(self, ctx: typer.Context, args: list[str]) -> Any:  # type: ignore[override]
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            if args and error.message.startswith("No such command"):
                error.message = _("No such command {name}.").format(name=repr(args[0]))
            # Typer suggests from the commands built so far; suggest from all of them.
            matches = get_close_matches(args[0], self.list_commands(ctx)) if args else []
            if matches and "Did you mean" not in error.message:
                suggestions = ", ".join(f"{match!r}" for match in matches)
                error.message = f"{error.message.rstrip('.')}. " + _(
                    "Did you mean {suggestions}?"
                ).format(suggestions=suggestions)
            raise


def lazy_group(commands: list[LazyCommand]) -> type[LazyGroup]:
    """A root group class that knows ``commands``, in the order the help lists them."""
    return type("ForbattraGroup", (LazyGroup,), {"lazy": {c.name: c for c in commands}})
