"""Load run of ShopService (issue 2, acceptance 9): ListShops over 1,000 shops and GetShop at
concurrency 20, next to grpc.health.v1.Health/Check measured in the same run as the baseline.

    .venv/bin/python -m bench.shop_rpc_load --seconds 20 --db sqlite
    .venv/bin/python -m bench.shop_rpc_load --seconds 20 --db postgresql+psycopg://erp:erp@127.0.0.1/erp_bench

The server runs in its own process (``server.py serve``), the load generator here, on one machine.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from adapters.grpc.gen.erp.v1 import shop_service_pb2 as pb, shop_service_pb2_grpc
from adapters.persistence.engine import make_engine, make_session_factory
from adapters.persistence.keyring import Keyring
from adapters.persistence.mappers import map_all
from adapters.persistence.migrate import upgrade
from adapters.persistence.uow import SqlAlchemyUnitOfWork
from domain.principal import Role
from domain.shop import PrincipalId, Shop, ShopId, ShopName
from domain.shop_kinds import Region, ShopKind
from domain.token import ORDER_REQUIRED_SCOPES, TokenInfo, TokenText


def seed(url: str, keyring: Keyring, shops: int) -> tuple[str, list[str]]:
    upgrade(url)
    map_all()
    engine = make_engine(url)
    uow = lambda: SqlAlchemyUnitOfWork(make_session_factory(engine), keyring)  # noqa: E731
    now = datetime.now(timezone.utc)
    ids = []
    with uow() as u:
        admin = u.principals.create_principal("bench", Role.ADMIN)
        key = u.principals.issue_api_key(admin.id)
        for i in range(shops):
            info = TokenInfo(10_000 + i, 1, 211, frozenset(ORDER_REQUIRED_SCOPES), now + timedelta(days=30 + i % 60))
            shop = Shop.authorize(id=ShopId(str(uuid.uuid4())), name=ShopName(f"Bench shop {i:04d}"),
                                  kind=ShopKind.CROSS_BORDER, region=Region.US, owner_id=PrincipalId(admin.id),
                                  info=info, fingerprint=f"fp{i:010d}", now=now)
            u.shops.add(shop)
            u.vault.put(shop.id, next(iter(shop.credentials)), TokenText(f"bench-token-{i}"))
            ids.append(shop.id)
        u.commit()
    engine.dispose()
    return key, ids


def load(name: str, call, seconds: float, concurrency: int) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(n: int) -> None:
        mine = []
        while time.monotonic() < deadline:
            start = time.perf_counter()
            try:
                call(n)
            except grpc.RpcError:
                errors[0] += 1
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies.sort()
    q = statistics.quantiles(latencies, n=100)
    return {"rpc": name, "rps": len(latencies) / seconds, "p50_ms": q[49] * 1000, "p99_ms": q[98] * 1000,
            "errors": errors[0]}


def main() -> int:
    args = _parser().parse_args()
    tmp = tempfile.mkdtemp(prefix="erp-bench-")
    url = f"sqlite:///{tmp}/bench.db" if args.db == "sqlite" else args.db
    keyring = Keyring.generate("k1")
    key, ids = seed(url, keyring, args.shops)
    env = {**os.environ, "ERP_DATABASE_URL": url, "ERP_LOG_LEVEL": "WARNING",
           **dict(line.split("=", 1) for line in keyring.dump().split()),
           "ERP_GRPC_ADDRESS": f"127.0.0.1:{args.port}",
           "TEMU_APP_KEY": "bench", "TEMU_APP_SECRET": "bench", "TEMU_BASE_URL": "http://127.0.0.1:9"}
    proc = subprocess.Popen([sys.executable, "server.py", "serve"], env=env)
    try:
        channel = grpc.insecure_channel(f"127.0.0.1:{args.port}")
        grpc.channel_ready_future(channel).result(timeout=30)
        md = (("x-api-key", key),)
        health = health_pb2_grpc.HealthStub(channel)
        shops = shop_service_pb2_grpc.ShopServiceStub(channel)
        runs = [
            load("Health/Check", lambda n: health.Check(health_pb2.HealthCheckRequest(), timeout=10),
                 args.seconds, args.concurrency),
            load("GetShop", lambda n: shops.GetShop(pb.GetShopRequest(name=f"shops/{ids[n * 37 % len(ids)]}"),
                                                   metadata=md, timeout=10), args.seconds, args.concurrency),
            load("ListShops(page 50 of 1,000)", lambda n: shops.ListShops(pb.ListShopsRequest(page_size=50),
                                                                         metadata=md, timeout=10),
                 args.seconds, args.concurrency),
        ]
    finally:
        proc.terminate()
        proc.wait(30)
    base = runs[0]["rps"]
    print(f"\nbackend={'sqlite' if args.db == 'sqlite' else 'postgresql'} shops={args.shops} "
          f"concurrency={args.concurrency} seconds={args.seconds}")
    for r in runs:
        print(f"{r['rpc']:<30} {r['rps']:8.0f} req/s ({r['rps'] / base:5.2f}x health)  "
              f"p50 {r['p50_ms']:6.1f} ms  p99 {r['p99_ms']:6.1f} ms  errors {r['errors']}")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser()
    p.add_argument("--db", default="sqlite", help="sqlite, or a PostgreSQL URL of an empty database")
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--concurrency", type=int, default=20)
    p.add_argument("--shops", type=int, default=1000)
    p.add_argument("--port", type=int, default=50071)
    return p


if __name__ == "__main__":
    sys.exit(main())
