"""Several programs writing one SQLite file for ten seconds: two service writers (one of them
reading then writing in one transaction, and autosaving an answer) and the real command
line. Nobody ever sees "database is locked", and every acknowledged write is there."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from forbattra.core.domain import NewInitiative, NewMeasure
from forbattra.core.vocabulary import Method
from forbattra.store.database import Database
from forbattra.store.services.initiatives import create_initiative
from forbattra.store.services.measures import add_measure

from .harness import (
    Acknowledged,
    cli,
    collect,
    counting_writer,
    drain,
    fork_writer,
    ids,
    initiative_writer,
    integrity,
    rows,
    rows_without_their_event,
    stop,
)

SECONDS = 10


def test_writers_and_the_command_line_share_the_database(tmp_path: Path) -> None:
    path = tmp_path / "forbattra.db"
    with Database.open(str(path)) as db:
        shared = create_initiative(db, "tester", NewInitiative("Delad", Method.DMAIC))
        counter = add_measure(db, "tester", shared.id, NewMeasure(name="Räknare"))

    command_line = Acknowledged()
    problems: list[str] = []

    def run_the_command_line() -> None:
        deadline = time.monotonic() + SECONDS
        number = 0
        while time.monotonic() < deadline or number < 2:  # a slow machine still runs two
            number += 1
            result = cli("new", f"Från kommandoraden {number}", "--method", "pdsa", db=path)
            if result.returncode == 0:
                command_line.add_line(f"initiative {result.stdout.strip()}")
            else:
                problems.append(result.stderr)
            listed = cli("list", "--json", db=path)
            if listed.returncode != 0:
                problems.append(listed.stderr)

    writers = [
        fork_writer(initiative_writer(path, seed=1)),
        fork_writer(counting_writer(path, shared.id, counter.id)),
    ]
    thread = threading.Thread(target=run_the_command_line)
    thread.start()
    acknowledged = Acknowledged()
    try:
        collect([channel for _, channel in writers], time.monotonic() + SECONDS, acknowledged)
    finally:
        for pid, channel in writers:
            stop(pid)
            drain(channel, acknowledged)
        thread.join()

    assert acknowledged.errors == [], acknowledged.errors
    assert problems == [], problems
    assert not any("locked" in problem for problem in problems)
    # Every writer got its turn.
    assert acknowledged.count("initiative") >= 5
    assert acknowledged.count("counted") >= 5
    assert command_line.count("initiative") >= 2

    verdict, dangling = integrity(path)
    assert (verdict, dangling) == (["ok"], [])
    assert rows_without_their_event(path) == {}
    everything = acknowledged.ids.get("initiative", set()) | command_line.ids["initiative"]
    assert everything <= ids(path, "initiative")
    # Read-then-write never lost an update: the values are exactly 0, 1, 2, ... in order.
    counted = rows(
        path,
        "SELECT value, observed_on FROM observation WHERE measure_id = ? ORDER BY id",
        counter.id,
    )
    assert [value for value, _ in counted] == [float(n) for n in range(len(counted))]
    assert len({day for _, day in counted}) == len(counted)
    assert acknowledged.ids["counted"] <= {
        int(str(row[0])) for row in rows(path, "SELECT id FROM observation")
    }
    # The autosaved answer went up one version per save, none overwritten silently.
    (version,) = rows(path, "SELECT version FROM answer WHERE initiative_id = ?", shared.id)[0]
    assert int(str(version)) >= max(acknowledged.ids["answer"])
