"""Injected faults: make matching calls misbehave on purpose, after a number of good ones.

Kinds: ``refuse`` (``ask: Failure`` with ``code``/``message``), ``rate_limit`` (HTTP 429) and
``server_error`` (HTTP ``status``, 500 by default) answer instead of serving the call. The call
takes effect and then: ``delay`` holds the answer ``seconds``; ``lose_response`` holds the
connection ``seconds`` and closes it without an answer; ``malformed`` answers a body that is not
JSON.
"""
from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass
from typing import Any

KINDS = ("refuse", "rate_limit", "server_error", "delay", "lose_response", "malformed")
AFTER_SERVING = ("delay", "lose_response", "malformed")


@dataclass(slots=True)
class Fault:
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

    def is_armed(self) -> bool:
        return self.succeeded >= self.after_calls and (self.times is None or self.fired < self.times)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class FaultBook:
    """Callers hold the registry lock."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)

    def inject(self, kind: str, *, path: str | None = None, after_calls: int = 0, times: int | None = None,
               code: int | str = "500", message: str = "", seconds: float = 0.0, status: int = 500) -> str:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {kind!r}.")
        if after_calls < 0 or (times is not None and times < 1) or seconds < 0:
            raise ValueError("after_calls and seconds must be 0 or more, times 1 or more (null: forever).")
        if kind == "server_error" and not 500 <= status <= 599:
            raise ValueError(f"status of a server_error must be 5xx, got {status}.")
        fault = Fault(f"fault-{next(self._ids)}", kind, (path or "").strip("/") or None, after_calls, times,
                      code, message or "系统繁忙,请稍后重试 (injected fault)", seconds, status)
        self._faults.append(fault)
        return fault.fault_id

    def fire(self, path: str) -> Fault | None:
        """The first armed fault matching this call, counted as fired; None to let it pass."""
        for fault in self._faults:
            if fault.matches(path) and fault.is_armed():
                fault.fired += 1
                return fault
        return None

    def note_success(self, path: str) -> None:
        for fault in self._faults:
            if fault.matches(path) and fault.succeeded < fault.after_calls:
                fault.succeeded += 1

    def all(self) -> list[Fault]:
        return list(self._faults)

    def clear(self) -> None:
        self._faults.clear()
