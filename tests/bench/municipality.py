"""A synthetic municipality for the benchmarks: ten years of improvement work, written with
plain SQL into a migrated database (the services would take minutes for 200,000 rows).
"""

from __future__ import annotations

import random
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

INITIATIVES, CYCLES, OBSERVATIONS = 10_000, 40_000, 200_000
BIG_CYCLES, BIG_OBSERVATIONS = 50, 2_000
BIG_TITLE = "Samordnad hemtagning från sjukhuset (det stora initiativet)"
UNITS = [
    "Socialförvaltningen",
    "Kommunledningsförvaltningen",
    "Barn och utbildning",
    "Vård och omsorg",
    "Samhällsbyggnad",
    "Kultur och fritid",
]
WORDS = [
    "kortare",
    "väntetider",
    "färre",
    "fel",
    "tydligare",
    "information",
    "snabbare",
    "beslut",
    "nöjdare",
    "brukare",
]


# --- The synthetic municipality ----------------------------------------------------------------

# Named, so columns added later (with their defaults) do not break the script.
COLUMNS = {
    "initiative": [
        "id",
        "title",
        "method",
        "unit",
        "area",
        "leader",
        "sponsor",
        "coach",
        "team",
        "status",
        "phase",
        "review_by",
        "created_at",
        "updated_at",
        "version",
    ],
    "measure": [
        "id",
        "initiative_id",
        "position",
        "name",
        "kind",
        "unit",
        "direction",
        "target",
        "baseline_points",
        "definition",
        "collection",
        "collector",
        "created_at",
        "version",
    ],
    "cycle": [
        "id",
        "initiative_id",
        "solution_id",
        "number",
        "title",
        "objective",
        "prediction",
        "plan",
        "what_happened",
        "study",
        "decision",
        "decision_notes",
        "started_on",
        "finished_on",
        "created_at",
        "updated_at",
        "version",
    ],
    "observation": [
        "id",
        "measure_id",
        "observed_on",
        "period",
        "value",
        "note",
        "created_at",
        "version",
    ],
    "closure": [
        "initiative_id",
        "reason",
        "reason_text",
        "learned",
        "keep",
        "stop_doing",
        "freed_hours",
        "decided_by",
        "closed_on",
        "phase_at_close",
        "created_at",
    ],
    "event": ["at", "actor", "initiative_id", "entity", "entity_id", "action", "field", "new"],
}


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S.000000")


def build(path: Path, initiatives: int = INITIATIVES) -> int:
    """Fill a migrated database with plain SQL (fast); returns the big initiative's id."""
    from forbattra.store.database import Database

    Database.open(str(path)).close()
    chance = random.Random(8)
    start = datetime(2016, 1, 1, 8, tzinfo=UTC)
    scale = initiatives / INITIATIVES
    rows_i, rows_m, rows_c, rows_o, rows_e, rows_x = [], [], [], [], [], []
    cycle_id = observation_id = 0
    cycles_left, observations_left = int(CYCLES * scale), int(OBSERVATIONS * scale)
    for number in range(1, initiatives + 1):
        big = number == 1
        created = start + timedelta(days=chance.randint(0, 3650), minutes=number)
        updated = created + timedelta(days=chance.randint(0, 300))
        method = "pdsa" if big or number % 2 else "dmaic"
        closed = not big and number % 7 == 0
        title = BIG_TITLE if big else f"{' '.join(chance.sample(WORDS, 3)).capitalize()} {number}"
        phase = "cycles" if method == "pdsa" else chance.choice(["define", "measure", "analyze"])
        rows_i.append(
            (number, title, method, UNITS[number % len(UNITS)], number % 8 + 1,
             f"Ledare {number % 97}", "", "", "", "closed" if closed else "active", phase,
             None, _stamp(created), _stamp(updated), 1)
        )  # fmt: skip
        if closed:
            rows_x.append(
                (number, "no_effect", "", "Mätningen visade ingen skillnad.", "", "", None,
                 "Ledningsgruppen", updated.date().isoformat(), phase, _stamp(updated))
            )  # fmt: skip
        rows_e.append((_stamp(created), "bench", number, "initiative", number, "create", "", title))
        rows_m.append(
            (number, number, 0, "Väntetid", "outcome", "dagar", "down", None, None, "", "", "",
             _stamp(created), 1)
        )  # fmt: skip
        remaining = initiatives - number + 1
        n_cycles = BIG_CYCLES if big else (cycles_left // remaining if method == "pdsa" else 0)
        n_cycles = min(n_cycles * (2 if method == "pdsa" and not big else 1), cycles_left)
        n_observations = BIG_OBSERVATIONS if big else observations_left // remaining
        cycles_left -= n_cycles
        observations_left -= n_observations
        for cycle in range(1, n_cycles + 1):
            cycle_id += 1
            rows_c.append(
                (cycle_id, number, None, cycle, f"Cykel {cycle}: prova {chance.choice(WORDS)}",
                 "Se om det blir bättre", "Hälften så många fel", "Två veckor på en enhet",
                 "Det gick bra", "Färre fel än förut", "adapt", "", None, None,
                 _stamp(created), _stamp(created), 1)
            )  # fmt: skip
        day = created.date()
        for step in range(n_observations):
            observation_id += 1
            rows_o.append(
                (observation_id, number, (day + timedelta(days=step)).isoformat(), "",
                 round(chance.uniform(5, 30), 1), "", _stamp(created), 1)
            )  # fmt: skip
    connection = sqlite3.connect(path)
    try:
        with connection:
            for table, rows in (
                ("initiative", rows_i),
                ("measure", rows_m),
                ("cycle", rows_c),
                ("observation", rows_o),
                ("event", rows_e),
                ("closure", rows_x),
            ):
                names = ", ".join(COLUMNS[table])
                marks = ", ".join("?" * len(COLUMNS[table]))
                connection.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    return 1
