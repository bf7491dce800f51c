"""The request rules of Fulfillment Outbound 2020-07-01, transcribed from Amazon's JSON model.

Each schema is a small dict in a subset of the model's own Swagger vocabulary: ``type``,
``required``, ``properties``, ``items``, ``enum``, ``maxLength``, ``maxItems``, plus ``format``
``date-time``. Rules the model states only in prose (ISO 8859-1 text, no double spaces, the
100-line/250-unit ceiling, city outside Japan) are checked in ``validation.py``.
"""
from __future__ import annotations

from typing import Any

Schema = dict[str, Any]

SHIPPING_SPEED_CATEGORIES = ("Standard", "Expedited", "Priority", "ScheduledDelivery")
FULFILLMENT_ACTIONS = ("Ship", "Hold")
FULFILLMENT_POLICIES = ("FillOrKill", "FillAll", "FillAllAvailable")
DROP_OFF_LOCATIONS = ("FRONT_DOOR", "DELIVERY_BOX", "GAS_METER_BOX", "BICYCLE_BASKET", "GARAGE",
                      "RECEPTIONIST", "FALLBACK_NEIGHBOR_DELIVERY", "DO_NOT_LEAVE_UNATTENDED",
                      "MAIL_ROOM_CLERK", "AS_INSTRUCTED")
MAX_LINES, MAX_UNITS = 100, 250

STRING: Schema = {"type": "string"}
INTEGER: Schema = {"type": "integer"}
BOOLEAN: Schema = {"type": "boolean"}
TIMESTAMP: Schema = {"type": "string", "format": "date-time"}


def _text(max_length: int) -> Schema:
    return {"type": "string", "maxLength": max_length}


MONEY: Schema = {"type": "object", "required": ["currencyCode", "value"],
                 "properties": {"currencyCode": STRING, "value": STRING}}

ADDRESS: Schema = {
    "type": "object", "required": ["name", "addressLine1", "postalCode", "countryCode"],
    "properties": {k: STRING for k in ("name", "addressLine1", "addressLine2", "addressLine3", "city",
                                       "districtOrCounty", "stateOrRegion", "postalCode",
                                       "countryCode", "phone")},
}

FEATURE_SETTINGS: Schema = {"type": "object", "properties": {
    "featureName": STRING, "featureFulfillmentPolicy": {"type": "string", "enum": ["Required", "NotRequired"]}}}

CREATE_ITEM: Schema = {
    "type": "object", "required": ["sellerSku", "sellerFulfillmentOrderItemId", "quantity"],
    "properties": {"sellerSku": _text(50), "sellerFulfillmentOrderItemId": _text(50), "quantity": INTEGER,
                   "giftMessage": _text(512), "displayableComment": _text(250),
                   "fulfillmentNetworkSku": STRING, "perUnitDeclaredValue": MONEY, "perUnitPrice": MONEY,
                   "perUnitTax": MONEY},
}

CREATE_FULFILLMENT_ORDER: Schema = {
    "type": "object",
    "required": ["sellerFulfillmentOrderId", "displayableOrderId", "displayableOrderDate",
                 "displayableOrderComment", "shippingSpeedCategory", "destinationAddress", "items"],
    "properties": {
        "marketplaceId": STRING,
        "sellerFulfillmentOrderId": _text(40),
        "displayableOrderId": _text(40),
        "displayableOrderDate": TIMESTAMP,
        "displayableOrderComment": _text(750),
        "shippingSpeedCategory": {"type": "string", "enum": list(SHIPPING_SPEED_CATEGORIES)},
        "deliveryWindow": {"type": "object", "required": ["startDate", "endDate"],
                           "properties": {"startDate": TIMESTAMP, "endDate": TIMESTAMP}},
        "destinationAddress": ADDRESS,
        "deliveryPreferences": {"type": "object", "properties": {
            "deliveryInstructions": _text(250),
            "dropOffLocation": {"type": "object", "required": ["type"], "properties": {
                "type": {"type": "string", "enum": list(DROP_OFF_LOCATIONS)},
                "attributes": {"type": "object"}}}}},
        "fulfillmentAction": {"type": "string", "enum": list(FULFILLMENT_ACTIONS)},
        "fulfillmentPolicy": {"type": "string", "enum": list(FULFILLMENT_POLICIES)},
        "codSettings": {"type": "object", "required": ["isCodRequired"], "properties": {
            "isCodRequired": BOOLEAN, "codCharge": MONEY, "codChargeTax": MONEY,
            "shippingCharge": MONEY, "shippingChargeTax": MONEY}},
        "shipFromCountryCode": STRING,
        "notificationEmails": {"type": "array", "items": _text(64)},
        "featureConstraints": {"type": "array", "items": FEATURE_SETTINGS},
        "items": {"type": "array", "items": CREATE_ITEM},
        "paymentInformation": {"type": "array", "items": {
            "type": "object", "required": ["paymentTransactionId", "paymentMode", "paymentDate"],
            "properties": {"paymentTransactionId": STRING, "paymentMode": STRING, "paymentDate": TIMESTAMP}}},
    },
}

GET_FULFILLMENT_PREVIEW: Schema = {
    "type": "object", "required": ["address", "items"],
    "properties": {
        "marketplaceId": STRING,
        "address": ADDRESS,
        "items": {"type": "array", "items": {
            "type": "object", "required": ["sellerSku", "sellerFulfillmentOrderItemId", "quantity"],
            "properties": {"sellerSku": _text(50), "quantity": INTEGER, "perUnitDeclaredValue": MONEY,
                           "sellerFulfillmentOrderItemId": _text(50)}}},
        "shippingSpeedCategories": {"type": "array", "items": {
            "type": "string", "enum": list(SHIPPING_SPEED_CATEGORIES)}},
        "includeCODFulfillmentPreview": BOOLEAN,
        "includeDeliveryWindows": BOOLEAN,
        "featureConstraints": {"type": "array", "items": FEATURE_SETTINGS},
    },
}

# Path and query parameters: the model gives sellerFulfillmentOrderId a maxLength of 40.
ORDER_ID_PARAMETER: Schema = _text(40)

# FBA Inventory v1 getInventorySummaries (fbaInventory.json).
INVENTORY_GRANULARITY_TYPES = ("Marketplace",)
INVENTORY_MAX_SKUS = 50
