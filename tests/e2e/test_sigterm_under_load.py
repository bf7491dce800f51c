"""Issue 9, item 6: SIGTERM to ``server.py serve`` under 20 concurrent callers cancels none of
the calls that reached it: they finish, later ones are refused with UNAVAILABLE, and a client
watching health sees NOT_SERVING."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from adapters.grpc.gen.erp.v1 import shop_pb2, shop_service_pb2 as pb, shop_service_pb2_grpc
from adapters.persistence.keyring import Keyring
from adapters.persistence.migrate import upgrade
from bootstrap.settings import Settings
from domain.principal import Role
from sandboxes.temu.registry import SandboxRegistry
from sandboxes.temu.server import TemuSandbox
from server import create_api_key
from tests.e2e.conftest import APP_KEY, APP_SECRET

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
CALLERS, ROUNDS, TEMU_DELAY_S = 20, 10, 0.2


@dataclass
class Setup:
    env: dict[str, str]
    api_key: str
    sandbox: TemuSandbox


@pytest.fixture(scope="module")
def setup(tmp_path_factory) -> Iterator[Setup]:
    sandbox = TemuSandbox(SandboxRegistry()).start()
    sandbox.registry.add_app(APP_KEY, APP_SECRET, qps=1000)
    sandbox.registry.latency.delay(TEMU_DELAY_S)  # every AuthorizeShop waits on Temu that long
    keyring = Keyring.generate("k1")
    keys = dict(line.split("=", 1) for line in keyring.dump().split())
    db_url = f"sqlite:///{tmp_path_factory.mktemp('sigterm')}/erp.db"
    env = {**os.environ, **keys, "ERP_DATABASE_URL": db_url, "TEMU_BASE_URL": sandbox.base_url,
           "TEMU_APP_KEY": APP_KEY, "TEMU_APP_SECRET": APP_SECRET, "ERP_LOG_LEVEL": "WARNING",
           "PYTHONPATH": str(ROOT)}
    upgrade(db_url)
    _, key = create_api_key(Settings.from_env(env), "caller", Role.SHOP_OWNER)
    yield Setup(env, key, sandbox)
    sandbox.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _watch_health(channel: grpc.Channel, statuses: list[int]) -> None:
    """What a load balancer watching the server's health sees, until the server is gone."""
    try:
        for answer in health_pb2_grpc.HealthStub(channel).Watch(health_pb2.HealthCheckRequest(service="")):
            statuses.append(answer.status)
    except grpc.RpcError:
        pass


def _caller(stub, setup: Setup, codes: list[grpc.StatusCode], started: threading.Semaphore) -> None:
    """Calls until refused (or the server is gone), as a client that honours UNAVAILABLE would."""
    temu = setup.sandbox.registry
    while True:
        mall = temu.add_mall(mall_type=1)
        token = temu.issue_token(mall, gateway="us", region_id=211, kind="order", app_key=APP_KEY)
        started.release()
        try:
            stub.AuthorizeShop(pb.AuthorizeShopRequest(
                display_name=f"Shop {mall}", kind=shop_pb2.SHOP_KIND_CROSS_BORDER, region=shop_pb2.REGION_US,
                token=token), metadata=(("x-api-key", setup.api_key),), timeout=20)
            codes.append(grpc.StatusCode.OK)
        except grpc.RpcError as err:
            codes.append(err.code())
            return


# Three rounds in make test; all ten (the issue's acceptance run) in make soak.
@pytest.mark.parametrize("round_", [r if r < 3 else pytest.param(r, marks=pytest.mark.soak) for r in range(ROUNDS)])
def test_sigterm_under_twenty_callers_cancels_no_call(setup, round_):
    port = _free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "server.py"), "serve"], cwd=ROOT,
                              env={**setup.env, "ERP_GRPC_ADDRESS": f"127.0.0.1:{port}"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    try:
        grpc.channel_ready_future(channel).result(timeout=30)
        stub, codes, started = shop_service_pb2_grpc.ShopServiceStub(channel), [], threading.Semaphore(0)
        callers = [threading.Thread(target=_caller, args=(stub, setup, codes, started)) for _ in range(CALLERS)]
        statuses: list[int] = []
        watcher = threading.Thread(target=_watch_health, args=(channel, statuses))
        watcher.start()
        for caller in callers:
            caller.start()
        for _ in range(CALLERS + 1 + round_):  # the first wave ends as the second is sent: SIGTERM lands mid-flight
            started.acquire()
        server.send_signal(signal.SIGTERM)
        for caller in callers:
            caller.join(30)
        assert server.wait(30) == 0, server.stderr.read()
        watcher.join(30)
    finally:
        channel.close()
        if server.poll() is None:
            server.kill()
            server.wait()
    assert statuses[:1] == [health_pb2.HealthCheckResponse.SERVING]
    assert health_pb2.HealthCheckResponse.NOT_SERVING in statuses, statuses
    seen = Counter(codes)
    assert grpc.StatusCode.CANCELLED not in seen, seen
    assert set(seen) <= {grpc.StatusCode.OK, grpc.StatusCode.UNAVAILABLE}, seen
    assert seen[grpc.StatusCode.OK] >= CALLERS
