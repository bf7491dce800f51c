"""Load run of ShopService (issue 2, acceptance 9): ListShops over 1,000 shops and GetShop at
concurrency 20, next to grpc.health.v1.Health/Check measured in the same run as the baseline.

    .venv/bin/python -m bench.shop_rpc_load --seconds 20 --db sqlite
    .venv/bin/python -m bench.shop_rpc_load --seconds 20 --db postgresql+psycopg://erp:erp@127.0.0.1/erp_bench

The server runs in its own process (``server.py serve``), the load generator here, on one machine.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import grpc

from adapters.grpc.gen.erp.v1 import shop_service_pb2 as pb, shop_service_pb2_grpc
from adapters.persistence.engine import make_engine, make_session_factory
from adapters.persistence.keyring import Keyring
from adapters.persistence.mappers import map_all
from adapters.persistence.migrate import upgrade
from adapters.persistence.uow import SqlAlchemyUnitOfWork
from bench.harness import report, run_loads, server_process
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


def get_shop_load(shops: shop_service_pb2_grpc.ShopServiceStub, ids: list[str], md) -> tuple[str, Callable]:
    """GetShop of the seeded shops in turn (a stride of 37, so that neighbours are not read in a row)."""
    return "GetShop", lambda n: shops.GetShop(pb.GetShopRequest(name=f"shops/{ids[n * 37 % len(ids)]}"),
                                              metadata=md, timeout=10)


def main() -> int:
    args = _parser().parse_args()
    tmp = tempfile.mkdtemp(prefix="erp-bench-")
    url = f"sqlite:///{tmp}/bench.db" if args.db == "sqlite" else args.db
    keyring = Keyring.generate("k1")
    key, ids = seed(url, keyring, args.shops)
    md = (("x-api-key", key),)

    def plan(channel: grpc.aio.Channel) -> list:
        shops = shop_service_pb2_grpc.ShopServiceStub(channel)
        return [
            get_shop_load(shops, ids, md),
            ("ListShops(page 50 of 1,000)", lambda n: shops.ListShops(pb.ListShopsRequest(page_size=50),
                                                                      metadata=md, timeout=10)),
        ]

    with server_process(url, keyring, args.port, args.servers) as address:
        runs = run_loads(address, plan, args.seconds, args.concurrency, args.rounds)
    report(f"backend={'sqlite' if args.db == 'sqlite' else 'postgresql'} shops={args.shops} "
           f"servers={args.servers} concurrency={args.concurrency} seconds={args.seconds} rounds={args.rounds}", runs)
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser()
    p.add_argument("--db", default="sqlite", help="sqlite, or a PostgreSQL URL of an empty database")
    p.add_argument("--seconds", type=float, default=20)
    p.add_argument("--concurrency", type=int, default=20)
    p.add_argument("--rounds", type=int, default=1, help="repeat the whole run; figures are medians")
    p.add_argument("--shops", type=int, default=1000)
    p.add_argument("--port", type=int, default=50071)
    p.add_argument("--servers", type=int, default=1,
                   help="server processes, on --port and the ports after it; the calls go round robin")
    return p


if __name__ == "__main__":
    sys.exit(main())
