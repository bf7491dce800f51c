"""The server's own CPU time per GetShop and GetOrder (issue 8): the call interceptor, the API-key
lookup, the row read and the mapping to protobuf, in-process, without the gRPC transport.

    .venv/bin/python -m bench.read_path_cpu [--db URL] [--rounds 5]

The RPC load benchmarks (``shop_rpc_load``, ``order_rpc_load``) measure throughput against Health,
which on a shared machine swings with whatever else runs. This one measures what our code costs:
the handler the server builds for each method (``interceptors.wrap_handler``, the inline dispatch
of ``server_factory.INLINE_METHODS``), called by 20 concurrent callers on one event loop with a
stand-in for grpc's context, and the process CPU time (``time.process_time``) divided by the calls.
Each round also runs the same calls with the key looked up in a table in memory (``no key read``),
so the share of the per-call key read shows. Figures are medians of the rounds.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from concurrent import futures

import grpc

from adapters.grpc.admission import Admission
from adapters.grpc.auth import authenticator_from_keys
from adapters.grpc.auth_throttle import FailedAuthThrottle
from adapters.grpc.dispatch import Dispatch
from adapters.grpc.gen.erp.v1 import order_service_pb2 as opb, shop_service_pb2 as pb
from adapters.grpc.interceptors import wrap_handler
from adapters.grpc.order_servicer import OrderServicer
from adapters.grpc.server_factory import INLINE_METHODS
from adapters.grpc.shop_servicer import ShopServicer
from adapters.persistence.keyring import Keyring
from adapters.temu.config import TemuConfig
from bench.order_rpc_load import seed_orders
from bench.shop_rpc_load import seed
from bootstrap import build_app
from bootstrap.settings import Settings


class _Context:
    """What the call interceptor and the servicers use of ``grpc.aio.ServicerContext``."""

    def __init__(self, metadata: tuple) -> None:
        self._metadata, self._trailing = metadata, None

    def invocation_metadata(self):
        return self._metadata

    def peer(self) -> str:
        return "ipv4:127.0.0.1:50000"

    def time_remaining(self) -> float:
        return 10.0

    def set_trailing_metadata(self, metadata) -> None:
        self._trailing = metadata

    def trailing_metadata(self):
        return self._trailing

    def code(self):
        return None

    async def abort(self, code, details, metadata):
        raise RuntimeError(f"{code}: {details}")


async def cpu_per_call(handler, requests: list, metadata: tuple, calls: int, concurrency: int = 20) -> float:
    """Microseconds of process CPU time per call, ``concurrency`` callers at once."""
    async def one(n: int) -> None:
        response = await handler(requests[n % len(requests)], _Context(metadata))
        response.SerializeToString()

    for n in range(100):
        await one(n)
    began = time.process_time()

    async def caller(c: int) -> None:
        for n in range(calls // concurrency):
            await one(n * concurrency + c)
    await asyncio.gather(*(caller(c) for c in range(concurrency)))
    return (time.process_time() - began) / calls * 1e6


def main() -> int:
    args = _parser().parse_args()
    url = f"sqlite:///{tempfile.mkdtemp(prefix='erp-bench-')}/read_path.db" if args.db == "sqlite" else args.db
    keyring = Keyring.generate("k1")
    key, shop_ids = seed(url, keyring, 100)
    order_ids = seed_orders(url, keyring, shop_ids[0], 2000)
    app = build_app(Settings(database_url=url), TemuConfig.for_base_url("http://127.0.0.1:9", "bench", "bench"),
                    keyring=keyring)
    pool = futures.ThreadPoolExecutor(4)
    authenticators = {"key read": app.authenticate.execute,
                      "no key read": authenticator_from_keys({key: app.authenticate.execute(key)})}

    def handler(method: str, behaviour, authenticate):
        return wrap_handler(grpc.unary_unary_rpc_method_handler(behaviour), method, authenticate,
                            Dispatch(pool, INLINE_METHODS), Admission(), FailedAuthThrottle()).unary_unary

    shops, orders = ShopServicer(app.shops), OrderServicer(app.orders)
    plans = {"GetShop": ("/erp.v1.ShopService/GetShop", shops.GetShop,
                         [pb.GetShopRequest(name=f"shops/{i}") for i in shop_ids]),
             "GetOrder": ("/erp.v1.OrderService/GetOrder", orders.GetOrder,
                          [opb.GetOrderRequest(name=f"orders/{i}") for i in order_ids])}
    figures: dict[tuple[str, str], list[float]] = {}

    async def rounds() -> None:
        for _ in range(args.rounds):
            for rpc, (method, behaviour, requests) in plans.items():
                for auth, authenticate in authenticators.items():
                    figures.setdefault((rpc, auth), []).append(
                        await cpu_per_call(handler(method, behaviour, authenticate), requests,
                                           (("x-api-key", key),), args.calls))
    asyncio.run(rounds())
    app.engine.dispose()
    print(f"\nbackend={'sqlite' if args.db == 'sqlite' else 'postgresql'} calls={args.calls} rounds={args.rounds}")
    for (rpc, auth), each in figures.items():
        print(f"{rpc:<9} {auth:<12} {statistics.median(each):7.0f} us CPU per call  "
              f"(rounds: {', '.join(f'{x:.0f}' for x in each)})")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser()
    p.add_argument("--db", default="sqlite", help="sqlite, or a PostgreSQL URL of an empty database")
    p.add_argument("--calls", type=int, default=2000)
    p.add_argument("--rounds", type=int, default=5)
    return p


if __name__ == "__main__":
    sys.exit(main())
