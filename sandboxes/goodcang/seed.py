"""The demo account: two US warehouses with their shipping methods and stocked SKUs."""
from __future__ import annotations

from typing import Any

from sandboxes.goodcang.registry import GoodcangRegistry

DEMO_APP_KEY = "demo-goodcang-key"
DEMO_APP_TOKEN = "demo-goodcang-token"
DEMO_SKUS = {"DEMO-MUG-01": 500, "DEMO-LAMP-02": 120, "DEMO-RUG-03": 40}


def seed_demo(registry: GoodcangRegistry, *, qps: int = 10) -> dict[str, Any]:
    registry.add_account(DEMO_APP_KEY, DEMO_APP_TOKEN, customer_code="G100", qps=qps)
    registry.add_warehouse("USEA", "美东仓库 (US East)", "US")
    registry.add_warehouse("USWE", "美西仓库 (US West)", "US")
    for warehouse, methods in {"USEA": ("FEDEX-SMALLPARCEL", "UPS-GROUND"), "USWE": ("USPS-PRIORITY",)}.items():
        for code in methods:
            registry.add_shipping_method(code, warehouse)
        for sku, units in DEMO_SKUS.items():
            registry.set_stock(DEMO_APP_KEY, warehouse, sku, units)
    return {"app_key": DEMO_APP_KEY, "app_token": DEMO_APP_TOKEN, "warehouses": ["USEA", "USWE"],
            "skus": sorted(DEMO_SKUS)}
