"""The translation catalogues: complete Swedish, compiled files in step, placeholders intact.

The messages are extracted from the source with Babel at test time, so a developer who adds a
string and forgets to translate it gets a failing test naming the message. The fix is always:
``python scripts/i18n.py``, translate what it lists in the Swedish ``.po`` file, run it again.
"""

from __future__ import annotations

import gettext
import io
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

# Without src/forbattra/py.typed, mypy given only this file sees an untyped installed package.
from forbattra.i18n import (  # type: ignore[import-untyped,unused-ignore]
    DOMAIN,
    LOCALE_DIR,
    _,
    current_language,
    ngettext,
    set_language,
)

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS: dict[str, Any] = {"_": None, "N_": None, "ngettext": (1, 2)}
FIX = "run `python scripts/i18n.py`, translate in sv/LC_MESSAGES/forbattra.po, run it again"


def po_path(language: str) -> Path:
    return Path(LOCALE_DIR) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalog(language: str) -> Catalog:
    with po_path(language).open("rb") as stream:
        return read_po(stream, locale=language, domain=DOMAIN)


def msgid(message: Message) -> str:
    return message.id[0] if isinstance(message.id, tuple | list) else str(message.id)


def forms(value: Any) -> list[str]:
    return list(value) if isinstance(value, tuple | list) else [value]


@pytest.fixture(scope="module")
def source_messages() -> dict[str, tuple[tuple[str, ...], list[str]]]:
    """Every message in src/forbattra: msgid -> (the msgid and any plural, where it is used)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as stream:
        method_map, options_map = parse_mapping_cfg(stream)  # type: ignore[no-untyped-call,unused-ignore]
    found: dict[str, tuple[tuple[str, ...], list[str]]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT),
        method_map,
        options_map,
        keywords=KEYWORDS,
        directory_filter=lambda folder: not Path(folder).name.startswith((".", "__pycache__")),
    ):
        ids = tuple(message) if isinstance(message, tuple) else (message,)
        found.setdefault(ids[0], (ids, []))[1].append(f"{filename}:{lineno}")
    assert len(found) > 50, "extraction found almost nothing; is babel.cfg right?"
    return found


@pytest.fixture(scope="module")
def swedish() -> Catalog:
    return read_catalog("sv")


@pytest.fixture
def restore_language() -> Iterator[None]:
    before = current_language()
    yield
    set_language(before)


def test_every_source_message_has_a_swedish_translation(
    source_messages: dict[str, tuple[tuple[str, ...], list[str]]], swedish: Catalog
) -> None:
    problems = []
    for key, (ids, places) in sorted(source_messages.items()):
        message = swedish.get(key)
        where = ", ".join(places[:2])
        if message is None:
            problems.append(f"missing from sv.po: {key!r} ({where})")
        elif len(forms(message.id)) != len(ids) or forms(message.id)[1:] != list(ids[1:]):
            problems.append(f"plural changed, not updated in sv.po: {key!r} ({where})")
        elif not all(forms(message.string)):
            problems.append(f"not translated: {key!r} ({where})")
        elif message.fuzzy:
            problems.append(f"fuzzy, needs review: {key!r} ({where})")
    assert not problems, f"{len(problems)} Swedish message(s) need work; {FIX}:\n" + "\n".join(
        problems
    )


def test_the_english_catalogue_is_complete(
    source_messages: dict[str, tuple[tuple[str, ...], list[str]]],
) -> None:
    english = read_catalog("en")
    wrong = [
        key
        for key, (ids, _places) in sorted(source_messages.items())
        if (message := english.get(key)) is None
        or message.fuzzy
        or forms(message.string) != list(ids)
    ]
    assert not wrong, "en.po is not filled; run `python scripts/i18n.py`:\n" + "\n".join(wrong)


def test_the_catalogues_hold_no_unused_messages(
    source_messages: dict[str, tuple[tuple[str, ...], list[str]]],
) -> None:
    for language in ("sv", "en"):
        unused = sorted({msgid(m) for m in read_catalog(language) if m.id} - set(source_messages))
        assert not unused, f"{language}.po has messages the source no longer uses: {unused}"


def placeholders(text: str) -> set[str]:
    return {
        "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        for _literal, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    }


def placeholder_problem(message: Message) -> str | None:
    """How a translation's ``{placeholders}`` differ from its English, or None."""
    ids = forms(message.id)
    for index, translated in enumerate(forms(message.string)):
        source = ids[min(index, len(ids) - 1)]
        if not (message.id and translated):
            continue
        try:
            expected = placeholders(source)
        except ValueError:
            continue  # the English is not a format string
        try:
            actual = placeholders(translated)
        except ValueError as error:
            return f"{source!r} -> {translated!r}: {error}"
        if actual != expected:
            return f"{source!r} -> {translated!r}: {sorted(actual)}, not {sorted(expected)}"
    return None


@pytest.mark.parametrize("language", ["sv", "en"])
def test_translations_keep_the_placeholders(language: str) -> None:
    problems = [p for p in map(placeholder_problem, read_catalog(language)) if p]
    assert not problems, "placeholders differ from the English:\n" + "\n".join(problems)


def gettext_catalog(content: bytes) -> dict[Any, str]:
    """The messages of a compiled catalogue as gettext reads them, without the header."""
    translations = gettext.GNUTranslations(io.BytesIO(content))
    return {k: v for k, v in vars(translations)["_catalog"].items() if k != ""}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_mo_file_is_compiled_from_the_po_file(language: str) -> None:
    catalog = read_catalog(language)
    # The script leaves out translations with broken placeholders; those fail the test above.
    for message in catalog:
        if placeholder_problem(message):
            message.string = ("",) * len(forms(message.string)) if message.pluralizable else ""
    fresh = io.BytesIO()
    write_mo(fresh, catalog, use_fuzzy=False)
    mo = po_path(language).with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing; run `python scripts/i18n.py`"
    on_disk = mo.read_bytes()
    assert gettext_catalog(on_disk) == gettext_catalog(fresh.getvalue()), (
        f"{mo.name} for {language} is stale; run `python scripts/i18n.py`"
    )
    plural_forms = gettext.GNUTranslations(io.BytesIO(on_disk)).info().get("plural-forms")
    assert plural_forms == "nplurals=2; plural=(n != 1);"


@pytest.mark.usefixtures("restore_language")
def test_set_language_switches_between_swedish_and_english() -> None:
    set_language("sv")
    assert _("Define") == "Definiera"
    assert _("What is the problem?") == "Vad är problemet?"
    set_language("en")
    assert _("Define") == "Define"
    assert _("What is the problem?") == "What is the problem?"


@pytest.mark.usefixtures("restore_language")
def test_swedish_plurals_follow_the_count(swedish: Catalog) -> None:
    plural = next(m for m in swedish if m.id and m.pluralizable and all(forms(m.string)))
    singular_id, plural_id = forms(plural.id)
    one, many = forms(plural.string)
    set_language("sv")
    assert ngettext(singular_id, plural_id, 1) == one
    assert ngettext(singular_id, plural_id, 2) == many
    assert ngettext(singular_id, plural_id, 0) == many
