"""Engine behaviour and column types that every adapter relies on."""
from __future__ import annotations

import threading
import time
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import StatementError

from adapters.persistence import engine as engine_module
from adapters.persistence.engine import make_engine, read_only
from adapters.persistence.readers import SqlShopReader
from adapters.persistence.tables import idempotency_keys
from adapters.persistence.uow import uow_factory

from .builders import NOW, random_shop


def test_timestamps_come_back_aware_utc_whatever_zone_they_were_written_in(db):
    from zoneinfo import ZoneInfo

    written = datetime(2026, 11, 1, 20, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    with db.engine.begin() as conn:
        conn.execute(idempotency_keys.insert().values(principal_id="p", method="m", request_id="r",
                                                      request_hash="h", resource_id="x", created_at=written))
        back = conn.execute(sa.select(idempotency_keys.c.created_at)).scalar_one()

    assert back == written and back.tzinfo is timezone.utc and back.hour == 12


def test_a_naive_timestamp_is_refused(db):
    with db.engine.begin() as conn, pytest.raises(StatementError, match="naive datetime"):
        conn.execute(idempotency_keys.insert().values(principal_id="p", method="m", request_id="r",
                                                      request_hash="h", resource_id="x",
                                                      created_at=datetime(2026, 11, 1)))


def test_readers_do_not_wait_for_a_writer_holding_the_database(db):
    shop = random_shop()
    with db.uow() as uow:
        uow.shops.add(shop)
        uow.commit()
    writing, release = threading.Event(), threading.Event()

    def long_writer() -> None:
        with db.uow() as uow:
            uow.shops.get(shop.id).disable(NOW)
            uow.shops.flush()
            writing.set()
            release.wait(10)
            uow.commit()

    writer = threading.Thread(target=long_writer)
    writer.start()
    try:
        assert writing.wait(10)
        started = time.monotonic()
        view = SqlShopReader(db.engine).get(shop.id, NOW)
        assert time.monotonic() - started < 1 and view.status.value == "ENABLED"
    finally:
        release.set()
        writer.join()


@pytest.mark.postgres
def test_a_connection_the_database_dropped_while_idle_is_replaced_before_use(postgres_migrated, monkeypatch):
    monkeypatch.setattr(engine_module, "PING_AFTER_IDLE_S", 0.0)
    engine = make_engine(postgres_migrated.url.render_as_string(hide_password=False))
    with engine.connect() as conn:
        dropped = conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
    with postgres_migrated.connect() as conn:
        conn.exec_driver_sql(f"SELECT pg_terminate_backend({dropped})")

    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one() != dropped
    engine.dispose()


@pytest.mark.postgres
def test_postgres_reads_run_in_autocommit_and_leave_the_pooled_connection_transactional(postgres_migrated):
    engine = make_engine(postgres_migrated.url.render_as_string(hide_password=False))

    def in_transaction(conn) -> bool:
        return conn.exec_driver_sql("SELECT now() <> statement_timestamp()").scalar_one()

    with read_only(engine).connect() as conn:
        conn.exec_driver_sql("SELECT pg_sleep(0.01)")
        assert not in_transaction(conn)  # each statement its own snapshot: no BEGIN, no ROLLBACK
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT pg_sleep(0.01)")
        assert in_transaction(conn)  # the engine's own connections are untouched
    engine.dispose()



def _sqlite_with_a_table(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/writers.db")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE turns (who TEXT)")
    return engine


def test_an_sqlite_writer_that_fails_or_leaves_without_committing_lets_the_next_one_in(tmp_path, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 20_000)
    engine = _sqlite_with_a_table(tmp_path)
    with pytest.raises(RuntimeError), engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO turns VALUES ('failed')")
        raise RuntimeError("a bug of ours")
    conn = engine.connect()
    conn.exec_driver_sql("INSERT INTO turns VALUES ('left')")
    conn.close()  # neither commit nor rollback

    done = threading.Event()

    def writer() -> None:
        with engine.begin() as c:
            c.exec_driver_sql("INSERT INTO turns VALUES ('next')")
        done.set()

    threading.Thread(target=writer, daemon=True).start()
    assert done.wait(10), "the next writer still waits for one that has left"
    with engine.connect() as c:
        assert [r[0] for r in c.exec_driver_sql("SELECT who FROM turns")] == ["next"]
