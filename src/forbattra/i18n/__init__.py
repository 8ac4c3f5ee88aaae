"""Translations: the one ``_()`` every module imports.

The catalogues are gettext ``.mo`` files compiled with Babel (``scripts/i18n.py``). English is
the source language; Swedish is complete. The language is chosen once, early, by
:func:`set_language`, before any UI module builds its class-level strings.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

DOMAIN = "forbattra"
LANGUAGES = ("sv", "en")
LOCALE_DIR = Path(__file__).parent / "locale"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def _normalise(value: str | None) -> str | None:
    if not value:
        return None
    code = value.strip().lower().replace("-", "_")
    if code.startswith("sv"):
        return "sv"
    if code.startswith("en"):
        return "en"
    return None


def resolve_language(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """Pick the language: explicit choice > FORBATTRA_LANG > the OS locale > English."""
    env = os.environ if environ is None else environ
    for candidate in (explicit, env.get("FORBATTRA_LANG")):
        chosen = _normalise(candidate)
        if chosen:
            return chosen
    # The first locale variable that is set decides, as in POSIX; "sv_SE.UTF-8" means Swedish.
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(variable)
        if value:
            return "sv" if value.split(":")[0].lower().startswith("sv") else "en"
    return "en"


def set_language(language: str) -> None:
    """Make ``language`` ("sv" or "en") the one every later ``_()`` call speaks."""
    global _translations, _language
    chosen = _normalise(language) or "en"
    _translations = gettext.translation(
        DOMAIN, localedir=str(LOCALE_DIR), languages=[chosen], fallback=True
    )
    _language = chosen


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a message whose form depends on ``count``."""
    return _translations.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it yet (for module-level tables)."""
    return message


@lru_cache(maxsize=512)
def translations(message: str) -> frozenset[str]:
    """``message`` as every language of the program says it: to recognise stored labels
    whichever language the team worked in."""
    found = {message}
    for language in LANGUAGES:
        catalogue = gettext.translation(
            DOMAIN, localedir=str(LOCALE_DIR), languages=[language], fallback=True
        )
        found.add(catalogue.gettext(message))
    return frozenset(found)
