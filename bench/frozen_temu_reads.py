"""Reads while Temu is frozen (issue 9, acceptance 4): another owner's ListShops latency while 40
AuthorizeShop calls wait on a Temu that does not answer, next to the same reads with Temu idle,
measured in the same run. Target: p99 < 100 ms meanwhile.

    .venv/bin/python -m bench.frozen_temu_reads --reads 300

The server (embedded workers, SQLite), the Temu sandbox and the callers share this process, as in
the end-to-end test of the same property (tests/e2e/shops/test_slow_temu.py), which asserts that
the reads are answered while every Temu call still waits, and no timing.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc

from adapters.grpc.gen.erp.v1 import shop_pb2, shop_service_pb2 as pb, shop_service_pb2_grpc
from adapters.persistence.keyring import Keyring
from adapters.persistence.migrate import upgrade
from adapters.temu.config import TemuConfig
from bootstrap import attach_workers, build_app
from bootstrap.settings import Settings
from domain.principal import Role
from sandboxes.temu.registry import SandboxRegistry
from sandboxes.temu.server import TemuSandbox
from server import serve

APP_KEY, APP_SECRET = "bench-app", "bench-secret"
AUTHORIZATIONS = 40


def main() -> int:
    args = _parser().parse_args()
    db = f"sqlite:///{tempfile.mkdtemp(prefix='erp-bench-')}/frozen.db"
    upgrade(db)
    with TemuSandbox(SandboxRegistry()) as sandbox:
        temu = sandbox.registry
        temu.add_app(APP_KEY, APP_SECRET, qps=1000)
        app = build_app(Settings(database_url=db), TemuConfig.for_base_url(sandbox.base_url, APP_KEY, APP_SECRET),
                        keyring=Keyring.generate("k1"))
        workers = attach_workers(app)
        stop, ready, port = threading.Event(), threading.Event(), []
        threading.Thread(target=serve, args=(app, "127.0.0.1:0", stop, lambda p: (port.append(p), ready.set())),
                         daemon=True).start()
        assert ready.wait(30), "the gRPC server did not start"
        try:
            with grpc.insecure_channel(f"127.0.0.1:{port[0]}") as channel:
                shops = shop_service_pb2_grpc.ShopServiceStub(channel)
                reader, flooder = (_key(app, name) for name in ("Reader", "Flooder"))
                for i in range(3):
                    _authorize(shops, temu, reader, f"Reader {i}", 30)
                read = lambda: shops.ListShops(pb.ListShopsRequest(), metadata=(("x-api-key", reader),), timeout=30)
                _timed(read, 50)  # warm-up
                idle = _timed(read, args.reads)
                temu.latency.freeze()
                try:
                    with ThreadPoolExecutor(AUTHORIZATIONS) as pool:
                        waiting = [pool.submit(_authorize, shops, temu, flooder, f"Waiting {i}", 60)
                                   for i in range(AUTHORIZATIONS)]
                        while len(temu.call_log(APP_KEY)) < 3 + app.settings.upstream_rpc_threads:
                            time.sleep(0.05)
                        frozen = _timed(read, args.reads)
                        still_waiting = sum(not f.done() for f in waiting)
                        temu.latency.thaw()
                finally:
                    temu.latency.thaw()
        finally:
            stop.set()
            workers.stop()
    print(f"\nListShops of another owner, {args.reads} calls one after another")
    for name, took in (("Temu idle", idle), (f"{AUTHORIZATIONS} AuthorizeShop on a frozen Temu", frozen)):
        print(f"  {name:40s}: p50 {_q(took, 50):6.1f} ms  p99 {_q(took, 99):6.1f} ms")
    print(f"  p99 frozen / idle: {_q(frozen, 99) / _q(idle, 99):.2f}x; authorizations still waiting after the "
          f"reads: {still_waiting} of {AUTHORIZATIONS}")
    return 0


def _key(app, name: str) -> str:
    with app.uow() as uow:
        principal = uow.principals.create_principal(name, Role.SHOP_OWNER)
        key = uow.principals.issue_api_key(principal.id)
        uow.commit()
    return key


def _authorize(shops, temu: SandboxRegistry, key: str, name: str, timeout: float) -> grpc.StatusCode:
    mall = temu.add_mall(mall_type=1)
    token = temu.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY)
    try:
        shops.AuthorizeShop(pb.AuthorizeShopRequest(display_name=name, kind=shop_pb2.SHOP_KIND_CROSS_BORDER,
                                                    region=shop_pb2.REGION_US, token=token),
                            metadata=(("x-api-key", key),), timeout=timeout)
        return grpc.StatusCode.OK
    except grpc.RpcError as err:
        return err.code()


def _timed(call, n: int) -> list[float]:
    took = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        took.append(time.perf_counter() - started)
    return took


def _q(took: list[float], percent: int) -> float:
    return statistics.quantiles(took, n=100, method="inclusive")[percent - 1] * 1000


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser()
    p.add_argument("--reads", type=int, default=300)
    return p


if __name__ == "__main__":
    sys.exit(main())
