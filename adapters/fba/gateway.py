"""``SpApiFbaGateway``: the application's FBA port (application/ports/fba.py) over ``FbaClient``.

One client per seller authorization, kept for the process: it holds the LWA access token
(one exchange per hour, one refresh at a time) and the connection pool; the usage-plan
buckets are shared per seller by ``rate_limit.shared_limiter`` already.
"""
from __future__ import annotations

import threading
from typing import Mapping, Sequence

from adapters.fba import values as fv
from adapters.fba.client import FbaClient
from adapters.fba.config import ENDPOINTS, LWA_URL, FbaConfig
from adapters.fba.transport import SpApiTransport
from adapters.fba.wire import seller_fulfillment_order_id
from application.ports import fba as port
from application.ports.providers import AmazonCredentials
from domain.errors import FieldViolation, PreconditionFailed, ValidationFailed

_STATUS = {s: port.FbaOrderStatus[s.name] for s in fv.FbaStatus}


class SpApiFbaGateway:
    """Thread-safe ``FbaGateway``."""

    def __init__(self, *, timeout_s: float = 20.0, max_retries: int = 5) -> None:
        self._options = {"timeout_s": timeout_s, "max_retries": max_retries}
        self._clients: dict[tuple[str, ...], FbaClient] = {}
        self._lock = threading.Lock()

    def connect(self, credentials: AmazonCredentials) -> SpApiFbaAccount:
        try:
            config = FbaConfig(credentials.endpoint or ENDPOINTS["na"], credentials.client_id,
                               credentials.client_secret, credentials.refresh_token,
                               marketplace_id=credentials.marketplace_id, lwa_url=credentials.lwa_url or LWA_URL,
                               **self._options)  # type: ignore[arg-type]
        except ValueError as error:
            raise ValidationFailed(str(error), [FieldViolation("credentials", str(error))]) from None
        key = (config.endpoint, config.lwa_url, config.seller_key, config.client_secret, config.marketplace_id)
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                client = self._clients[key] = FbaClient(SpApiTransport(config))
        return SpApiFbaAccount(client)


class SpApiFbaAccount:
    """The ``FbaAccount`` port for one seller in one marketplace."""

    def __init__(self, client: FbaClient) -> None:
        self._client = client

    def order_id(self, reference: str) -> str:
        return seller_fulfillment_order_id(reference)

    def create_order(self, request: port.FbaOrderRequest) -> port.FbaOrderState:
        to = request.ship_to
        ship_to = fv.ShipTo(to.name, to.street1, to.zip, to.country, city=to.city, state_or_region=to.state,
                            address_line2=" ".join(p for p in (to.street2, to.street3) if p), phone=to.phone)
        wire = fv.FulfillmentRequest(request.reference, request.displayable_order_id, request.ordered_at, ship_to,
                                     tuple(fv.Line(line.sku, line.quantity, line.line_id) for line in request.lines),
                                     fv.ShippingSpeed(request.speed.value), request.comment)
        return _state(self._client.create_order(wire))

    def find_order(self, order_id: str) -> port.FbaOrderState | None:
        found = self._client.find_order(order_id)
        return None if found is None else _state(found)

    def changed_since(self, since) -> list[port.FbaOrderState]:
        return [_state(found) for found in self._client.changed_since(since)]

    def cancel_order(self, order_id: str) -> str | None:
        try:
            self._client.cancel_order(order_id)
        except PreconditionFailed as refused:
            if refused.reason != "FBA_CANCEL_REFUSED":
                raise
            return refused.message
        return None

    def fulfillable(self, skus: Sequence[str]) -> Mapping[str, int]:
        return {level.sku: level.fulfillable for level in self._client.stock(list(skus))}


def _state(order: fv.FbaOrder) -> port.FbaOrderState:
    carriers = {p.carrier for s in order.shipments for p in s.packages if p.carrier}
    return port.FbaOrderState(order.seller_fulfillment_order_id, _STATUS[order.status], order.raw_status,
                              order.tracking_numbers, ", ".join(sorted(carriers)))
