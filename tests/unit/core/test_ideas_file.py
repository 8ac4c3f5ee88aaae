"""Reading ideas from a text or CSV file: all or nothing, every problem with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from forbattra.core.ideas_file import ParsedIdea, parse_ideas, read_ideas
from forbattra.core.observations_csv import CsvImportError

KOMMUNKOMPASSEN = (
    "sep=;\n"
    "Område;Förbättringsmöjlighet;Kommentar\n"
    "3;Tydligare koppling mellan mål och budget;sid 12\n"
    "Effektivitet;Jämför kostnader med andra kommuner;\n"
    "\n"
    '8 Chefs- och ledarskap samt medarbetarskap;"Chefsintroduktion; med mentor";\n'
)


def test_a_kommunkompassen_list_in_csv() -> None:
    assert parse_ideas(KOMMUNKOMPASSEN, "kk.csv") == [
        ParsedIdea(3, "Tydligare koppling mellan mål och budget", "", 3),
        ParsedIdea(4, "Jämför kostnader med andra kommuner", "", 4),
        ParsedIdea(6, "Chefsintroduktion; med mentor", "", 8),
    ]


def test_csv_with_commas_and_a_unit_column() -> None:
    text = "text,unit,area\nFler cykelställ,Fastighet,2\nKortare möten,,\n"
    assert parse_ideas(text, "ideas.csv") == [
        ParsedIdea(2, "Fler cykelställ", "Fastighet", 2),
        ParsedIdea(3, "Kortare möten", "", None),
    ]


def test_a_header_is_recognised_without_the_csv_suffix() -> None:
    assert parse_ideas("idé\tenhet\nSkylt vid entrén\tReception\n", "lista.txt") == [
        ParsedIdea(2, "Skylt vid entrén", "Reception", None)
    ]


def test_a_text_file_one_idea_a_line() -> None:
    text = "\ufeff- Fler laddplatser\r\n\r\n• Digital signering, av avtal\r\n  Kortare APT  \r\n"
    assert parse_ideas(text, "ideer.txt") == [
        ParsedIdea(1, "Fler laddplatser"),
        ParsedIdea(3, "Digital signering, av avtal"),
        ParsedIdea(4, "Kortare APT"),
    ]


def test_every_bad_row_is_reported_and_nothing_returned(english: None) -> None:
    text = "text;område\nBra idé;3\n;4\nAnnan idé;12\nTredje;Ekonomi\n"
    with pytest.raises(CsvImportError) as caught:
        parse_ideas(text, "kk.csv")
    assert [str(problem) for problem in caught.value.problems] == [
        "line 3: the idea's text is empty",
        "line 4: “12” is not a Kommunkompassen area; write a number from 1 to 8 or the area's"
        " name, such as Effektivitet",
        "line 5: “Ekonomi” is not a Kommunkompassen area; write a number from 1 to 8 or the"
        " area's name, such as Effektivitet",
    ]


def test_a_csv_without_a_text_column_is_refused(english: None) -> None:
    with pytest.raises(CsvImportError) as caught:
        parse_ideas("namn;område\nx;3\n", "kk.csv")
    assert "line 1: the first row must name the columns" in str(caught.value.problems[0])


def test_too_long_ideas_are_refused(english: None) -> None:
    with pytest.raises(CsvImportError) as caught:
        parse_ideas("kort\n" + "x" * 5000 + "\n", "a.txt")
    assert str(caught.value.problems[0]).startswith("line 2: the idea is too long")


@pytest.mark.parametrize("text", ["", "\n  \n", "text;area\n\n"])
def test_empty_files_are_refused(english: None, text: str) -> None:
    with pytest.raises(CsvImportError) as caught:
        parse_ideas(text, "tom.csv")
    assert str(caught.value.problems[0]) in {"the file is empty", "the file has no ideas"}


def test_reading_files(english: None, tmp_path: Path) -> None:
    path = tmp_path / "kk.csv"
    path.write_bytes("text;område\nBättre skyltning;Brukarens fokus\n".encode("cp1252"))
    assert read_ideas(path) == [ParsedIdea(2, "Bättre skyltning", "", 5)]
    with pytest.raises(CsvImportError, match="file not found"):
        read_ideas(tmp_path / "saknas.txt")
    with pytest.raises(CsvImportError, match="is a folder"):
        read_ideas(tmp_path)
