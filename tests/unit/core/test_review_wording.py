"""The words of the history's "what changed" lines, and of OS errors, in both languages.

The Swedish cases need the Swedish catalogue to hold these words.
"""

from __future__ import annotations

import errno
from collections.abc import Iterator
from pathlib import Path

import pytest

from forbattra.core.review_fields import (
    cycle_changed,
    field_value,
    measure_changed,
    stop_item_changed,
    value_corrected,
)
from forbattra.i18n import current_language, set_language
from forbattra.i18n.os_errors import os_error_reason


@pytest.fixture
def language() -> Iterator[None]:
    before = current_language()
    yield
    set_language(before)


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (
            "en",
            [
                "Cycle 1: the objective changed",
                "Cycle 2: the prediction changed after Do had started",
                "Cycle 3 changed",
                "Stop-doing: Excel: the hours freed a month changed",
                "Stop-doing: Excel changed",
                "Measure changed: target",
                "Measure changed",
                "A value was corrected: date",
            ],
        ),
        (
            "sv",
            [
                "Cykel 1: syftet ändrades",
                "Cykel 2: förutsägelsen ändrades efter att Göra hade börjat",
                "Cykel 3 ändrades",
                "Sluta göra: Excel: den frigjorda tiden per månad ändrades",
                "Sluta göra: Excel ändrades",
                "Mått ändrat: målvärde",
                "Mått ändrat",
                "Ett värde rättades: datum",
            ],
        ),
    ],
)
def test_what_changed_is_said_without_column_names(
    language: None, chosen: str, expected: list[str]
) -> None:
    set_language(chosen)
    assert [
        cycle_changed("1", "objective"),
        cycle_changed("2", "prediction", after_start=True),
        cycle_changed("3", "no_such_field"),
        stop_item_changed("Excel", "hours_freed"),
        stop_item_changed("Excel", "no_such_field"),
        measure_changed("target"),
        measure_changed("no_such_field"),
        value_corrected("observed_on"),
    ] == expected


@pytest.mark.parametrize(("chosen", "expected"), [("en", "3.5"), ("sv", "3,5")])
def test_logged_numbers_read_as_the_reader_writes_them(
    language: None, chosen: str, expected: str
) -> None:
    set_language(chosen)
    assert field_value("hours_freed", "3.5") == expected
    assert field_value("hours_freed", "many") == "many"
    assert field_value("reason", "3.5") == "3.5"  # a text field stays as written
    assert field_value("hours_freed", None) is None


@pytest.mark.parametrize(
    ("chosen", "code", "expected"),
    [
        ("en", errno.ENOENT, "the folder or file does not exist"),
        ("en", errno.ENOSPC, "the disk is full"),
        ("sv", errno.ENOENT, "mappen eller filen finns inte"),
        ("sv", errno.EACCES, "du har inte behörighet till den"),
        ("sv", errno.EROFS, "disken är skrivskyddad"),
        ("sv", errno.ENOSPC, "disken är full"),
        ("sv", errno.EEXIST, "den finns redan"),
        ("sv", errno.ENOTDIR, "en del av sökvägen är en fil, inte en mapp"),
        ("sv", errno.EISDIR, "det är en mapp, inte en fil"),
    ],
)
def test_common_os_errors_are_said_in_the_readers_language(
    language: None, chosen: str, code: int, expected: str
) -> None:
    set_language(chosen)
    assert os_error_reason(OSError(code, "system words", "/x")) == expected


def test_an_uncommon_os_error_keeps_the_systems_words(language: None) -> None:
    set_language("sv")
    assert os_error_reason(OSError(errno.EMFILE, "Too many open files")) == "Too many open files"
    assert os_error_reason(ValueError("bad name")) == "bad name"


def test_a_real_missing_folder_is_explained(language: None, tmp_path: Path) -> None:
    set_language("en")
    with pytest.raises(OSError) as caught:
        (tmp_path / "nope" / "file.md").write_text("x")
    assert os_error_reason(caught.value) == "the folder or file does not exist"
