"""Reading measurements from CSV files as Swedish offices export them from Excel.

Every file here is written by the test the way the program in question writes it: Excel
with Swedish settings (semicolons, decimal comma, often Windows-1252 or UTF-8 with a byte
order mark, CRLF line ends), Google Sheets (commas, quoted decimal commas), and broken ones.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from forbattra.core.observations_csv import (
    CsvImportError,
    ParsedRow,
    parse_number,
    parse_observations,
    parse_period,
    read_observations,
)

pytestmark = pytest.mark.usefixtures("english")


def write(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "mått.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def problems(text: str) -> list[str]:
    with pytest.raises(CsvImportError) as caught:
        parse_observations(text, "test.csv")
    return [str(problem) for problem in caught.value.problems]


# --- Files as they come out of Excel --------------------------------------------------------


def test_swedish_excel_export_in_windows_1252(tmp_path: Path) -> None:
    text = (
        "Vecka;Värde;Kommentar\r\n"
        "2025-W11;3,5;Ny blankett införd\r\n"
        "2025-W12;4;\r\n"
        "2025-W13;2,75;Påsk – färre ärenden\r\n"
        ";;\r\n"  # Excel writes empty rows as separators only
    )
    rows = read_observations(write(tmp_path, text, "cp1252"))
    assert rows == [
        ParsedRow(2, date(2025, 3, 10), "2025-W11", 3.5, "Ny blankett införd"),
        ParsedRow(3, date(2025, 3, 17), "2025-W12", 4.0, ""),
        ParsedRow(4, date(2025, 3, 24), "2025-W13", 2.75, "Påsk – färre ärenden"),
    ]


def test_utf8_with_byte_order_mark_and_separator_hint(tmp_path: Path) -> None:
    text = "sep=;\r\nDatum;Mätvärde (%);Anteckning\r\n2025-03-14;45 %;Kvartal 1\r\n"
    rows = read_observations(write(tmp_path, text, "utf-8-sig"))
    assert rows == [ParsedRow(3, date(2025, 3, 14), "", 45.0, "Kvartal 1")]


def test_google_sheets_commas_with_quoted_decimal_commas(tmp_path: Path) -> None:
    text = 'Datum,Värde,Kommentar\n2025-03-14,"3,5","Ny rutin, vecka 1"\n2025-03-21,4,\n'
    rows = read_observations(write(tmp_path, text))
    assert [(r.observed_on, r.value, r.note) for r in rows] == [
        (date(2025, 3, 14), 3.5, "Ny rutin, vecka 1"),
        (date(2025, 3, 21), 4.0, ""),
    ]


def test_english_tab_separated_with_extra_columns(tmp_path: Path) -> None:
    text = "Unit\tDate\tValue\tNote\nNorth\t2025-03-14\t1,234.5\tfirst\n"
    rows = read_observations(write(tmp_path, text))
    assert rows == [ParsedRow(2, date(2025, 3, 14), "", 1234.5, "first")]


def test_date_and_week_columns_together() -> None:
    rows = parse_observations("datum;vecka;värde\n2025-03-14;v. 11 2025;7\n2025-03-21;;8\n")
    assert [(r.observed_on, r.period) for r in rows] == [
        (date(2025, 3, 14), "2025-W11"),
        (date(2025, 3, 21), ""),
    ]


def test_multiline_notes_and_blank_lines_keep_line_numbers() -> None:
    text = '\n\ndatum;värde;anteckning\n2025-01-01;1;"två\nrader"\n\n2025-01-02;x;\n'
    assert problems(text) == ["line 7: x is not a number"]


def test_a_lone_dash_records_a_period_without_a_value() -> None:
    rows = parse_observations("vecka;värde;kommentar\n2025-W01;-;helgvecka\n2025-W02;–;\n")
    assert [r.value for r in rows] == [None, None]


# --- Periods and numbers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["2025-W11", "2025w11", "2025W11", "2025-W11-1", "2025 v11", "2025 v. 11", "v. 11 2025",
     "v11 2025", "V.11 2025", "vecka 11 2025", "Vecka 11, 2025", "week 11 2025", "W11 2025",
     "2025\u00a0v\u00a011"],
)  # fmt: skip
def test_week_labels_mean_the_monday(text: str) -> None:
    assert parse_period(text) == (date(2025, 3, 10), "2025-W11")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-W01", (date(2025, 12, 29), "2026-W01")),  # ISO week 1 starts in December
        ("2020-W53", (date(2020, 12, 28), "2020-W53")),
        ("2025-03-14", (date(2025, 3, 14), "")),
        ("2025-3-4", (date(2025, 3, 4), "")),
        ("2025-03", (date(2025, 3, 1), "2025-03")),
        ("2025-Q3", (date(2025, 7, 1), "2025-Q3")),
        ("2025 kv 2", (date(2025, 4, 1), "2025-Q2")),
    ],
)
def test_dates_months_and_quarters(text: str, expected: tuple[date, str]) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2025-W53", "2025 has no week 53"),
        ("2025-W00", "2025 has no week 0"),
        ("2025-02-30", "2025-02-30 is not a date in the calendar"),
        ("2025-13", "2025-13 is not a month"),
        ("14/3/2025", "14/3/2025 is not a date; write it like 2025-03-14"),
        ("mars", "mars is not a date"),
        ("", "the date is empty"),
    ],
)
def test_bad_periods_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_period(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3,5", 3.5),
        ("3.5", 3.5),
        ("-2", -2.0),
        ("\u22122,5", -2.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),
        ("1\u202f234", 1234.0),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.234.567", 1234567.0),
        ("1,234", 1.234),  # a comma alone is a decimal comma
        ("45 %", 45.0),
        ("45%", 45.0),
        (",5", 0.5),
        ("+7", 7.0),
        (" 12 ", 12.0),
        ("-", None),
    ],
)
def test_numbers_as_people_type_them(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["ca 5", "5 st", "nan", "inf", "1e3", "3,5,", "--3", "x"])
def test_text_is_not_a_number(text: str) -> None:
    with pytest.raises(ValueError, match="is not a number"):
        parse_number(text)


# --- Broken files: every problem, with its line, and nothing imported ------------------------


def test_every_bad_row_is_reported_and_nothing_is_returned() -> None:
    text = (
        "datum;värde;anteckning\n"
        "2025-03-07;3,5;bra\n"  # 2: fine
        "14/3/2025;4;fel datumform\n"  # 3
        "2025-03-21;ca 5;\n"  # 4: text in the value column
        "2025-03-28;;\n"  # 5: empty value
        "2025-04-04,3,5\n"  # 6: commas in a semicolon file
        "2025-02-30;1;\n"  # 7: no such day
        "2025-03-07;2;\n"  # 8: same date as line 2
        "2025-W53;1\n"  # 9: no such week
        "fel;fel;\n"  # 10: both cells wrong
        "2025-04-11;5;bra\n"  # 11: fine
    )
    assert problems(text) == [
        "line 3: 14/3/2025 is not a date; write it like 2025-03-14, or a week like 2025-W11"
        " or v. 11 2025",
        "line 4: ca 5 is not a number",
        "line 5: the value is empty; write - for a period without a value",
        "line 6: the row has 1 column, expected at least 2 separated by ;; the header"
        " separates columns with ;; does this row use ,?",
        "line 7: 2025-02-30 is not a date in the calendar",
        "line 8: the same date or period as line 2",
        "line 9: 2025 has no week 53",
        "line 10: fel is not a date; write it like 2025-03-14, or a week like 2025-W11 or"
        " v. 11 2025; fel is not a number",
    ]


def test_a_missing_header_is_named() -> None:
    assert problems("2025-03-14;3,5\n2025-03-21;4\n") == [
        "line 1: the first row must name the columns, for example datum;värde;anteckning"
        " (or date, week, value, note); found: 2025-03-14 | 3,5"
    ]


def test_a_header_without_a_value_column() -> None:
    (problem,) = problems("datum;antal besök\n2025-03-14;3\n")
    assert problem.startswith("line 1: the first row must name the columns")


def test_two_value_columns_are_ambiguous() -> None:
    assert problems("datum;värde;antal\n2025-03-14;3;4\n") == [
        "line 1: two columns are both read as the value column: värde, antal"
    ]


def test_a_semicolon_row_in_a_comma_file() -> None:
    text = "datum,värde\n2025-03-14,4\n2025-03-21;4,5\n"
    assert problems(text) == [
        "line 3: 2025-03-21;4 is not a date; write it like 2025-03-14, or a week like"
        " 2025-W11 or v. 11 2025; the header separates columns with ,; does this row use ;?"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("\n \n", "the file is empty"),
        ("datum;värde\n", "the file has no measurements"),
        ("datum;värde\n;\n;;\n", "the file has no measurements"),
    ],
)
def test_files_without_measurements(text: str, message: str) -> None:
    assert problems(text) == [message]


def test_nul_characters_are_refused() -> None:
    assert problems("datum;värde;anteckning\n2025-03-14;3;a\x00b\n") == [
        "line 2: the row contains the NUL character"
    ]


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(CsvImportError) as missing:
        read_observations(tmp_path / "saknas.csv")
    assert [str(p) for p in missing.value.problems] == ["file not found"]
    assert missing.value.source.endswith("saknas.csv")
    with pytest.raises(CsvImportError) as folder:
        read_observations(tmp_path)
    assert [str(p) for p in folder.value.problems] == ["is a folder, not a file"]
