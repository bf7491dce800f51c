"""Injected faults: make matching operations misbehave on purpose, after a number of good calls.

Kinds: ``refuse`` answers ``status`` with the SP-API error shape; ``throttle`` answers 429;
``malformed`` answers 200 with a body that is not JSON; ``delay`` waits ``seconds`` and then
serves the call; ``lose`` serves the call (an order is created) and then holds the connection
``seconds`` and closes it unanswered, as a response lost on the way back.
"""
from __future__ import annotations

from dataclasses import dataclass

from sandboxes.kit.faults import FaultBook as _Book
from sandboxes.kit.faults import FaultJson, check_counts, check_kind

KINDS = ("refuse", "throttle", "malformed", "delay", "lose")


@dataclass(slots=True)
class Fault(FaultJson):
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


class FaultBook(_Book[Fault]):
    """Callers hold the registry lock."""

    def inject(self, kind: str, operation: str | None = None, *, after_calls: int = 0, times: int | None = 1,
               status: int = 500, code: str = "InternalFailure",
               message: str = "We encountered an internal error. Please try again.",
               seconds: float = 5.0) -> str:
        check_kind(kind, KINDS)
        check_counts(after_calls, times, seconds)
        if kind == "refuse" and not 400 <= status <= 599:
            raise ValueError("A refusal's status must be an HTTP error status (400-599).")
        fault = Fault(self._next_id(), kind, operation, after_calls, times, status, code, message,
                      seconds)
        return self._add(fault)

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
