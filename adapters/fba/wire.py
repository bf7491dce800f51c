"""Our values as the JSON Fulfillment Outbound 2020-07-01 documents, strictly within its limits.

``sellerFulfillmentOrderId`` is derived from our package id alone, so a resend after a crash
uses the same id: at most 40 characters of ``[A-Za-z0-9_-]`` (a '+' is read back as a space
and two spaces in a row are refused, selling-partner-api-models#5374 and #1845).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime, timezone
from typing import Any

from adapters.fba.values import FulfillmentRequest, Line, ShipTo
from domain.errors import FieldViolation, ValidationFailed

ORDER_ID_MAX = 40
DISPLAY_ID_MAX = 40
COMMENT_MAX = 750
DEFAULT_COMMENT = "Thank you for your order."
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,36}$")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def seller_fulfillment_order_id(package_id: str) -> str:
    """``ERP-<id>`` when the id is short and safe; else ``ERPH-`` and 35 hex digits of its SHA-256.
    The fifth character tells the two forms apart, so distinct package ids never share an id."""
    if _SAFE_ID.match(package_id):
        return f"ERP-{package_id}"
    return f"ERPH-{hashlib.sha256(package_id.encode('utf-8')).hexdigest()[:35]}"


def latin1_text(text: str, limit: int) -> str:
    """ISO 8859-1 text within ``limit``: accents folded where possible, no double spaces, trimmed."""
    folded = "".join(c if ord(c) < 256 else _fold(c) for c in text)
    return re.sub(r"\s+", " ", folded).strip()[:limit].rstrip()


def _fold(char: str) -> str:
    base = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode("latin-1")
    return base or " "


def display_order_id(request: FulfillmentRequest, order_id: str) -> str:
    """The buyer's order number as the packing slip shows it; our id when nothing printable remains."""
    text = latin1_text(request.display_order_id, DISPLAY_ID_MAX)
    return text or order_id


def timestamp(at: datetime) -> str:
    if at.tzinfo is None:
        raise ValueError("ordered_at must be timezone-aware.")
    return at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def create_body(request: FulfillmentRequest, marketplace_id: str) -> dict[str, Any]:
    _check(request)
    order_id = seller_fulfillment_order_id(request.package_id)
    return {"marketplaceId": marketplace_id, "sellerFulfillmentOrderId": order_id,
            "displayableOrderId": display_order_id(request, order_id),
            "displayableOrderDate": timestamp(request.ordered_at),
            "displayableOrderComment": latin1_text(request.comment, COMMENT_MAX) or DEFAULT_COMMENT,
            "shippingSpeedCategory": request.speed.value, "fulfillmentAction": "Ship",
            "fulfillmentPolicy": "FillOrKill", "destinationAddress": address(request.ship_to),
            "items": items(request.lines)}


def address(ship_to: ShipTo) -> dict[str, str]:
    fields = {"name": ship_to.name, "addressLine1": ship_to.address_line1, "addressLine2": ship_to.address_line2,
              "city": ship_to.city, "stateOrRegion": ship_to.state_or_region, "postalCode": ship_to.postal_code,
              "countryCode": ship_to.country_code.upper(), "phone": ship_to.phone}
    return {k: v for k, v in fields.items() if v}


def items(lines: tuple[Line, ...]) -> list[dict[str, Any]]:
    return [{"sellerSku": line.sku, "sellerFulfillmentOrderItemId": line.line_id, "quantity": line.quantity}
            for line in lines]


def _check(request: FulfillmentRequest) -> None:
    """Refuse before any call what Amazon would refuse: the caller can fix it, Amazon cannot."""
    problems = [FieldViolation(f"lines[{i}]", why) for i, line in enumerate(request.lines)
                for why in _line_problems(line)]
    if not request.lines or len(request.lines) > 100 or sum(line.quantity for line in request.lines) > 250:
        problems.append(FieldViolation("lines", "FBA takes 1 to 100 lines and at most 250 units per order."))
    if len({line.line_id for line in request.lines}) != len(request.lines):
        problems.append(FieldViolation("lines", "Line ids must be unique within the package."))
    to = request.ship_to
    if not (to.name and to.address_line1 and to.postal_code and len(to.country_code) == 2):
        problems.append(FieldViolation("ship_to", "Name, first address line, postal code and a two-letter "
                                                  "country code are required."))
    if to.country_code.upper() != "JP" and not to.city:
        problems.append(FieldViolation("ship_to.city", "The city is required outside Japan."))
    if problems:
        raise ValidationFailed("The package cannot be sent to FBA as it is.", problems)


def _line_problems(line: Line) -> list[str]:
    found = []
    if not 0 < len(line.sku) <= 50:
        found.append("The seller SKU must have 1 to 50 characters.")
    if not 0 < len(line.line_id) <= 50:
        found.append("The line id must have 1 to 50 characters.")
    if line.quantity < 1:
        found.append("The quantity must be 1 or more.")
    return found
