"""The ``Carrier`` port's values ↔ the Shippo client's, and the client's errors as the port names them.

The port promises two kinds of failure: ``UpstreamUnavailable`` (a retry may fix it: 429,
timeouts, 5xx, a body we cannot read, a status word we do not know) and ``UpstreamRejected``
(the carrier refused, in its own words). The client already raises those for transport and
HTTP failures; this module adds what only the port's reader can judge.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from adapters.carrier import values as wire
from application.ports import carrier as port
from domain.errors import NotFound, UpstreamRejected, UpstreamUnavailable
from domain.warehouse import LabelFormat, PostalAddress

# A status word we do not know is most likely a new intermediate state: ask again, not at once.
UNKNOWN_STATUS_RETRY_S = 30.0

_LABEL_STATUS = {wire.LabelStatus.PENDING: port.LabelStatus.PENDING, wire.LabelStatus.READY: port.LabelStatus.READY,
                 wire.LabelStatus.FAILED: port.LabelStatus.FAILED, wire.LabelStatus.VOIDED: port.LabelStatus.VOIDED,
                 wire.LabelStatus.VOID_PENDING: port.LabelStatus.VOID_PENDING,
                 wire.LabelStatus.VOID_REJECTED: port.LabelStatus.VOID_REFUSED}
_VOID_STATUS = {wire.VoidStatus.VOIDED: port.VoidStatus.VOIDED, wire.VoidStatus.PENDING: port.VoidStatus.SUBMITTED,
                wire.VoidStatus.REJECTED: port.VoidStatus.REFUSED}
_FORMAT = {LabelFormat.PDF_4X6: wire.LabelFormat.PDF_4X6, LabelFormat.ZPL: wire.LabelFormat.ZPL}
VOID_REFUSED = ("The carrier refused to void the label (refund {status}): it has been scanned or used, "
                "or its void window has passed.")


def address(a: PostalAddress) -> wire.Address:
    return wire.Address(a.name, a.street1, a.city, a.zip, a.country, state=a.state, company=a.company,
                        street2=a.street2, street3=a.street3, phone=a.phone, email=a.email)


def parcel(p: port.Parcel) -> wire.Parcel:
    return wire.Parcel(p.length, p.width, p.height, p.distance_unit, p.weight, p.mass_unit)


def label_format(f: LabelFormat) -> wire.LabelFormat:
    return _FORMAT[f]


def label(found: wire.Label, carrier: str = "") -> port.Label:
    """A label as the port reads it; ``UpstreamUnavailable`` for a status word we do not know."""
    status = _LABEL_STATUS.get(found.status)
    if status is None:
        raise UpstreamUnavailable(f"The carrier answered label {found.transaction_id} with a status we do not "
                                  f"know ({found.raw_status or 'none'}); asking again later. {found.message}".strip(),
                                  retry_after_s=UNKNOWN_STATUS_RETRY_S, carrier_label=found.transaction_id,
                                  carrier_status=found.raw_status)
    return port.Label(found.transaction_id, status, found.reference, found.tracking_number, carrier,
                      found.message, found.raw_status)


def void(result: wire.VoidResult) -> port.VoidResult:
    status = _VOID_STATUS.get(result.status)
    if status is None:
        raise UpstreamUnavailable(f"The carrier answered the void of label {result.transaction_id} with a status "
                                  "we do not know; asking again later.", retry_after_s=UNKNOWN_STATUS_RETRY_S,
                                  carrier_label=result.transaction_id)
    message = VOID_REFUSED.format(status="ERROR") if status is port.VoidStatus.REFUSED else ""
    return port.VoidResult(status, message)


def service(s: wire.Service) -> port.CarrierService:
    return port.CarrierService(s.carrier, s.token, s.name, s.carrier_account)


@contextmanager
def port_errors() -> Iterator[None]:
    """The client's errors under the port's names: a refused token is CARRIER_CREDENTIALS_REFUSED,
    an object the carrier does not know is a refusal (our reference to it is stale), not our NOT_FOUND."""
    try:
        yield
    except UpstreamRejected as error:
        if error.reason != "CARRIER_AUTH_FAILED":
            raise
        raise UpstreamRejected(error.message, reason="CARRIER_CREDENTIALS_REFUSED", **error.details) from error
    except NotFound as error:
        raise UpstreamRejected(f"The carrier does not know this object ({error.resource_name}).",
                               reason="CARRIER_OBJECT_NOT_FOUND", **error.details) from error
