"""A real ShopService server on 127.0.0.1:0 over the fake use cases, and a channel to it."""
from __future__ import annotations

from dataclasses import dataclass

import grpc
import pytest
from grpc_health.v1.health import HealthServicer

from adapters.grpc.auth import authenticator_from_keys
from adapters.grpc.server_factory import create_server, graceful_stop
from tests.unit.grpc.fake_shop_use_cases import API_KEYS, FakeShopUseCases


@dataclass
class Running:
    server: grpc.Server
    health: HealthServicer
    channel: grpc.Channel
    port: int


def start(use_cases=None, **kw) -> Running:
    health = HealthServicer()
    server, port = create_server("127.0.0.1:0", shop_use_cases=use_cases or FakeShopUseCases(),
                                 authenticate=authenticator_from_keys(API_KEYS), health=health, **kw)
    server.start()
    return Running(server, health, grpc.insecure_channel(f"127.0.0.1:{port}"), port)


def stop(running: Running) -> None:
    running.channel.close()
    graceful_stop(running.server, running.health, grace=1)


@pytest.fixture(scope="module")
def running():
    running = start()
    yield running
    stop(running)
