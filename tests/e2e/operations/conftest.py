"""A stack with metrics on (a free port) and traces into memory: the Temu sandbox, the gRPC
server and the in-process workers, as ``tests/e2e/conftest.py`` builds them."""
from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import grpc
import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from adapters.persistence.keyring import Keyring
from adapters.temu.config import TemuConfig
from bootstrap import attach_workers, build_app
from bootstrap.settings import Settings
from domain.principal import Role
from server import serve
from tests.e2e.conftest import APP_KEY, APP_SECRET, Stack


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ObservedStack(Stack):
    spans: InMemorySpanExporter
    metrics_url: str


@pytest.fixture
def observed(db, sandbox) -> Iterator[ObservedStack]:
    spans = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(spans))
    settings = replace(Settings(database_url=db.url), metrics_port=free_port())
    app = build_app(settings, TemuConfig.for_base_url(sandbox.base_url, APP_KEY, APP_SECRET),
                    keyring=Keyring.generate("k1"), tracer_provider=provider)
    workers = attach_workers(app, tick_s=0.2, interval=timedelta(seconds=2))
    stop, ready, ports = threading.Event(), threading.Event(), []
    thread = threading.Thread(target=serve, args=(app, "127.0.0.1:0", stop, lambda p: (ports.append(p), ready.set())),
                              daemon=True)
    thread.start()
    assert ready.wait(10), "the gRPC server did not start"
    channel = grpc.insecure_channel(f"127.0.0.1:{ports[0]}")
    with app.uow() as uow:
        admin = uow.principals.create_principal("admin", Role.ADMIN)
        key = uow.principals.issue_api_key(admin.id)
        uow.commit()
    stack = ObservedStack(app, sandbox, ports[0], channel, key)
    stack.spans, stack.metrics_url = spans, f"http://127.0.0.1:{settings.metrics_port}/metrics"
    yield stack
    channel.close()
    stop.set()
    thread.join(15)
    workers.stop()
    app.temu.close()
    app.engine.dispose()
    provider.shutdown()
