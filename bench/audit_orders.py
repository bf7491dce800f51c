"""AuditOrders of 500 orders in one call (issue 10, acceptance 6: < 2 s, median of 3), through
a real gRPC server in this process, next to 500 GetOrder calls of the same orders on the same
server as the baseline (ratios compare across busy machines, absolute figures do not).

    .venv/bin/python -m bench.audit_orders [--orders 500] [--rounds 3] [--db postgresql+psycopg://…/empty_db]

Each round audits fresh orders (assigned just before, not timed); no worker runs, so the
audited packages wait in the outbox and the figure is the audit alone.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timezone

import grpc

from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as pb, fulfillment_service_pb2_grpc
from adapters.grpc.gen.erp.v1 import order_service_pb2 as opb, order_service_pb2_grpc
from adapters.persistence.keyring import Keyring
from application.ports.carrier import CarrierCredentials
from bench.shop_rpc_load import seed
from adapters.temu.config import TemuConfig
from bootstrap import build_app
from bootstrap.settings import Settings
from domain.carrier_account import CarrierAccount
from domain.channel import LogisticsChannel
from domain.order import Order
from domain.platform_order import Address, OrderLine, PlatformOrder
from domain.warehouse import LabelFormat, PostalAddress, TemuCarrier, Warehouse
from server import serve

ADDRESS = Address(name="Ann Buyer", country="US", state="TX", city="Austin", line1="1 Main St", post_code="78701")
FROM = PostalAddress(name="Bench WH", street1="1 Dock Rd", city="Reno", zip="89501", country="US", state="NV")


def seed_route(app, owner: str, base_url: str = "http://127.0.0.1:9/", token: str = "bench-token",
               temu_carrier: int = 5001) -> tuple[str, str]:
    """An own warehouse whose carrier account is at ``base_url`` (nothing listens at the default),
    and its USPS channel."""
    now = datetime.now(timezone.utc)
    account = CarrierAccount.open(id=str(uuid.uuid4()), owner_id=owner, provider="shippo", display_name="Bench",
                                  base_url=base_url, verified_at=now)
    warehouse = Warehouse.register_own(id=str(uuid.uuid4()), owner_id=owner, name="Bench WH", address=FROM,
                                       return_address=None, carrier_account_id=account.id, now=now)
    channel = LogisticsChannel.enable(id=str(uuid.uuid4()), warehouse_id=warehouse.id, name="Ground", carrier="usps",
                                      service_token="usps_ground_advantage", label_format=LabelFormat.PDF_4X6,
                                      temu_carriers=(TemuCarrier(211, temu_carrier, "USPS"),), now=now)
    with app.uow() as uow:
        uow.carrier_accounts.add(account, CarrierCredentials("shippo", token, account.base_url))
        uow.warehouses.add(warehouse)
        uow.shops.flush()
        uow.channels.add(channel)
        uow.commit()
    return f"warehouses/{warehouse.id}", f"channels/{channel.id}"


def seed_orders(app, shop_id: str, count: int, tag: str, sku: str | None = None) -> list[str]:
    """``count`` orders to ship, one unit each, of ``sku`` (default: 50 SKUs in turn)."""
    now = datetime.now(timezone.utc)
    orders = []
    for i in range(count):
        line = OrderLine(f"{tag}-{i:06d}", 1, 2, 3, sku or f"SKU-{i % 50:03d}", "Mug", "Blue", 1, 0, 1, 2)
        order = Order(id=str(uuid.uuid4()), shop_id=shop_id,
                      snapshot=PlatformOrder(f"PO-{tag}-{i:06d}", 2, 211, 100, now, now, None, (line,)), now=now)
        order.record_address(ADDRESS, now)
        orders.append(order)
    with app.uow() as uow:
        uow.orders.add_new(orders)
        uow.commit()
    return [f"orders/{o.id}" for o in orders]


def main() -> int:
    args = _parser().parse_args()
    url = f"sqlite:///{tempfile.mkdtemp(prefix='erp-bench-')}/audit.db" if args.db == "sqlite" else args.db
    keyring = Keyring.generate("k1")
    key, [shop_id] = seed(url, keyring, 1)
    app = build_app(Settings(database_url=url), TemuConfig.for_base_url("http://127.0.0.1:9", "bench", "bench"),
                    keyring=keyring)
    with app.uow() as uow:
        owner = uow.shops.get(shop_id).owner_id
    warehouse, channel = seed_route(app, owner)
    stop, ready, port = threading.Event(), threading.Event(), []
    threading.Thread(target=serve, args=(app, "127.0.0.1:0", stop, lambda p: (port.append(p), ready.set())),
                     daemon=True).start()
    ready.wait(30)
    md = (("x-api-key", key),)
    audit_s, get_s = [], []
    with grpc.insecure_channel(f"127.0.0.1:{port[0]}") as ch:
        fulfil, orders = fulfillment_service_pb2_grpc.FulfillmentServiceStub(ch), order_service_pb2_grpc.OrderServiceStub(ch)
        for r in range(args.rounds):
            names = seed_orders(app, shop_id, args.orders, f"r{r}")
            fulfil.AssignFulfillment(pb.AssignFulfillmentRequest(orders=names, warehouse=warehouse, channel=channel),
                                     metadata=md, timeout=600)
            start = time.perf_counter()
            reply = fulfil.AuditOrders(pb.AuditOrdersRequest(orders=names), metadata=md, timeout=600)
            audit_s.append(time.perf_counter() - start)
            assert all(item.status.code == 0 for item in reply.results), reply.results[0].status.message
            start = time.perf_counter()
            for name in names:
                orders.GetOrder(opb.GetOrderRequest(name=name), metadata=md, timeout=60)
            get_s.append(time.perf_counter() - start)
    stop.set()
    audit, get = statistics.median(audit_s), statistics.median(get_s)
    print(f"AuditOrders of {args.orders} orders: median {audit:.2f} s over {args.rounds} rounds "
          f"({', '.join(f'{s:.2f}' for s in audit_s)}); target < 2 s")
    print(f"baseline, {args.orders} GetOrder calls one after another: median {get:.2f} s; ratio {audit / get:.2f}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--db", default="sqlite")
    return parser


if __name__ == "__main__":
    sys.exit(main())
