"""Where things live. Computed in functions, never at import, so nothing is created early."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "forbattra"


def _bundled(name: str) -> Path:
    """A folder shipped with forbattra: inside the wheel, or at the top of a source checkout."""
    inside = Path(__file__).parent / "_data" / name
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parents[2] / name


def templates_dir() -> Path:
    return _bundled("templates")


def sample_projects_dir() -> Path:
    return _bundled("sample_projects")


def data_dir() -> Path:
    """The per-user data folder (created when needed by :func:`default_database`)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_database() -> Path:
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "forbattra.db"


def database_target(explicit: str | None, environ: dict[str, str] | None = None) -> str:
    """``--db`` > ``FORBATTRA_DB`` > the user data folder."""
    env = os.environ if environ is None else environ
    if explicit:
        return explicit
    if env.get("FORBATTRA_DB"):
        return env["FORBATTRA_DB"]
    return str(default_database())
