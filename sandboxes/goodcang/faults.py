"""Injected faults: make matching calls misbehave on purpose, after a number of good ones.

Kinds: ``refuse`` (``ask: Failure`` with ``code``/``message``), ``rate_limit`` (HTTP 429) and
``server_error`` (HTTP ``status``, 500 by default) answer instead of serving the call. The call
takes effect and then: ``delay`` holds the answer ``seconds``; ``lose_response`` holds the
connection ``seconds`` and closes it without an answer; ``malformed`` answers a body that is not
JSON.
"""
from __future__ import annotations

from dataclasses import dataclass

from sandboxes.kit.faults import ArmedAfterSuccesses, SuccessCountingBook, check_counts, check_kind

KINDS = ("refuse", "rate_limit", "server_error", "delay", "lose_response", "malformed")
AFTER_SERVING = ("delay", "lose_response", "malformed")


@dataclass(slots=True)
class Fault(ArmedAfterSuccesses):
    fault_id: str
    kind: str
    path: str | None
    after_calls: int
    times: int | None
    code: int | str
    message: str
    seconds: float
    status: int
    succeeded: int = 0
    fired: int = 0

    def matches(self, path: str) -> bool:
        return self.path in (None, path)


class FaultBook(SuccessCountingBook[Fault]):
    """Callers hold the registry lock."""

    def inject(self, kind: str, *, path: str | None = None, after_calls: int = 0, times: int | None = None,
               code: int | str = "500", message: str = "", seconds: float = 0.0, status: int = 500) -> str:
        check_kind(kind, KINDS)
        check_counts(after_calls, times, seconds)
        if kind == "server_error" and not 500 <= status <= 599:
            raise ValueError(f"status of a server_error must be 5xx, got {status}.")
        fault = Fault(self._next_id(), kind, (path or "").strip("/") or None, after_calls, times,
                      code, message or "系统繁忙,请稍后重试 (injected fault)", seconds, status)
        return self._add(fault)
