"""Injected faults: make matching API calls misbehave on purpose, ``times`` times.

Kinds: ``status`` answers an HTTP error (429 carries ``Retry-After``) without doing the call;
``delay`` sleeps ``delay_s`` (after doing the call when ``effect``, so a client that times out
has still bought the label); ``malformed`` answers a truncated JSON body; ``drop`` closes the
connection without answering; ``unknown_status`` answers a ``status`` value outside the enum.
Label documents (path ``/labels``) take ``status``, ``delay`` and ``drop``.
"""
from __future__ import annotations

from dataclasses import dataclass

from sandboxes.kit.faults import FaultBook as _Book
from sandboxes.kit.faults import FaultJson, check_kind

KINDS = ("status", "delay", "malformed", "drop", "unknown_status")


@dataclass(slots=True)
class Fault(FaultJson):
    fault_id: str
    kind: str
    method: str | None  # None: any method
    path: str  # a prefix such as "/transactions"
    times: int | None  # None: forever
    after_calls: int
    status: int
    retry_after_s: int
    delay_s: float
    effect: bool  # the call takes effect before the fault answers
    value: str  # the status shown by unknown_status
    seen: int = 0
    fired: int = 0


class FaultBook(_Book[Fault]):
    """Thread-safe on its own lock."""

    def inject(self, kind: str, *, path: str = "/", method: str | None = None, times: int | None = 1,
               after_calls: int = 0, status: int = 503, retry_after_s: int = 1, delay_s: float = 0.0,
               effect: bool | None = None, value: str = "PRINTING") -> str:
        check_kind(kind, KINDS)
        if (times is not None and times < 1) or after_calls < 0 or delay_s < 0 or retry_after_s < 0:
            raise ValueError("times must be 1 or more (or null), after_calls, delay_s and retry_after_s 0 or more.")
        if kind == "status" and not 400 <= status <= 599:
            raise ValueError("status must be an HTTP error status (400-599).")
        with self._lock:
            fault = Fault(self._next_id(), kind, method.upper() if method else None, path, times,
                          after_calls, status, retry_after_s, delay_s,
                          kind != "status" if effect is None else effect, value)
            return self._add(fault)

    def fire(self, method: str, path: str) -> Fault | None:
        """The first armed fault matching this call, counted as fired; None to let it pass."""
        with self._lock:
            chosen = None
            for fault in self._faults:
                if fault.method not in (None, method) or not path.startswith(fault.path):
                    continue
                fault.seen += 1
                armed = fault.seen > fault.after_calls and (fault.times is None or fault.fired < fault.times)
                if armed and chosen is None:
                    fault.fired += 1
                    chosen = fault
            return chosen
