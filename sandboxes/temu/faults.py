"""Injected faults: make matching calls fail on purpose, after a number of good ones."""
from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass
from typing import Any

from sandboxes.temu.errors import message_for


@dataclass(slots=True)
class Fault:
    """Answer ``error_code`` to calls matching ``type``/``access_token`` (None: any), once
    ``after_calls`` matching calls have succeeded, ``times`` times (None: forever)."""

    fault_id: str
    error_code: int
    error_msg: str
    type: str | None
    access_token: str | None
    after_calls: int
    times: int | None
    succeeded: int = 0
    fired: int = 0

    def matches(self, type_: str, access_token: str) -> bool:
        return self.type in (None, type_) and self.access_token in (None, access_token)

    def is_armed(self) -> bool:
        return self.succeeded >= self.after_calls and (self.times is None or self.fired < self.times)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class FaultBook:
    """Callers hold the registry lock."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)

    def inject(self, *, error_code: int, type: str | None, access_token: str | None,
               after_calls: int, times: int | None, error_msg: str | None) -> str:
        if after_calls < 0 or (times is not None and times < 1):
            raise ValueError("after_calls must be 0 or more and times 1 or more (or null for "
                             "forever).")
        fault = Fault(f"fault-{next(self._ids)}", error_code, error_msg or message_for(error_code),
                      type, access_token, after_calls, times)
        self._faults.append(fault)
        return fault.fault_id

    def fire(self, type_: str, access_token: str) -> Fault | None:
        """The first armed fault matching this call, counted as fired; None to let it pass."""
        for fault in self._faults:
            if fault.matches(type_, access_token) and fault.is_armed():
                fault.fired += 1
                return fault
        return None

    def note_success(self, type_: str, access_token: str) -> None:
        for fault in self._faults:
            if fault.matches(type_, access_token) and fault.succeeded < fault.after_calls:
                fault.succeeded += 1

    def all(self) -> list[Fault]:
        return list(self._faults)

    def clear(self) -> None:
        self._faults.clear()
