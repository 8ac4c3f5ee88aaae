"""What the portfolio says when it has no rows to show: how to start, and what went wrong."""

from __future__ import annotations

import os
import shlex
from urllib.parse import urlsplit, urlunsplit

from rich.text import Text

from forbattra.i18n import _


def empty_state(database: str) -> Text:
    """For a new user: how to create or import initiatives from the command line."""
    program = "forbattra" + database_option(database)
    example = quote(_("Shorter waiting times in home care"))
    text = Text()
    text.append(_("No initiatives yet") + "\n\n", "bold")
    text.append(_("Press n to start one here.") + "\n\n")
    text.append(_("Or start one from the command line, then press r to see it here:") + "\n")
    text.append(f"  {program} new {example} --method pdsa\n\n", "bold")
    text.append(_("Import initiatives exported from forbattra (JSON files):") + "\n")
    file_name = _("FILE.json")
    text.append(f"  {program} import {file_name}\n\n", "bold")
    text.append(_("Or look around in the sample projects first:") + "\n")
    text.append("  forbattra demo\n", "bold")
    return text


def problem(reason: str, headline: str) -> Text:
    """Why nothing can be shown (one line from the storage layer) and what to do about it."""
    text = Text()
    text.append(headline + "\n\n", "bold")
    text.append(reason + "\n\n")
    text.append(
        _(
            "Check the file or address given with --db or FORBATTRA_DB."
            " Press r to try again, or ctrl+q to quit."
        )
    )
    return text


def database_option(database: str) -> str:
    """`` --db LOCATION`` when the command line would not find this database on its own."""
    from forbattra.locations import data_dir

    if database in (os.environ.get("FORBATTRA_DB"), str(data_dir() / "forbattra.db")):
        return ""
    return " --db " + quote(shown_location(database))


def shown_location(target: str) -> str:
    """A database path or URL fit to show on a projector: never with its password."""
    if "://" not in target:
        return target
    parts = urlsplit(target)
    if parts.password is None:
        return target
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def quote(text: str) -> str:
    """``text`` as one shell word, in double quotes where needed (bash, zsh and PowerShell)."""
    if text and all(char.isalnum() or char in "/._-:+@%=," for char in text):
        return text
    if any(char in text for char in '"$`\\!'):
        return shlex.quote(text)
    return f'"{text}"'
