"""The settings one run of forbattra works with, resolved once from options and environment."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field


def default_user() -> str:
    """Who is acting: FORBATTRA_USER, else the OS user name."""
    explicit = os.environ.get("FORBATTRA_USER")
    if explicit:
        return explicit
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "okänd" if os.environ.get("FORBATTRA_LANG", "").startswith("sv") else "unknown"


@dataclass(frozen=True)
class Settings:
    """Everything the app and the CLI need to know about this run."""

    database: str
    language: str = "en"
    user: str = field(default_factory=default_user)
    # A temporary demo database is deleted when the app exits.
    demo: bool = False
