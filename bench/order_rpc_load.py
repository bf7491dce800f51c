"""GetOrder and ListOrders (page of 100) with 100,000 orders stored, at concurrency 20, next to
Health/Check in the same run (issue 3, acceptance 8).

    .venv/bin/python -m bench.order_rpc_load --orders 100000 --seconds 20 [--db postgresql+psycopg://…/empty_db]
    .venv/bin/python -m bench.order_rpc_load --metrics compare --seconds 10 --rounds 3   # issue 14

``--metrics on`` serves Prometheus metrics (``ERP_METRICS_PORT``) from the server under load;
``compare`` runs two servers over the same database, one without metrics and one with, and
loads GetOrder on each in turn, round after round: the ratio is what metrics cost.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import uuid
from datetime import datetime, timedelta, timezone

import grpc

from adapters.grpc.gen.erp.v1 import order_service_pb2 as opb, order_service_pb2_grpc
from adapters.persistence.engine import make_engine, make_session_factory
from adapters.persistence.keyring import Keyring
from adapters.persistence.mappers import map_all
from adapters.persistence.uow import SqlAlchemyUnitOfWork
from bench.harness import load, report, run_loads, server_process
from bench.shop_rpc_load import seed
from domain.order import Order
from domain.platform_order import Label, OrderLine, PlatformOrder


def seed_orders(url: str, keyring: Keyring, shop_id: str, count: int) -> list[str]:
    map_all()
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    now = datetime.now(timezone.utc)
    ids: list[str] = []
    for start in range(0, count, 2000):
        with SqlAlchemyUnitOfWork(sessions, keyring) as uow:
            batch = []
            for i in range(start, min(count, start + 2000)):
                created = now - timedelta(seconds=i * 25)
                line = OrderLine(f"211-{i:014d}", 6000 + i % 97, 4000 + i, 9000 + i % 500, f"SKU-{i % 500:04d}",
                                 "Ceramic mug", "Blue / 350 ml", 1 + i % 3, 0, 1 + i % 3, 2)
                snap = PlatformOrder(f"PO-211-{i:014d}", 2 if i % 3 else 4, 211, 100, created, created,
                                     created + timedelta(days=2), (line,), (Label("past_due", 0),))
                order = Order(id=str(uuid.uuid4()), shop_id=shop_id, snapshot=snap, now=now)
                batch.append(order)
                ids.append(order.id)
            uow.orders.add_new(batch)
            uow.commit()
    engine.dispose()
    return ids


def main() -> int:
    args = _parser().parse_args()
    url = f"sqlite:///{tempfile.mkdtemp(prefix='erp-bench-')}/orders.db" if args.db == "sqlite" else args.db
    keyring = Keyring.generate("k1")
    key, shop_ids = seed(url, keyring, 1)
    order_ids = seed_orders(url, keyring, shop_ids[0], args.orders)
    md, shop = (("x-api-key", key),), f"shops/{shop_ids[0]}"

    def plan(channel: grpc.aio.Channel) -> list:
        orders = order_service_pb2_grpc.OrderServiceStub(channel)
        return [
            ("GetOrder", lambda n: orders.GetOrder(
                opb.GetOrderRequest(name=f"orders/{order_ids[n * 7919 % len(order_ids)]}"), metadata=md, timeout=10)),
            ("ListOrders(page of 100)", lambda n: orders.ListOrders(
                opb.ListOrdersRequest(shops=[shop], page_size=100), metadata=md, timeout=10)),
        ]

    if args.metrics == "compare":
        return compare_metrics(url, keyring, args, lambda channel: plan(channel)[:1])
    metrics = {"ERP_METRICS_PORT": str(args.port + 2)} if args.metrics == "on" else {}
    if metrics and args.servers > 1:
        raise SystemExit("--servers runs without metrics (each server would need a port of its own)")
    with server_process(url, keyring, args.port, args.servers, **metrics) as address:
        runs = run_loads(address, plan, args.seconds, args.concurrency, args.rounds)
    report(f"backend={'sqlite' if args.db == 'sqlite' else 'postgresql'} orders={args.orders} "
           f"servers={args.servers} concurrency={args.concurrency} seconds={args.seconds} rounds={args.rounds}", runs)
    return 0


def compare_metrics(url: str, keyring: Keyring, args: argparse.Namespace, plan) -> int:
    """GetOrder on a server without metrics and on one with, in turns of ``args.seconds``, the
    order swapped every round (off-on, on-off, ...) so that a load that drifts during the run
    weighs on both; the figure is the median of the rounds' on/off ratios."""
    with server_process(url, keyring, args.port) as off, \
            server_process(url, keyring, args.port + 1, ERP_METRICS_PORT=str(args.port + 2)) as on:
        pairs = asyncio.run(_alternate({"off": off, "on": on}, plan, args))
    ratios = [p["on"] / p["off"] for p in pairs]
    print(f"\nGetOrder, metrics off vs on, concurrency={args.concurrency} turns of {args.seconds} s, "
          f"rounds={args.rounds}")
    print(f"off {statistics.median(p['off'] for p in pairs):8.0f} req/s   "
          f"on {statistics.median(p['on'] for p in pairs):8.0f} req/s   "
          f"on/off: median {statistics.median(ratios):.3f}, mean {statistics.mean(ratios):.3f}")
    print("rounds on/off: " + ", ".join(f"{r:.2f}" for r in ratios))
    return 0


async def _alternate(addresses: dict[str, str], plan, args: argparse.Namespace) -> list[dict[str, float]]:
    channels = {name: grpc.aio.insecure_channel(address) for name, address in addresses.items()}
    calls = {name: plan(channel)[0][1] for name, channel in channels.items()}
    try:
        for name in calls:
            await load("warm-up", calls[name], 2.0, args.concurrency)
        pairs = []
        for n in range(args.rounds):
            turn = ("off", "on") if n % 2 == 0 else ("on", "off")
            pairs.append({name: (await load(name, calls[name], args.seconds, args.concurrency))["rps"]
                          for name in turn})
        return pairs
    finally:
        for channel in channels.values():
            await channel.close()


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser()
    p.add_argument("--db", default="sqlite")
    p.add_argument("--orders", type=int, default=100_000)
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--concurrency", type=int, default=20)
    p.add_argument("--rounds", type=int, default=1, help="repeat the whole run; figures are medians")
    p.add_argument("--port", type=int, default=50072, help="the server's; metrics use port + 2")
    p.add_argument("--servers", type=int, default=1,
                   help="server processes, on --port and the ports after it; the calls go round robin")
    p.add_argument("--metrics", choices=("off", "on", "compare"), default="off",
                   help="serve Prometheus metrics from the server, or compare GetOrder without and with them")
    return p


if __name__ == "__main__":
    sys.exit(main())
