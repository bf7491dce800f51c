"""The JSON the SP-API answers with: ``GetFulfillmentOrderResult`` and its parts, inventory summaries."""
from __future__ import annotations

import zlib
from datetime import datetime, timezone
from typing import Any

from sandboxes.fba.orders import Order, OrderBook, tracking_number

DEFAULT_MARKETPLACE = "ATVPDKIKX0DER"
FULFILLMENT_CENTER = "ONT8"
CARRIER = "AMZN_US"
_ORDER_ECHO = ("sellerFulfillmentOrderId", "displayableOrderId", "displayableOrderDate",
               "displayableOrderComment", "shippingSpeedCategory", "destinationAddress",
               "fulfillmentAction", "fulfillmentPolicy", "deliveryWindow", "notificationEmails",
               "featureConstraints")


def iso(at: float) -> str:
    return datetime.fromtimestamp(at, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_iso(text: str) -> float:
    at = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return (at if at.tzinfo else at.replace(tzinfo=timezone.utc)).timestamp()


def order_header(book: OrderBook, order: Order, now: float) -> dict[str, Any]:
    request = order.request
    return {**{k: request[k] for k in _ORDER_ECHO if k in request},
            "marketplaceId": request.get("marketplaceId") or DEFAULT_MARKETPLACE,
            "receivedDate": iso(order.received_at),
            "fulfillmentOrderStatus": book.status(order, now),
            "statusUpdatedDate": iso(book.status_since(order, now))}


def order_result(book: OrderBook, order: Order, now: float) -> dict[str, Any]:
    status = book.status(order, now)
    items = [{"sellerSku": i["sellerSku"], "sellerFulfillmentOrderItemId": i["sellerFulfillmentOrderItemId"],
              "quantity": i["quantity"],
              "cancelledQuantity": i["quantity"] if status == "Cancelled" else 0,
              "unfulfillableQuantity": i["quantity"] if status in ("Invalid", "Unfulfillable") else 0,
              "estimatedShipDate": iso(order.received_at + sum(book.stages)),
              "orderItemDisposition": "Sellable"} for i in order.request["items"]]
    result: dict[str, Any] = {"fulfillmentOrder": order_header(book, order, now), "fulfillmentOrderItems": items,
                              "returnItems": [], "returnAuthorizations": []}
    shipment = _shipment(book, order, status, now)
    if shipment is not None:
        result["fulfillmentShipments"] = [shipment]
    return result


def _shipment(book: OrderBook, order: Order, status: str, now: float) -> dict[str, Any] | None:
    if status not in ("Processing", "Complete"):
        return None
    shipped = status == "Complete"
    lines = list(zip(order.request["items"], order.package_numbers))
    shipment: dict[str, Any] = {
        "amazonShipmentId": f"T{order.package_numbers[0]:08d}",
        "fulfillmentCenterId": FULFILLMENT_CENTER,
        "fulfillmentShipmentStatus": "SHIPPED" if shipped else "PENDING",
        "fulfillmentShipmentItem": [
            {"sellerSku": i["sellerSku"], "sellerFulfillmentOrderItemId": i["sellerFulfillmentOrderItemId"],
             "quantity": i["quantity"], **({"packageNumber": n} if shipped else {})} for i, n in lines]}
    if shipped:
        shipment["shippingDate"] = iso(book.status_since(order, now))
        shipment["fulfillmentShipmentPackage"] = [
            {"packageNumber": n, "carrierCode": CARRIER, "trackingNumber": tracking_number(n),
             "amazonFulfillmentTrackingNumber": tracking_number(n)} for _, n in lines]
    return shipment


def tracking(book: OrderBook, order: Order, number: int, now: float) -> dict[str, Any]:
    shipped = book.status_since(order, now)
    return {"packageNumber": number, "trackingNumber": tracking_number(number), "carrierCode": CARRIER,
            "carrierURL": "https://track.amazon.com/", "shipDate": iso(shipped),
            "estimatedArrivalDate": iso(shipped + 3 * 86400), "currentStatus": "IN_TRANSIT",
            "currentStatusDescription": "In transit", "trackingEvents": [
                {"eventDate": iso(shipped), "eventCode": "EVENT_101",
                 "eventDescription": "Carrier notified to pick up package.",
                 "eventAddress": {"city": "Ontario", "state": "CA", "country": "US"}}]}


def preview(book: OrderBook, request: dict[str, Any], now: float) -> dict[str, Any]:
    speeds = request.get("shippingSpeedCategories") or ["Standard", "Expedited", "Priority"]
    short = [i for i in request["items"] if not book.fulfillable(i["sellerSku"], i["quantity"])]
    unfulfillable = [{"sellerSku": i["sellerSku"], "sellerFulfillmentOrderItemId": i["sellerFulfillmentOrderItemId"],
                      "quantity": i["quantity"], "itemUnfulfillableReasons": ["InventoryUnavailable"]}
                     for i in short]
    return {"fulfillmentPreviews": [
        {"shippingSpeedCategory": speed, "isFulfillable": not short, "isCODCapable": False,
         "marketplaceId": request.get("marketplaceId") or DEFAULT_MARKETPLACE,
         **({"unfulfillablePreviewItems": unfulfillable} if short else {
             "fulfillmentPreviewShipments": [{
                 "earliestShipDate": iso(now + 3600), "latestShipDate": iso(now + 86400),
                 "shippingNotes": [], "fulfillmentPreviewItems": [
                     {"sellerSku": i["sellerSku"], "quantity": i["quantity"],
                      "sellerFulfillmentOrderItemId": i["sellerFulfillmentOrderItemId"],
                      "shippingWeightCalculationMethod": "Package"} for i in request["items"]]}]})}
        for speed in speeds]}


def inventory_summary(sku: str, quantity: int, details: bool, now: float) -> dict[str, Any]:
    summary: dict[str, Any] = {"asin": f"B0{zlib.crc32(sku.encode()) % 10**8:08d}", "fnSku": f"X00{sku[:7].upper()}",
                               "sellerSku": sku, "condition": "NewItem", "productName": sku,
                               "lastUpdatedTime": iso(now), "totalQuantity": quantity}
    if details:
        zero = 0
        summary["inventoryDetails"] = {
            "fulfillableQuantity": quantity, "inboundWorkingQuantity": zero, "inboundShippedQuantity": zero,
            "inboundReceivingQuantity": zero,
            "reservedQuantity": {"totalReservedQuantity": zero, "pendingCustomerOrderQuantity": zero,
                                 "pendingTransshipmentQuantity": zero, "fcProcessingQuantity": zero},
            "unfulfillableQuantity": {"totalUnfulfillableQuantity": zero}}
    return summary
