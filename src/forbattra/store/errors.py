"""Errors the storage layer raises, each with a message a person can act on."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every storage problem; ``str()`` is one translated line for the user."""

    exit_code = 4


class DatabaseUnavailable(StoreError):
    """The database cannot be opened or used: corrupt, locked, read-only, unreachable."""


class DatabaseBusy(DatabaseUnavailable):
    """Another program held the write lock longer than the busy timeout; nothing was written."""

    exit_code = 7


class DatabaseDamaged(DatabaseUnavailable):
    """The file is damaged (or truncated); forbattra does not write to it. The message names
    the newest backup when there is one."""

    exit_code = 8


class NotFound(StoreError):
    exit_code = 3


class InvalidInput(StoreError):
    """Input that breaks a rule (an empty title, an unknown phase); nothing was written."""

    exit_code = 5


class InitiativeClosed(InvalidInput):
    """The initiative is closed: its record stays as it was until someone reopens it."""


class Conflict(StoreError):
    """Someone else changed the row since it was read; nothing was overwritten.

    ``current`` is the row as it is now (a domain object), when the service could read it,
    so a screen can show what the other person wrote next to what this one typed.
    """

    exit_code = 6

    def __init__(self, message: str, current: object | None = None) -> None:
        super().__init__(message)
        self.current = current
