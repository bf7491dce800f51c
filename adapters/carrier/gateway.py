"""``ShippoCarrierGateway``: the ``CarrierGateway`` port over ``ShippoCarrierClient``.

``connect(credentials)`` gives a ``ShippoCarrier`` for one account: port values in, the
client's wire values out and back. Retries, backoff, ``Retry-After`` and adopting a label bought
by an answer we lost are the client's (``client.py``, ``retrying.py``); this layer only
translates and names the errors as the port promises (``port_values.py``).
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import replace
from typing import Callable

import httpx

from adapters.carrier import port_values as to
from adapters.carrier.client import ShippoCarrierClient
from adapters.carrier.config import DEFAULT_BASE_URL, ShippoConfig
from adapters.carrier.retrying import Retrier
from adapters.carrier.values import LabelStatus as WireStatus
from adapters.carrier.values import Rate, ShipmentRequest
from application.ports import carrier as port
from domain.errors import DomainError, FieldViolation, UpstreamRejected, UpstreamUnavailable, ValidationFailed

log = logging.getLogger(__name__)
PROVIDER = "shippo"
NOT_READY_RETRY_S = 5.0


class ShippoCarrierGateway:
    """Thread-safe. One connection pool per carrier base URL, shared by every account on it (the
    token travels with each request), so ``connect`` per package costs no new connection."""

    def __init__(self, *, timeout_s: float = 15.0, deadline_s: float = 60.0, max_retries: int = 4,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._options = {"timeout_s": timeout_s, "deadline_s": deadline_s, "max_retries": max_retries}
        self._sleep = sleep
        self._pools: dict[str, httpx.Client] = {}
        self._lock = threading.Lock()

    def connect(self, credentials: port.CarrierCredentials) -> ShippoCarrier:
        if credentials.provider != PROVIDER:
            raise ValidationFailed(f"Carrier provider {credentials.provider!r} is not supported; use {PROVIDER!r}.",
                                   [FieldViolation("credentials.provider", f"must be {PROVIDER!r}")])
        try:
            config = ShippoConfig(token=credentials.api_token, base_url=credentials.base_url or DEFAULT_BASE_URL,
                                  **self._options)
        except ValueError as error:
            raise ValidationFailed(str(error), [FieldViolation("credentials", str(error))]) from None
        client = ShippoCarrierClient(config, http=self._pool(config), retrier=Retrier(config, sleep=self._sleep))
        return ShippoCarrier(client)

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()

    def _pool(self, config: ShippoConfig) -> httpx.Client:
        with self._lock:
            if config.base_url not in self._pools:
                self._pools[config.base_url] = httpx.Client(
                    base_url=config.base_url, follow_redirects=False,
                    timeout=httpx.Timeout(config.timeout_s, connect=config.connect_timeout_s))
            return self._pools[config.base_url]


class ShippoCarrier:
    """The ``Carrier`` port for one Shippo-style account."""

    def __init__(self, client: ShippoCarrierClient) -> None:
        self._client = client

    def verify(self) -> None:
        with to.port_errors():
            self._client.verify_credentials()

    def list_services(self) -> list[port.CarrierService]:
        with to.port_errors():
            return [to.service(s) for s in self._client.list_services()]

    def find_label(self, reference: str) -> port.Label | None:
        with to.port_errors():
            found = self._client.find_label(reference)
        return to.label(found) if found is not None else None

    def buy_label(self, request: port.LabelRequest) -> port.Label:
        """Quotes the shipment, picks the rate of ``service_token`` and buys it; the client adopts
        a label its lost answer had bought rather than buying a second one."""
        shipment = ShipmentRequest(to.address(request.ship_from), to.address(request.ship_to),
                                   tuple(to.parcel(p) for p in request.parcels), reference=request.reference,
                                   carrier_accounts=(request.carrier_account,) if request.carrier_account else ())
        with to.port_errors():
            quote = self._client.quote(shipment)
            rate = _rate_for(request.service_token, quote.rates, quote.messages)
            bought = self._client.buy_label(rate.rate_id, to.label_format(request.label_format), request.reference)
        label = to.label(bought, carrier=rate.carrier)
        if bought.status is not WireStatus.READY:
            return label
        # the answer holds the document's URL: fetched now, it spares a look at the label later
        try:
            document = self._client.download_label(bought, retry=False)
        except DomainError as error:  # unavailable, refused or gone: the later look settles it
            log.warning("label %s bought; its document is fetched later: %s", bought.transaction_id, error.message)
            return label
        return replace(label, document=port.LabelDocument(document.content, document.media_type))

    def get_label(self, label_id: str) -> port.Label:
        with to.port_errors():
            return to.label(self._client.get_label(label_id))

    def download_label(self, label_id: str) -> port.LabelDocument:
        with to.port_errors():
            found = self._client.get_label(label_id)
            if found.status is WireStatus.PENDING:
                raise UpstreamUnavailable(f"The carrier has not finished label {label_id} yet ({found.raw_status}).",
                                          retry_after_s=NOT_READY_RETRY_S, carrier_label=label_id)
            if found.status is not WireStatus.READY:
                raise UpstreamRejected(f"Label {label_id} has no document to print: the carrier says "
                                       f"{found.raw_status or found.status.value}. {found.message}".strip(),
                                       reason="CARRIER_LABEL_NOT_PRINTABLE", carrier_label=label_id)
            document = self._client.download_label(found)
        return port.LabelDocument(document.content, document.media_type)

    def void_label(self, label_id: str) -> port.VoidResult:
        with to.port_errors():
            return to.void(self._client.void_label(label_id))


def _rate_for(service_token: str, rates: tuple[Rate, ...], messages: tuple[str, ...]) -> Rate:
    """The rate of the channel's service; the first when several accounts offer it."""
    for rate in rates:
        if rate.service_token == service_token:
            return rate
    offered = ", ".join(sorted({r.service_token for r in rates})) or "none"
    said = f" The carrier said: {' '.join(messages)}" if messages else ""
    raise UpstreamRejected(f"The carrier offers no rate for service {service_token!r} on this shipment "
                           f"(it offered: {offered}).{said}", reason="CARRIER_SERVICE_NOT_OFFERED",
                           service_token=service_token)
