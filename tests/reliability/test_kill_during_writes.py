"""A writer killed (SIGKILL) at a random moment, fifty times: nothing acknowledged is lost,
nothing is half-written, and the file stays whole."""

from __future__ import annotations

import random
import time
from pathlib import Path

from forbattra.store.database import Database

from .harness import (
    Acknowledged,
    collect,
    drain,
    fork_writer,
    ids,
    initiative_writer,
    integrity,
    rows,
    rows_without_their_event,
    stop,
    wait_for,
)

ROUNDS = 50


def test_killing_a_writer_never_loses_or_half_writes_anything(tmp_path: Path) -> None:
    path = tmp_path / "forbattra.db"
    Database.open(str(path)).close()
    chance = random.Random(20261123)
    acknowledged = Acknowledged()
    for round_number in range(ROUNDS):
        pid, channel = fork_writer(initiative_writer(path, seed=round_number))
        # Some rounds kill it while it opens the database; most after it has begun writing.
        if round_number % 5:
            wait_for(channel, acknowledged, "initiative", acknowledged.count("initiative") + 1)
        collect([channel], time.monotonic() + chance.uniform(0.0, 0.25), acknowledged)
        stop(pid)
        drain(channel, acknowledged)
        assert acknowledged.errors == [], acknowledged.errors

        verdict, dangling = integrity(path)
        assert verdict == ["ok"], f"round {round_number}: {verdict}"
        assert dangling == [], f"round {round_number}: {dangling}"
        for table in ("initiative", "measure", "observation", "cycle"):
            lost = acknowledged.ids.get(table, set()) - ids(path, table)
            assert not lost, f"round {round_number}: acknowledged {table} rows lost: {lost}"
        assert rows_without_their_event(path) == {}, f"round {round_number}"
        moved = {
            int(str(row[0]))
            for row in rows(path, "SELECT id FROM initiative WHERE phase = 'measure'")
        }
        assert acknowledged.ids.get("phase", set()) <= moved

    # The writers did real work, and the database still opens and takes more.
    assert acknowledged.count("initiative") >= ROUNDS * 3 // 4
    assert acknowledged.count("observation") >= ROUNDS
    with Database.open(str(path)) as db:
        assert not db.read_only
