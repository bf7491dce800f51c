"""The database clock read once and carried forward on the local monotonic clock."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from application.orders.db_time import DatabaseTime

READING = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)


class Ticks:
    """A monotonic clock that reads the next of the given values on each call."""

    def __init__(self, *values: float) -> None:
        self._values = list(values)

    def __call__(self) -> float:
        return self._values.pop(0)


def test_right_after_the_reading_the_time_is_the_reading():
    assert DatabaseTime(READING, Ticks(500.0, 500.0)).now() == READING


def test_the_time_moves_on_from_the_reading_by_what_the_monotonic_clock_counted_since():
    db_time = DatabaseTime(READING, Ticks(500.0, 502.25, 561.0))

    first, second = db_time.now(), db_time.now()

    assert (first, second) == (READING + timedelta(seconds=2.25), READING + timedelta(seconds=61))
    assert second.tzinfo is timezone.utc


def test_by_default_it_counts_on_the_process_monotonic_clock():
    db_time = DatabaseTime(READING)

    assert READING <= db_time.now() < READING + timedelta(seconds=5)
