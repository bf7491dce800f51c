"""Injected slowness: hold every gateway answer before it is sent, as a slow or hung Temu would.

The call is served (and logged, with its arrival time) first, so the call log says when each
call reached the sandbox however long its answer is held.
"""
from __future__ import annotations

import threading
import time

MAX_HOLD_S = 120.0  # a frozen answer is let go after this, so no sandbox thread hangs forever


class Latency:
    """``delay(s)``: each answer waits ``s`` seconds; ``freeze()``: until ``thaw()``."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._delay_s, self._frozen = 0.0, False

    def delay(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError(f"seconds must be 0 or more, got {seconds!r}.")
        with self._changed:
            self._delay_s = float(seconds)
            self._changed.notify_all()

    def freeze(self) -> None:
        with self._changed:
            self._frozen = True

    def thaw(self) -> None:
        """Back to normal: no delay, and every held answer goes out now."""
        with self._changed:
            self._delay_s, self._frozen = 0.0, False
            self._changed.notify_all()

    def hold(self) -> None:
        started = time.monotonic()
        with self._changed:
            while True:
                waited = time.monotonic() - started
                left = MAX_HOLD_S - waited if self._frozen else self._delay_s - waited
                if left <= 0 or waited >= MAX_HOLD_S:
                    return
                self._changed.wait(left)
