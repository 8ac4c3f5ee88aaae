"""Measurements from a CSV file, as people export them from Excel or a web survey tool.

What is accepted:

* a header row naming the columns, in Swedish or English (``datum``/``date``,
  ``vecka``/``week``/``period``/``månad``/``month``/``kvartal``/``quarter``,
  ``värde``/``value``/``antal``/``andel``, ``anteckning``/``kommentar``/``note``); other
  columns are ignored;
* ``;``, ``,`` or tab between the columns, found from the header line (Excel's ``sep=;`` hint
  line works too); with ``;`` the decimal comma ``3,5`` is the norm, with ``,`` such numbers
  must be quoted, as Excel and Google Sheets do;
* numbers with a decimal comma or point, spaces (also no-break spaces) or, next to the other
  decimal mark, points or commas as thousands separators, a trailing ``%``, a minus sign;
  a lone ``-`` records a period without a value;
* dates as ``2025-03-14``, ISO weeks as ``2025-W11``, ``2025W11``, ``2025 v11``, ``v. 11 2025``,
  ``vecka 11 2025`` or ``week 11 2025`` (the Monday of that week), months as ``2025-03`` and
  quarters as ``2025-Q1`` (their first day);
* UTF-8 with or without a byte order mark, else Windows-1252 (older Excel on Windows).

Every bad row is reported with its line number and why, in the user's language; when there
is any problem nothing is returned, so an import is all or nothing.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from forbattra.i18n import _, ngettext

MAX_PERIOD = 40
MAX_ROWS = 100_000


@dataclass(frozen=True)
class ParsedRow:
    """One measurement from the file: when, its period label, the value (None when the file
    says there was none) and a note. ``line`` is where it stands in the file."""

    line: int
    observed_on: date
    period: str
    value: float | None
    note: str = ""


@dataclass(frozen=True)
class RowProblem:
    """Why a line cannot be imported; line 0 is about the whole file."""

    line: int
    message: str

    def __str__(self) -> str:
        if self.line == 0:
            return self.message
        return _("line {line}: {message}").format(line=self.line, message=self.message)


class CsvImportError(Exception):
    """A file that cannot be imported; ``problems`` lists every reason, in line order."""

    def __init__(self, source: str, problems: list[RowProblem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(str(p) for p in problems))


# --- Column names ----------------------------------------------------------------------------

_DATE_NAMES = {"datum", "date", "dag", "day", "matdatum", "observed", "observed on"}
_PERIOD_NAMES = {
    "period",
    "vecka",
    "veckonummer",
    "v",
    "week",
    "manad",
    "month",
    "kvartal",
    "quarter",
    "tidsperiod",
}
_VALUE_NAMES = {
    "varde",
    "value",
    "matvarde",
    "measurement",
    "antal",
    "count",
    "andel",
    "utfall",
    "resultat",
    "result",
}
_NOTE_NAMES = {
    "anteckning",
    "anteckningar",
    "kommentar",
    "kommentarer",
    "notering",
    "note",
    "notes",
    "comment",
    "comments",
    "anm",
    "anmarkning",
}


def _fold(text: str) -> str:
    """Lower case without accents, punctuation or extra spaces: "Mätvärde:" is "matvarde"."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = re.sub(r"[^\w ]+", " ", plain)
    return " ".join(plain.split())


# --- Periods and numbers ---------------------------------------------------------------------

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WEEK_PATTERNS = (
    re.compile(r"^(?P<year>\d{4})\s*-?\s*w\s*(?P<week>\d{1,2})(?:-\d)?$"),
    re.compile(r"^(?P<year>\d{4})\s*[,-]?\s*(?:v|vecka|w|week)\.?\s*(?P<week>\d{1,2})$"),
    re.compile(r"^(?:v|vecka|w|week)\.?\s*(?P<week>\d{1,2})\s*[,-]?\s*(?P<year>\d{4})$"),
)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})\s*-?\s*(?:q|kv)\.?\s*([1-4])$")


class _BadValue(ValueError):
    """A cell that cannot be read; the message is for the user."""


def parse_period(text: str) -> tuple[date, str]:
    """The date and period label of ``text``: a date, an ISO week, a month or a quarter.

    A week gives its Monday and the label ``2025-W11``; a month its first day and
    ``2025-03``; a quarter its first day and ``2025-Q1``; a date itself and no label.
    Raises ValueError with a message for the user.
    """
    cleaned = " ".join(text.replace("\u00a0", " ").split()).lower()
    if not cleaned:
        raise _BadValue(_("the date is empty"))
    if match := _ISO_DATE.match(cleaned):
        try:
            return date(int(match[1]), int(match[2]), int(match[3])), ""
        except ValueError:
            raise _BadValue(
                _("{text} is not a date in the calendar").format(text=text.strip())
            ) from None
    for pattern in _WEEK_PATTERNS:
        if match := pattern.match(cleaned):
            year, week = int(match["year"]), int(match["week"])
            try:
                monday = date.fromisocalendar(year, week, 1)
            except ValueError:
                raise _BadValue(
                    _("{year} has no week {week}").format(year=year, week=week)
                ) from None
            return monday, f"{year:04d}-W{week:02d}"
    if match := _MONTH.match(cleaned):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise _BadValue(_("{text} is not a month").format(text=text.strip()))
        return date(year, month, 1), f"{year:04d}-{month:02d}"
    if match := _QUARTER.match(cleaned):
        year, quarter = int(match[1]), int(match[2])
        return date(year, 3 * quarter - 2, 1), f"{year:04d}-Q{quarter}"
    raise _BadValue(
        _(
            "{text} is not a date; write it like 2025-03-14, or a week like 2025-W11 or v. 11 2025"
        ).format(text=text.strip())
    )


_NUMBER = re.compile(r"^(\d+(\.\d*)?|\.\d+)$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")


def _grouped(number: str, mark: str) -> bool:
    """True for digits in groups of three after the first: 1.234.567 with mark "."."""
    return re.fullmatch(r"\d{1,3}(" + re.escape(mark) + r"\d{3})+", number) is not None


def parse_number(text: str) -> float | None:
    """A number as people type it in Sweden or elsewhere; None for a lone dash (no value).

    ``3,5``, ``3.5``, ``1 234,5``, ``1.234,5``, ``1,234.5``, ``−2``, ``45 %``. A comma alone
    is a decimal comma (``1,234`` is one point two three four). Raises ValueError with a
    message for the user.
    """
    raw = text.strip()
    if raw in {"-", "–", "—"}:  # the dashes people type for "no value"
        return None
    if not raw:
        raise _BadValue(_("the value is empty; write - for a period without a value"))
    number = _SPACES.sub("", raw.replace("\u2212", "-").removesuffix("%"))
    sign = ""
    if number[:1] in {"+", "-"}:
        sign, number = number[0], number[1:]
    commas, points = number.count(","), number.count(".")
    if commas and points:
        # The last mark is the decimal one; the other separates groups of thousands.
        decimal = "," if number.rfind(",") > number.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _mark, fraction = number.rpartition(decimal)
        if not _grouped(whole, thousands) or not fraction.isdigit():
            raise _BadValue(_("{text} is not a number").format(text=raw))
        number = whole.replace(thousands, "") + "." + fraction
    elif commas > 1 or points > 1:
        mark = "," if commas > 1 else "."
        if not _grouped(number, mark):
            raise _BadValue(_("{text} is not a number").format(text=raw))
        number = number.replace(mark, "")
    else:
        number = number.replace(",", ".")
    if not _NUMBER.match(number):
        raise _BadValue(_("{text} is not a number").format(text=raw))
    number = sign + number
    value = float(number)
    if not math.isfinite(value):  # four hundred digits are "infinite" for a float
        raise _BadValue(_("{text} is not a number").format(text=raw))
    return value


# --- Reading ---------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """UTF-8 (with or without a byte order mark), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _lines(text: str) -> list[tuple[int, str]]:
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    return list(enumerate(normalised.split("\n"), start=1))


def _delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in (";", "\t", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ";"


@dataclass(frozen=True)
class _Columns:
    date: int | None
    period: int | None
    value: int
    note: int | None


def _columns(header: list[str]) -> _Columns | RowProblem:
    found: dict[str, int] = {}
    for position, name in enumerate(header):
        folded = _fold(name)
        for kind, names in (
            ("date", _DATE_NAMES),
            ("period", _PERIOD_NAMES),
            ("value", _VALUE_NAMES),
            ("note", _NOTE_NAMES),
        ):
            if folded in names:
                if kind in found:
                    return RowProblem(
                        1,
                        _("two columns are both read as the {kind} column: {names}").format(
                            kind=_kind_name(kind),
                            names=f"{header[found[kind]].strip()}, {name.strip()}",
                        ),
                    )
                found[kind] = position
    if "value" not in found or ("date" not in found and "period" not in found):
        return RowProblem(
            1,
            _(
                "the first row must name the columns, for example datum;värde;anteckning"
                " (or date, week, value, note); found: {found}"
            ).format(found=" | ".join(h.strip() for h in header) or "-"),
        )
    return _Columns(found.get("date"), found.get("period"), found["value"], found.get("note"))


def _kind_name(kind: str) -> str:
    return {
        "date": _("date"),
        "period": _("period"),
        "value": _("value"),
        "note": _("note"),
    }[kind]


def _row(line: int, cells: list[str], columns: _Columns, delimiter: str) -> ParsedRow | RowProblem:
    needed = 1 + max(c for c in (columns.date, columns.period, columns.value) if c is not None)
    if len(cells) < needed:
        message = ngettext(
            "the row has {count} column, expected at least {needed} separated by {sep}",
            "the row has {count} columns, expected at least {needed} separated by {sep}",
            len(cells),
        ).format(count=len(cells), needed=needed, sep=_separator_name(delimiter))
        return RowProblem(line, "; ".join([message, *_separator_hint(cells, delimiter)]))
    if any("\x00" in cell for cell in cells):
        return RowProblem(line, _("the row contains the NUL character"))
    problems: list[str] = []
    observed_on: date | None = None
    period = ""
    try:
        if columns.date is not None:
            observed_on, period = parse_period(cells[columns.date])
            if columns.period is not None and cells[columns.period].strip():
                period = _period_label(cells[columns.period])
        else:
            assert columns.period is not None
            observed_on, period = parse_period(cells[columns.period])
    except _BadValue as error:
        problems.append(str(error))
    value: float | None = None
    try:
        value = parse_number(cells[columns.value])
    except _BadValue as error:
        problems.append(str(error))
    note = (
        cells[columns.note].strip()
        if columns.note is not None and columns.note < len(cells)
        else ""
    )
    if problems or observed_on is None:
        dates = [cells[c] for c in (columns.date, columns.period) if c is not None]
        problems += _separator_hint(dates, delimiter)
        return RowProblem(line, "; ".join(problems))
    return ParsedRow(line, observed_on, period, value, note)


def _separator_hint(cells: list[str], delimiter: str) -> list[str]:
    """A hint when a row seems to use another separator than the header."""
    for other in (";", ",", "\t"):
        if other != delimiter and any(other in cell for cell in cells):
            return [
                _("the header separates columns with {sep}; does this row use {other}?").format(
                    sep=_separator_name(delimiter), other=_separator_name(other)
                )
            ]
    return []


def _period_label(text: str) -> str:
    """The label of a period column next to a date column: normalised when it is a known
    form (week, month, quarter), else kept as typed (at most 40 characters)."""
    try:
        _day, label = parse_period(text)
    except _BadValue:
        label = ""
    return label or " ".join(text.split())[:MAX_PERIOD]


def _separator_name(delimiter: str) -> str:
    return {";": ";", ",": ",", "\t": _("tab")}[delimiter]


def parse_observations(text: str, source: str = "") -> list[ParsedRow]:
    """Every measurement in ``text``, in file order; raises :class:`CsvImportError` listing
    every problem (line by line) when any row is bad, so nothing half-read is returned."""
    lines = _lines(text.removeprefix("\ufeff"))
    # Excel's "sep=;" hint line names the separator.
    delimiter: str | None = None
    skip = 0
    while skip < len(lines) and not lines[skip][1].strip():
        skip += 1
    if skip < len(lines) and (hint := re.match(r"^\s*sep=(.)\s*$", lines[skip][1], re.I)):
        delimiter = hint[1]
        skip += 1
    while skip < len(lines) and not lines[skip][1].strip():
        skip += 1
    if skip >= len(lines):
        raise CsvImportError(source, [RowProblem(0, _("the file is empty"))])
    header_line, header_text = lines[skip]
    if delimiter not in {";", ",", "\t"}:
        delimiter = _delimiter(header_text)
    body = "\n".join(line for _number, line in lines[skip:])
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter)
    offset = header_line - 1
    problems: list[RowProblem] = []
    rows: list[ParsedRow] = []
    try:
        header = next(reader)
        previous_end = reader.line_num
        columns = _columns(header)
        if isinstance(columns, RowProblem):
            raise CsvImportError(source, [RowProblem(header_line, columns.message)])
        seen: dict[date, int] = {}
        for cells in reader:
            line = previous_end + 1 + offset
            previous_end = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue  # empty lines and rows of empty cells are not data
            if len(rows) + len(problems) >= MAX_ROWS:
                problems.append(
                    RowProblem(line, _("too many rows (at most {limit})").format(limit=MAX_ROWS))
                )
                break
            parsed = _row(line, cells, columns, delimiter)
            if isinstance(parsed, RowProblem):
                problems.append(parsed)
                continue
            if parsed.observed_on in seen:
                problems.append(
                    RowProblem(
                        line,
                        _("the same date or period as line {other}").format(
                            other=seen[parsed.observed_on]
                        ),
                    )
                )
                continue
            seen[parsed.observed_on] = line
            rows.append(parsed)
    except csv.Error as error:
        problems.append(
            RowProblem(
                reader.line_num + offset,
                _("the file cannot be read as CSV ({reason})").format(reason=error),
            )
        )
    if problems:
        raise CsvImportError(source, problems)
    if not rows:
        raise CsvImportError(source, [RowProblem(0, _("the file has no measurements"))])
    return rows


def read_text(path: Path) -> str:
    """A file's text for an import (see :func:`decode`); what stops reading it is the file's
    one problem."""
    source = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CsvImportError(source, [RowProblem(0, _("file not found"))]) from None
    except IsADirectoryError:
        raise CsvImportError(source, [RowProblem(0, _("is a folder, not a file"))]) from None
    except PermissionError:
        raise CsvImportError(source, [RowProblem(0, _("permission denied"))]) from None
    return decode(data)


def read_observations(path: Path) -> list[ParsedRow]:
    """Read and parse one file (see :func:`parse_observations`)."""
    return parse_observations(read_text(path), str(path))
