"""The connections of the reads the gRPC server answers on its event loop (GetShop, GetOrder, the
API key of every call).

They run inside SQLAlchemy's ``greenlet_spawn`` (see :mod:`adapters.grpc.dispatch`), and
:class:`~adapters.persistence.row_by_key.RowByKey` hands them here:

- PostgreSQL: a read is a round trip to another process, which a blocking driver would wait for
  with the whole loop. :class:`LoopReads` runs it on a psycopg ``AsyncConnection`` through
  ``await_only``: the loop serves other calls meanwhile. At most ``size`` connections per loop.
- SQLite: a read is local work. :class:`LoopSqliteReads` keeps one connection per loop (its
  reads never overlap: nothing in them awaits), taken from the engine's pool once, so a read
  pays no pool checkout and return (a third of a key lookup's time, see bench/README.md).

Connections are per event loop (an asyncio connection belongs to the loop that opened it), in
autocommit (one statement, one snapshot); a connection that fails is closed, never reused. They
are closed when the engine they were made for is disposed.
"""
from __future__ import annotations

import asyncio
import threading
import weakref
from typing import Any

import psycopg
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import QueuePool
from sqlalchemy.util import await_only


def loop_reads_for(engine: Engine) -> LoopReads | LoopSqliteReads | None:
    """Reads on ``engine``'s database from an event loop, closed with the engine; ``None`` for a
    database in memory (each connection would be a database of its own)."""
    if engine.dialect.name == "postgresql":
        reads: LoopReads | LoopSqliteReads = LoopReads(engine)
    elif engine.dialect.name == "sqlite" and isinstance(engine.pool, QueuePool):
        reads = LoopSqliteReads(engine)
    else:
        return None
    event.listen(engine, "engine_disposed", lambda _engine: reads.close())
    return reads


class LoopSqliteReads:
    """One SQLite connection per event loop, out of ``engine``'s pool (its connect-time pragmas
    applied), in autocommit as the pool's read connections are."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connections: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Any] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def fetch_all(self, sql: str, params: Any) -> list[tuple]:
        """The rows of ``sql`` (read to the end: a half-read statement holds its snapshot);
        raises ``sqlite3.Error`` (the connection is then dropped)."""
        loop = asyncio.get_running_loop()
        connection = self._connections.get(loop)
        if connection is None:
            connection = self._connect(loop)
        try:
            return connection.execute(sql, params).fetchall()
        except BaseException:
            self._drop(loop)
            raise

    def close(self) -> None:
        with self._lock:
            connections, self._connections = list(self._connections.values()), weakref.WeakKeyDictionary()
        for connection in connections:
            connection.close()

    def _connect(self, loop: asyncio.AbstractEventLoop) -> Any:
        pooled = self._engine.raw_connection()
        pooled.detach()  # NOTE: the pool forgets it: it is this loop's for good
        with self._lock:
            self._connections[loop] = pooled.dbapi_connection
        return pooled.dbapi_connection

    def _drop(self, loop: asyncio.AbstractEventLoop) -> None:
        with self._lock:
            connection = self._connections.pop(loop, None)
        if connection is not None:
            connection.close()


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
