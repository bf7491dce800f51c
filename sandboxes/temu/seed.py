"""The demo world: one app, a semi-managed mall with US/EU/product tokens, a local mall with two
Temu warehouses, and a few hundred orders over the last 30 days (carriers are in ``catalog``).
Deterministic apart from "now".

Every example of the README answers with data in the demo: a few orders of each region of the
semi-managed mall carry the seller SKU "MUG-BLUE" (the ListOrders example, whichever shop it names), and the EU order token expires in EU_TOKEN_DAYS days (the
``expiring_within_days`` example). The order tokens are granted ``bg.order.amount.query``, so the
orders get their amounts."""
from __future__ import annotations

from dataclasses import dataclass

from sandboxes.temu.catalog import AMOUNT_SCOPE, LOCAL_SCOPES, MALL_LOCAL, MALL_SEMI, ORDER_SCOPES, PRODUCT_SCOPES
from sandboxes.temu.goods import catalogue
from sandboxes.temu.registry import SandboxRegistry

US_REGION, EU_REGION = 211, 210
DEMO_ORDERS = ((MALL_SEMI, US_REGION, 300), (MALL_SEMI, EU_REGION, 200), (MALL_LOCAL, US_REGION, 150))
DEMO_SKU, DEMO_SKU_ORDERS = "MUG-BLUE", 3
EU_TOKEN_DAYS = 10
# The local shop's warehouses at Temu (bound to ERP warehouses for selfShippingWarehouseId).
DEMO_WAREHOUSES = (("New Jersey warehouse", "WH-73450100000000001"), ("Los Angeles warehouse", "WH-73450100000000002"))


@dataclass(frozen=True, slots=True)
class DemoSeed:
    """What a demo user needs to connect: the app credentials, the malls and the tokens.

    ``wrong_token`` is a product token that answers ``bg.open.accesstoken.info.get`` on the
    US gateway, so pasting it where an order token is expected shows the "not an order
    token" refusal.
    """

    app_key: str
    app_secret: str
    semi_mall_id: int
    local_mall_id: int
    us_order_token: str
    eu_order_token: str
    product_token: str
    local_token: str
    wrong_token: str

    @property
    def tokens(self) -> dict[str, str]:
        return {"us_order": self.us_order_token, "eu_order": self.eu_order_token,
                "product": self.product_token, "local": self.local_token,
                "wrong": self.wrong_token}


def seed_demo(registry: SandboxRegistry) -> DemoSeed:
    """Fill an empty registry with the demo world and return its credentials."""
    seed = DemoSeed(
        app_key="demo-app-key", app_secret="demo-app-secret", semi_mall_id=634418,
        local_mall_id=734501, us_order_token="demo-us-order-token",
        eu_order_token="demo-eu-order-token", product_token="demo-product-token",
        local_token="demo-local-token", wrong_token="demo-wrong-product-token")
    registry.add_app(seed.app_key, seed.app_secret)
    semi = registry.add_mall(MALL_SEMI, "Demo Home Goods", seed.semi_mall_id)
    local = registry.add_mall(MALL_LOCAL, "Demo US Local", seed.local_mall_id)
    issue = registry.issue_token
    # The order and local tokens are granted the order amounts (a sensitive interface), so demo
    # orders have them once the background lane has run.
    issue(semi, gateway="us", region_id=US_REGION, kind="order", app_key=seed.app_key,
          scopes=[*ORDER_SCOPES, AMOUNT_SCOPE], token=seed.us_order_token)
    issue(semi, gateway="eu", region_id=EU_REGION, kind="order", app_key=seed.app_key,
          scopes=[*ORDER_SCOPES, AMOUNT_SCOPE], token=seed.eu_order_token, expired_time=registry.clock.now() + EU_TOKEN_DAYS * 86400)
    issue(semi, gateway="pa", region_id=US_REGION, kind="product", app_key=seed.app_key,
          token=seed.product_token)
    issue(local, gateway="us", region_id=US_REGION, kind="local", app_key=seed.app_key,
          scopes=[*LOCAL_SCOPES, AMOUNT_SCOPE], token=seed.local_token)
    issue(semi, gateway="us", region_id=US_REGION, kind="product", app_key=seed.app_key,
          scopes=[*PRODUCT_SCOPES, "bg.open.accesstoken.info.get"], token=seed.wrong_token)
    for name, warehouse_id in DEMO_WAREHOUSES:
        registry.add_warehouse(local, name, warehouse_id=warehouse_id, is_default=warehouse_id.endswith("1"))
    registry.add_warehouse(semi, "Shenzhen self-ship warehouse", warehouse_id="WH-63441800000000001",
                           is_default=True)
    for mall_type, region_id, count in DEMO_ORDERS:
        mall_id = semi if mall_type == MALL_SEMI else local
        registry.generate_orders(mall_id, region_id, count, seed="demo")
    hour_ago = registry.clock.now() - 3600  # inside the first history window, however soon it runs
    for region_id in (US_REGION, EU_REGION):
        for _ in range(DEMO_SKU_ORDERS):
            registry.create_order(semi, region_id, status=2, seller_sku=DEMO_SKU, created_at=hour_ago)
    return seed


def demo_places(seed: DemoSeed) -> list[tuple[int, int]]:
    """The (mall, region) pairs that hold demo orders."""
    return [(seed.semi_mall_id if t == MALL_SEMI else seed.local_mall_id, r)
            for t, r, _ in DEMO_ORDERS]


def demo_seller_skus(seed: DemoSeed) -> tuple[str, ...]:
    """Every seller SKU a demo order carries (each mall's catalogue, and ``DEMO_SKU``): the demo's
    3PL and FBA sandboxes stock them, so a demo order sent there is accepted."""
    codes = [sku.ext_code for mall in (seed.semi_mall_id, seed.local_mall_id) for sku in catalogue(mall)]
    return tuple(dict.fromkeys((DEMO_SKU, *codes)))
