"""Numbers as a reader of the current language writes them.

One function for every layer (command line, documents, core sentences): it lives next to
``_()`` because the language decides it, and importing it costs nothing (no Babel, no
``locale.setlocale``, which would change the whole process). Machine-readable output (JSON,
CSV, exchange files, Mermaid data) never goes through here: it keeps a plain point.
"""

from __future__ import annotations

from forbattra.i18n import current_language

NO_BREAK_SPACE = "\u00a0"


def number_text(
    value: float | None,
    digits: int = 2,
    *,
    language: str | None = None,
    empty: str = "–",
) -> str:
    """``value`` for a person: at most ``digits`` decimals, no trailing zeros.

    Swedish writes a decimal comma and a no-break space between thousands (``1 234,5``),
    English a point and commas (``1,234.5``). ``language`` defaults to the current one;
    None gives ``empty``.
    """
    if value is None:
        return empty
    text = f"{float(value):,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in {"-0", ""}:
        text = "0"
    if (language or current_language()) == "sv":
        text = text.replace(",", NO_BREAK_SPACE).replace(".", ",")
    return text
