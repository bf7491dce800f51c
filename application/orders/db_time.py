"""The database clock, read once and carried forward on a local monotonic clock."""
from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta


class DatabaseTime:
    """``DatabaseTime(uow.db_now()).now()``: the database clock without asking the database again.

    Leases are compared on the database clock, because the workers run on several machines. A
    sync reads it once per call and carries it forward on ``monotonic`` (seconds, never going
    back): over one call of a few minutes the local clock drifts by microseconds. Built right
    after the reading, ``now()`` lags the database clock by the time the reading took, so a lease
    is never taken early nor believed to last longer than it does.
    """

    def __init__(self, reading: datetime, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._reading, self._monotonic = reading, monotonic
        self._read_at = monotonic()

    def now(self) -> datetime:
        """The reading plus the monotonic time elapsed since; aware like the reading."""
        return self._reading + timedelta(seconds=self._monotonic() - self._read_at)
