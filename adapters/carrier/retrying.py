"""Bounded retries under a deadline (the operation's, or the request's when sooner:
``adapters.deadline``), honouring the carrier's ``Retry-After``.

A failure that may have taken effect (a timeout or 5xx on a purchase) is never simply
repeated: the caller's ``adopt`` asks the carrier what happened first, and only a clear
"nothing happened" lets the request go again.
"""
from __future__ import annotations

import random
import time
from typing import Any, Callable, TypeVar

from adapters import deadline as request_deadline
from adapters.carrier.config import ShippoConfig
from adapters.carrier.errors import Outcome, unavailable

T = TypeVar("T")
BACKOFF_BASE_S = 0.25
BACKOFF_CAP_S = 8.0


class Deadline:
    def __init__(self, seconds: float, clock: Callable[[], float]) -> None:
        self._clock, self._end = clock, clock() + seconds

    def remaining(self) -> float:
        return self._end - self._clock()


class Retrier:
    def __init__(self, config: ShippoConfig, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic, jitter: Callable[[], float] = random.random) -> None:
        self._config, self._sleep, self._clock, self._jitter = config, sleep, clock, jitter

    def deadline(self) -> Deadline:
        """An operation's: ``deadline_s``, or sooner when the request it serves must end sooner."""
        return Deadline(request_deadline.bounded(self._config.deadline_s), self._clock)

    def run(self, send: Callable[[float], Outcome], parse: Callable[[dict[str, Any]], T], deadline: Deadline, *,
            adopt: Callable[[], T | None] | None = None, repeat_safe: bool = True) -> T:
        """``send(timeout_s)`` until it succeeds, a failure is final, retries or the deadline run out.

        ``adopt`` is asked after an ambiguous failure; what it returns is the answer, and None
        means the call did not take effect. Without ``adopt``, ambiguous failures of a call that
        is not ``repeat_safe`` are final.
        """
        attempt = 0
        while True:
            remaining = deadline.remaining()
            if remaining <= 0:
                raise unavailable("too slow for this call's deadline", "the carrier API",
                                  retry_after_s=BACKOFF_CAP_S)
            outcome = send(min(self._config.timeout_s, remaining))
            if outcome.data is not None:
                return parse(outcome.data)
            if outcome.ambiguous and adopt is not None:
                adopted = adopt()
                if adopted is not None:
                    return adopted
            elif outcome.ambiguous and not repeat_safe:
                raise outcome.error  # type: ignore[misc]
            if not outcome.retryable or attempt >= self._config.max_retries:
                raise outcome.error  # type: ignore[misc]
            delay = self._delay(outcome, attempt)
            if delay >= deadline.remaining():
                raise outcome.error  # type: ignore[misc]  # waiting would overrun the deadline
            self._sleep(delay)
            attempt += 1

    def _delay(self, outcome: Outcome, attempt: int) -> float:
        """The carrier's Retry-After when it gave one; else exponential backoff with full jitter."""
        if outcome.retry_after_s is not None:
            return outcome.retry_after_s
        return self._jitter() * min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** attempt)
