"""The demo's 3PL and FBA warehouses (``server.py demo``) accept demo orders: the sandboxes stock
every seller SKU the demo's Temu orders carry, so an order assigned to either is pushed and
accepted, not refused out of stock. SQLite and PostgreSQL for the end-to-end part."""
from __future__ import annotations

import uuid

from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as pb
from adapters.grpc.gen.erp.v1 import order_pb2, shop_pb2, shop_service_pb2 as spb
from adapters.grpc.gen.erp.v1 import warehouse_service_pb2 as wpb, warehouse_service_pb2_grpc
from domain.principal import Principal, Role
from sandboxes.temu import SandboxRegistry, seed_demo
from sandboxes.temu.goods import catalogue
from sandboxes.temu.seed import DEMO_SKU, demo_places, demo_seller_skus
from server import start_demo_providers
from tests.e2e.conftest import APP_KEY
from tests.e2e.orders.sync_helpers import all_orders, eventually, wait_done
from tests.e2e.packages.test_fulfillment_service import has_address
from tests.e2e.packages.test_provider_routes import follow, follow_message


def test_every_seller_sku_of_the_demo_orders_is_among_the_skus_the_demo_providers_stock():
    registry = SandboxRegistry()
    seed = seed_demo(registry)
    carried = {product["extCode"] for mall, region in demo_places(seed) for order in registry.orders(mall, region)
               for line in order["orderList"] for product in line["productList"]}
    assert DEMO_SKU in carried and carried <= set(demo_seller_skus(seed))


def test_a_demo_order_assigned_to_the_demo_3pl_or_fba_warehouse_is_pushed_and_accepted(stack, fulfillment):
    admin_id, key = stack.key_for("demo admin", Role.ADMIN)
    md = stack.md(key)
    mall = stack.temu.add_mall(mall_type=1)
    skus = (DEMO_SKU, catalogue(mall)[0].ext_code)  # the demo's SKUs: MUG-BLUE and its malls' catalogue
    demo, sandboxes = start_demo_providers(stack.app, Principal(admin_id, "demo admin", Role.ADMIN), skus=skus)
    try:
        token = stack.temu.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY)
        for sku in skus:
            stack.temu.create_order(mall, 211, status=2, quantity=1, seller_sku=sku)
        shop = stack.shops().AuthorizeShop(spb.AuthorizeShopRequest(
            display_name="Demo Home Goods", kind=shop_pb2.SHOP_KIND_CROSS_BORDER, region=shop_pb2.REGION_US,
            token=token), metadata=md)
        wait_done(stack, shop.history_sync_operation)

        def with_addresses():
            found = all_orders(stack, shop.shop.name, states=[order_pb2.ORDER_STATE_TO_REVIEW])
            return found if len(found) == 2 and all(has_address(stack, o.name) for o in found) else None
        orders = eventually(with_addresses)
        assert orders, "both demo orders synced with their addresses"
        packages = []
        for order, warehouse_id in zip(orders, demo.warehouse_ids):  # one to Goodcang, one to FBA
            channels = fulfillment_channels(stack, md, warehouse_id)
            assigned = fulfillment.AssignFulfillment(pb.AssignFulfillmentRequest(
                orders=[order.name], warehouse=f"warehouses/{warehouse_id}", channel=channels[0],
                request_id=str(uuid.uuid4())), metadata=md)
            assert assigned.results[0].status.code == 0, assigned.results[0].status.message
            [audited] = fulfillment.AuditOrders(pb.AuditOrdersRequest(orders=[order.name]), metadata=md).results
            assert audited.status.code == 0, audited.status.message
            packages += list(audited.packages)
        for package in packages:
            pushed = follow(fulfillment, md, package, pb.PACKAGE_STATE_PUSHED)
            assert pushed.provider_ref and not pushed.hold_reason
            follow_message(fulfillment, md, package, "ACCEPTED")
    finally:
        for sandbox in sandboxes:
            sandbox.stop()


def fulfillment_channels(stack, md, warehouse_id: str) -> list[str]:
    warehouses = warehouse_service_pb2_grpc.WarehouseServiceStub(stack.channel)
    listed = warehouses.ListChannels(wpb.ListChannelsRequest(warehouse=f"warehouses/{warehouse_id}"), metadata=md)
    return [c.name for c in listed.channels]
