"""Ideas from a file: a plain text file (one idea a line) or a CSV file with a header.

The typical source is a Kommunkompassen evaluation, whose improvement opportunities
(förbättringsmöjligheter) are listed per area: copy them into a spreadsheet with a column for
the text and one for the area (``1``–``8`` or the area's name in Swedish or English), or paste
them into a text file, one per line.

* A text file: every non-blank line is an idea; a leading bullet (``-``, ``*``, ``•``) goes.
* A CSV file (``.csv``/``.tsv``, or any file whose first line names a text column): columns
  ``text``/``idé``/``förslag``/``förbättringsmöjlighet``…, and optionally ``unit``/``enhet`` and
  ``area``/``område``; other columns are ignored. ``;``, ``,`` or tab, as Excel writes them.

Every bad row is reported with its line number and why; with any problem nothing is returned,
so an import is all or nothing (as ``core.observations_csv``, whose decoding this shares).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from forbattra.core.ideas import MAX_IDEA
from forbattra.core.observations_csv import CsvImportError, RowProblem, read_text
from forbattra.i18n import _

MAX_UNIT = 300
MAX_IDEAS = 10_000

_TEXT_NAMES = {
    "text",
    "ide",
    "ideer",
    "idea",
    "ideas",
    "forslag",
    "suggestion",
    "forbattringsforslag",
    "forbattringsmojlighet",
    "forbattringsmojligheter",
    "improvement opportunity",
    "improvement opportunities",
    "beskrivning",
    "description",
}
_UNIT_NAMES = {"unit", "enhet", "forvaltning", "department", "sektor", "verksamhet"}
_AREA_NAMES = {"area", "omrade", "kommunkompassen", "kommunkompassomrade", "kompassomrade"}

# The eight areas' names as Kommunkompassen writes them, and in English (core.vocabulary).
_AREA_WORDS: dict[int, tuple[str, ...]] = {
    1: (
        "Samspel mellan förtroendevalda och medborgare",
        "Interplay between elected officials and citizens",
    ),
    2: ("Samhällsutveckling", "Community development"),
    3: ("Styrning och kontroll", "Governance and control"),
    4: ("Effektivitet", "Efficiency"),
    5: ("Brukarens fokus", "Brukarfokus", "User focus"),
    6: ("Kvalitetsutveckling", "Quality development"),
    7: ("Arbetsliv", "Working life"),
    8: (
        "Chefs- och ledarskap samt medarbetarskap",
        "Chefs och ledarskap samt medarbetarskap",
        "Management, leadership and employeeship",
    ),
}
_KIND_NAMES = {"text": lambda: _("text"), "unit": lambda: _("unit"), "area": lambda: _("area")}
_BULLET = re.compile(r"^\s*[-*•–—]\s+")


def fold(text: str) -> str:
    """Lower case without accents, punctuation or extra spaces: "Område:" is "omrade"."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[^\w ]+", " ", plain)
    return " ".join(plain.split())


_AREA_BY_NAME = {fold(name): area for area, names in _AREA_WORDS.items() for name in names}
_AREA_NUMBER = re.compile(r"^(?:omrade|area)?\s*([1-8])(?:\s.*)?$")


def parse_area(text: str) -> int | None:
    """The Kommunkompassen area in ``text``: ``3``, ``Område 3``, ``3 Styrning och kontroll``,
    ``Styrning och kontroll`` or ``Governance and control``; None when empty.
    Raises ValueError with a message for the user."""
    folded = fold(text)
    if not folded:
        return None
    if match := _AREA_NUMBER.match(folded):
        return int(match[1])
    if folded in _AREA_BY_NAME:
        return _AREA_BY_NAME[folded]
    raise ValueError(
        _(
            "“{text}” is not a Kommunkompassen area; write a number from 1 to 8 or the area's"
            " name, such as Effektivitet"
        ).format(text=text.strip())
    )


@dataclass(frozen=True)
class ParsedIdea:
    """One idea read from a file, and the line it stands on."""

    line: int
    text: str
    unit: str = ""
    area: int | None = None


def clean_idea_text(text: str) -> str:
    """The idea as typed, without control codes; line breaks kept. Raises ValueError."""
    kept = "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc").strip()
    if not kept:
        raise ValueError(_("the idea's text is empty"))
    if len(kept) > MAX_IDEA:
        raise ValueError(
            _("the idea is too long ({length} characters; at most {limit})").format(
                length=len(kept), limit=MAX_IDEA
            )
        )
    return kept


def _clean_unit(text: str) -> str:
    unit = " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in text).split())
    if len(unit) > MAX_UNIT:
        raise ValueError(
            _("the unit is too long ({length} characters; at most {limit})").format(
                length=len(unit), limit=MAX_UNIT
            )
        )
    return unit


def _lines(text: str) -> list[tuple[int, str]]:
    normalised = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return list(enumerate(normalised.split("\n"), start=1))


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _looks_like_csv(first: str, suffix: str) -> bool:
    if suffix in {".csv", ".tsv"} or re.match(r"^\s*sep=.\s*$", first, re.I):
        return True
    cells = first.split(_delimiter(first))
    return len(cells) > 1 and any(fold(cell.strip('"')) in _TEXT_NAMES for cell in cells)


def parse_ideas(text: str, source: str = "") -> list[ParsedIdea]:
    """Every idea in ``text`` in file order; raises :class:`CsvImportError` listing every
    problem when any line is bad, so nothing half-read is returned."""
    lines = _lines(text)
    first = next((line for _number, line in lines if line.strip()), None)
    if first is None:
        raise CsvImportError(source, [RowProblem(0, _("the file is empty"))])
    if _looks_like_csv(first, Path(source).suffix.lower()):
        ideas = _parse_csv(lines, source)
    else:
        ideas = _parse_lines(lines, source)
    if not ideas:
        raise CsvImportError(source, [RowProblem(0, _("the file has no ideas"))])
    return ideas


def _too_many(line: int) -> RowProblem:
    return RowProblem(line, _("too many ideas (at most {limit})").format(limit=MAX_IDEAS))


def _parse_lines(lines: list[tuple[int, str]], source: str) -> list[ParsedIdea]:
    ideas: list[ParsedIdea] = []
    problems: list[RowProblem] = []
    for number, line in lines:
        if not line.strip():
            continue
        if len(ideas) >= MAX_IDEAS:
            problems.append(_too_many(number))
            break
        try:
            ideas.append(ParsedIdea(number, clean_idea_text(_BULLET.sub("", line))))
        except ValueError as error:
            problems.append(RowProblem(number, str(error)))
    if problems:
        raise CsvImportError(source, problems)
    return ideas


def _columns(header: list[str], line: int) -> tuple[int, int | None, int | None]:
    found: dict[str, int] = {}
    for position, name in enumerate(header):
        folded = fold(name)
        for kind, names in (("text", _TEXT_NAMES), ("unit", _UNIT_NAMES), ("area", _AREA_NAMES)):
            if folded in names:
                if kind in found:
                    raise CsvImportError(
                        "",
                        [
                            RowProblem(
                                line,
                                _("two columns are both read as the {kind} column: {names}").format(
                                    kind=_KIND_NAMES[kind](),
                                    names=f"{header[found[kind]].strip()}, {name.strip()}",
                                ),
                            )
                        ],
                    )
                found[kind] = position
    if "text" not in found:
        raise CsvImportError(
            "",
            [
                RowProblem(
                    line,
                    _(
                        "the first row must name the columns, for example text;enhet;område"
                        " (or text, unit, area); found: {found}"
                    ).format(found=" | ".join(h.strip() for h in header) or "-"),
                )
            ],
        )
    return found["text"], found.get("unit"), found.get("area")


def _parse_csv(lines: list[tuple[int, str]], source: str) -> list[ParsedIdea]:
    skip = 0
    while not lines[skip][1].strip():
        skip += 1
    delimiter: str | None = None
    if hint := re.match(r"^\s*sep=(.)\s*$", lines[skip][1], re.I):
        delimiter = hint[1]
        skip += 1
        while skip < len(lines) and not lines[skip][1].strip():
            skip += 1
        if skip >= len(lines):
            raise CsvImportError(source, [RowProblem(0, _("the file has no ideas"))])
    header_line, header_text = lines[skip]
    if delimiter not in {";", ",", "\t"}:
        delimiter = _delimiter(header_text)
    reader = csv.reader(
        io.StringIO("\n".join(line for _n, line in lines[skip:]), newline=""),
        delimiter=delimiter,
    )
    offset = header_line - 1
    ideas: list[ParsedIdea] = []
    problems: list[RowProblem] = []
    try:
        try:
            text_at, unit_at, area_at = _columns(next(reader), header_line)
        except CsvImportError as error:
            raise CsvImportError(source, error.problems) from None
        previous_end = reader.line_num
        for cells in reader:
            line = previous_end + 1 + offset
            previous_end = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(ideas) >= MAX_IDEAS:
                problems.append(_too_many(line))
                break
            parsed = _csv_row(line, cells, text_at, unit_at, area_at)
            if isinstance(parsed, RowProblem):
                problems.append(parsed)
            else:
                ideas.append(parsed)
    except csv.Error as error:
        problems.append(
            RowProblem(
                reader.line_num + offset,
                _("the file cannot be read as CSV ({reason})").format(reason=error),
            )
        )
    if problems:
        raise CsvImportError(source, problems)
    return ideas


def _csv_row(
    line: int, cells: list[str], text_at: int, unit_at: int | None, area_at: int | None
) -> ParsedIdea | RowProblem:
    def cell(position: int | None) -> str:
        return cells[position] if position is not None and position < len(cells) else ""

    problems: list[str] = []
    text = unit = ""
    area: int | None = None
    for reader in ("text", "unit", "area"):
        try:
            if reader == "text":
                text = clean_idea_text(cell(text_at))
            elif reader == "unit":
                unit = _clean_unit(cell(unit_at))
            else:
                area = parse_area(cell(area_at))
        except ValueError as error:
            problems.append(str(error))
    if problems:
        return RowProblem(line, "; ".join(problems))
    return ParsedIdea(line, text, unit, area)


def read_ideas(path: Path) -> list[ParsedIdea]:
    """Read and parse one file (see :func:`parse_ideas`)."""
    return parse_ideas(read_text(path), str(path))
