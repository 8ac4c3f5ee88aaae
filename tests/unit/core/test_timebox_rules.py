"""The timebox's arithmetic with a clock moved by hand: remaining, pauses, more time, the end."""

from __future__ import annotations

import pytest

from forbattra.core.timebox import MAX_MINUTES, Timebox, TimeboxError, clock_text, parse_minutes

pytestmark = pytest.mark.usefixtures("english")


def test_time_runs_down_pauses_and_ends() -> None:
    box = Timebox.start("  Orsaker   i grupp ", 10, now=100.0)
    assert box.label == "Orsaker i grupp"
    assert box.remaining(100.0) == 600
    assert box.remaining(160.0) == 540
    box = box.pause(160.0)
    assert box.paused and box.remaining(400.0) == 540  # a pause stops the clock
    assert box.pause(500.0) == box  # pausing twice changes nothing
    box = box.resume(400.0)
    assert not box.paused and box.remaining(460.0) == 480
    assert not box.finished(939.0)
    assert box.finished(940.0) and box.remaining(2000.0) == 0
    assert box.overrun(1000.0) == 60


def test_more_time_counts_from_now_once_the_time_is_up() -> None:
    box = Timebox.start("", 1, now=0.0)
    assert box.extend(5, now=30.0).remaining(30.0) == 330
    late = box.extend(1, now=90.0)  # 30 s over: one more minute from now
    assert late.remaining(90.0) == 60 and not late.finished(90.0)
    toggled = box.toggle(10.0)
    assert toggled.paused and not toggled.toggle(20.0).paused


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("10", 10), (" 2,5 ", 2.5), ("2.5", 2.5), ("1:30", 1.5), (":45", 0.75), ("600", 600)],
)
def test_minutes_as_people_type_them(typed: str, minutes: float) -> None:
    assert parse_minutes(typed) == minutes


@pytest.mark.parametrize("typed", ["", "tio", "0", "-3", "1:75", "1:x", "nan", "601", "inf"])
def test_minutes_that_are_refused(typed: str) -> None:
    with pytest.raises(TimeboxError):
        parse_minutes(typed)


def test_limits_when_starting_and_extending() -> None:
    with pytest.raises(TimeboxError, match="more than zero"):
        Timebox.start("x", 0, now=0)
    with pytest.raises(TimeboxError, match=str(MAX_MINUTES)):
        Timebox.start("x", MAX_MINUTES + 1, now=0)
    with pytest.raises(TimeboxError):
        Timebox.start("x", MAX_MINUTES, now=0).extend(1, now=0)


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (0.2, "0:01"), (59.5, "1:00"), (545, "9:05"), (3723, "1:02:03")],
)
def test_clock_text(seconds: float, shown: str) -> None:
    assert clock_text(seconds) == shown
