"""One upload of tracking to Temu (订单标发): a platform order and the orders merged with it,
from the gate to Temu's answer (MARK-1).

States: WAITING_FOR_PACKAGES (a package has no tracking yet) → READY (the gate passed; a person
marks it, or automatic marking does) → UPLOADING (requested: the worker sends; an attempt is
counted, committed, before each call, so a worker that finds attempts made asks Temu first)
→ UPLOADED. RETRYING: Temu was busy or unreachable, the worker tries again. FAILED: refused,
with the reason in words; a person fixes it and retries. CONFLICT: Temu already holds other
tracking numbers for the order; never overwritten. UPLOADED_ELSEWHERE: the order sync saw Temu
ship the order though nothing of this ERP may have reached Temu (marked in the seller centre):
out of the queue, nothing sent.
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
    UPLOADED_ELSEWHERE = "UPLOADED_ELSEWHERE"


IN_FLIGHT = frozenset({UploadState.UPLOADING, UploadState.RETRYING})
DONE = frozenset({UploadState.UPLOADED, UploadState.UPLOADED_ELSEWHERE})
SETTLED = IN_FLIGHT | DONE  # the gate is not asked again
SHIPPED_OUTSIDE_ERP = "SHIPPED_OUTSIDE_ERP"
RETRYABLE_BY_A_PERSON = frozenset({UploadState.FAILED, UploadState.CONFLICT, UploadState.READY})


def upload_id(order_ids: tuple[str, ...]) -> str:
    """One upload per platform order: keyed by the first order of its group, which every
    member's gate reaches."""
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
        self.attempts = 0  # calls that may have reached Temu
        self.automatic = False
        self.created_at = now
        self.updated_at = now
        self.version = 1
        self.events: list[Event] = []

    def ready(self, *, order_ids: tuple[str, ...], parent_order_sns: tuple[str, ...], send_type: int,
              tracking_numbers: tuple[str, ...], now: datetime) -> None:
        """The gate passed. Nothing changes for an upload already on its way or done."""
        if self.state in SETTLED:
            return
        self.order_ids, self.parent_order_sns, self.send_type = order_ids, parent_order_sns, send_type
        self.tracking_numbers = tracking_numbers
        if self.state not in (UploadState.FAILED, UploadState.CONFLICT):
            self._move(UploadState.READY, "", "", now)

    def request(self, *, automatic: bool, now: datetime) -> bool:
        """Send it (after ``ready``). False, and nothing changes, when on its way or done."""
        if self.state in SETTLED:
            return False
        if self.state is UploadState.WAITING_FOR_PACKAGES:
            raise PreconditionFailed(f"Upload {self.id} waits for packages: {self.message}",
                                     reason="NOT_ALL_PACKAGES_TRACKED", subject=f"uploads/{self.id}")
        self.automatic = automatic
        self._move(UploadState.UPLOADING, "", "", now)
        self.events.append(UploadRequested(self.id, self.shop_id))
        return True

    def reopen(self, now: datetime) -> None:
        """A person fixed what failed (or checked a conflict): the gate decides again."""
        if self.state in (UploadState.FAILED, UploadState.CONFLICT):
            self._move(UploadState.READY, "", "", now)

    def wait(self, reason: str, message: str, now: datetime) -> None:
        if self.state not in SETTLED:
            self._move(UploadState.WAITING_FOR_PACKAGES, reason, message, now)

    def begin_attempt(self, now: datetime) -> bool:
        """Committed before the call. True when an earlier attempt may have reached Temu: the
        worker asks Temu what it holds before sending again."""
        if self.state not in IN_FLIGHT:
            raise PreconditionFailed(f"Upload {self.id} is {self.state.value}: only a requested upload is sent.",
                                     reason="UPLOAD_NOT_REQUESTED", subject=f"uploads/{self.id}")
        maybe_sent = self.attempts > 0
        self.attempts += 1
        self.updated_at = now
        return maybe_sent

    def shipped_elsewhere(self, now: datetime) -> bool:
        """Temu has the order shipped, by the order sync, though this ERP did not upload it. An
        upload that may have reached Temu and is still on its way is left to the worker (it reads
        back what Temu holds: ours is UPLOADED, other numbers a CONFLICT); a conflict stays for a
        person. True when the upload left the queue now."""
        if self.state in DONE or self.state is UploadState.CONFLICT:
            return False
        if self.state in IN_FLIGHT and self.attempts > 0:
            return False
        self._move(UploadState.UPLOADED_ELSEWHERE, SHIPPED_OUTSIDE_ERP,
                   "Temu has this order shipped already: it was marked outside this ERP (e.g. in Temu's seller "
                   "centre), so nothing was sent from here.", now)
        return True

    def correct_tracking(self, old: str, new: str, now: datetime) -> None:
        """Temu took ``new`` in place of ``old`` (UpdateTracking)."""
        self.tracking_numbers = tuple(sorted(new if n == old else n for n in self.tracking_numbers))
        self.message = f"Tracking number {old} corrected to {new} at Temu."
        self.updated_at = now

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
