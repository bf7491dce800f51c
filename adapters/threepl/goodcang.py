"""The Goodcang (谷仓) OMS client: warehouses, shipping methods, stock, and outbound orders that
are pushed exactly once per reference.

``create_outbound`` never makes a second order for a reference: after an answer that may hide
a created order (timeout, 5xx, broken body) it asks Goodcang by reference before sending again,
and a "reference already used" refusal adopts the order that holds it.
"""
from __future__ import annotations

from typing import Sequence

from adapters.threepl import goodcang_parsing as parse
from adapters.threepl.goodcang_config import GoodcangConfig
from adapters.threepl.goodcang_errors import RETRYABLE, Failure, Kind
from adapters.threepl.goodcang_requests import bounded, create_order_body
from adapters.threepl.goodcang_transport import TRACKING_API, GoodcangTransport
from adapters.threepl.goodcang_values import (
    CancelResult, GoodcangChannel, GoodcangWarehouse, OutboundAck, OutboundOrder, OutboundRequest, OutboundStatus,
    ParcelTracking, StockLevel)
from domain.errors import UpstreamRejected

CREATE_API = "order/create_order"
INVENTORY_PAGE = 200
TRACKING_BATCH = 50
DISCARDED_CODES = frozenset({"10103099"})  # 订单已废弃


class GoodcangClient:
    """One Goodcang account. Thread-safe; share one per account (it holds the connection pool)."""

    def __init__(self, config: GoodcangConfig, transport: GoodcangTransport | None = None) -> None:
        self._transport = transport or GoodcangTransport(config)

    def warehouses(self) -> list[GoodcangWarehouse]:
        """Also the credentials check: Goodcang refuses a wrong app-key or app-token here."""
        return parse.warehouses(self._transport.call("base_data/get_warehouse", {}).get("data"))

    def shipping_methods(self, warehouse_code: str | None = None) -> list[GoodcangChannel]:
        body = {"warehouseCode": bounded("warehouse_code", warehouse_code, 32)} if warehouse_code else {}
        return parse.channels(self._transport.call("base_data/get_shipping_method", body).get("data"))

    def inventory(self, skus: Sequence[str], warehouse_code: str | None = None) -> list[StockLevel]:
        """No SKUs: every SKU the account has stock of."""
        if not skus:
            return self._pages({"warehouse_code": bounded("warehouse_code", warehouse_code, 32)}
                               if warehouse_code else {})
        found: list[StockLevel] = []
        for start in range(0, len(skus), INVENTORY_PAGE):
            chunk = skus[start:start + INVENTORY_PAGE]
            body: dict[str, object] = {"product_sku_arr": [bounded("product_sku", s, 24) for s in chunk]}
            if warehouse_code:
                body["warehouse_code"] = bounded("warehouse_code", warehouse_code, 32)
            found += self._pages(body)
        return found

    def create_outbound(self, request: OutboundRequest) -> OutboundAck:
        body = create_order_body(request)
        transport = self._transport
        deadline, attempt = transport.operation_deadline(), 0
        while True:
            answer = transport.exchange(CREATE_API, body)
            code = parse.created_order_code(answer.envelope)
            if code:
                return OutboundAck(code, request.reference_no, adopted=False)
            failure = answer.failure
            if failure is None or failure.ambiguous or failure.kind is Kind.DUPLICATE_REFERENCE:
                existing = self.find_outbound(request.reference_no)
                if existing is not None and existing.status is not OutboundStatus.CANCELLED:
                    return OutboundAck(existing.order_code, request.reference_no, adopted=True)
                if failure is None or failure.kind is Kind.DUPLICATE_REFERENCE:
                    raise _unresolved(request.reference_no, failure)
            if failure.kind not in RETRYABLE or not transport.pause(failure, attempt, deadline):
                raise transport.error(failure)
            attempt += 1

    def get_outbound(self, order_code: str) -> OutboundOrder | None:
        return self._order("order/get_order_by_code", {"order_code": bounded("order_code", order_code, 50)})

    def find_outbound(self, reference_no: str) -> OutboundOrder | None:
        """The order holding ``reference_no`` (a live one before a discarded one), or None."""
        return self._order("order/get_order_by_ref_code", {"reference_no": bounded("reference_no", reference_no, 50)})

    def cancel_outbound(self, order_code: str, reason: str) -> CancelResult:
        """Goodcang refuses once the warehouse is picking; the refusal comes back, in its words.
        An order Goodcang already discarded counts as cancelled (a retried cancel lands there)."""
        body = {"order_code": bounded("order_code", order_code, 50), "reason": reason[:500]}
        try:
            envelope = self._transport.call("order/cancel_order", body)
        except UpstreamRejected as error:
            if error.reason != "GOODCANG_REFUSED":
                raise
            discarded = error.details.get("goodcang_error_code") in DISCARDED_CODES
            return CancelResult(order_code, cancelled=discarded, message=error.message)
        return CancelResult(order_code, cancelled=str(envelope.get("cancel_status", "2")).strip() == "2")

    def tracking(self, order_codes: Sequence[str]) -> list[ParcelTracking]:
        found: list[ParcelTracking] = []
        for start in range(0, len(order_codes), TRACKING_BATCH):
            codes = [bounded("order_code", code, 50) for code in order_codes[start:start + TRACKING_BATCH]]
            body = {"value_list": codes, "code_type": "order_code"}
            found += parse.trackings(self._transport.call(TRACKING_API, body).get("data"))
        return found

    def close(self) -> None:
        self._transport.close()

    def _order(self, api: str, body: dict[str, str]) -> OutboundOrder | None:
        envelope = self._transport.call(api, body, missing_ok=True)
        return None if envelope is None else parse.order(envelope.get("data"))

    def _pages(self, body: dict[str, object]) -> list[StockLevel]:
        found: list[StockLevel] = []
        page = 1
        while True:
            envelope = self._transport.call("inventory/get_product_inventory",
                                            {**body, "page": page, "pageSize": INVENTORY_PAGE})
            rows = parse.stock_levels(envelope.get("data"))
            found += rows
            if not rows or len(found) >= parse.count(envelope):
                return found
            page += 1


def _unresolved(reference_no: str, failure: Failure | None) -> UpstreamRejected:
    said = f" Goodcang said: {failure.message}" if failure and failure.message else ""
    return UpstreamRejected(f"Goodcang named no order for reference {reference_no} and no live order holds it: "
                            f"check the order in the Goodcang OMS before pushing again.{said}",
                            reason="GOODCANG_REFERENCE_UNRESOLVED", goodcang_api=CREATE_API)
