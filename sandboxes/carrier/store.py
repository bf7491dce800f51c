"""``CarrierStore``: the carrier's state and the operations the HTTP layer serves.

Thread-safe: every operation holds one lock. Validation errors and missing objects raise
``Invalid`` / ``Missing``, which the HTTP layer answers as Shippo does.
"""
from __future__ import annotations

import collections
import itertools
import threading
import time
import uuid
from typing import Any

from sandboxes.carrier import validation
from sandboxes.carrier.catalog import DEFAULT_ACCOUNTS, GRAMS_PER, CarrierAccount
from sandboxes.kit.clock import SandboxClock
from sandboxes.carrier.faults import FaultBook
from sandboxes.carrier.model import Rate, Refund, Shipment, Transaction
from sandboxes.carrier.validation import Invalid

DEFAULT_TOKEN = "shippo_test_sandbox"
VOIDABLE_TRACKING = ("UNKNOWN", "PRE_TRANSIT")


class Missing(Exception):
    """No such object: HTTP 404 ``{"detail": "Not found."}``."""


class CarrierStore:
    def __init__(self, clock: SandboxClock | None = None) -> None:
        self.clock = clock or SandboxClock()
        self.lock = threading.RLock()
        self.faults = FaultBook()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.tokens = {DEFAULT_TOKEN}
            self.accounts: dict[str, CarrierAccount] = {a.object_id: a for a in DEFAULT_ACCOUNTS}
            self.shipments: dict[str, Shipment] = {}
            self.rates: dict[str, Rate] = {}
            self.transactions: dict[str, Transaction] = {}
            self.refunds: dict[str, Refund] = {}
            self.labels_bought: collections.Counter[str] = collections.Counter()
            self.track_after_polls, self.track_after_s = 0, 0.0
            self.refusals: collections.deque[str] = collections.deque()
            self._tracking = itertools.count(1)
            self.calls: collections.Counter[str] = collections.Counter()
            self.busy_s = 0.0  # time spent answering API calls, summed over calls (overlapping ones too)
            # wall time with at least one API call being answered: what a client's wall time
            # compares with when its calls overlap (busy_s then counts each overlap once per call)
            self.busy_wall_s, self._in_flight, self._busy_since = 0.0, 0, 0.0
            self.faults.clear()
            self.clock.reset()

    # -- the API -------------------------------------------------------------------------------

    def create_shipment(self, body: dict[str, Any]) -> Shipment:
        validation.shipment(body)
        with self.lock:
            wanted = body.get("carrier_accounts") or [a for a, acc in self.accounts.items() if acc.active]
            unknown = [a for a in wanted if a not in self.accounts]
            if unknown:
                raise Invalid({"carrier_accounts": [f'Invalid pk "{unknown[0]}" - object does not exist.']})
            now, sid = self.clock.time(), _id()
            grams = sum(float(p["weight"]) * GRAMS_PER[p["mass_unit"]] for p in body["parcels"])
            rates = [Rate(_id(), sid, acc, level, _price(level.base, level.per_kg, grams), now)
                     for acc in (self.accounts[a] for a in wanted) for level in acc.service_levels]
            shipment = Shipment(sid, body, rates, now)
            self.shipments[sid] = shipment
            self.rates.update((r.object_id, r) for r in rates)
            return shipment

    def create_transaction(self, body: dict[str, Any]) -> Transaction:
        validation.transaction(body)
        with self.lock:
            rate = self.rates.get(body["rate"])
            if rate is None:
                raise Invalid({"rate": [f'Invalid pk "{body["rate"]}" - object does not exist.']})
            now, refusal = self.clock.time(), self.refusals.popleft() if self.refusals else None
            txn = Transaction(_id(), rate, body.get("label_file_type") or "PDF_4x6", body.get("metadata") or "",
                              now, "QUEUED", f"9400{next(self._tracking):018d}", self.track_after_polls,
                              now + self.track_after_s)
            if refusal is not None:
                txn.status = "ERROR"
                txn.messages = [{"source": rate.account.carrier_name, "code": "label_refused", "text": refusal}]
            else:
                self.labels_bought[txn.metadata] += 1
                self._ripen(txn, polled=False)
            self.transactions[txn.object_id] = txn
            return txn

    def get_transaction(self, object_id: str) -> Transaction:
        with self.lock:
            txn = self._transaction(object_id)
            self._ripen(txn, polled=True)
            return txn

    def list_transactions(self, rate: str | None, status: str | None, tracking: str | None) -> list[Transaction]:
        with self.lock:
            found = [t for t in reversed(self.transactions.values())
                     if rate in (None, t.rate.object_id) and tracking in (None, t.tracking_status)]
            for txn in found:
                self._ripen(txn, polled=False)
            return [t for t in found if status in (None, t.status)]

    def create_refund(self, body: dict[str, Any]) -> Refund:
        validation.refund(body)
        with self.lock:
            txn = self.transactions.get(body["transaction"])
            if txn is None:
                raise Invalid({"transaction": [f'Invalid pk "{body["transaction"]}" - object does not exist.']})
            self._ripen(txn, polled=False)
            if txn.status in ("REFUNDED", "REFUNDPENDING", "REFUNDREJECTED"):
                raise Invalid({"transaction": ["A refund has already been requested for this label."]})
            if txn.status != "SUCCESS":
                raise Invalid({"transaction": [f"Only a label in status SUCCESS can be refunded; this one is {txn.status}."]})
            used = txn.tracking_status not in VOIDABLE_TRACKING
            refund = Refund(_id(), txn.object_id, "ERROR" if used else "SUCCESS", self.clock.time())
            txn.status, txn.updated = ("REFUNDREJECTED" if used else "REFUNDED"), refund.created
            self.refunds[refund.object_id] = refund
            return refund

    def get_refund(self, object_id: str) -> Refund:
        with self.lock:
            if object_id not in self.refunds:
                raise Missing(object_id)
            return self.refunds[object_id]

    # -- controls ------------------------------------------------------------------------------

    def set_time_to_track(self, polls: int, seconds: float) -> None:
        if polls < 0 or seconds < 0:
            raise ValueError("polls and seconds must be 0 or more.")
        with self.lock:
            self.track_after_polls, self.track_after_s = polls, seconds

    def refuse_labels(self, count: int, message: str) -> None:
        if count < 1:
            raise ValueError("count must be 1 or more.")
        with self.lock:
            self.refusals.extend([message] * count)

    def mark_in_transit(self, object_id: str) -> None:
        """The carrier scanned the parcel: from now on its label can no longer be voided."""
        with self.lock:
            self._transaction(object_id).tracking_status = "TRANSIT"

    def call_started(self, method: str, path: str) -> None:
        """Counted as it arrives, not as it ends: a client that reads the stats right after its
        answer must find its call there, even while this thread is still finishing the reply."""
        with self.lock:
            self.calls[f"{method} /{path.strip('/').split('/')[0]}"] += 1
            if self._in_flight == 0:
                self._busy_since = time.perf_counter()
            self._in_flight += 1

    def note_call(self, seconds: float) -> None:
        """An API call answered (``call_started`` was called for it)."""
        with self.lock:
            self.busy_s += seconds
            self._in_flight = max(0, self._in_flight - 1)  # a reset meanwhile zeroed it
            if self._in_flight == 0:
                self.busy_wall_s += time.perf_counter() - self._busy_since

    def _transaction(self, object_id: str) -> Transaction:
        if object_id not in self.transactions:
            raise Missing(object_id)
        return self.transactions[object_id]

    def _ripen(self, txn: Transaction, *, polled: bool) -> None:
        if txn.status != "QUEUED":
            return
        if txn.polls_left > 0 and polled:
            txn.polls_left -= 1
            return
        if txn.polls_left <= 0 and self.clock.time() >= txn.ready_at:
            txn.status, txn.updated = "SUCCESS", self.clock.time()


def _id() -> str:
    return uuid.uuid4().hex


def _price(base: float, per_kg: float, grams: float) -> str:
    return f"{base + per_kg * max(0.0, grams - 500) / 1000:.2f}"
