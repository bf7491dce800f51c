"""The order desk at scale (issue 13, acceptance 3): CountOrders, and ListOrders searching by a
child order number, by recipient name, by a pasted list of 500 numbers, and a page sorted by
ship-by time, at concurrency 20 next to Health/Check in the same run. Target: p99 < 50 ms on
PostgreSQL with 1,000,000 orders.

    .venv/bin/python -m bench.order_desk_load --orders 1000000 --db postgresql+psycopg://…/empty_db
    .venv/bin/python -m bench.order_desk_load --orders 200000            # SQLite
    .venv/bin/python -m bench.order_desk_load --orders 1000000 --db … --reuse   # again, same data

``--reuse`` keeps what the load made (the keyring, the admin's API key, the sample of child
order numbers) in a file beside the database (``--state``, by default in the temporary
directory, named after the database): a later run with ``--reuse`` over the same database skips
the load and its ``VACUUM ANALYZE`` and measures the orders already there, which must be the
``--orders`` asked for (checked). Migrations still run (``upgrade``), so a new index is built
on the loaded orders; the run then refreshes the statistics with ``ANALYZE``.

Orders are loaded through the order repository's bulk path (``add_new``: COPY on PostgreSQL),
spread over 10 shops, with addresses, varied states, goods and ship-by times; then the
database's statistics are refreshed (``VACUUM ANALYZE``/``ANALYZE``), as autovacuum would.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone

import grpc

from adapters.grpc.gen.erp.v1 import order_service_pb2 as opb, order_service_pb2_grpc
from adapters.persistence.engine import make_engine, make_session_factory
from adapters.persistence.keyring import Keyring
from adapters.persistence.mappers import map_all
from adapters.persistence.migrate import upgrade
from adapters.persistence.uow import SqlAlchemyUnitOfWork
from bench.harness import report, run_loads, server_process
from bench.shop_rpc_load import seed
from domain.order import Order
from domain.platform_order import Address, Label, OrderLine, PlatformOrder

FIRST = ["John", "Ann", "Maria", "Wei", "Omar", "Lena", "Carlos", "Aiko", "Sam", "Nia", "Ivan", "Zoe"]
LAST = [f"{a}{b}" for a in ("Sm", "Le", "Ga", "Mu", "Ko", "Ta", "Ro", "Be", "Wi", "Ch") for b in
        ("ith", "ee", "rcia", "ller", "wal", "naka", "ssi", "cker", "lson", "en", "ard", "ova")]
GOODS = ["Ceramic mug 350 ml", "Glass vase", "Cotton t-shirt", "Phone case", "LED desk lamp", "Yoga mat",
         "Stainless water bottle", "Wool socks 3 pairs", "Bamboo cutting board", "Wireless earbuds"]
STATUSES = [2] * 6 + [1, 3, 4, 5]  # mostly to ship


def seed_orders(url: str, keyring: Keyring, shop_ids: list[str], count: int) -> list[str]:
    """``count`` orders; returns a sample of their child order numbers."""
    map_all()
    engine = make_engine(url)
    sessions, rng, now = make_session_factory(engine), random.Random(13), datetime.now(timezone.utc)
    sample: list[str] = []
    for start in range(0, count, 5000):
        batch = [_order(i, shop_ids[i % len(shop_ids)], rng, now) for i in range(start, min(count, start + 5000))]
        with SqlAlchemyUnitOfWork(sessions, keyring) as uow:
            uow.orders.add_new(batch)
            uow.commit()
        sample += [o.lines[0].order_sn for o in batch[::50]]
        if start % 100_000 == 0:
            print(f"  {start + len(batch):,} orders stored", flush=True)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE")
    engine.dispose()
    return sample


def _order(i: int, shop_id: str, rng: random.Random, now: datetime) -> Order:
    created = now - timedelta(seconds=i * 2)
    skus = [rng.randrange(2000) for _ in range(1 + (i % 4 == 0))]  # a SKU keeps its goods name, as on Temu
    lines = tuple(OrderLine(f"211-{i:012d}{k}", 6000 + i % 97, 4000 + i, 9000 + i % 500, f"SKU-{sku:04d}",
                            GOODS[sku % len(GOODS)], "Blue", 1, 0, 1, 2, "fulfillBySeller",
                            (Label("soon_to_be_overdue", int(rng.random() < 0.1)),))
                  for k, sku in enumerate(skus))
    ship_by = created + timedelta(hours=rng.randrange(24, 120)) if rng.random() < 0.9 else None
    snap = PlatformOrder(f"PO-211-{i:014d}", rng.choice(STATUSES), 211, 100, created, created, ship_by, lines)
    order = Order(id=str(uuid.uuid4()), shop_id=shop_id, snapshot=snap, now=now)
    if snap.status == 2:
        order.record_address(Address(name=f"{rng.choice(FIRST)} {rng.choice(LAST)}", city="Austin"), now)
    return order


def _reused(url: str, state: str, count: int) -> tuple[Keyring, str, list[str]]:
    """What an earlier ``--reuse`` run kept in ``state``, once the database is migrated (a new
    index is built now) and its statistics refreshed."""
    with open(state) as f:
        kept = json.load(f)
    if kept["orders"] != count:
        raise SystemExit(f"{state} holds a load of {kept['orders']:,} orders, not {count:,}")
    upgrade(url)
    engine = make_engine(url)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    env = dict(line.split("=", 1) for line in kept["keyring"].split())
    print(f"reusing the {count:,} orders of {state}")
    return Keyring.parse(env["ERP_SECRETS_KEYS"], env["ERP_FINGERPRINT_KEY"]), kept["key"], kept["children"]


def main() -> int:
    args = _parser().parse_args()
    url = f"sqlite:///{tempfile.mkdtemp(prefix='erp-bench-')}/desk.db" if args.db == "sqlite" else args.db
    state = args.state or os.path.join(tempfile.gettempdir(),
                                       f"erp-bench-desk-{hashlib.sha256(url.encode()).hexdigest()[:12]}.json")
    if args.reuse and os.path.exists(state):
        keyring, key, children = _reused(url, state, args.orders)
    else:
        keyring = Keyring.generate("k1")
        key, shop_ids = seed(url, keyring, 10)
        began = time.monotonic()
        children = seed_orders(url, keyring, shop_ids, args.orders)
        print(f"loaded {args.orders:,} orders in {time.monotonic() - began:.0f} s")
        if args.reuse:
            with open(state, "w") as f:
                json.dump({"keyring": keyring.dump(), "key": key, "children": children, "orders": args.orders}, f)
    md, rng = (("x-api-key", key),), random.Random(7)
    pasted = [[rng.choice(children) if k % 10 else f"PO-211-{rng.randrange(args.orders):014d}"
               for k in range(499)] + ["211-missing"] for _ in range(50)]

    def plan(channel: grpc.aio.Channel) -> list:
        orders = order_service_pb2_grpc.OrderServiceStub(channel)
        return [
            ("CountOrders(all)", lambda n: orders.CountOrders(opb.CountOrdersRequest(), metadata=md, timeout=10)),
            ("ListOrders(child number)", lambda n: orders.ListOrders(opb.ListOrdersRequest(
                order_sns=[children[n * 7919 % len(children)]]), metadata=md, timeout=10)),
            ("ListOrders(recipient name)", lambda n: orders.ListOrders(opb.ListOrdersRequest(
                recipient_name=f"{FIRST[n % len(FIRST)]} {LAST[n * 7 % len(LAST)]}"), metadata=md, timeout=10)),
            ("ListOrders(500 numbers)", lambda n: orders.ListOrders(opb.ListOrdersRequest(
                order_sns=pasted[n % len(pasted)], page_size=100), metadata=md, timeout=10)),
            ("ListOrders(by ship-by, 50)", lambda n: orders.ListOrders(opb.ListOrdersRequest(
                order_by="ship_by_time", page_size=50), metadata=md, timeout=10)),
        ]

    with server_process(url, keyring, args.port, args.servers) as address:
        runs = run_loads(address, plan, args.seconds, args.concurrency, args.rounds)
    report(f"backend={'sqlite' if url.startswith('sqlite') else 'postgresql'} orders={args.orders} "
           f"servers={args.servers} concurrency={args.concurrency} seconds={args.seconds} rounds={args.rounds}", runs)
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser()
    p.add_argument("--db", default="sqlite")
    p.add_argument("--orders", type=int, default=200_000)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--concurrency", type=int, default=20)
    p.add_argument("--rounds", type=int, default=1, help="repeat the whole run; figures are medians")
    p.add_argument("--port", type=int, default=50073)
    p.add_argument("--servers", type=int, default=1,
                   help="server processes, on --port and the ports after it; the calls go round robin")
    p.add_argument("--reuse", action="store_true", help="keep the load for later runs; reuse an earlier one")
    p.add_argument("--state", help="where --reuse keeps the keyring, API key and sample (default: tmp, per URL)")
    return p


if __name__ == "__main__":
    sys.exit(main())
