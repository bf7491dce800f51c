"""What a Goodcang account holds: its credentials, quota and stock per (warehouse, SKU)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Stock:
    sellable: int
    reserved: int = 0
    shipped: int = 0
    onway: int = 0

    def to_wire(self, sku: str, warehouse_code: str, customer_code: str) -> dict[str, object]:
        """Numbers as strings, as Goodcang's own example answer sends them."""
        return {"product_barcode": f"{customer_code}-{sku}", "product_sku": sku,
                "warehouse_code": warehouse_code, "sellable": str(self.sellable),
                "reserved": str(self.reserved), "onway": str(self.onway), "pending": "0",
                "unsellable": "0", "shipped": str(self.shipped), "stocking": 0,
                "pi_no_stock": 0, "pi_freeze": 0}


@dataclass(slots=True)
class Account:
    app_key: str
    app_token: str
    customer_code: str
    qps: int
    stock: dict[tuple[str, str], Stock] = field(default_factory=dict)

    def skus(self) -> set[str]:
        return {sku for _, sku in self.stock}


@dataclass(frozen=True, slots=True)
class Warehouse:
    code: str
    name: str
    country_code: str

    def to_wire(self) -> dict[str, str]:
        return {"warehouse_code": self.code, "warehouse_name": self.name, "country_code": self.country_code}


@dataclass(frozen=True, slots=True)
class ShippingMethod:
    code: str
    warehouse_code: str
    name: str

    def to_wire(self) -> dict[str, object]:
        return {"code": self.code, "name": self.name, "name_en": self.name,
                "warehouse_code": self.warehouse_code, "type": "0", "is_signature": 0,
                "is_specify_arrival_time": 0}
