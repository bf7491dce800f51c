"""Health follows the database: NOT_SERVING on every service while the database refuses a
write, SERVING again once it takes one. A server that answers reads but whose every change
fails should be taken out of rotation, not look alive."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence

from grpc_health.v1 import health_pb2
from grpc_health.v1.health import aio as health_aio

log = logging.getLogger("erp.health")
SERVING, NOT_SERVING = health_pb2.HealthCheckResponse.SERVING, health_pb2.HealthCheckResponse.NOT_SERVING


class DatabaseHealth:
    """``writable`` is blocking (it talks to the database): it runs in a thread, every ``interval_s``."""

    def __init__(self, health: health_aio.HealthServicer, services: Sequence[str], writable: Callable[[], bool],
                 interval_s: float) -> None:
        self._health, self._services = health, ("", *services)
        self._writable, self._interval_s = writable, interval_s
        self._ok = True

    async def check_once(self) -> bool:
        ok = await asyncio.to_thread(self._writable)
        if ok != self._ok:
            (log.info if ok else log.warning)("the database %s writes: health %s", "takes" if ok else "refuses",
                                              "SERVING" if ok else "NOT_SERVING")
            for name in self._services:  # NOTE: ignored once graceful shutdown began
                await self._health.set(name, SERVING if ok else NOT_SERVING)
        self._ok = ok
        return ok

    async def run(self) -> None:
        while True:
            await self.check_once()
            await asyncio.sleep(self._interval_s)
