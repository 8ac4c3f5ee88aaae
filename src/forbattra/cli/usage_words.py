"""The command line's usage errors in the reader's language.

Typer writes them with its own copy of Click, in English and with no translation hook
("Missing option '--method'", "No such option: --x", "Try 'forbattra new -h' for help.").
:func:`translate_usage_errors` replaces how those errors are worded and shown, once the
language is set; the exit code (2) and what is checked stay Typer's. Messages we do not know
are shown as Typer words them. ``tests/unit/cli/test_usage_words.py`` runs each kind in both
languages, so a Typer upgrade that renames what this relies on fails a test.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import IO, Any

from forbattra.i18n import N_, _

# Typer's checks of a typed value (pydantic) and what to say instead.
_VALUE_MESSAGES = {
    "Input should be a valid integer": N_("write a whole number"),
    "Input should be a valid number": N_("write a number"),
    "Input should be a valid boolean": N_("write yes or no"),
}
# Whole sentences a kind, so each language words it its own way.
_MISSING = {
    "option": N_("Missing option {hint}."),
    "argument": N_("Missing argument {hint}."),
    "parameter": N_("Missing value {hint}."),
}


def _hint(error: Any) -> str | None:
    from typer._click.exceptions import _join_param_hints

    if error.param_hint is not None:
        hint: Sequence[str] | str | None = error.param_hint
    elif error.param is not None:
        hint = error.param.get_error_hint()
    else:
        return None
    return _join_param_hints(hint)


_NOT_ONE_OF = re.compile(r"^(?:Value error, )?(.+) is not one of (.+?)\.?$")


def _value_message(message: str) -> str:
    for english, ours in _VALUE_MESSAGES.items():
        if message.startswith(english):
            return _(ours)
    if found := _NOT_ONE_OF.match(message):
        return _("{value} is not one of {choices}.").format(
            value=found.group(1), choices=found.group(2)
        )
    return message


def _bad_parameter(error: Any) -> str:
    hint = _hint(error)
    message = _value_message(error.message)
    if hint is None:
        return _("Invalid value: {message}").format(message=message)
    return _("Invalid value for {hint}: {message}").format(hint=hint, message=message)


def _missing(error: Any) -> str:
    hint = _hint(error)
    kind = error.param_type
    if kind is None and error.param is not None:
        kind = error.param.param_type_name
    if hint and kind in _MISSING:
        text = _(_MISSING[kind]).format(hint=hint)
    else:  # not a kind Typer uses today: its own words
        text = " ".join(["Missing", str(kind or "value"), *([hint] if hint else [])]) + "."
    extra = error.param.get_missing_message(ctx=error.ctx) if error.param is not None else ""
    if extra and extra.startswith("Choose from:"):
        choices = ", ".join(line.strip(" \t,") for line in extra.splitlines()[1:])
        text += " " + _("Choose from: {choices}.").format(choices=choices)
    elif extra:
        text += " " + extra
    return text


def _no_such_option(error: Any) -> str:
    text = _("No such option: {name}").format(name=error.option_name)
    if error.possibilities:
        options = ", ".join(sorted(error.possibilities))
        text += " " + _("(Possible options: {options})").format(options=options)
    return text


def _show(error: Any, file: IO[Any] | None = None) -> None:
    from typer._click._compat import get_text_stderr
    from typer._click.utils import echo

    if file is None:
        file = get_text_stderr()
    color = None
    ctx = error.ctx
    if ctx is not None:
        color = ctx.color
        usage = ctx.get_usage()
        if usage.startswith("Usage:"):
            usage = _("Usage:") + usage[len("Usage:") :]
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = _("Try '{command} {option}' for help.").format(
                command=ctx.command_path, option=ctx.help_option_names[0]
            )
            hint += "\n"
        echo(f"{usage}\n{hint}", file=file, color=color)
    echo(_("Error: {message}").format(message=error.format_message()), file=file, color=color)


def translate_usage_errors() -> None:
    """Word Typer's usage errors in the current language (call after setting it)."""
    from typer._click import exceptions

    exceptions.UsageError.show = _show  # type: ignore[method-assign, assignment]
    exceptions.BadParameter.format_message = _bad_parameter  # type: ignore[method-assign, assignment]
    exceptions.MissingParameter.format_message = _missing  # type: ignore[method-assign, assignment]
    exceptions.NoSuchOption.format_message = _no_such_option  # type: ignore[method-assign, assignment]
