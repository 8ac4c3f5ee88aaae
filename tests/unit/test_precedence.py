"""Which database and which language a run uses, when several places name one."""

from __future__ import annotations

from pathlib import Path

import pytest

from forbattra import locations
from forbattra.i18n import resolve_language
from forbattra.locations import database_target


@pytest.mark.parametrize(
    ("explicit", "environ", "expected"),
    [
        ("cli.db", {"FORBATTRA_DB": "env.db"}, "cli.db"),
        ("cli.db", {}, "cli.db"),
        (None, {"FORBATTRA_DB": "env.db"}, "env.db"),
        ("", {"FORBATTRA_DB": "env.db"}, "env.db"),
        (None, {"FORBATTRA_DB": "postgresql://u@h/db"}, "postgresql://u@h/db"),
    ],
)
def test_database_target_precedence(
    explicit: str | None, environ: dict[str, str], expected: str
) -> None:
    assert database_target(explicit, environ) == expected


@pytest.mark.parametrize("environ", [{}, {"FORBATTRA_DB": ""}])
def test_without_a_choice_the_database_lives_in_the_user_data_folder(
    environ: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locations, "data_dir", lambda: tmp_path / "data" / "forbattra")
    target = database_target(None, environ)
    assert target == str(tmp_path / "data" / "forbattra" / "forbattra.db")
    assert (tmp_path / "data" / "forbattra").is_dir()  # created when needed


def test_database_target_reads_the_real_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORBATTRA_DB", "/srv/forbattra/delad.db")
    assert database_target(None) == "/srv/forbattra/delad.db"
    assert database_target("egen.db") == "egen.db"


def test_the_data_folder_follows_xdg_and_is_only_created_when_needed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    folder = locations.data_dir()
    assert folder == tmp_path / "xdg" / "forbattra"
    assert not folder.exists()  # asking where it is creates nothing
    assert database_target(None, {}) == str(folder / "forbattra.db")
    assert folder.is_dir()
    assert not (folder / "forbattra.db").exists()  # the database itself is made on open


@pytest.mark.parametrize(
    ("explicit", "environ", "expected"),
    [
        # An explicit choice wins over everything.
        ("sv", {"FORBATTRA_LANG": "en", "LANG": "en_US.UTF-8"}, "sv"),
        ("en", {"FORBATTRA_LANG": "sv", "LC_ALL": "sv_SE.UTF-8"}, "en"),
        ("SV", {}, "sv"),
        ("sv-SE", {}, "sv"),
        # An explicit value we do not know falls through to the next source.
        ("de", {"FORBATTRA_LANG": "sv"}, "sv"),
        # FORBATTRA_LANG wins over the system locale.
        (None, {"FORBATTRA_LANG": "sv", "LANG": "en_GB.UTF-8"}, "sv"),
        (None, {"FORBATTRA_LANG": "en", "LC_ALL": "sv_SE.UTF-8"}, "en"),
        (None, {"FORBATTRA_LANG": "sv_SE"}, "sv"),
        (None, {"FORBATTRA_LANG": "fi", "LANG": "sv_FI.UTF-8"}, "sv"),
        # The locale: the first variable set decides, in POSIX order.
        (None, {"LC_ALL": "sv_SE.UTF-8", "LANG": "en_US.UTF-8"}, "sv"),
        (None, {"LC_ALL": "en_US.UTF-8", "LANG": "sv_SE.UTF-8"}, "en"),
        (None, {"LC_MESSAGES": "sv_SE.UTF-8", "LANG": "en_US.UTF-8"}, "sv"),
        (None, {"LANG": "sv_SE.UTF-8"}, "sv"),
        (None, {"LANG": "sv"}, "sv"),
        (None, {"LANG": "sv_FI.UTF-8"}, "sv"),
        (None, {"LANGUAGE": "sv:en"}, "sv"),
        (None, {"LANGUAGE": "en:sv"}, "en"),
        (None, {"LANG": "fi_FI.UTF-8"}, "en"),
        (None, {"LANG": "C.UTF-8"}, "en"),
        (None, {"LANG": "", "LANGUAGE": "sv"}, "sv"),
        # Nothing at all: English.
        (None, {}, "en"),
    ],
)
def test_language_precedence(explicit: str | None, environ: dict[str, str], expected: str) -> None:
    assert resolve_language(explicit, environ) == expected
