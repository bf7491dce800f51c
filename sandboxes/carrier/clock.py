"""The sandbox's notion of "now": real time plus an offset tests may move."""
from __future__ import annotations

import threading
import time


class SandboxClock:
    """Wall-clock time shifted by an adjustable offset; "time to track" reads it."""

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()

    def time(self) -> float:
        return time.time() + self._offset

    def advance(self, seconds: float) -> float:
        with self._lock:
            self._offset += float(seconds)
        return self.time()

    def reset(self) -> None:
        with self._lock:
            self._offset = 0.0
