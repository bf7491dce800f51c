"""Check a request body against a schema of ``rules.py``, then against the model's prose rules.

Every violation is one SP-API error ``{"code": "InvalidInput", "message": ..., "details": ...}``;
all of them are reported at once, as a caller fixing a request wants them.
"""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sandboxes.fba.rules import MAX_LINES, MAX_UNITS, Schema

_TYPES: dict[str, tuple[type, ...]] = {"string": (str,), "integer": (int,), "boolean": (bool,),
                                       "object": (dict,), "array": (list,), "number": (int, float)}
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def invalid(message: str, details: str = "") -> dict[str, str]:
    return {"code": "InvalidInput", "message": message, "details": details}


def check(value: Any, schema: Schema, path: str = "body") -> list[dict[str, str]]:
    """Violations of ``schema`` by ``value`` (empty: valid)."""
    errors: list[dict[str, str]] = []
    _walk(value, schema, path, errors)
    return errors


def _walk(value: Any, schema: Schema, path: str, errors: list[dict[str, str]]) -> None:
    kind = schema.get("type")
    if kind and not _is(value, kind):
        errors.append(invalid(f"Value {_show(value)} for parameter {path} is invalid. Reason: InvalidType.",
                              f"Expected {kind}."))
        return
    if "enum" in schema and value not in schema["enum"]:
        errors.append(invalid(f"Value {_show(value)} for parameter {path} is invalid. Reason: InvalidValue.",
                              f"Allowed values: {', '.join(schema['enum'])}."))
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        errors.append(invalid(f"Value for parameter {path} is invalid. Reason: TooLong.",
                              f"At most {schema['maxLength']} characters, got {len(value)}."))
    if schema.get("format") == "date-time" and not _is_date_time(value):
        errors.append(invalid(f"Value {_show(value)} for parameter {path} is invalid. Reason: InvalidValue.",
                              "Expected an ISO 8601 date-time."))
    if kind == "object":
        for name in schema.get("required", ()):
            if value.get(name) is None:
                errors.append(invalid(f"Missing required parameter {path}.{name}."))
        for name, sub in schema.get("properties", {}).items():
            if value.get(name) is not None:
                _walk(value[name], sub, f"{path}.{name}", errors)
    if kind == "array" and "items" in schema:
        for index, item in enumerate(value):
            _walk(item, schema["items"], f"{path}[{index}]", errors)


def _is(value: Any, kind: str) -> bool:
    if kind in ("integer", "number") and isinstance(value, bool):
        return False
    return isinstance(value, _TYPES[kind])


def _is_date_time(value: str) -> bool:
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return "T" in value


def _show(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_prose(body: dict[str, Any], address_key: str) -> list[dict[str, str]]:
    """The rules the model writes in descriptions rather than in schema keywords."""
    errors: list[dict[str, str]] = []
    if "displayableOrderId" in body:
        errors += _displayable_id(body["displayableOrderId"])
    address = body.get(address_key)
    if isinstance(address, dict):
        errors += _address(address, f"body.{address_key}")
    items = body.get("items")
    if isinstance(items, list):
        errors += _items(items)
    return errors


def _displayable_id(value: Any) -> list[dict[str, str]]:
    if not isinstance(value, str):
        return []
    why = "displayableOrderId must be alpha-numeric or ISO 8859-1 text of 1 to 40 characters"
    try:
        value.encode("latin-1")
    except UnicodeEncodeError:
        return [invalid("Value for parameter body.displayableOrderId is invalid. Reason: InvalidValue.",
                        f"{why}: it contains characters outside ISO 8859-1.")]
    if not value.strip():
        return [invalid("Value for parameter body.displayableOrderId is invalid. Reason: InvalidValue.",
                        f"{why}: it is empty.")]
    if "  " in value:
        return [invalid("Value for parameter body.displayableOrderId is invalid. Reason: InvalidValue.",
                        f"{why}; it cannot contain two spaces in a row.")]
    return []


def _address(address: dict[str, Any], path: str) -> list[dict[str, str]]:
    errors = []
    country = address.get("countryCode")
    if isinstance(country, str) and not _COUNTRY.match(country):
        errors.append(invalid(f"Value {_show(country)} for parameter {path}.countryCode is invalid. "
                              "Reason: InvalidValue.", "Expected an ISO 3166-1 alpha-2 country code."))
    if isinstance(country, str) and country != "JP" and not address.get("city"):
        errors.append(invalid(f"Missing required parameter {path}.city.",
                              "city is required in every country except Japan."))
    return errors


def _items(items: list[Any]) -> list[dict[str, str]]:
    if not items:
        return [invalid("Value for parameter body.items is invalid. Reason: InvalidValue.",
                        "An order needs at least one item.")]
    errors = []
    if len(items) > MAX_LINES:
        errors.append(invalid("Value for parameter body.items is invalid. Reason: TooManyItems.",
                              f"At most {MAX_LINES} line items per order, got {len(items)}."))
    quantities = [i.get("quantity") for i in items if isinstance(i, dict)]
    quantities = [q for q in quantities if isinstance(q, int) and not isinstance(q, bool)]
    for index, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("quantity"), int) and item["quantity"] < 1:
            errors.append(invalid(f"Value {item['quantity']} for parameter body.items[{index}].quantity is "
                                  "invalid. Reason: InvalidValue.", "The quantity must be 1 or more."))
    if sum(quantities) > MAX_UNITS:
        errors.append(invalid("Value for parameter body.items is invalid. Reason: TooManyUnits.",
                              f"At most {MAX_UNITS} units per order, got {sum(quantities)}."))
    ids = [i.get("sellerFulfillmentOrderItemId") for i in items if isinstance(i, dict)]
    if len(ids) != len(set(ids)):
        errors.append(invalid("Value for parameter body.items is invalid. Reason: DuplicateValue.",
                              "sellerFulfillmentOrderItemId must be unique within an order."))
    return errors
