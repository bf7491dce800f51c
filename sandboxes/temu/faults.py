"""Injected faults: make matching calls fail on purpose, after a number of good ones."""
from __future__ import annotations

from dataclasses import dataclass

from sandboxes.kit.faults import ArmedAfterSuccesses, SuccessCountingBook
from sandboxes.temu.errors import message_for


@dataclass(slots=True)
class Fault(ArmedAfterSuccesses):
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


class FaultBook(SuccessCountingBook[Fault]):
    """Callers hold the registry lock."""

    def inject(self, *, error_code: int, type: str | None, access_token: str | None,
               after_calls: int, times: int | None, error_msg: str | None) -> str:
        if after_calls < 0 or (times is not None and times < 1):
            raise ValueError("after_calls must be 0 or more and times 1 or more (or null for "
                             "forever).")
        fault = Fault(self._next_id(), error_code, error_msg or message_for(error_code),
                      type, access_token, after_calls, times)
        return self._add(fault)
