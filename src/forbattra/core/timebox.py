"""A workshop's timebox ("10 minutes: causes"): what is left, paused or not, extended, over.

Pure and clock-agnostic: every question takes the time now (seconds from any monotonic
clock), so the app can pass ``time.monotonic()`` and the tests a clock they move by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from forbattra.i18n import _

MAX_MINUTES = 600
"""The longest timebox: ten hours is a whole workshop day and then some."""


class TimeboxError(ValueError):
    """A timebox that cannot be started or extended; the message says why, for the user."""


def _not_positive() -> TimeboxError:
    return TimeboxError(_("The minutes must be more than zero."))


def _too_long() -> TimeboxError:
    return TimeboxError(_("A timebox can be at most {limit} minutes.").format(limit=MAX_MINUTES))


def _not_a_number() -> TimeboxError:
    return TimeboxError(_("Write the minutes as a number, like 10, 2,5 or 1:30."))


@dataclass(frozen=True)
class Timebox:
    """One running (or paused) timebox.

    ``started`` is when it began; ``paused_at`` is when it was paused (None while running);
    ``paused_for`` is the paused time before the current pause. Immutable: the actions return
    a new timebox, so the widget can compare and redraw.
    """

    label: str
    seconds: float
    started: float
    paused_at: float | None = None
    paused_for: float = 0.0

    @classmethod
    def start(cls, label: str, minutes: float, now: float) -> Timebox:
        if not minutes > 0:
            raise _not_positive()
        if minutes > MAX_MINUTES:
            raise _too_long()
        return cls(label=" ".join(label.split()), seconds=minutes * 60, started=now)

    @property
    def paused(self) -> bool:
        return self.paused_at is not None

    def elapsed(self, now: float) -> float:
        """Seconds that counted: the time since the start, less every pause."""
        end = self.paused_at if self.paused_at is not None else now
        return max(0.0, end - self.started - self.paused_for)

    def remaining(self, now: float) -> float:
        """Seconds left; zero once it is over (never negative)."""
        return max(0.0, self.seconds - self.elapsed(now))

    def overrun(self, now: float) -> float:
        """Seconds past the end (zero while time is left), for "2 min over"."""
        return max(0.0, self.elapsed(now) - self.seconds)

    def finished(self, now: float) -> bool:
        return self.elapsed(now) >= self.seconds

    def pause(self, now: float) -> Timebox:
        return self if self.paused else replace(self, paused_at=now)

    def resume(self, now: float) -> Timebox:
        if self.paused_at is None:
            return self
        return replace(self, paused_at=None, paused_for=self.paused_for + (now - self.paused_at))

    def toggle(self, now: float) -> Timebox:
        return self.resume(now) if self.paused else self.pause(now)

    def extend(self, minutes: float, now: float) -> Timebox:
        """More time. On a timebox that is already over, the extra time counts from now, so
        "+1 min" after the end gives the room one more minute, not what is left of it."""
        if not minutes > 0:
            raise _not_positive()
        over = self.overrun(now)
        seconds = self.seconds + over + minutes * 60
        if seconds > MAX_MINUTES * 60:
            raise _too_long()
        return replace(self, seconds=seconds)


def clock_text(seconds: float) -> str:
    """Seconds as the dock shows them: "9:05", "1:02:03"; rounded up, so "0:00" means over."""
    whole = int(-(-seconds // 1))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def parse_minutes(text: str) -> float:
    """What someone typed as minutes: "10", "2.5", "2,5" (Swedish decimal comma), "1:30"."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        raise _not_a_number()
    try:
        if ":" in cleaned:
            minutes, _, seconds = cleaned.partition(":")
            if not seconds.isdigit() or int(seconds) >= 60:
                raise _not_a_number()
            value = int(minutes or "0") + int(seconds) / 60
        else:
            value = float(cleaned)
    except ValueError:
        raise _not_a_number() from None
    if not value > 0 or value != value:  # NaN
        raise _not_positive()
    if value > MAX_MINUTES:
        raise _too_long()
    return value
