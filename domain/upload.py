"""One upload of tracking to Temu (订单标发): a platform order and the orders merged with it,
from the request to Temu's answer (MARK-1).

States: READY (the gate passed, the worker will send) → UPLOADING (committed before the call:
a worker that finds it so after a crash asks Temu first) → UPLOADED. RETRYING: Temu was busy
or unreachable, the worker tries again later. FAILED: Temu refused, with its reason in words;
a person fixes it and retries. CONFLICT: Temu already holds other tracking numbers for the
order; never overwritten. WAITING_FOR_PACKAGES: asked for while a package has no tracking.
"""
from __future__ import annotations

from datetime import datetime
from enum import Enum

from domain.errors import PreconditionFailed
from domain.events import Event, UploadRequested


class UploadState(str, Enum):
    READY = "READY"
    WAITING_FOR_PACKAGES = "WAITING_FOR_PACKAGES"
    UPLOADING = "UPLOADING"
    UPLOADED = "UPLOADED"
    FAILED = "FAILED"
    RETRYING = "RETRYING"
    CONFLICT = "CONFLICT"


IN_FLIGHT = frozenset({UploadState.READY, UploadState.UPLOADING, UploadState.RETRYING})
DONE = frozenset({UploadState.UPLOADED})
RETRYABLE_BY_A_PERSON = frozenset({UploadState.FAILED, UploadState.CONFLICT, UploadState.WAITING_FOR_PACKAGES})


def upload_id(order_ids: tuple[str, ...]) -> str:
    """One upload per platform order: keyed by its first order, which every member reaches."""
    return f"up-{sorted(order_ids)[0]}"


class Upload:
    def __init__(self, *, id: str, shop_id: str, order_id: str, now: datetime) -> None:
        self.id = id
        self.shop_id = shop_id
        self.order_id = order_id  # the key order (``upload_id``); ``order_ids`` all it carries
        self.order_ids: tuple[str, ...] = (order_id,)
        self.parent_order_sns: tuple[str, ...] = ()
        self.send_type = -1
        self.tracking_numbers: tuple[str, ...] = ()
        self.state = UploadState.WAITING_FOR_PACKAGES
        self.reason = ""  # stable code: NOT_ALL_PACKAGES_TRACKED, Temu's refusal reason, ...
        self.message = ""  # the same in words a person acts on
        self.attempts = 0
        self.automatic = False
        self.created_at = now
        self.updated_at = now
        self.version = 1
        self.events: list[Event] = []

    def request(self, *, order_ids: tuple[str, ...], parent_order_sns: tuple[str, ...], send_type: int,
                tracking_numbers: tuple[str, ...], automatic: bool, now: datetime) -> bool:
        """The gate passed: the worker sends. False (nothing changes) when already on its way or
        done."""
        if self.state in IN_FLIGHT or self.state in DONE:
            return False
        self.order_ids, self.parent_order_sns, self.send_type = order_ids, parent_order_sns, send_type
        self.tracking_numbers, self.automatic = tracking_numbers, automatic
        self._move(UploadState.READY, "", "", now)
        self.events.append(UploadRequested(self.id))
        return True

    def wait(self, reason: str, message: str, now: datetime) -> None:
        if self.state in IN_FLIGHT or self.state in DONE:
            return
        self._move(UploadState.WAITING_FOR_PACKAGES, reason, message, now)

    def start(self, now: datetime) -> bool:
        """Before the call. True when an earlier attempt may have reached Temu (ask first)."""
        if self.state not in IN_FLIGHT:
            raise PreconditionFailed(f"Upload {self.id} is {self.state.value}: only a requested upload is sent.",
                                     reason="UPLOAD_NOT_REQUESTED", subject=f"uploads/{self.id}")
        maybe_sent = self.state is not UploadState.READY
        self.attempts += 1
        self._move(UploadState.UPLOADING, self.reason, self.message, now)
        return maybe_sent

    def succeed(self, now: datetime, message: str = "") -> None:
        self._move(UploadState.UPLOADED, "", message, now)

    def fail(self, reason: str, message: str, now: datetime) -> None:
        self._move(UploadState.FAILED, reason, message, now)

    def conflict(self, message: str, now: datetime) -> None:
        self._move(UploadState.CONFLICT, "TRACKING_CONFLICT", message, now)

    def retry_later(self, message: str, now: datetime) -> None:
        self._move(UploadState.RETRYING, "TEMU_UNAVAILABLE", message, now)

    def _move(self, to: UploadState, reason: str, message: str, now: datetime) -> None:
        self.state, self.reason, self.message, self.updated_at = to, reason, message, now
