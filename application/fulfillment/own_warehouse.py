"""``OwnWarehouseRoute``: the ``Fulfillment`` port for the own warehouse (自建海外仓), where
"pushing" a package means buying its carrier label (FUL-4; docs/fulfillment-protocols.md).
"""
from __future__ import annotations

import logging
from decimal import Decimal
from typing import Callable, Sequence

from application.ports.carrier import (Carrier, CarrierCredentials, CarrierGateway, Label, LabelRequest,
                                       LabelStatus, Parcel, VoidStatus)
from application.ports.fulfillment import (CancelResult, CancelStatus, LabelFile, Look, PushRequest, Shipment,
                                           ShipmentStatus)
from domain.errors import FieldViolation, UpstreamUnavailable, ValidationFailed
from domain.warehouse import LabelFormat

log = logging.getLogger("erp.fulfillment")

# The parcel quoted when the package carries no measured one: a small box of one pound, the
# typical Temu semi-managed parcel. docs/fulfillment-protocols.md says how to override it.
DEFAULT_PARCEL = Parcel(Decimal("10"), Decimal("6"), Decimal("4"), "in", Decimal("1"), "lb")
NOT_FINISHED_RETRY_S = 5.0
# What the user reads when the carrier gave no words of its own.
_SILENT = {ShipmentStatus.ACCEPTED: "The carrier has taken the purchase; the tracking number comes on a later poll.",
           ShipmentStatus.REFUSED: "The carrier refused the label without saying why."}

CredentialsOf = Callable[[str], CarrierCredentials]
"""The credentials of a carrier account by its id (``PushRequest.account_id``)."""

_SHIPMENT_STATUS = {LabelStatus.PENDING: ShipmentStatus.ACCEPTED, LabelStatus.READY: ShipmentStatus.LABELLED,
                    LabelStatus.VOID_REFUSED: ShipmentStatus.LABELLED, LabelStatus.FAILED: ShipmentStatus.REFUSED,
                    LabelStatus.VOID_PENDING: ShipmentStatus.CANCEL_REQUESTED,
                    LabelStatus.VOIDED: ShipmentStatus.CANCELLED}


class OwnWarehouseRoute:
    """- ``push`` first asks the carrier for a label bought with ``request.reference``; it buys
      only when there is none (or only a voided one), so a push repeated after a timeout or a
      crash between the carrier's answer and our commit adopts the label instead of buying twice.
    - A label still being made is ``ACCEPTED`` without a tracking number; ``track`` polls it
      until it is ``LABELLED`` with its tracking number and ``label_ready``. A label bought ready
      usually comes back with its ``document`` already.
    - A label the carrier refused is ``REFUSED`` with the carrier's words; a request it refuses
      outright (a bad address, an unknown service) raises ``UpstreamRejected`` in its words.
    - ``label`` returns the document's bytes and media type, for the package to keep.
    - ``cancel`` voids the label; the label's own state is read first, so a repeated cancel
      answers what the first one did. A label still being made cannot be voided yet:
      ``UpstreamUnavailable``, try again later.
    """

    def __init__(self, carriers: CarrierGateway, credentials: CredentialsOf,
                 default_parcel: Parcel = DEFAULT_PARCEL) -> None:
        self._carriers, self._credentials, self._default_parcel = carriers, credentials, default_parcel

    def push(self, request: PushRequest) -> Shipment:
        label_request = self._label_request(request)
        carrier = self._carrier(request)
        found = None if request.first_attempt else carrier.find_label(request.reference)
        if found is not None and found.status not in (LabelStatus.VOIDED, LabelStatus.VOID_PENDING):
            log.info("package %s: carrier label %s adopted (%s)", request.package_id, found.label_id, found.status.value)
            return _shipment(found)
        bought = carrier.buy_label(label_request)
        log.info("package %s: carrier label %s bought (%s)", request.package_id, bought.label_id, bought.status.value)
        return _shipment(bought)

    def status(self, request: PushRequest, provider_ref: str) -> Shipment:
        """One label's state (the carrier has no batch read of labels)."""
        return _shipment(self._carrier(request).get_label(provider_ref))

    def track(self, looks: Sequence[Look]) -> dict[str, Shipment]:
        return {look.provider_ref: self.status(look.request, look.provider_ref) for look in looks}

    def label(self, request: PushRequest, provider_ref: str) -> LabelFile:
        document = self._carrier(request).download_label(provider_ref)
        return LabelFile(document.content, document.media_type)

    def cancel(self, request: PushRequest, provider_ref: str) -> CancelResult:
        carrier = self._carrier(request)
        current = carrier.get_label(provider_ref)
        if current.status is not LabelStatus.READY:
            return _settled(current)
        result = carrier.void_label(provider_ref)
        log.info("package %s: void of carrier label %s %s", request.package_id, provider_ref, result.status.value)
        if result.status is VoidStatus.VOIDED:
            return CancelResult(CancelStatus.CANCELLED)
        if result.status is VoidStatus.SUBMITTED:
            return CancelResult(CancelStatus.REQUESTED, result.message)
        return CancelResult(CancelStatus.TOO_LATE, result.message)

    def _carrier(self, request: PushRequest) -> Carrier:
        return self._carriers.connect(self._credentials(request.account_id))

    def _label_request(self, request: PushRequest) -> LabelRequest:
        if request.ship_from is None:
            raise ValidationFailed(f"Package {request.package_id} has no ship-from address: an own warehouse "
                                   "prints its own address on the label.",
                                   [FieldViolation("ship_from", "the own warehouse's address is required")])
        return LabelRequest(request.reference, request.ship_from, request.ship_to,
                            request.parcels or (self._default_parcel,), request.channel_code,
                            request.label_format or LabelFormat.PDF_4X6)


def _shipment(label: Label) -> Shipment:
    status = _SHIPMENT_STATUS[label.status]
    tracking = (label.tracking_number,) if label.tracking_number and status is not ShipmentStatus.REFUSED else ()
    message = label.message or _SILENT.get(status, "")
    document = LabelFile(label.document.content, label.document.media_type) if label.document else None
    return Shipment(label.label_id, status, tracking, label.carrier, message, label.raw_status,
                    label_ready=label.status is LabelStatus.READY, document=document)


def _settled(label: Label) -> CancelResult:
    """What a label that cannot be voided now says about a cancel."""
    if label.status is LabelStatus.VOIDED:
        return CancelResult(CancelStatus.CANCELLED, label.message)
    if label.status is LabelStatus.VOID_PENDING:
        return CancelResult(CancelStatus.REQUESTED, label.message)
    if label.status is LabelStatus.FAILED:
        return CancelResult(CancelStatus.CANCELLED, "No label was bought: the carrier had refused it.")
    if label.status is LabelStatus.VOID_REFUSED:
        return CancelResult(CancelStatus.TOO_LATE, label.message or "The carrier has already refused to void this "
                            "label: it has been scanned or used, or its void window has passed.")
    raise UpstreamUnavailable(f"Label {label.label_id} is not finished yet ({label.raw_status or 'pending'}): the "
                              "carrier voids only a finished label; try again once it has its tracking number.",
                              retry_after_s=NOT_FINISHED_RETRY_S, carrier_label=label.label_id)
