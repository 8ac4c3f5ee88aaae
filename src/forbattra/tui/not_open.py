"""What to say when something needs the database and it is not there: why it could not be
opened (damaged, locked, a wrong path), once that is known, rather than "not open yet"."""

from __future__ import annotations

from textual.app import App

from forbattra.i18n import _


def not_open_reason(app: App[object]) -> str:
    problem = getattr(app, "database_problem", None)
    return problem if isinstance(problem, str) and problem else _("The database is not open yet.")
