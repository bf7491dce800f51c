"""Request checks, answered as Shippo does: HTTP 400 with ``{field: [message, …]}``, nested
for addresses (``{"address_to": {"zip": [...]}}``) and per parcel (``{"parcels": [{}, {...}]}``).

The messages are Django REST framework's, which Shippo's API answers with.
"""
from __future__ import annotations

import re
from typing import Any

from sandboxes.carrier.catalog import COUNTRIES, DISTANCE_UNITS, LABEL_FILE_TYPES, MASS_UNITS

REQUIRED = "This field is required."
ADDRESS_REQUIRED = ("name", "street1", "city", "zip", "country")
# Our limits: Shippo documents only metadata's 100; carriers cut long lines (UPS at 35).
MAX_LENGTHS = {"name": 50, "company": 50, "street1": 50, "street2": 50, "street3": 50,
               "street_no": 10, "city": 35, "state": 35, "zip": 10, "phone": 20, "email": 100}
METADATA_MAX = 100
_US_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_ZIP = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]{0,9}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DECIMAL = re.compile(r"^\d{1,6}(\.\d{1,4})?$")


class Invalid(Exception):
    """The request breaks the protocol; ``errors`` is the 400 body."""

    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__(str(errors))
        self.errors = errors


def json_object(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise Invalid({"non_field_errors": ["Invalid data. Expected a dictionary, but got "
                                            f"{type(data).__name__}."]})
    return data


def shipment(body: dict[str, Any]) -> None:
    errors: dict[str, Any] = {}
    for side in ("address_from", "address_to"):
        problem = address(body.get(side))
        if problem:
            errors[side] = problem
    parcel_errors = parcels(body.get("parcels"))
    if parcel_errors:
        errors["parcels"] = parcel_errors
    _common(body, errors)
    if "carrier_accounts" in body and not _strings(body["carrier_accounts"]):
        errors["carrier_accounts"] = ['Expected a list of items but got type "str".']
    if errors:
        raise Invalid(errors)


def transaction(body: dict[str, Any]) -> None:
    errors: dict[str, Any] = {}
    if not isinstance(body.get("rate"), str) or not body["rate"].strip():
        errors["rate"] = [REQUIRED]
    kind = body.get("label_file_type")
    if kind is not None and kind not in LABEL_FILE_TYPES:
        errors["label_file_type"] = [f'"{kind}" is not a valid choice.']
    _common(body, errors)
    if errors:
        raise Invalid(errors)


def refund(body: dict[str, Any]) -> None:
    errors: dict[str, Any] = {}
    if not isinstance(body.get("transaction"), str) or not body["transaction"].strip():
        errors["transaction"] = [REQUIRED]
    _common(body, errors)
    if errors:
        raise Invalid(errors)


def address(value: Any) -> Any:
    if value is None:
        return [REQUIRED]
    if not isinstance(value, dict):
        return {"non_field_errors": ["Invalid data. Expected a dictionary."]}
    errors: dict[str, list[str]] = {}
    for name in ADDRESS_REQUIRED:
        if not isinstance(value.get(name), str) or not value[name].strip():
            errors[name] = [REQUIRED]
    for name, limit in MAX_LENGTHS.items():
        text = value.get(name)
        if text is not None and not isinstance(text, str):
            errors[name] = ["Not a valid string."]
        elif text and len(text) > limit and name not in errors:
            errors[name] = [f"Ensure this field has no more than {limit} characters."]
    country = value.get("country")
    if "country" not in errors and country not in COUNTRIES:
        errors["country"] = [f'"{country}" is not a valid choice.']
    _zip_and_state(value, errors)
    if "email" not in errors and value.get("email") and not _EMAIL.match(value["email"]):
        errors["email"] = ["Enter a valid email address."]
    return errors


def _zip_and_state(value: dict[str, Any], errors: dict[str, list[str]]) -> None:
    if "zip" in errors or "country" in errors:
        return
    pattern = _US_ZIP if value["country"] == "US" else _ZIP
    if not pattern.match(value["zip"]):
        errors["zip"] = [f"Enter a valid postal code for {value['country']}."]
    if value["country"] in ("US", "CA") and "state" not in errors:
        state = value.get("state") or ""
        if not re.fullmatch(r"[A-Z]{2}", state):
            errors["state"] = [f"A two-letter state or province code is required for {value['country']}."]


def parcels(value: Any) -> Any:
    if value is None:
        return [REQUIRED]
    if not isinstance(value, list):
        return [f'Expected a list of items but got type "{type(value).__name__}".']
    if not value:
        return ["This list may not be empty."]
    found = [_parcel(p) for p in value]
    return found if any(found) else None


def _parcel(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        return {"non_field_errors": ["Invalid data. Expected a dictionary."]}
    errors: dict[str, list[str]] = {}
    for name in ("length", "width", "height", "weight"):
        number = value.get(name)
        if number is None:
            errors[name] = [REQUIRED]
        elif isinstance(number, bool) or not _DECIMAL.match(str(number)) or float(number) <= 0:
            errors[name] = ["A valid positive number is required (at most 4 decimal places)."]
    for name, allowed in (("distance_unit", DISTANCE_UNITS), ("mass_unit", MASS_UNITS)):
        unit = value.get(name)
        if unit is None:
            errors[name] = [REQUIRED]
        elif unit not in allowed:
            errors[name] = [f'"{unit}" is not a valid choice.']
    return errors


def _common(body: dict[str, Any], errors: dict[str, Any]) -> None:
    if "async" in body and not isinstance(body["async"], bool):
        errors["async"] = ["Must be a valid boolean."]
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, str):
        errors["metadata"] = ["Not a valid string."]
    elif metadata and len(metadata) > METADATA_MAX:
        errors["metadata"] = [f"Ensure this field has no more than {METADATA_MAX} characters."]


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)
