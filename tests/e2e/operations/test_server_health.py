"""Issue 14, item 4: a client of grpc.health.v1 sees NOT_SERVING while the server's database is
down, or its Redis broker is."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc

from adapters.persistence.keyring import Keyring
from adapters.temu.config import TemuConfig
from bootstrap import build_app
from bootstrap.settings import Settings
from server import serve
from tests.e2e.orders.sync_helpers import eventually

DOWN_DATABASE = "postgresql+psycopg://erp:erp@127.0.0.1:9/erp?connect_timeout=1"  # a closed port
SERVICES = ("", "erp.v1.ShopService", "erp.v1.OrderService")


@contextmanager
def health_of(settings: Settings) -> Iterator[health_pb2_grpc.HealthStub]:
    app = build_app(settings, TemuConfig.for_base_url("http://127.0.0.1:9", "k", "s"), keyring=Keyring.generate("k1"))
    stop, ready, ports = threading.Event(), threading.Event(), []
    thread = threading.Thread(target=serve, args=(app, "127.0.0.1:0", stop, lambda p: (ports.append(p), ready.set())),
                              daemon=True)
    thread.start()
    assert ready.wait(30), "the gRPC server did not start"
    channel = grpc.insecure_channel(f"127.0.0.1:{ports[0]}")
    try:
        yield health_pb2_grpc.HealthStub(channel)
    finally:
        channel.close()
        stop.set()
        thread.join(15)
        app.engine.dispose()


def statuses(health: health_pb2_grpc.HealthStub) -> set[int]:
    return {health.Check(health_pb2.HealthCheckRequest(service=name), timeout=5).status for name in SERVICES}


def test_the_server_is_not_serving_while_its_database_refuses_connections():
    settings = Settings(database_url=DOWN_DATABASE, health_probe_interval=timedelta(seconds=0.2))
    with health_of(settings) as health:
        assert eventually(lambda: statuses(health) == {health_pb2.HealthCheckResponse.NOT_SERVING}, timeout=20)


def test_the_server_is_not_serving_while_its_redis_broker_does_not_answer(tmp_path, sqlite_template):
    db = tmp_path / "erp.db"
    db.write_bytes(sqlite_template.read_bytes())
    settings = Settings(database_url=f"sqlite:///{db}", broker_url="redis://127.0.0.1:9/0",
                        health_probe_interval=timedelta(seconds=0.2))
    with health_of(settings) as health:
        assert eventually(lambda: statuses(health) == {health_pb2.HealthCheckResponse.NOT_SERVING}, timeout=20)
