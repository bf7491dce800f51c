"""The request of ``order/create_order`` checked field by field against Goodcang's table.

Lengths, required fields and enumerations are those of the RESTFUL V1 "新建订单" page (README.md
lists them). Checks against the account's data (warehouse, shipping method, SKU, stock,
duplicate reference) are the registry's.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping

from sandboxes.goodcang.countries import COUNTRY_CODES
from sandboxes.goodcang.errors import bad_params
from sandboxes.goodcang.fields import count, flag, text

MAX_QUANTITY = 100_000
_HS_CODE = re.compile(r"^\d{6,10}$")
_DECLARED = re.compile(r"^\d{1,8}(\.\d{1,2})?$")

# Optional strings and their maximum lengths (address3 has no documented length: address2's).
_OPTIONAL = {"reference_no": 50, "platform": 20, "company": 50, "address2": 50, "address3": 50,
             "doorplate": 20, "last_name": 48, "cell_phone": 8, "phone": 20, "email": 100,
             "order_desc": 500}
_REQUIRED = {"shipping_method": 32, "warehouse_code": 32, "country_code": 2, "province": 20,
             "city": 32, "zipcode": 20, "name": 48}


@dataclass(frozen=True, slots=True)
class CreateRequest:
    fields: dict[str, str]
    items: tuple[tuple[str, int], ...]
    verify: int

    @property
    def reference_no(self) -> str:
        return self.fields["reference_no"]


def read_create(body: Mapping[str, Any]) -> CreateRequest:
    fields = {name: text(body, name, size, required=True) for name, size in _REQUIRED.items()}
    fields.update({name: text(body, name, size) for name, size in _OPTIONAL.items()})
    fields["address1"] = text(body, "address1", 50)
    if not fields["address1"] and not fields["address2"]:
        raise bad_params("address1、address2必填一个 (address1 or address2 is required)")
    if fields["country_code"] not in COUNTRY_CODES:
        raise bad_params(f"country_code不存在: {fields['country_code']} (unknown country code)")
    _check_services(body)
    verify = flag(body, "verify", (0, 1))
    return CreateRequest(fields, _items(body.get("items")), verify or 0)


def _check_services(body: Mapping[str, Any]) -> None:
    for name in ("is_signature", "is_insurance", "LiftGate", "is_shipping_method_not_allow_update",
                 "is_change_label", "is_euro_label", "is_warehouse_packing", "business_type"):
        flag(body, name, (0, 1))
    flag(body, "age_detection", (0, 16, 18))
    flag(body, "customer_package_requirement", (1, 2, 3, 4), default=None)
    insured = body.get("insurance_value")
    if insured is not None and (isinstance(insured, bool) or not isinstance(insured, (int, float))
                                or not 0 <= insured < 10_000_000):
        raise bad_params("insurance_value必须是0到9999999.999之间的数字 (insurance_value out of range)")


def _items(raw: Any) -> tuple[tuple[str, int], ...]:
    if not isinstance(raw, list) or not raw:
        raise bad_params("items不能为空 (items must be a non-empty array)")
    lines = []
    for item in raw:
        if not isinstance(item, dict):
            raise bad_params("items的元素必须是对象 (each item must be an object)")
        sku = text(item, "product_sku", 24, required=True)
        quantity = count(item, "quantity", 1, MAX_QUANTITY)
        text(item, "transaction_id", 50)
        text(item, "item_id", 50)
        text(item, "fba_product_code", 20)
        _check_customs(item)
        lines.append((sku, quantity or 0))
    return tuple(lines)


def _check_customs(item: Mapping[str, Any]) -> None:
    declared = item.get("product_declared_value")
    if declared not in (None, ""):
        shown = str(declared)
        if not _DECLARED.match(shown) or float(shown) < 0.01:
            raise bad_params("product_declared_value取值范围0.01-99999999.99,最多2位小数 "
                             "(product_declared_value must be 0.01 to 99999999.99 with at most 2 decimals)")
    hs_code = item.get("hs_code")
    if hs_code not in (None, "") and not (isinstance(hs_code, str) and _HS_CODE.match(hs_code)):
        raise bad_params("hs_code必须为6-10位数字 (hs_code must be 6 to 10 digits)")
