"""PostgreSQL reads that leave the event loop free during their round trip.

The gRPC server answers GetShop and GetOrder on its event loop, inside SQLAlchemy's
``greenlet_spawn`` (see :mod:`adapters.grpc.dispatch`). On SQLite a read is local work; on
PostgreSQL it is a round trip to another process, which a blocking driver would wait for with the
whole loop. There :class:`~adapters.persistence.row_by_key.RowByKey` hands its statement to
:class:`LoopReads`, which runs it on a psycopg ``AsyncConnection`` through ``await_only``: the
loop serves other calls meanwhile.

Connections are per event loop (an asyncio connection belongs to the loop that opened it), in
autocommit (one statement, one snapshot), at most ``size`` per loop; a connection that fails is
closed, never reused. They are closed when the engine they were made for is disposed.
"""
from __future__ import annotations

import asyncio
import threading
import weakref
from typing import Any

import psycopg
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.util import await_only


def loop_reads_for(engine: Engine) -> LoopReads | None:
    """Reads on ``engine``'s PostgreSQL database, closed with the engine; ``None`` on SQLite."""
    if engine.dialect.name != "postgresql":
        return None
    reads = LoopReads(engine)
    event.listen(engine, "engine_disposed", lambda _engine: reads.close())
    return reads


class LoopReads:
    """Statements run from a bridged greenlet, on ``engine``'s PostgreSQL database."""

    def __init__(self, engine: Engine, size: int = 8) -> None:
        _, self._connect_args = engine.dialect.create_connect_args(engine.url)
        self._size = size
        self._pools: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopPool] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def fetch_all(self, sql: str, params: Any) -> list[tuple]:
        """The rows of ``sql``; raises ``psycopg.Error`` (the connection is then dropped)."""
        return await_only(self._pool().fetch_all(sql, params))

    def close(self) -> None:
        """Close every connection of every loop (from any thread: closing needs no round trip)."""
        with self._lock:
            pools, self._pools = list(self._pools.values()), weakref.WeakKeyDictionary()
        for pool in pools:
            pool.close()

    def _pool(self) -> _LoopPool:
        loop = asyncio.get_running_loop()
        with self._lock:
            pool = self._pools.get(loop)
            if pool is None:
                pool = self._pools[loop] = _LoopPool(self._connect_args, self._size)
            return pool


class _LoopPool:
    def __init__(self, connect_args: dict[str, Any], size: int) -> None:
        self._connect_args, self._idle, self._closed = connect_args, [], False
        self._slots = asyncio.Semaphore(size)
        self._cursors: dict[psycopg.AsyncConnection, psycopg.AsyncCursor] = {}

    async def fetch_all(self, sql: str, params: Any) -> list[tuple]:
        async with self._slots:
            conn = self._idle.pop() if self._idle else await self._connect()
            try:
                cursor = self._cursors[conn]
                await cursor.execute(sql, params)
                rows = await cursor.fetchall()
            except BaseException:
                self._drop(conn)
                raise
            if self._closed:  # closed while this read ran: the connection goes too
                self._drop(conn)
            else:
                self._idle.append(conn)
            return rows

    async def _connect(self) -> psycopg.AsyncConnection:
        conn = await psycopg.AsyncConnection.connect(autocommit=True, **self._connect_args)
        self._cursors[conn] = conn.cursor()  # NOTE: kept: a cursor sets up its loaders on first use
        return conn

    def _drop(self, conn: psycopg.AsyncConnection) -> None:
        self._cursors.pop(conn, None)
        conn.pgconn.finish()

    def close(self) -> None:
        """Close the idle connections now, the busy ones when their read ends."""
        self._closed = True
        for conn in self._idle:
            self._drop(conn)
        self._idle = []
