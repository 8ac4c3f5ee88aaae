"""Stored moments are UTC; people read them in their own calendar and clock.

"Today" elsewhere is ``date.today()``, the computer's local day, so a moment shown to a user
or compared with a day the user typed is first turned into that same local time. (Documents
use Swedish time instead, so that the same data gives the same bytes on every computer.)
"""

from __future__ import annotations

from datetime import date, datetime, time


def local_day(moment: datetime) -> date:
    """The user's calendar day of a stored (UTC) moment."""
    return moment.astimezone().date()


def local_minute(moment: datetime) -> str:
    """A stored moment as the user's local "YYYY-MM-DD HH:MM"."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def local_midnight(day: date) -> datetime:
    """The start of ``day`` in the user's time zone, as an aware moment."""
    return datetime.combine(day, time()).astimezone()
