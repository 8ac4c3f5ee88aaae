"""Make ``schema-0001.db``: a database as forbattra's first schema (``0001_initial``) left it,
with realistic rows in every table, for the upgrade test (tests/reliability/test_migrations).

Rows are written with plain SQL, never with the current models (which have newer columns).
Run it again only to change the data; the file is kept in the repository as it is.

    .venv/bin/python tests/data/make_schema_0001.py
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from forbattra.store import migrate
from forbattra.store.engine import make_engine

HERE = Path(__file__).parent
TARGET = HERE / "schema-0001.db"
T = "2025-03-{day:02d} 08:{minute:02d}:00.000000"

ROWS: dict[str, list[tuple[object, ...]]] = {
    "initiative": [
        (
            1,
            "Kortare väntetid till hemtjänstbeslut",
            "dmaic",
            "Biståndsenheten",
            3,
            "Amira Hassan",
            "Eva Lind",
            "Johan Berg",
            "Amira, Nadia, Per",
            "active",
            "analyze",
            None,
            T.format(day=1, minute=0),
            T.format(day=20, minute=5),
            7,
        ),
        (
            2,
            "Färre fel i fakturor till äldreboenden",
            "pdsa",
            "Ekonomienheten",
            6,
            "Per Ek",
            "",
            "Johan Berg",
            "Per, Lisa",
            "closed",
            "cycles",
            None,
            T.format(day=2, minute=0),
            T.format(day=21, minute=0),
            4,
        ),
        (
            3,
            "Ny rutin för synpunkter",
            "pdsa",
            "Kontaktcenter",
            None,
            "",
            "",
            "",
            "",
            "paused",
            "aim",
            "2026-02-01",
            T.format(day=3, minute=0),
            T.format(day=3, minute=30),
            2,
        ),
    ],
    "answer": [
        (
            1,
            1,
            "define",
            "problem",
            "Beslut dröjer i snitt 24 dagar;\nmålet är 10.",
            T.format(day=4, minute=1),
            2,
        ),
        (
            2,
            1,
            "define",
            "scope",
            "Nya ansökningar om hemtjänst, inte omprövningar.",
            T.format(day=4, minute=2),
            1,
        ),
        (3, 2, "aim", "aim", "Inga felaktiga fakturor i maj.", T.format(day=5, minute=0), 1),
    ],
    "cause": [
        (
            1,
            1,
            None,
            0,
            "Handläggarna väntar på läkarintyg",
            "methods",
            1,
            1,
            3,
            T.format(day=6, minute=0),
            1,
        ),
        (
            2,
            1,
            1,
            0,
            "Intyget begärs först efter hembesöket",
            None,
            0,
            0,
            0,
            T.format(day=6, minute=1),
            1,
        ),
    ],
    "solution": [
        (
            1,
            1,
            0,
            "Begär intyget redan vid ansökan",
            "high",
            "low",
            2,
            T.format(day=7, minute=0),
            1,
        ),
    ],
    "solution_cause": [(1, 1)],
    "measure": [
        (
            1,
            1,
            0,
            "Dagar till beslut",
            "outcome",
            "dagar",
            "down",
            10.0,
            6,
            "Från ansökan till beslut",
            "Ur verksamhetssystemet",
            "Amira",
            T.format(day=8, minute=0),
            1,
        ),
    ],
    "observation": [
        (
            n,
            1,
            f"2025-0{1 + n // 5}-{1 + (n % 5) * 5:02d}",
            "",
            value,
            "",
            T.format(day=9, minute=n),
            1,
        )
        for n, value in enumerate([24, 26, 22, 25, 23, 21, 14, 12, 11, 13], start=1)
    ],
    "cycle": [
        (
            1,
            2,
            None,
            1,
            "Kontrollera fakturan mot avtalet",
            "Hitta felen innan de skickas",
            "Hälften av felen fångas",
            "Två veckor på ett boende",
            "Sju av tio fel fångades",
            "Bättre än väntat",
            "adopt",
            "Inför på alla boenden",
            "2025-03-10",
            "2025-03-24",
            T.format(day=10, minute=0),
            T.format(day=24, minute=0),
            3,
        ),
    ],
    "stop_item": [
        (
            1,
            1,
            "",
            0,
            "Manuell sammanställning av ärendelistan",
            "Handläggarna",
            6.0,
            None,
            None,
            "Ingen läser den",
            "Inget",
            "stop",
            "Listan finns i systemet",
            6.0,
            "2025-06-01",
            None,
            "",
            T.format(day=11, minute=0),
            T.format(day=11, minute=5),
            2,
        ),
        (
            2,
            None,
            "Kontaktcenter",
            0,
            "Veckorapport på papper",
            "Samordnaren",
            None,
            20.0,
            4.0,
            "Chefen",
            "Ingen märker det",
            "undecided",
            "",
            None,
            None,
            None,
            "",
            T.format(day=12, minute=0),
            T.format(day=12, minute=0),
            1,
        ),
    ],
    "closure": [
        (
            1,
            2,
            "goal_reached",
            "",
            "Kontrollen fungerar och sitter i rutinen.",
            "Kontrollen",
            "Efterhandsrättningar",
            3.0,
            "Per Ek",
            "2025-03-21",
            "cycles",
            T.format(day=21, minute=0),
        ),
    ],
    "comment": [
        (
            1,
            1,
            "phase:analyze",
            "Johan Berg",
            "Har ni pratat med vårdcentralen?",
            0,
            T.format(day=13, minute=0),
            1,
        ),
    ],
    "idea": [
        (
            "idea-0001",
            "Skicka påminnelse om läkarintyg per sms",
            "Biståndsenheten",
            3,
            "",
            "2025-02-10",
            "new",
            None,
        ),
        (
            "idea-0002",
            "Samla fakturafrågor på ett ställe",
            "Ekonomienheten",
            6,
            "Lisa",
            "2025-02-11",
            "initiative",
            2,
        ),
    ],
    "event": [
        (
            1,
            T.format(day=1, minute=0),
            "amira",
            1,
            "initiative",
            1,
            "create",
            "",
            None,
            "Kortare väntetid till hemtjänstbeslut",
        ),
        (
            2,
            T.format(day=4, minute=1),
            "amira",
            1,
            "answer",
            1,
            "update",
            "define/problem",
            "Beslut dröjer",
            "Beslut dröjer i snitt 24 dagar;\nmålet är 10.",
        ),
        (3, T.format(day=21, minute=0), "per", 2, "closure", 1, "create", "", None, "goal_reached"),
        (
            4,
            T.format(day=22, minute=0),
            "lisa",
            None,
            "idea",
            None,
            "create",
            "",
            None,
            "idea-0002",
        ),
    ],
}


def make(target: Path = TARGET) -> Path:
    target.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{target}")
    try:
        migrate.upgrade(engine, "0001_initial")
    finally:
        engine.dispose()
    connection = sqlite3.connect(target)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        for table, rows in ROWS.items():
            marks = ", ".join("?" * len(rows[0]))
            connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        connection.commit()
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        connection.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        connection.execute("VACUUM")
    finally:
        connection.close()
    return target


if __name__ == "__main__":
    print(make())
