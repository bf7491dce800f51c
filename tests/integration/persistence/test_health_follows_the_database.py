"""Issue 9, item 7: health reports NOT_SERVING while the database cannot be written."""
from __future__ import annotations

import asyncio

import sqlalchemy as sa
from grpc_health.v1 import health_pb2
from grpc_health.v1.health import aio as health_aio

from adapters.grpc.health_probe import ReadinessHealth
from adapters.persistence.engine import make_engine
from adapters.persistence.write_probe import database_writable
from bootstrap.operations import readiness

SERVICES = ("erp.v1.ShopService", "erp.v1.OrderService")


def _statuses(health: health_aio.HealthServicer) -> set[int]:
    async def check(name: str) -> int:
        return (await health.Check(health_pb2.HealthCheckRequest(service=name), None)).status
    return {asyncio.run(check(name)) for name in ("", *SERVICES)}


def _read_only_engine(db) -> sa.Engine:
    if db.backend == "sqlite":  # NOTE: a read-only file open; file modes do not stop root
        return make_engine(f"sqlite:///file:{sa.make_url(db.url).database}?mode=ro&uri=true")
    engine = make_engine(db.url)
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(f'ALTER DATABASE "{sa.make_url(db.url).database}" SET default_transaction_read_only = on')
    return engine


def test_health_turns_not_serving_while_the_database_refuses_writes_and_back(db):
    health = health_aio.HealthServicer()
    asyncio.run(health.set("", health_pb2.HealthCheckResponse.SERVING))
    read_only = _read_only_engine(db)
    try:
        assert database_writable(db.engine)
        through = [read_only]  # the server's connection to the database: read-only, then writable again
        probe = ReadinessHealth(health, SERVICES, lambda: readiness(through[0], None)(), interval_s=1)
        assert asyncio.run(probe.check_once()) is False
        assert _statuses(health) == {health_pb2.HealthCheckResponse.NOT_SERVING}
        through[0] = db.engine
        assert asyncio.run(probe.check_once()) is True
        assert _statuses(health) == {health_pb2.HealthCheckResponse.SERVING}
    finally:
        read_only.dispose()
        if db.backend != "sqlite":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql(f'ALTER DATABASE "{sa.make_url(db.url).database}" RESET default_transaction_read_only')


def test_health_is_not_serving_while_the_database_refuses_connections():
    """A PostgreSQL URL to a closed port: the server's database is down."""
    health = health_aio.HealthServicer()
    asyncio.run(health.set("", health_pb2.HealthCheckResponse.SERVING))
    down = make_engine("postgresql+psycopg://erp:erp@127.0.0.1:9/erp?connect_timeout=2")
    try:
        assert readiness(down, None)() == "the database refuses writes"
        assert asyncio.run(ReadinessHealth(health, SERVICES, readiness(down, None), interval_s=1).check_once()) is False
        assert _statuses(health) == {health_pb2.HealthCheckResponse.NOT_SERVING}
    finally:
        down.dispose()


def test_health_is_not_serving_while_the_redis_broker_does_not_answer(db):
    health = health_aio.HealthServicer()
    asyncio.run(health.set("", health_pb2.HealthCheckResponse.SERVING))
    check = readiness(db.engine, "redis://127.0.0.1:9/0")
    assert check() == "the broker (Redis) does not answer: ConnectionError"
    assert asyncio.run(ReadinessHealth(health, SERVICES, check, interval_s=1).check_once()) is False
    assert _statuses(health) == {health_pb2.HealthCheckResponse.NOT_SERVING}
