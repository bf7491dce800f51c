"""Health follows readiness: NOT_SERVING on every service while the database refuses a write or
the broker (Redis, where one is configured) does not answer, SERVING again once both do. A
server that answers reads but whose every change fails, or whose changes' follow-up work cannot
reach the workers, should be taken out of rotation, not look alive."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence

from grpc_health.v1 import health_pb2
from grpc_health.v1.health import aio as health_aio

log = logging.getLogger("erp.health")
SERVING, NOT_SERVING = health_pb2.HealthCheckResponse.SERVING, health_pb2.HealthCheckResponse.NOT_SERVING


class ReadinessHealth:
    """``check`` is blocking (it talks to the database and the broker) and returns None when all
    is well, else the reason in words: it runs in a thread, every ``interval_s``."""

    def __init__(self, health: health_aio.HealthServicer, services: Sequence[str],
                 check: Callable[[], str | None], interval_s: float) -> None:
        self._health, self._services = health, ("", *services)
        self._check, self._interval_s = check, interval_s
        self._ok = True

    async def check_once(self) -> bool:
        problem = await asyncio.to_thread(self._check)
        ok = problem is None
        if ok != self._ok:
            if ok:
                log.info("the database and the broker answer again: health SERVING")
            else:
                log.warning("%s: health NOT_SERVING", problem)
            for name in self._services:  # NOTE: ignored once graceful shutdown began
                await self._health.set(name, SERVING if ok else NOT_SERVING)
        self._ok = ok
        return ok

    async def run(self) -> None:
        while True:
            await self.check_once()
            await asyncio.sleep(self._interval_s)
