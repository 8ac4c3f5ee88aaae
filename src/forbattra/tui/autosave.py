"""Saving by itself: nothing typed is lost, nothing someone else wrote is overwritten.

A screen owns one :class:`Autosaver`. Fields are written about a second after the typing
stops, when the field is left, when the phase changes, and before the screen or the app
closes. Writes run in one thread worker at a time, each naming the version it read: a
conflict with someone else's change becomes a question to the person, never an overwrite.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker

from forbattra.core.vocabulary import CycleDecision
from forbattra.i18n import _
from forbattra.tui.widgets.fields import Autosaving, Target

if TYPE_CHECKING:
    from forbattra.store.database import Database

DEBOUNCE_SECONDS = 1.0
RETRY_SECONDS = 3.0


@dataclass
class Outcome:
    """What became of one field's write."""

    field: Autosaving
    sent: str
    version: int | None = None
    stored: Any = None
    conflict_text: str | None = None
    conflict_version: int | None = None
    problem: str | None = None
    closed: bool = False  # someone closed the initiative: trying again cannot help


def write(
    db: Database,
    actor: str,
    initiative_id: int,
    target: Target,
    text: str,
    version: int | None,
    after_start: bool,
) -> tuple[int, Any]:
    """One field's write through its service; returns the new version and the stored object."""
    if target.kind == "answer":
        from forbattra.store.services.initiatives import set_answer

        answer = set_answer(
            db,
            actor,
            initiative_id,
            str(target.owner),
            target.field,
            text,
            expected_version=version,
        )
        return answer.version, answer
    if target.field in CYCLE_CHOICES:
        return _write_cycle_choice(db, actor, target, text, version)
    from forbattra.store.services.cycles import edit_cycle_text

    cycle = edit_cycle_text(
        db,
        actor,
        int(target.owner),
        target.field,
        text,
        expected_version=version,
        after_start=after_start,
    )
    return cycle.version, cycle


CYCLE_CHOICES = frozenset({"decision", "prediction_held", "dates"})
"""A cycle's values that are not texts but save the same way (one write of the row at a time)."""


def _write_cycle_choice(
    db: Database, actor: str, target: Target, text: str, version: int | None
) -> tuple[int, Any]:
    from forbattra.store.services import cycles
    from forbattra.tui.widgets.cycles import decode_dates

    cycle_id = int(target.owner)
    if target.field == "decision":
        cycle = cycles.set_cycle_decision(
            db, actor, cycle_id, CycleDecision(text) if text else None, expected_version=version
        )
    elif target.field == "prediction_held":
        cycle = cycles.set_prediction_held(
            db, actor, cycle_id, text or None, expected_version=version
        )
    else:
        started_on, finished_on = decode_dates(text)
        cycle = cycles.set_cycle_dates(
            db, actor, cycle_id, started_on, finished_on, expected_version=version
        )
    return cycle.version, cycle


def stored_text(target: Target, stored: Any) -> str:
    """A field's value in a stored answer or cycle, as the field holds it."""
    if target.kind == "answer":
        return str(stored.text)
    if target.field == "dates":
        from forbattra.tui.widgets.cycles import encode_dates

        return encode_dates(stored.started_on, stored.finished_on)
    value = getattr(stored, target.field)
    if target.field in CYCLE_CHOICES:
        return value.value if value is not None else ""
    return str(value)


class Autosaver:
    """Writes a screen's dirty fields; reports through ``status(kind, text)``.

    ``kind`` is ``saved``, ``pending``, ``saving`` or ``problem``. ``on_conflict(field,
    theirs)`` asks the person what to keep; ``on_saved(target, stored)`` lets the screen
    redraw from what was stored (a cycle's stage, for example).
    """

    def __init__(
        self,
        screen: Screen[Any],
        initiative_id: int,
        *,
        status: Callable[[str, str], None],
        on_conflict: Callable[[Autosaving, str], None],
        on_saved: Callable[[Target, Any], None] | None = None,
    ) -> None:
        self.screen = screen
        self.initiative_id = initiative_id
        self.versions: dict[tuple[str, str | int, str], int] = {}
        self._status = status
        self._on_conflict = on_conflict
        self._on_saved = on_saved
        self._timer: Timer | None = None
        self._retry: Timer | None = None
        self._worker: Worker[None] | None = None
        self._again = False
        self._pending = False
        self.problem: str | None = None
        self.writes = 0
        """How many writes have been stored: a read begun before the last one is stale."""

    # Which fields ------------------------------------------------------------------------------

    def fields(self) -> list[Autosaving]:
        return [w for w in self.screen.query("*") if isinstance(w, Autosaving)]

    def dirty(self) -> list[Autosaving]:
        return [f for f in self.fields() if f.is_dirty and not f.paused]

    @property
    def unsaved(self) -> bool:
        """True while anything typed is not stored (a conflict waiting for a decision too)."""
        return any(f.is_dirty for f in self.fields())

    @property
    def busy(self) -> bool:
        return self._worker is not None and self._worker.is_running

    def register(self, target: Target, version: int) -> None:
        """Remember the version a field's row had when it was read."""
        self.versions[target.entity] = version

    # When to write -----------------------------------------------------------------------------

    def edited(self, field: Autosaving) -> None:
        field.paused = False
        if not field.is_dirty:
            # Typed, then undone: back to what is stored. (Loading text changes nothing.)
            if self._pending and not self.busy and not self.dirty():
                self._report_saved()
            return
        self._pending = True
        self._status("pending", _("Unsaved changes…"))
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.screen.set_timer(DEBOUNCE_SECONDS, self.flush)

    def flush(self) -> None:
        """Write every dirty field now (after the write in progress, if there is one)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.busy:
            self._again = True
            return
        batch = [
            (field, field.value_to_save, self.versions.get(field.target.entity))
            for field in self.dirty()
        ]
        if not batch:
            return
        self._again = False
        self._status("saving", _("Saving…"))
        app = self.screen.app
        self._worker = app.run_worker(
            lambda: self._write(batch), thread=True, group="autosave", exit_on_error=False
        )

    async def save_now(self) -> bool:
        """Write everything and wait; True when nothing typed is left unsaved."""
        for _round in range(5):
            if self._worker is not None and self._worker.is_running:
                await self._worker.wait()
            if not self.dirty():
                break
            self.flush()
            if self._worker is not None:
                await self._worker.wait()
            if self.problem is not None:
                break
        return not self.unsaved

    # The write, in a thread -------------------------------------------------------------------

    def _write(self, batch: list[tuple[Autosaving, str, int | None]]) -> None:
        from forbattra.store.errors import Conflict, InitiativeClosed, StoreError

        app: Any = self.screen.app
        database = app.database
        actor = app.settings.user
        versions: dict[tuple[str, str | int, str], int | None] = {}
        outcomes = []
        for field, text, version in batch:
            target = field.target
            expected = versions.get(target.entity, version)
            outcome = Outcome(field, text)
            try:
                outcome.version, outcome.stored = write(
                    database,
                    actor,
                    self.initiative_id,
                    target,
                    text,
                    expected,
                    field.after_start,
                )
                versions[target.entity] = outcome.version
            except Conflict as conflict:
                current = conflict.current
                if current is None:
                    outcome.problem = str(conflict)
                else:
                    outcome.conflict_text = stored_text(target, current)
                    outcome.conflict_version = int(current.version)  # type: ignore[attr-defined]
            except StoreError as error:
                outcome.problem = str(error)
                outcome.closed = isinstance(error, InitiativeClosed)
            outcomes.append(outcome)
        app.call_from_thread(self._done, outcomes)

    def _done(self, outcomes: list[Outcome]) -> None:
        # This write is over (its thread only waits for this call), so a flush below may start
        # the next one: while the worker still counted as busy, a change made meanwhile waited.
        self._worker = None
        self.problem = None
        retry = False
        if any(outcome.version is not None for outcome in outcomes):
            self.writes += 1
        for outcome in outcomes:
            field, target = outcome.field, outcome.field.target
            if outcome.version is not None:
                field.saved = outcome.sent
                self.versions[target.entity] = outcome.version
                if self._on_saved is not None:
                    self._on_saved(target, outcome.stored)
            elif outcome.conflict_text is not None and outcome.conflict_version is not None:
                self.versions[target.entity] = outcome.conflict_version
                if outcome.conflict_text == field.saved:
                    retry = True  # they changed another part of the row: no clash here
                elif outcome.conflict_text == outcome.sent:
                    field.saved = outcome.sent  # they chose the same: nothing to ask about
                else:
                    field.paused = True
                    self._on_conflict(field, outcome.conflict_text)
            elif outcome.problem is not None:
                self.problem = outcome.problem
        if self.problem is not None:
            self._status("problem", _("Not saved: {reason}").format(reason=self.problem))
            if any(outcome.closed for outcome in outcomes):
                # Closed meanwhile by someone else: read it again, so the fields lock (what
                # was typed stays on screen, and leaving warns that it is not saved).
                reload = getattr(self.screen, "reload", None)
                if callable(reload):
                    reload()
            elif self._retry is None:
                self._retry = self.screen.set_timer(RETRY_SECONDS, self._retry_now)
        elif retry or self._again or self.dirty():
            self.flush()
        elif any(field.paused for field in self.fields()):
            self._status("problem", _("Not saved: someone else changed it too."))
        else:
            self._report_saved()

    def _retry_now(self) -> None:
        self._retry = None
        self.flush()

    def _report_saved(self) -> None:
        self._pending = False
        self._status("saved", _("Saved {time}").format(time=datetime.now().strftime("%H:%M:%S")))

    # Conflicts ---------------------------------------------------------------------------------

    def keep_mine(self, field: Autosaving) -> None:
        """Write this person's text over the other one, knowingly (the log keeps both)."""
        field.paused = False
        self.flush()

    def take_theirs(self, field: Autosaving, theirs: str) -> None:
        field.paused = False
        field.show_text(theirs)
        self.edited(field)
