"""The FBA operations we use, over ``SpApiTransport``.

Creating is made exactly-once by the id alone: the id is derived from the package, and after
any answer that leaves the outcome unknown (timeout, lost connection, 5xx, unreadable body) or
a refusal that may mean "already exists", the order is looked up before anything is resent,
and an existing order is adopted.
"""
from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import quote

from adapters.fba import parsing, wire
from adapters.fba.errors import rejection
from adapters.fba.transport import Ambiguous, SpApiTransport
from adapters.fba.values import FbaOrder, FbaStatus, FulfillmentRequest, Line, PreviewResult, ShipTo, StockLevel
from domain.errors import NotFound, PreconditionFailed, UpstreamRejected, UpstreamUnavailable

ORDERS = "/fba/outbound/2020-07-01/fulfillmentOrders"
INVENTORY = "/fba/inventory/v1/summaries"
MAX_SKUS_PER_CALL = 50


class FbaClient:
    def __init__(self, transport: SpApiTransport) -> None:
        self._transport = transport
        self._marketplace = transport.config.marketplace_id

    def create_order(self, request: FulfillmentRequest) -> FbaOrder:
        """The order at Amazon for this package, created now or adopted if it already existed."""
        body = wire.create_body(request, self._marketplace)
        order_id = body["sellerFulfillmentOrderId"]
        for _ in range(self._transport.config.max_retries + 1):
            existing = self._create_or_find(body)
            if existing is not None:
                return self._adopt(existing, request)
        raise UpstreamUnavailable(f"Amazon never confirmed fulfillment order {order_id}; try again later.",
                                  retry_after_s=30.0, sp_api_order_id=order_id)

    def _create_or_find(self, body: dict) -> FbaOrder | None:
        order_id = body["sellerFulfillmentOrderId"]
        try:
            answer = self._transport.call("createFulfillmentOrder", "POST", ORDERS, body=body, idempotent=False)
        except Ambiguous:
            return self.find_order(order_id)  # None: it was not created, so resending is safe
        if answer.failure is None:  # Amazon answers a create with no order: not read now, the next look's
            return FbaOrder(order_id, FbaStatus.NEW, "", (), ())
        existing = self.find_order(order_id)  # a refusal may be Amazon's "this id exists"
        if existing is None:
            raise rejection(answer.failure)
        return existing

    def _adopt(self, existing: FbaOrder, request: FulfillmentRequest) -> FbaOrder:
        ours = sorted((line.sku, line.quantity) for line in request.lines)
        theirs = sorted((line.sku, line.quantity) for line in existing.lines)
        if theirs and theirs != ours:
            raise UpstreamRejected(
                f"Amazon already has fulfillment order {existing.seller_fulfillment_order_id} with other items "
                f"({theirs} instead of {ours}): this package was sent differently before; resolve it in "
                "Seller Central.", reason="FBA_ORDER_CONFLICT")
        return existing

    def find_order(self, order_id: str) -> FbaOrder | None:
        answer = self._transport.call("getFulfillmentOrder", "GET", f"{ORDERS}/{quote(order_id, safe='')}")
        if answer.failure is not None:
            if answer.status == 404:
                return None
            raise rejection(answer.failure)
        found = parsing.order(answer.body.get("payload"))
        if found is None:
            raise UpstreamRejected(f"Amazon answered getFulfillmentOrder for {order_id} without the order.",
                                   sp_api_operation="getFulfillmentOrder")
        return found

    def changed_since(self, since: datetime) -> list[FbaOrder]:
        """Every order whose status changed at or after ``since`` (``listAllFulfillmentOrders``,
        all its pages); headers only, without shipments."""
        params = {"queryStartDate": since.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")}
        found: list[FbaOrder] = []
        while True:
            answer = self._transport.call("listAllFulfillmentOrders", "GET", ORDERS, params=params)
            if answer.failure is not None:
                raise rejection(answer.failure)
            payload = answer.body.get("payload") if isinstance(answer.body.get("payload"), dict) else {}
            found += parsing.headers(payload.get("fulfillmentOrders"))
            token = payload.get("nextToken")
            if not token:
                return found
            params = {"nextToken": str(token)}

    def get_order(self, order_id: str) -> FbaOrder:
        found = self.find_order(order_id)
        if found is None:
            raise NotFound(f"Amazon has no fulfillment order {order_id}.", resource_type="fulfillment order",
                           resource_name=order_id)
        return found

    def cancel_order(self, order_id: str) -> None:
        """Cancel; PreconditionFailed with Amazon's reason when the order is too far along."""
        answer = self._transport.call("cancelFulfillmentOrder", "PUT", f"{ORDERS}/{quote(order_id, safe='')}/cancel")
        if answer.failure is None:
            return
        if answer.status == 400:
            raise PreconditionFailed(f"Amazon refused to cancel fulfillment order {order_id}: "
                                     f"{answer.failure.message}", reason="FBA_CANCEL_REFUSED",
                                     subject="fulfillment order", **answer.failure.details())
        raise rejection(answer.failure)

    def preview(self, ship_to: ShipTo, lines: tuple[Line, ...]) -> list[PreviewResult]:
        body = {"marketplaceId": self._marketplace, "address": wire.address(ship_to), "items": wire.items(lines)}
        answer = self._transport.call("getFulfillmentPreview", "POST", f"{ORDERS}/preview", body=body)
        if answer.failure is not None:
            raise rejection(answer.failure)
        return parsing.previews(answer.body.get("payload"))

    def stock(self, skus: list[str]) -> list[StockLevel]:
        """Fulfillable FBA stock of these SKUs in the configured marketplace (absent: none there);
        no SKUs: every SKU Amazon reports there."""
        if not skus:
            return self._stock_page([])
        levels: list[StockLevel] = []
        for start in range(0, len(skus), MAX_SKUS_PER_CALL):
            levels += self._stock_page(skus[start:start + MAX_SKUS_PER_CALL])
        return levels

    def _stock_page(self, skus: list[str]) -> list[StockLevel]:
        params = {"details": "true", "granularityType": "Marketplace", "granularityId": self._marketplace,
                  "marketplaceIds": self._marketplace}
        if skus:
            params["sellerSkus"] = ",".join(skus)
        levels: list[StockLevel] = []
        while True:
            answer = self._transport.call("getInventorySummaries", "GET", INVENTORY, params=params)
            if answer.failure is not None:
                raise rejection(answer.failure)
            levels += parsing.stock_levels(answer.body.get("payload"))
            token = (answer.body.get("pagination") or {}).get("nextToken")
            if not token:
                return levels
            params = {**params, "nextToken": str(token)}
