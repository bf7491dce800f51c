"""A real ShopService server on 127.0.0.1:0 over the fake use cases, and a channel to it.

The ``grpc.aio`` server runs on an event loop in a thread of its own; tests call it through
ordinary blocking stubs."""
from __future__ import annotations

from dataclasses import dataclass

import grpc
import pytest
from grpc_health.v1.health import aio as health_aio

from adapters.grpc.auth import authenticator_from_keys
from adapters.grpc.server_factory import create_server, graceful_stop
from tests.unit.grpc.fake_shop_use_cases import API_KEYS, FakeShopUseCases
from tests.unit.grpc.loop_thread import LoopThread


@dataclass
class Running:
    server: grpc.aio.Server
    health: health_aio.HealthServicer
    channel: grpc.Channel
    port: int
    loop: LoopThread

    def graceful_stop(self, grace: float) -> None:
        self.loop.run(graceful_stop(self.server, self.health, grace=grace))


def start(use_cases=None, **kw) -> Running:
    loop = LoopThread()
    health = health_aio.HealthServicer()

    async def started() -> tuple[grpc.aio.Server, int]:
        server, port = await create_server("127.0.0.1:0", shop_use_cases=use_cases or FakeShopUseCases(),
                                           authenticate=authenticator_from_keys(API_KEYS), health=health, **kw)
        await server.start()
        return server, port
    server, port = loop.run(started())
    return Running(server, health, grpc.insecure_channel(f"127.0.0.1:{port}"), port, loop)


def stop(running: Running) -> None:
    running.channel.close()
    running.graceful_stop(grace=1)
    running.loop.close()


@pytest.fixture(scope="module")
def running():
    running = start()
    yield running
    stop(running)
