"""Request bodies exactly as Goodcang documents them: field names, maximum lengths, required fields.

A value that does not fit is refused here, naming the field, before any call: Goodcang would
refuse it anyway, and truncating a name or an address would ship to the wrong door.
"""
from __future__ import annotations

import re
from typing import Any

from adapters.threepl.goodcang_values import OutboundRequest
from domain.errors import FieldViolation, ValidationFailed

MAX_QUANTITY = 100_000
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def create_order_body(request: OutboundRequest) -> dict[str, Any]:
    """``order/create_order`` with ``verify`` 1: created and submitted for review at once."""
    r = request.recipient
    fields = {"reference_no": (request.reference_no, 50, True), "platform": (request.platform, 20, False),
              "shipping_method": (request.channel_code, 32, True), "warehouse_code": (request.warehouse_code, 32, True),
              "country_code": (r.country_code.upper(), 2, True), "province": (r.state, 20, True),
              "city": (r.city, 32, True), "address1": (r.line1, 50, True), "address2": (r.line2, 50, False),
              "address3": (r.line3, 50, False), "zipcode": (r.postal_code, 20, True), "name": (r.name, 48, True),
              "last_name": (r.last_name, 48, False), "company": (r.company, 50, False),
              "doorplate": (r.doorplate, 20, False), "phone": (r.phone, 20, False), "email": (r.email, 100, False),
              "order_desc": (request.note, 500, False)}
    violations = [v for name, spec in fields.items() if (v := _check(name, *spec)) is not None]
    if fields["country_code"][0] and not _COUNTRY.match(fields["country_code"][0]):
        violations.append(FieldViolation("country_code", "must be a two-letter ISO country code"))
    violations += _check_lines(request)
    if violations:
        raise ValidationFailed("The outbound order does not fit Goodcang's create_order fields: "
                               + "; ".join(f"{v.field} {v.description}" for v in violations), violations)
    body: dict[str, Any] = {name: value for name, (value, _, _) in fields.items() if value}
    body["items"] = [{"product_sku": line.sku, "quantity": line.quantity} for line in request.lines]
    body["verify"] = 1
    return body


def _check(name: str, value: str, max_len: int, required: bool) -> FieldViolation | None:
    if required and not value.strip():
        return FieldViolation(name, "is required")
    if len(value) > max_len:
        return FieldViolation(name, f"has {len(value)} characters; Goodcang accepts at most {max_len}")
    return None


def _check_lines(request: OutboundRequest) -> list[FieldViolation]:
    if not request.lines:
        return [FieldViolation("items", "must hold at least one line")]
    violations = []
    for index, line in enumerate(request.lines):
        if not line.sku.strip() or len(line.sku) > 24:
            violations.append(FieldViolation(f"items[{index}].product_sku", "must have 1 to 24 characters"))
        if not 1 <= line.quantity <= MAX_QUANTITY:
            violations.append(FieldViolation(f"items[{index}].quantity", f"must be 1 to {MAX_QUANTITY}"))
    return violations


def bounded(name: str, value: str, max_len: int) -> str:
    """A look-up key (order code, reference, warehouse) checked against its documented length."""
    if not value.strip() or len(value) > max_len:
        raise ValidationFailed(f"{name} must have 1 to {max_len} characters for Goodcang.",
                               [FieldViolation(name, f"must have 1 to {max_len} characters")])
    return value
