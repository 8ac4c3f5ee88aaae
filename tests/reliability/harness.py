"""Helpers for the reliability tests: writer processes, acknowledgements and database checks.

Writers are forked from the test process (not started as new interpreters): SQLModel's import
then costs nothing per round, so fifty kill rounds take seconds. A writer prints one line per
committed transaction to a pipe ("kind id"); the test trusts only what was acknowledged.
"""

from __future__ import annotations

import contextlib
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from forbattra.core.domain import NewInitiative, NewMeasure
from forbattra.core.vocabulary import Method

ROOT = Path(__file__).resolve().parents[2]
FORBATTRA = [sys.executable, "-m", "forbattra"]
# Every table a writer below fills, with the event (entity, action) each of its rows must have.
EVENT_ENTITIES = {
    "initiative": ("initiative", "create"),
    "measure": ("measure", "create"),
    "observation": ("observation", "create"),
    "cycle": ("cycle", "add"),
}


@dataclass
class Acknowledged:
    """What a writer reported as committed, by kind; and any error lines it sent."""

    ids: dict[str, set[int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def add_line(self, line: str) -> None:
        kind, _, rest = line.partition(" ")
        if kind == "error":
            self.errors.append(rest)
        elif kind:
            self.ids.setdefault(kind, set()).add(int(rest))

    def count(self, kind: str) -> int:
        return len(self.ids.get(kind, set()))


def acknowledge(channel: int, kind: str, row_id: int | None) -> None:
    os.write(channel, f"{kind} {row_id}\n".encode())


def fork_writer(work: Callable[[int], None]) -> tuple[int, int]:
    """Run ``work(channel)`` in a forked child; returns (pid, the read end of its channel)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            work(write_end)
        except BaseException:
            traceback.print_exc()
            with contextlib.suppress(OSError):
                os.write(write_end, f"error {traceback.format_exc(limit=1)!r}\n".encode())
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def collect(channels: list[int], until: float, into: Acknowledged) -> None:
    """Read acknowledgement lines from ``channels`` until the monotonic time ``until``."""
    buffers = {channel: b"" for channel in channels}
    open_channels = list(channels)
    while open_channels:
        left = until - time.monotonic()
        if left <= 0:
            break
        ready, _, _ = select.select(open_channels, [], [], left)
        for channel in ready:
            chunk = os.read(channel, 65536)
            if not chunk:
                open_channels.remove(channel)
                continue
            buffers[channel] += chunk
            *lines, buffers[channel] = buffers[channel].split(b"\n")
            for line in lines:
                into.add_line(line.decode())


def drain(channel: int, into: Acknowledged) -> None:
    """Read what a stopped writer left in its pipe, then close it."""
    collect([channel], time.monotonic() + 5, into)
    os.close(channel)


def stop(pid: int, how: int = signal.SIGKILL) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, how)
    os.waitpid(pid, 0)


# --- Writers ---------------------------------------------------------------------------------


def initiative_writer(path: Path, seed: int) -> Callable[[int], None]:
    """An initiative at a time through the services: created, a measure, observations, a
    phase move and cycles; each a transaction of its own, acknowledged after its commit."""

    def work(channel: int) -> None:
        from forbattra.store.database import Database
        from forbattra.store.services.cycles import add_cycle
        from forbattra.store.services.initiatives import create_initiative, move_to_phase
        from forbattra.store.services.measures import add_measure
        from forbattra.store.services.observations import add_observation

        chance = random.Random(seed)
        db = Database.open(str(path))
        for number in range(10_000):
            row = create_initiative(
                db,
                "skrivare",
                NewInitiative(title=f"Initiativ {seed}-{number}", method=Method.DMAIC),
            )
            acknowledge(channel, "initiative", row.id)
            measure = add_measure(db, "skrivare", row.id, NewMeasure(name="Väntetid", unit="dagar"))
            acknowledge(channel, "measure", measure.id)
            start = date(2025, 1, 1)
            for day in range(chance.randint(1, 4)):
                observation = add_observation(
                    db, "skrivare", measure.id, start + timedelta(days=day), chance.uniform(1, 30)
                )
                acknowledge(channel, "observation", observation.id)
            moved = move_to_phase(db, "skrivare", row.id, "measure")
            acknowledge(channel, "phase", moved.id)
            for _cycle in range(chance.randint(1, 2)):
                acknowledge(channel, "cycle", add_cycle(db, "skrivare", row.id).id)

    return work


# --- Checks ----------------------------------------------------------------------------------


def integrity(path: Path) -> tuple[list[str], list[tuple[object, ...]]]:
    """``PRAGMA integrity_check`` and ``foreign_key_check`` through a plain connection."""
    connection = sqlite3.connect(path)
    try:
        verdict = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        dangling = [tuple(row) for row in connection.execute("PRAGMA foreign_key_check")]
        return verdict, dangling
    finally:
        connection.close()


def rows(path: Path, sql: str, *args: object) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return [tuple(row) for row in connection.execute(sql, args)]
    finally:
        connection.close()


def ids(path: Path, table: str) -> set[int]:
    return {int(str(row[0])) for row in rows(path, f"SELECT id FROM {table}")}


def rows_without_their_event(path: Path) -> dict[str, set[int]]:
    """Rows whose creating transaction left no event: a half-written change."""
    missing: dict[str, set[int]] = {}
    for table, (entity, action) in EVENT_ENTITIES.items():
        logged = {
            int(str(row[0]))
            for row in rows(
                path, "SELECT entity_id FROM event WHERE entity = ? AND action = ?", entity, action
            )
        }
        lacking = ids(path, table) - logged
        if lacking:
            missing[table] = lacking
    return missing


def cli(*args: str, db: Path, timeout: float = 60, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the real ``forbattra`` command line in a new process, in English."""
    environment = {
        **os.environ,
        "FORBATTRA_LANG": "en",
        "FORBATTRA_USER": "tester",
        "COLUMNS": "200",
        **env,
    }
    environment.pop("FORBATTRA_DEBUG", None)
    return subprocess.run(
        [*FORBATTRA, "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=environment,
        cwd=ROOT,
        check=False,
    )


@contextlib.contextmanager
def write_lock_held(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program's write transaction, open for as long as the block runs."""
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        yield holder
        holder.execute("COMMIT")
    finally:
        holder.close()


def mount_tmpfs(folder: Path, size: str) -> bool:
    """Mount a tiny tmpfs on ``folder`` (needs root and permission to mount); True on success."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return False
    folder.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return result.returncode == 0


def unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True, check=False)


def counting_writer(path: Path, initiative_id: int, measure_id: int) -> Callable[[int], None]:
    """Read-then-write in one transaction (the next value is the number of values so far),
    and a typist's autosave: read the answer, then save it against the version it read."""

    def work(channel: int) -> None:
        from sqlalchemy import func, select

        from forbattra.store.database import Database
        from forbattra.store.engine import write_session
        from forbattra.store.models import Observation
        from forbattra.store.services.events import record
        from forbattra.store.services.initiatives import set_answer
        from forbattra.store.services.workspace import load_workspace

        db = Database.open(str(path))
        for number in range(1_000_000):
            with write_session(db.engine) as session:
                so_far = session.execute(
                    select(func.count())
                    .select_from(Observation)
                    .where(Observation.measure_id == measure_id)  # type: ignore[arg-type]
                ).scalar_one()
                row = Observation(
                    measure_id=measure_id,
                    observed_on=date(2020, 1, 1) + timedelta(days=so_far),
                    value=float(so_far),
                )
                session.add(row)
                session.flush()
                record(
                    session,
                    "räknare",
                    initiative_id=initiative_id,
                    entity="observation",
                    entity_id=row.id,
                    action="create",
                )
                counted = row.id
            acknowledge(channel, "counted", counted)
            seen = load_workspace(db, initiative_id).answer("define", "problem")
            saved = set_answer(
                db,
                "räknare",
                initiative_id,
                "define",
                "problem",
                f"Version {number}",
                expected_version=seen.version,
            )
            acknowledge(channel, "answer", saved.version)

    return work


def wait_for(channel: int, into: Acknowledged, kind: str, count: int, timeout: float = 10) -> None:
    """Read acknowledgements until ``count`` of ``kind`` have come (or ``timeout`` passes)."""
    deadline = time.monotonic() + timeout
    while into.count(kind) < count and time.monotonic() < deadline:
        collect([channel], min(deadline, time.monotonic() + 0.02), into)
