#!/usr/bin/env python3
"""Keep forbattra's gettext catalogues in step with the source code.

Run from the repository root::

    python scripts/i18n.py           # extract, update sv/en, fill en, compile the .mo files
    python scripts/i18n.py --check   # change nothing; exit 1 and say what is wrong

What it does, in order:

1. Extracts every ``_()``, ``N_()`` and ``ngettext()`` string from ``src/forbattra/**/*.py``
   (the mapping is in ``babel.cfg``) into ``src/forbattra/i18n/locale/forbattra.pot``,
   sorted and without line numbers, so the file only changes when a message does.
   A comment starting with ``TRANSLATORS:`` just above a call goes into the catalogue.
2. Updates ``sv`` and ``en`` ``forbattra.po`` from the template, keeping every existing
   translation and dropping messages the source no longer uses. A message whose text
   changed a little keeps its old translation marked *fuzzy*, for a person to review.
3. Fills the English catalogue (English is the source language: msgstr = msgid).
4. Compiles both ``.mo`` files, which are committed and shipped in the wheel.
5. Reports what still needs a person: Swedish messages that are untranslated or fuzzy, and
   translations whose ``{placeholders}`` differ from the English.

Files are only rewritten when their content changes (the date lines in the headers are not
counted), so running the script twice leaves ``git status`` calm.
"""

from __future__ import annotations

import argparse
import gettext
import io
import re
import string
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
MAPPING = ROOT / "babel.cfg"
LOCALE_DIR = ROOT / "src" / "forbattra" / "i18n" / "locale"
DOMAIN = "forbattra"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
SOURCE_LANGUAGE = "en"
LANGUAGES = ("sv", "en")
LANGUAGE_NAMES = {"sv": "Swedish", "en": "English"}
# The same keywords as src/forbattra/i18n: _(), N_() (mark only) and ngettext(singular, plural, n).
KEYWORDS: dict[str, Any] = {"_": None, "N_": None, "ngettext": (1, 2)}
COMMENT_TAGS = ("TRANSLATORS:",)
WIDTH = 100
# How alike (0–1) an edited message must be to its old text to keep the old translation as fuzzy.
FUZZY_SIMILARITY = 0.9
# Header lines that change on every run and so are ignored when deciding to rewrite a file.
VOLATILE_HEADERS = (b'"POT-Creation-Date:', b'"PO-Revision-Date:')

TEMPLATE_HEADER = """\
# Messages of forbattra, extracted from src/forbattra by scripts/i18n.py.
# Do not edit: run `python scripts/i18n.py` after changing a translatable string.
#"""
PO_HEADERS = {
    "sv": """\
# Swedish translations for forbattra.
# This file is distributed under the same license as the forbattra project.
# Update with `python scripts/i18n.py`; translate every empty or fuzzy msgstr here.
#""",
    "en": """\
# English catalogue for forbattra. English is the source language: scripts/i18n.py
# fills every msgstr with its msgid. Do not edit by hand.
#""",
}


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as stream:
        return str(tomllib.load(stream)["project"]["version"])


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def forms(value: Any) -> list[str]:
    """The msgid or msgstr of a message as a list: one item, or one per plural form."""
    return [str(item) for item in value] if isinstance(value, tuple | list) else [str(value or "")]


def key(message: Message) -> str:
    """How a catalogue indexes a message: the msgid, or the singular of a plural message."""
    return forms(message.id)[0]


def show(message: Message) -> str:
    """A message as a person reads it in a report: the msgid, with the plural if there is one."""
    return " / plural ".join(repr(text) for text in forms(message.id))


def where(message: Message) -> str:
    places = sorted({f"{filename}:{line}" for filename, line in message.locations})
    return f"  ({', '.join(places[:3])}{' …' if len(places) > 3 else ''})" if places else ""


# ---- extraction -------------------------------------------------------------------------------


def wanted_folder(folder: str) -> bool:
    """Walk every folder but caches and hidden ones (Babel's default also skips ``_name``)."""
    name = Path(folder).name
    return not name.startswith(".") and name != "__pycache__"


def extract() -> Catalog:
    """A template catalogue of every message in the source, with where each one is used."""
    with MAPPING.open(encoding="utf-8") as stream:
        method_map, options_map = parse_mapping_cfg(  # type: ignore[no-untyped-call,unused-ignore]
            stream, filename=str(MAPPING)
        )
    template = Catalog(
        domain=DOMAIN,
        project="forbattra",
        version=project_version(),
        header_comment=TEMPLATE_HEADER,
        charset="utf-8",
        fuzzy=False,
    )
    template.msgid_bugs_address = ""
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT),
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
        directory_filter=wanted_folder,
    ):
        if not all(forms(message)):
            raise SystemExit(f"{filename}:{lineno}: a message must be a non-empty string literal")
        template.add(
            message,
            None,
            [(Path(filename).as_posix(), lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def calls_inside_fstrings() -> list[str]:
    """``f"{_('Cycle')} {n}"``: Babel on Python 3.11 cannot see a call inside an f-string, so the
    message is missing from the catalogue (and the catalogue may differ on newer Pythons)."""
    pattern = re.compile(r"""\bf["'].*\{\s*(?:_|N_|ngettext)\(""")
    found = []
    for path in sorted((ROOT / "src").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{relative(path)}:{number}: {line.strip()}")
    return found


# ---- reading and writing ----------------------------------------------------------------------


def read_catalog(path: Path, locale: str | None = None) -> Catalog | None:
    if not path.exists():
        return None
    with path.open("rb") as stream:
        return read_po(stream, locale=locale, domain=DOMAIN)


def render_po(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=WIDTH,
        no_location=True,
        sort_output=True,
        ignore_obsolete=True,
    )
    return buffer.getvalue()


def render_mo(catalog: Catalog) -> bytes:
    """The compiled catalogue. Fuzzy translations are left out, and so are translations whose
    placeholders differ from the English (``.format()`` would fail): English shows instead."""
    for message in catalog:
        if message.id and placeholder_problem(message):
            message.string = ("",) * len(forms(message.string)) if message.pluralizable else ""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def stable(content: bytes) -> bytes:
    return b"\n".join(
        line for line in content.splitlines() if not line.startswith(VOLATILE_HEADERS)
    )


def write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless the file already says the same (dates apart); True if written."""
    if path.exists() and stable(path.read_bytes()) == stable(content):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def mo_catalog(content: bytes) -> dict[Any, Any]:
    """What a compiled catalogue says, as gettext reads it (so byte layout does not matter)."""
    translations = gettext.GNUTranslations(io.BytesIO(content))
    return dict(vars(translations)["_catalog"])


@dataclass
class Report:
    """What a person must fix (``problems``) and what is merely worth knowing (``notes``)."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def section(self, heading: str, lines: Iterable[str]) -> None:
        items = list(lines)
        if items:
            self.problems.append(heading)
            self.problems.extend(f"  {line}" for line in items)

    def emit(self) -> None:
        for note in self.notes:
            print(note)
        if self.problems:
            print()
            print("\n".join(self.problems))


# ---- updating ---------------------------------------------------------------------------------


def fill_source_language(catalog: Catalog) -> None:
    """English is the source: every msgstr is its msgid, never fuzzy."""
    for message in catalog:
        if not message.id:
            continue
        message.string = tuple(forms(message.id)) if message.pluralizable else message.id
        message.flags.discard("fuzzy")


def keep_good_guess(message: Message) -> bool:
    """Babel guesses a changed message's translation from the most similar old message, and
    for short UI texts the guess is often wrong ("Hide closed" got "Show closed"'s). Keep it,
    marked fuzzy, only for a small edit of the same text; else leave the message untranslated."""
    previous = " ".join(message.previous_id)
    similar = SequenceMatcher(None, previous, " ".join(forms(message.id))).ratio()
    same_shape = len(message.previous_id) == len(forms(message.id))
    if similar >= FUZZY_SIMILARITY and same_shape and not placeholder_problem(message):
        return True
    message.string = ("",) * len(forms(message.id)) if message.pluralizable else ""
    message.flags.discard("fuzzy")
    return False


def updated_catalog(language: str, template: Catalog, report: Report) -> Catalog:
    """The catalogue of ``language`` brought in step with ``template``; notes guesses made."""
    catalog = read_catalog(po_path(language), locale=language)
    if catalog is None:
        catalog = Catalog(
            locale=language,
            domain=DOMAIN,
            header_comment=PO_HEADERS[language],
            last_translator="forbattra developers",
            language_team=LANGUAGE_NAMES[language],
            msgid_bugs_address="",
            charset="utf-8",
            fuzzy=False,
        )
    catalog.project = template.project
    catalog.version = template.version
    catalog.msgid_bugs_address = ""
    catalog.fuzzy = False
    before = {key(m): m for m in catalog if m.id}
    # Exact matches keep their translation; near matches keep theirs as fuzzy, for review.
    catalog.update(template, no_fuzzy_matching=language == SOURCE_LANGUAGE)
    catalog.obsolete.clear()
    guesses = []
    for message in catalog:
        # Babel cannot read back the "#| msgid" lines it writes, so they are not kept.
        message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
        guessed = message.id and message.fuzzy and message.previous_id
        if guessed and key(message) not in before and keep_good_guess(message):
            guesses.append(f"{show(message)}, changed from {message.previous_id[0]!r}")
        message.previous_id = []
    if guesses:
        report.notes.append(
            f"{relative(po_path(language))}: {len(guesses)} changed message(s) keep their old"
            " translation, marked fuzzy for review:"
        )
        report.notes.extend(f"  {line}" for line in guesses)
    if language == SOURCE_LANGUAGE:
        fill_source_language(catalog)
    return catalog


def update() -> int:
    template = extract()
    report = Report()
    changed: list[Path] = []
    if write_if_changed(TEMPLATE, render_po(template)):
        changed.append(TEMPLATE)
    for language in LANGUAGES:
        catalog = updated_catalog(language, template, report)
        path = po_path(language)
        content = render_po(catalog)
        if not path.exists() or stable(path.read_bytes()) != stable(content):
            catalog.revision_date = datetime.now(UTC)
            content = render_po(catalog)
        if write_if_changed(path, content):
            changed.append(path)
        # Compile what is on disk now, exactly as a reader of the .po file sees it.
        compiled = read_catalog(path, locale=language)
        assert compiled is not None
        mo = mo_path(language)
        content = render_mo(compiled)
        if not mo.exists() or mo_catalog(mo.read_bytes()) != mo_catalog(content):
            mo.write_bytes(content)
            changed.append(mo)
    for path in changed:
        print(f"wrote {relative(path)}")
    if not changed:
        print("The catalogues were already up to date.")
    inspect_catalogues(template, report)
    report.emit()
    if report.problems:
        print(
            f"\nFix the messages above in {relative(po_path('sv'))},"
            " then run python scripts/i18n.py again."
        )
    return 0


# ---- checking ---------------------------------------------------------------------------------


def placeholders(text: str) -> set[str]:
    """The ``{name}`` fields of a str.format string, with their conversion and format spec."""
    found: set[str] = set()
    for _literal, name, spec, conversion in string.Formatter().parse(text):
        if name is None:
            continue
        found.add(
            "{"
            + name
            + (f"!{conversion}" if conversion else "")
            + (f":{spec}" if spec else "")
            + "}"
        )
    return found


def placeholder_problem(message: Message) -> str | None:
    """Why the translation's placeholders differ from the English, or None if they match."""
    ids = forms(message.id)
    for index, translated in enumerate(forms(message.string)):
        if not translated:
            continue
        source = ids[min(index, len(ids) - 1)]
        try:
            expected = placeholders(source)
        except ValueError:
            continue  # the English is not a format string, so neither is the translation
        try:
            actual = placeholders(translated)
        except ValueError as error:
            return f"{show(message)}: the translation has broken braces ({error})"
        if expected != actual:
            return (
                f"{show(message)}: placeholders {sorted(actual) or 'none'} in the translation,"
                f" {sorted(expected) or 'none'} in the English"
            )
    return None


def untranslated(message: Message) -> bool:
    return not all(forms(message.string))


def inspect_catalogues(template: Catalog, report: Report) -> None:
    """Everything a person must look at, whether or not the files are up to date."""
    inside = calls_inside_fstrings()
    if inside:
        report.notes.append(
            "Warning: translatable text inside an f-string is not extracted on Python 3.11;"
            ' write _("Cycle {number}").format(number=...) instead:'
        )
        report.notes.extend(f"  {line}" for line in inside)
    wanted = {key(m): m for m in template if m.id}
    for language in LANGUAGES:
        path = po_path(language)
        catalog = read_catalog(path, locale=language)
        name = relative(path)
        if catalog is None:
            report.section(f"{name} is missing.", ["run: python scripts/i18n.py"])
            continue
        present = {key(m): m for m in catalog if m.id}
        missing = [wanted[k] for k in sorted(wanted.keys() - present.keys())]
        unused = [present[k] for k in sorted(present.keys() - wanted.keys())]
        report.section(
            f"{name} lacks {len(missing)} message(s) of the source; run: python scripts/i18n.py",
            (show(m) + where(m) for m in missing),
        )
        report.section(
            f"{name} has {len(unused)} message(s) the source no longer uses;"
            " run: python scripts/i18n.py",
            (show(m) for m in unused),
        )
        current = [m for k, m in sorted(present.items()) if k in wanted]
        if language == SOURCE_LANGUAGE:
            report.section(
                f"{name} is not filled with the English; run: python scripts/i18n.py",
                (show(m) for m in current if m.fuzzy or forms(m.string) != forms(m.id)),
            )
        else:
            lacking = [m for m in current if untranslated(m)]
            fuzzy = [m for m in current if m.fuzzy and not untranslated(m)]
            report.section(
                f"{name}: {len(lacking)} message(s) without a {LANGUAGE_NAMES[language]}"
                " translation (fill in msgstr):",
                (show(m) + where(wanted[key(m)]) for m in lacking),
            )
            report.section(
                f"{name}: {len(fuzzy)} fuzzy translation(s) to review"
                " (check the msgstr, then delete the '#, fuzzy' line):",
                (
                    f"{show(m)} → " + " / ".join(map(repr, forms(m.string))) + where(wanted[key(m)])
                    for m in fuzzy
                ),
            )
            report.notes.append(
                f"{name}: {len(current) - len(lacking) - len(fuzzy)} of {len(wanted)}"
                " messages translated"
            )
        report.section(
            f"{name}: placeholders must be the same as in the English"
            " (until then the .mo file shows these in English):",
            filter(None, (placeholder_problem(m) for m in current)),
        )


def pot_messages(catalog: Catalog) -> dict[str, tuple[Any, ...]]:
    """What matters in a template: each message, its plural, flags and translator comments."""
    return {
        key(m): (
            tuple(forms(m.id)),
            m.context,
            tuple(sorted(m.flags)),
            tuple(m.auto_comments),
        )
        for m in catalog
        if m.id
    }


def check() -> int:
    template = extract()
    report = Report()
    on_disk = read_catalog(TEMPLATE)
    if on_disk is None:
        report.section(f"{relative(TEMPLATE)} is missing.", ["run: python scripts/i18n.py"])
    else:
        fresh, stale = pot_messages(template), pot_messages(on_disk)
        if fresh != stale:
            report.section(
                f"{relative(TEMPLATE)} is out of date with the source; run: python scripts/i18n.py",
                [
                    f"new or changed: {show(template[k])}{where(template[k])}"
                    for k in sorted(fresh)
                    if fresh[k] != stale.get(k)
                ]
                + [
                    f"no longer in the source: {show(on_disk[k])}"
                    for k in sorted(stale)
                    if k not in fresh
                ],
            )
    inspect_catalogues(template, report)
    for language in LANGUAGES:
        catalog = read_catalog(po_path(language), locale=language)
        if catalog is None:
            continue
        mo = mo_path(language)
        if not mo.exists():
            report.section(f"{relative(mo)} is missing.", ["run: python scripts/i18n.py"])
        elif mo_catalog(mo.read_bytes()) != mo_catalog(render_mo(catalog)):
            report.section(
                f"{relative(mo)} is stale (compiled from an older .po file).",
                ["run: python scripts/i18n.py"],
            )
    report.emit()
    if report.problems:
        print("\nThe catalogues need work (see above).")
        return 1
    print("The catalogues are up to date and Swedish is complete.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check",
        action="store_true",
        help="change nothing; exit 1 if the template, a translation or a .mo file needs work",
    )
    args = parser.parse_args(argv)
    return check() if args.check else update()


if __name__ == "__main__":
    sys.exit(main())
