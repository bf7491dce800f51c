"""On PostgreSQL, reads made on the gRPC server's event loop leave it free during their round trip."""
from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa
from sqlalchemy.util import greenlet_spawn

from adapters.persistence.engine import make_engine, read_only
from adapters.persistence.readers import SqlShopReader
from adapters.persistence.row_by_key import RowByKey
from tests.unit.grpc.loop_thread import LoopThread

from .builders import NOW, backend_gone

pytestmark = pytest.mark.postgres
LOCK = 4242


@pytest.fixture
def engine(postgres_migrated):
    engine = make_engine(postgres_migrated.url.render_as_string(hide_password=False))
    yield engine
    engine.dispose()


@pytest.fixture
def loop():
    thread = LoopThread()
    yield thread
    thread.close()


def test_a_read_completes_while_another_one_on_the_same_loop_waits_in_the_database(engine, loop):
    waiting = RowByKey(read_only(engine), sa.select(sa.func.pg_advisory_xact_lock_shared(LOCK).label("locked")))
    shops = SqlShopReader(engine)
    with engine.connect() as holder:
        holder.exec_driver_sql(f"SELECT pg_advisory_lock({LOCK})")
        blocked = loop.run(_started(greenlet_spawn(waiting.first)))
        assert loop.run(greenlet_spawn(shops.get, "no-such-shop", NOW), timeout=5) is None
        assert not blocked.done()
        holder.exec_driver_sql(f"SELECT pg_advisory_unlock({LOCK})")
        holder.commit()
    assert loop.run(_finished(blocked), timeout=5) is not None


def test_a_read_on_a_dropped_connection_fails_once_as_unavailable_and_the_next_read_works(engine, postgres_migrated,
                                                                                          loop):
    backend = _backend(engine)
    (pid,) = loop.run(greenlet_spawn(backend.first))
    with postgres_migrated.connect() as admin:
        admin.exec_driver_sql(f"SELECT pg_terminate_backend({pid})")
    with pytest.raises(sa.exc.OperationalError):
        loop.run(greenlet_spawn(backend.first))
    (replacement,) = loop.run(greenlet_spawn(backend.first))
    assert replacement != pid


def test_the_loop_connections_close_with_the_engine(engine, postgres_migrated, loop):
    (pid,) = loop.run(greenlet_spawn(_backend(engine).first))
    engine.dispose()
    assert backend_gone(postgres_migrated, pid)


async def _started(coro):
    """``coro`` as a task, once it had the chance to start (and block)."""
    task = asyncio.ensure_future(coro)
    for _ in range(50):
        await asyncio.sleep(0.01)
    return task


async def _finished(task):
    return await task


def _backend(engine) -> RowByKey:
    """The server process id of the connection a read runs on."""
    return RowByKey(read_only(engine), sa.select(sa.func.pg_backend_pid().label("pid")))
