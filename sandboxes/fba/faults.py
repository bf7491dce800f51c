"""Injected faults: make matching operations misbehave on purpose, after a number of good calls.

Kinds: ``refuse`` answers ``status`` with the SP-API error shape; ``throttle`` answers 429;
``malformed`` answers 200 with a body that is not JSON; ``delay`` waits ``seconds`` and then
serves the call; ``lose`` serves the call (an order is created) and then holds the connection
``seconds`` and closes it unanswered, as a response lost on the way back.
"""
from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass
from typing import Any

KINDS = ("refuse", "throttle", "malformed", "delay", "lose")


@dataclass(slots=True)
class Fault:
    fault_id: str
    kind: str
    operation: str | None
    after_calls: int
    times: int | None
    status: int
    code: str
    message: str
    seconds: float
    seen: int = 0
    fired: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class FaultBook:
    """Callers hold the registry lock."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)

    def inject(self, kind: str, operation: str | None = None, *, after_calls: int = 0, times: int | None = 1,
               status: int = 500, code: str = "InternalFailure",
               message: str = "We encountered an internal error. Please try again.",
               seconds: float = 5.0) -> str:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}.")
        if after_calls < 0 or (times is not None and times < 1) or seconds < 0:
            raise ValueError("after_calls and seconds must be 0 or more, times 1 or more (null: forever).")
        if kind == "refuse" and not 400 <= status <= 599:
            raise ValueError("A refusal's status must be an HTTP error status (400-599).")
        fault = Fault(f"fault-{next(self._ids)}", kind, operation, after_calls, times, status, code, message,
                      seconds)
        self._faults.append(fault)
        return fault.fault_id

    def fire(self, operation: str) -> Fault | None:
        """The first armed fault for this call, counted as fired; None to serve it normally."""
        chosen = None
        for fault in self._faults:
            if fault.operation not in (None, operation):
                continue
            armed = fault.seen >= fault.after_calls and (fault.times is None or fault.fired < fault.times)
            if armed and chosen is None:
                fault.fired += 1
                chosen = fault
            elif not armed:
                fault.seen += 1
        return chosen

    def all(self) -> list[Fault]:
        return list(self._faults)

    def clear(self) -> None:
        self._faults.clear()
