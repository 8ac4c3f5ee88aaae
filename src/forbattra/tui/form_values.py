"""Reading numbers and dates as people type them in a form: "3,5" as well as "3.5".

Each reader returns the value, or raises :class:`FormProblem` with a kind, translated
sentence the dialog shows beside the field (nothing typed is cleared).
"""

from __future__ import annotations

import math
from datetime import date

from forbattra.i18n import _


class FormProblem(ValueError):
    """What is wrong with a typed value, in words for the person who typed it."""


def number(text: str, what: str) -> float | None:
    """A number, or None for an empty field. A decimal comma is fine ("3,5"), and so are
    spaces between thousands ("1 200"); "h" after the number is ignored."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    cleaned = cleaned.removesuffix("h").removesuffix("tim")
    if not cleaned:
        return None
    try:
        value = float(cleaned)
    except ValueError:
        raise FormProblem(
            _("{what}: “{text}” is not a number. Write it like 3.5 or 3,5.").format(
                what=what, text=text.strip()
            )
        ) from None
    if not math.isfinite(value):
        raise FormProblem(_("{what}: write an ordinary number.").format(what=what))
    if value < 0:
        raise FormProblem(
            _("{what} cannot be negative; write 0 if there is none.").format(what=what)
        )
    return value


def day(text: str, what: str) -> date | None:
    """A date written YYYY-MM-DD, or None for an empty field."""
    cleaned = text.strip()
    if not cleaned:
        return None
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise FormProblem(
            _("{what}: “{text}” is not a date; write it as YYYY-MM-DD.").format(
                what=what, text=cleaned
            )
        ) from None
