"""The provider-neutral half of fault injection: a numbered, ordered book of faults and the
checks every sandbox makes on a new one. What a fault does on the wire stays in each provider."""
from __future__ import annotations

import itertools
import threading
from dataclasses import asdict
from typing import Any, Generic, Protocol, TypeVar


class FaultJson:
    """Mixin for a fault dataclass: its fields as JSON."""

    __slots__ = ()

    def to_json(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


class ArmedAfterSuccesses(FaultJson):
    """Mixin for a fault that fires once ``after_calls`` matching calls have succeeded,
    ``times`` times (None: forever); the dataclass has ``succeeded`` and ``fired``."""

    __slots__ = ()
    succeeded: int
    fired: int
    after_calls: int
    times: int | None

    def is_armed(self) -> bool:
        return self.succeeded >= self.after_calls and (self.times is None or self.fired < self.times)


class _Identified(Protocol):
    fault_id: str


F = TypeVar("F", bound=_Identified)


class FaultBook(Generic[F]):
    """The injected faults, in the order given; ids ``fault-1``, ``fault-2``…"""

    def __init__(self) -> None:
        self._faults: list[F] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def _next_id(self) -> str:
        return f"fault-{next(self._ids)}"

    def _add(self, fault: F) -> str:
        self._faults.append(fault)
        return fault.fault_id

    def all(self) -> list[F]:
        with self._lock:
            return list(self._faults)

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()


M = TypeVar("M", bound=ArmedAfterSuccesses)


class SuccessCountingBook(FaultBook[M]):
    """Faults armed by successes: ``fire`` picks the first armed match, ``note_success`` counts a
    good call toward every matching fault's ``after_calls``. Callers hold the registry lock."""

    def fire(self, *call: str) -> M | None:
        """The first armed fault matching this call, counted as fired; None to let it pass."""
        for fault in self._faults:
            if fault.matches(*call) and fault.is_armed():  # type: ignore[attr-defined]
                fault.fired += 1
                return fault
        return None

    def note_success(self, *call: str) -> None:
        for fault in self._faults:
            if fault.matches(*call) and fault.succeeded < fault.after_calls:  # type: ignore[attr-defined]
                fault.succeeded += 1


def check_kind(kind: str, kinds: tuple[str, ...]) -> None:
    if kind not in kinds:
        raise ValueError(f"kind must be one of {', '.join(kinds)}, got {kind!r}.")


def check_counts(after_calls: int, times: int | None, seconds: float) -> None:
    if after_calls < 0 or (times is not None and times < 1) or seconds < 0:
        raise ValueError("after_calls and seconds must be 0 or more, times 1 or more (null: forever).")
