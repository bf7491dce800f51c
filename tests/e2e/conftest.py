"""End-to-end stack: the Temu sandbox over real HTTP, a real gRPC server on a free port, and a
migrated database of each backend (SQLite always, PostgreSQL when configured)."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from dataclasses import dataclass

import grpc
import pytest

from google.longrunning import operations_pb2_grpc

from adapters.grpc.gen.erp.v1 import order_service_pb2_grpc, shop_service_pb2_grpc
from adapters.persistence.keyring import Keyring
from adapters.temu.config import TemuConfig
from sandboxes.temu.registry import SandboxRegistry
from sandboxes.temu.server import TemuSandbox
from domain.principal import Role
from bootstrap import App, attach_workers, build_app
from bootstrap.settings import Settings
from server import serve
from tests.integration.persistence.conftest import (  # noqa: F401  (fixtures)
    Database, db, postgres_migrated, postgres_server, sqlite_template,
)

APP_KEY, APP_SECRET = "e2e-app-key", "e2e-app-secret"


@dataclass
class Stack:
    app: App
    sandbox: TemuSandbox
    port: int
    channel: grpc.Channel
    admin_key: str

    @property
    def temu(self) -> SandboxRegistry:
        return self.sandbox.registry

    def orders(self) -> order_service_pb2_grpc.OrderServiceStub:
        return order_service_pb2_grpc.OrderServiceStub(self.channel)

    def operations(self) -> operations_pb2_grpc.OperationsStub:
        return operations_pb2_grpc.OperationsStub(self.channel)

    def shops(self) -> shop_service_pb2_grpc.ShopServiceStub:
        return shop_service_pb2_grpc.ShopServiceStub(self.channel)

    def key_for(self, name: str, role: Role, principal_id: str | None = None) -> tuple[str, str]:
        with self.app.uow() as uow:
            p = uow.principals.create_principal(name, role, principal_id)
            key = uow.principals.issue_api_key(p.id)
            uow.commit()
        return p.id, key

    def md(self, key: str | None = None) -> tuple[tuple[str, str], ...]:
        return (("x-api-key", key or self.admin_key),)


@pytest.fixture
def sandbox() -> Iterator[TemuSandbox]:
    sb = TemuSandbox(SandboxRegistry()).start()
    sb.registry.add_app(APP_KEY, APP_SECRET, qps=1000)
    yield sb
    sb.stop()


@pytest.fixture
def stack(db: Database, sandbox: TemuSandbox) -> Iterator[Stack]:  # noqa: F811
    app = build_app(Settings(database_url=db.url), TemuConfig.for_base_url(sandbox.base_url, APP_KEY, APP_SECRET),
                    keyring=Keyring.generate("k1"))
    # NOTE: the package sweep every second, not every 10 s: the tests follow packages to SHIPPED
    workers = attach_workers(app, tick_s=0.2, interval=timedelta(seconds=2), sweep_every_s=1)
    stop, ready = threading.Event(), threading.Event()
    port_box: list[int] = []

    def on_ready(port: int) -> None:
        port_box.append(port)
        ready.set()

    thread = threading.Thread(target=serve, args=(app, "127.0.0.1:0", stop, on_ready), daemon=True)
    thread.start()
    assert ready.wait(10), "the gRPC server did not start"
    channel = grpc.insecure_channel(f"127.0.0.1:{port_box[0]}")
    with app.uow() as uow:
        admin = uow.principals.create_principal("admin", Role.ADMIN)
        key = uow.principals.issue_api_key(admin.id)
        uow.commit()
    yield Stack(app, sandbox, port_box[0], channel, key)
    channel.close()
    stop.set()
    thread.join(15)
    workers.stop()
    app.temu.close()
    app.engine.dispose()
