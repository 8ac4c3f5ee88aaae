"""Errors the storage layer raises, each with a message a person can act on."""

from __future__ import annotations


class StoreError(Exception):
    """Base of every storage problem; ``str()`` is one translated line for the user."""

    exit_code = 4


class DatabaseUnavailable(StoreError):
    """The database cannot be opened or used: corrupt, locked, read-only, unreachable."""


class NotFound(StoreError):
    exit_code = 3


class InvalidInput(StoreError):
    """Input that breaks a rule (an empty title, an unknown phase); nothing was written."""

    exit_code = 5


class Conflict(StoreError):
    """Someone else changed the row since it was read; nothing was overwritten."""

    exit_code = 6
