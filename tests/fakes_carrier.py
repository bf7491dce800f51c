"""``FakeCarrier``: an in-memory ``Carrier`` port, one account's labels, for the route's unit tests."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace

from application.ports.carrier import (CarrierCredentials, CarrierService, Label, LabelDocument, LabelRequest,
                                       LabelStatus, VoidResult, VoidStatus)
from domain.errors import UpstreamRejected
from domain.warehouse import LabelFormat


class ProcessKilled(BaseException):
    """The worker died right after the carrier answered (nothing of ours ran after it)."""


@dataclass
class FakeCarrier:
    polls_to_track: int = 0  # a new label answers PENDING to that many polls
    refuse_next: str = ""  # the next purchase ends FAILED with these words
    crash_after_buy: bool = False
    document_with_purchase: bool = False  # a label bought ready comes with its document
    downloads: int = 0  # documents fetched with ``download_label``
    labels: dict[str, Label] = field(default_factory=dict)
    requests: dict[str, LabelRequest] = field(default_factory=dict)
    purchases: dict[str, int] = field(default_factory=dict)  # per reference, refusals excluded
    voids: int = 0
    finds: int = 0
    in_transit: set[str] = field(default_factory=set)
    _polls_left: dict[str, int] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def verify(self) -> None:
        return None

    def list_services(self) -> list[CarrierService]:
        return [CarrierService("usps", "usps_ground_advantage", "Ground Advantage")]

    def find_label(self, reference: str) -> Label | None:
        self.finds += 1
        for label in reversed(self.labels.values()):  # newest first, as Shippo lists them
            if label.reference == reference and label.status is not LabelStatus.FAILED:
                return label
        return None

    def buy_label(self, request: LabelRequest) -> Label:
        label_id = f"txn-{next(self._ids)}"
        self.requests[label_id] = request
        if self.refuse_next:
            label = Label(label_id, LabelStatus.FAILED, request.reference, message=self.refuse_next, raw_status="ERROR")
            self.refuse_next = ""
        else:
            self.purchases[request.reference] = self.purchases.get(request.reference, 0) + 1
            self._polls_left[label_id] = self.polls_to_track
            label = self._ripen(Label(label_id, LabelStatus.PENDING, request.reference, carrier="USPS",
                                      raw_status="QUEUED"))
        self.labels[label_id] = label
        if self.crash_after_buy:
            self.crash_after_buy = False
            raise ProcessKilled()
        if self.document_with_purchase and label.status is LabelStatus.READY:
            return replace(label, document=self._document(label_id))
        return label

    def get_label(self, label_id: str) -> Label:
        self._polls_left[label_id] = self._polls_left.get(label_id, 0) - 1
        self.labels[label_id] = self._ripen(self.labels[label_id])
        return self.labels[label_id]

    def download_label(self, label_id: str) -> LabelDocument:
        self.downloads += 1
        return self._document(label_id)

    def _document(self, label_id: str) -> LabelDocument:
        if self.requests[label_id].label_format is LabelFormat.ZPL:
            return LabelDocument(b"^XA^FDlabel^FS^XZ", "application/zpl")
        return LabelDocument(b"%PDF-1.4 label %%EOF", "application/pdf")

    def void_label(self, label_id: str) -> VoidResult:
        label = self.labels[label_id]
        if label.status is not LabelStatus.READY:
            raise UpstreamRejected("The carrier refused the request: transaction: A refund has already been requested.")
        self.voids += 1
        if label_id in self.in_transit:
            self.labels[label_id] = replace(label, status=LabelStatus.VOID_REFUSED, raw_status="REFUNDREJECTED")
            return VoidResult(VoidStatus.REFUSED, "The carrier refused to void the label: it is in transit.")
        self.labels[label_id] = replace(label, status=LabelStatus.VOIDED, raw_status="REFUNDED")
        return VoidResult(VoidStatus.VOIDED)

    def _ripen(self, label: Label) -> Label:
        if label.status is LabelStatus.PENDING and self._polls_left.get(label.label_id, 0) <= 0:
            number = f"9400{label.label_id.removeprefix('txn-'):0>18}"
            return replace(label, status=LabelStatus.READY, tracking_number=number, raw_status="SUCCESS")
        return label


@dataclass
class FakeCarrierGateway:
    carrier: FakeCarrier = field(default_factory=FakeCarrier)
    connected: list[CarrierCredentials] = field(default_factory=list)

    def connect(self, credentials: CarrierCredentials) -> FakeCarrier:
        self.connected.append(credentials)
        return self.carrier
