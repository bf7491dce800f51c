"""``GoodcangGateway``: the application's 3PL port (application/ports/threepl.py) over
``GoodcangClient``. Retries, backoff and adopt-on-duplicate are the client's; this layer only
translates values. One connection pool per Goodcang base URL, shared by every account on it
(the app-key and app-token travel with each request), so ``connect`` per package is cheap.
"""
from __future__ import annotations

import threading
from typing import Mapping, Sequence

import httpx

from adapters.threepl import goodcang_values as gc
from adapters.threepl.goodcang import GoodcangClient
from adapters.threepl.goodcang_config import PRODUCTION_BASE_URL, GoodcangConfig
from adapters.threepl.goodcang_transport import GoodcangTransport
from application.ports import threepl as port
from application.ports.providers import GoodcangCredentials
from domain.errors import FieldViolation, ValidationFailed

_STATUS = {gc.OutboundStatus.DRAFT: port.OutboundStatus.DRAFT, gc.OutboundStatus.ACCEPTED: port.OutboundStatus.ACCEPTED,
           gc.OutboundStatus.PICKING: port.OutboundStatus.PICKING, gc.OutboundStatus.SHIPPED: port.OutboundStatus.SHIPPED,
           gc.OutboundStatus.CANCELLED: port.OutboundStatus.CANCELLED,
           gc.OutboundStatus.EXCEPTION: port.OutboundStatus.EXCEPTION,
           gc.OutboundStatus.UNKNOWN: port.OutboundStatus.UNKNOWN}


class GoodcangGateway:
    """Thread-safe ``ThirdPartyWarehouseGateway``."""

    def __init__(self, *, timeout_s: float = 15.0, deadline_s: float = 60.0, max_retries: int = 4,
                 backoff_base_s: float = 0.25, qps: float = 10.0) -> None:
        self._options = {"timeout_s": timeout_s, "deadline_s": deadline_s, "max_retries": max_retries,
                         "backoff_base_s": backoff_base_s, "qps": qps}
        self._pools: dict[str, httpx.Client] = {}
        self._lock = threading.Lock()

    def connect(self, credentials: GoodcangCredentials) -> GoodcangWarehouse:
        try:
            config = GoodcangConfig(credentials.app_key, credentials.app_token,
                                    base_url=credentials.base_url or PRODUCTION_BASE_URL, **self._options)
        except ValueError as error:
            raise ValidationFailed(str(error), [FieldViolation("credentials", str(error))]) from None
        return GoodcangWarehouse(GoodcangClient(config, GoodcangTransport(config, self._pool(config))))

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()

    def _pool(self, config: GoodcangConfig) -> httpx.Client:
        with self._lock:
            if config.base_url not in self._pools:
                self._pools[config.base_url] = httpx.Client(
                    follow_redirects=False, timeout=httpx.Timeout(config.timeout_s, connect=config.connect_timeout_s))
            return self._pools[config.base_url]


class GoodcangWarehouse:
    """The ``ThirdPartyWarehouse`` port for one Goodcang account."""

    def __init__(self, client: GoodcangClient) -> None:
        self._client = client

    def create_outbound(self, request: port.OutboundRequest) -> port.OutboundState:
        to = request.ship_to
        recipient = gc.Recipient(name=to.name, line1=to.street1, city=to.city, state=to.state, postal_code=to.zip,
                                 country_code=to.country, line2=to.street2, line3=to.street3, company=to.company,
                                 phone=to.phone, email=to.email)
        ack = self._client.create_outbound(gc.OutboundRequest(
            request.reference_no, request.warehouse_code, request.channel_code, recipient,
            tuple(gc.OutboundLine(line.sku, line.quantity) for line in request.lines), note=request.note))
        # no read of the order just made: its status is the next look's (a batch read), and a
        # read now would spend a call of the account's rate on every package
        return port.OutboundState(ack.order_code, request.reference_no, port.OutboundStatus.ACCEPTED, "")

    def find_outbound(self, reference_no: str) -> port.OutboundState | None:
        found = self._client.find_outbound(reference_no)
        return None if found is None else _state(found)

    def get_outbound(self, provider_order_id: str) -> port.OutboundState | None:
        found = self._client.get_outbound(provider_order_id)
        return None if found is None else _state(found)

    def shipped(self, provider_order_ids: Sequence[str]) -> Mapping[str, tuple[str, ...]]:
        """Goodcang's tracking query answers only orders with a tracking number: those are shipped."""
        numbers: dict[str, tuple[str, ...]] = {}
        for parcel in self._client.tracking(provider_order_ids):
            numbers[parcel.order_code] = (*numbers.get(parcel.order_code, ()), parcel.tracking_number)
        return {code: tuple(dict.fromkeys(found)) for code, found in numbers.items()}

    def cancel_outbound(self, provider_order_id: str, reason: str) -> port.OutboundCancel:
        result = self._client.cancel_outbound(provider_order_id, reason)
        return port.OutboundCancel(result.cancelled, result.message)

    def sellable(self, skus: Sequence[str], warehouse_code: str) -> Mapping[str, int]:
        levels: dict[str, int] = {}
        for level in self._client.inventory(list(skus), warehouse_code):
            if level.warehouse_code in ("", warehouse_code):
                levels[level.sku] = levels.get(level.sku, 0) + level.sellable
        return levels


def _state(order: gc.OutboundOrder) -> port.OutboundState:
    return port.OutboundState(order.order_code, order.reference_no, _STATUS[order.status], order.raw_status,
                              order.tracking_numbers, order.problem)
