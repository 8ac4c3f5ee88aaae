"""``forbattra list`` as plain aligned lines: widths in terminal cells, shortening, pipes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from forbattra.cli.listing import fit, one_line, print_initiatives
from forbattra.core.domain import InitiativeRow
from forbattra.core.vocabulary import Method, Status


def row(number: int, title: str, unit: str = "Vård och omsorg", **changes: Any) -> InitiativeRow:
    values: dict[str, Any] = dict(
        id=number,
        title=title,
        method=Method.DMAIC,
        phase="define",
        status=Status.ACTIVE,
        unit=unit,
        area=3,
        leader="Lena",
        updated_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    values.update(changes)
    return InitiativeRow(**values)


ROWS = [
    row(1, "Kortare väntetider 🚀"),
    row(12, "高齢者ケアの待ち時間", unit="Socialförvaltningen", method=Method.PDSA, phase="cycles"),
    row(345, "[bold red]fet[/]", unit="", area=None, status=Status.PAUSED),
]


def printed(
    capsys: pytest.CaptureFixture[str], rows: list[InitiativeRow], width: int | None
) -> list[str]:
    capsys.readouterr()
    print_initiatives(rows, width=width)
    return capsys.readouterr().out.splitlines()


def starts(line: str, text: str) -> int:
    """Where ``text`` begins in ``line``, counted in terminal cells."""
    return cell_len(line[: line.index(text)])


def test_columns_line_up_in_terminal_cells(
    capsys: pytest.CaptureFixture[str], english: None
) -> None:
    heading, *lines = printed(capsys, ROWS, width=None)
    assert heading.split() == ["ID", "Title", "Method", "Phase", "Status", "Unit", "Area"]
    assert len(lines) == 3
    # Wide characters (kanji, emoji) count twice: the next column still starts in one place.
    method_at = {
        starts(line, label) for line, label in zip(lines, ["DMAIC", "PDSA", "DMAIC"], strict=True)
    }
    assert method_at == {starts(heading, "Method")}
    # Ids are right-aligned; user text is printed as typed, never as markup; no area is "–".
    assert [line[:3] for line in lines] == ["  1", " 12", "345"]
    assert "[bold red]fet[/]" in lines[2] and lines[2].endswith("–")
    assert "Paused" in lines[2] or "paused" in lines[2]


def test_a_narrow_terminal_shortens_the_unit_then_the_title(
    capsys: pytest.CaptureFixture[str], english: None
) -> None:
    wide = printed(capsys, ROWS, width=None)
    natural = max(cell_len(line) for line in wide)
    for width in (natural - 4, natural - 12, 66):
        lines = printed(capsys, ROWS, width=width)
        assert max(cell_len(line) for line in lines) <= width, (width, lines)
        assert len(lines) == 4
    lines = printed(capsys, ROWS, width=natural - 4)
    assert "Kortare väntetider 🚀" in lines[1]  # the unit gave way first
    assert "Socialförvaltn…" in lines[2]
    lines = printed(capsys, ROWS, width=66)
    assert "Kortare väntetider…" in lines[1]  # then the title


def test_a_terminal_too_narrow_for_anything_still_prints_every_row(
    capsys: pytest.CaptureFixture[str], english: None
) -> None:
    lines = printed(capsys, ROWS, width=20)
    assert len(lines) == 4
    assert all(line.split()[0] in {"ID", "1", "12", "345"} for line in lines)


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("Kortare väntetider", 30, "Kortare väntetider"),
        ("Kortare väntetider", 10, "Kortare v…"),
        ("Kortare väntetider", 8, "Kortare…"),  # no space before the ellipsis
        ("高齢者ケア", 6, "高齢…"),  # 2 + 2 cells, then the ellipsis
        ("高齢者ケア", 7, "高齢者…"),
        ("🚀🚀🚀", 4, "🚀…"),
    ],
)
def test_fit_counts_cells(text: str, width: int, expected: str) -> None:
    assert fit(text, width) == expected
    assert cell_len(fit(text, width)) <= width


def test_user_text_stays_on_one_line() -> None:
    assert one_line("Första raden\nandra\trad\x1b[31m") == "Första raden andra rad [31m"


def test_many_rows_come_in_order(capsys: pytest.CaptureFixture[str], english: None) -> None:
    rows = [row(number, f"Initiativ {number}") for number in range(1, 1_203)]
    lines = printed(capsys, rows, width=80)
    assert len(lines) == 1_203
    assert [int(line.split()[0]) for line in lines[1:]] == list(range(1, 1_203))


def test_the_list_in_swedish(run_cli: Any, tmp_path: Path) -> None:
    db = str(tmp_path / "f.db")
    created = run_cli(
        "--db", db, "new", "Tryggare skolvägar", "-m", "pdsa", "--unit", "Barn och utbildning"
    )
    assert created.code == 0
    heading, line = run_cli("--lang", "sv", "--db", db, "list").out.splitlines()
    assert heading.split()[:3] == ["ID", "Titel", "Metod"]
    assert "Tryggare skolvägar" in line and "Barn och utbildning" in line
