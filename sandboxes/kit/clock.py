"""The sandbox's notion of "now": real time plus an offset that tests may move."""
from __future__ import annotations

import threading
import time


class SandboxClock:
    """Real wall-clock time shifted by an adjustable offset.

    Everything time-related in a sandbox reads this clock (in Temu's: the ±300 s timestamp window,
    token expiry, order ``updateTime`` and ``parentOrderTime``). Rate limiting does not: it
    runs on the host's monotonic clock, so moving the sandbox clock never frees quota.
    """

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    @property
    def offset(self) -> float:
        """Seconds the sandbox clock runs ahead of real time (negative: behind)."""
        return self._offset

    def time(self) -> float:
        """Sandbox time as Unix seconds with a fraction."""
        return time.time() + self._offset

    def now(self) -> int:
        """Sandbox time as whole Unix seconds, the unit Temu uses on the wire."""
        return int(self.time())

    def advance(self, seconds: float) -> int:
        """Move the clock by ``seconds`` (may be negative) and return the new ``now()``."""
        with self._lock:
            self._offset += float(seconds)
        return self.now()

    def reset(self) -> None:
        """Back to real time."""
        with self._lock:
            self._offset = 0.0
