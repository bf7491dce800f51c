"""SKU mappings (FUL-3): a warehouse ships the seller's SKUs, which may differ from what Temu
knows a product by.

- A mapping belongs to an owner, for all of their shops or for one shop (the shop's wins).
- It matches a Temu SKU id, or the seller SKU a product was listed with on Temu (the id's
  mapping wins), and names the seller SKU to ship.
- An order line ships the mapped SKU, else the seller SKU Temu gives; with neither, the line is
  held (reason ``SKU_UNMAPPED``) until a mapping is set.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from domain.errors import FieldViolation, ValidationFailed

MAX_SKU_LENGTH = 128
_SKU = re.compile(r"^[^\x00-\x1f\x7f]+$")
SKU_UNMAPPED = "SKU_UNMAPPED"


def sku_violation(value: str, field: str) -> FieldViolation | None:
    if not value or len(value) > MAX_SKU_LENGTH or not _SKU.match(value) or value != value.strip():
        return FieldViolation(field, f"1 to {MAX_SKU_LENGTH} printable characters, no leading or trailing space")
    return None


@dataclass(frozen=True, slots=True)
class SkuMapping:
    owner_id: str
    seller_sku: str  # what the warehouse ships
    shop_id: str = ""  # "": every shop of the owner
    temu_sku_id: int = 0  # 0: matched by ``temu_seller_sku``
    temu_seller_sku: str = ""  # "": matched by ``temu_sku_id``

    def __post_init__(self) -> None:
        violations = [v for v in (sku_violation(self.seller_sku, "seller_sku"),) if v]
        if (self.temu_sku_id > 0) == bool(self.temu_seller_sku):
            violations.append(FieldViolation("temu_sku_id", "give exactly one of temu_sku_id and temu_seller_sku"))
        elif self.temu_sku_id < 0:
            violations.append(FieldViolation("temu_sku_id", "a Temu SKU id, above 0"))
        elif self.temu_seller_sku:
            violations += [v for v in (sku_violation(self.temu_seller_sku, "temu_seller_sku"),) if v]
        if violations:
            raise ValidationFailed("The SKU mapping is wrong: "
                                   + "; ".join(f"{v.field} {v.description}" for v in violations) + ".", violations)

    @property
    def key(self) -> tuple[str, str, int, str]:
        """What a mapping is unique by: setting it again replaces it."""
        return self.owner_id, self.shop_id, self.temu_sku_id, self.temu_seller_sku


def seller_sku_to_ship(mapped: str | None, temu_seller_sku: str) -> str | None:
    """The SKU a line ships as; None: hold the line with reason ``SKU_UNMAPPED``."""
    if mapped:
        return mapped
    return temu_seller_sku if sku_violation(temu_seller_sku, "seller_sku") is None else None
