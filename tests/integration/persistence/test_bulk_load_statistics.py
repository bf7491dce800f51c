"""After a bulk load PostgreSQL's planner statistics are refreshed, so order lookups keep using
the unique index instead of scanning the whole shop (see adapters/persistence/statistics.py)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from adapters.persistence.statistics import BulkLoadStatistics
from adapters.persistence.tables import orders

from .builders import random_order, random_shop


def analyzed_rows(db) -> float:
    with db.engine.connect() as conn:
        return conn.execute(sa.text("SELECT reltuples FROM pg_class WHERE relname = 'orders'")).scalar_one()


def test_orders_loaded_in_bulk_are_analyzed_without_waiting_for_autovacuum(db):
    if db.backend == "sqlite":
        pytest.skip("SQLite's planner trusts unique indexes without statistics")
    shop = random_shop()
    with db.uow() as uow:
        uow.shops.add(shop)
        uow.commit()
    for _ in range(5):
        with db.uow() as uow:
            uow.orders.add_new([random_order(shop.id) for _ in range(250)])
            uow.commit()

    assert analyzed_rows(db) >= 500  # analyzed once 1,000 rows were loaded: no longer "empty"


def test_nothing_is_analyzed_before_the_first_thousand_rows_nor_ever_on_sqlite(db):
    stats = BulkLoadStatistics(orders, first_after=1000)
    stats.loaded(db.engine, 999)
    if db.backend == "postgres":
        assert analyzed_rows(db) <= 0  # never analyzed: -1 (PostgreSQL 14+) or 0


def test_the_analyze_leaves_pooled_connections_with_their_usual_lock_timeout(db):
    if db.backend == "sqlite":
        pytest.skip("SQLite's planner trusts unique indexes without statistics")
    engine = sa.create_engine(db.url, pool_size=1, max_overflow=0)
    with engine.connect() as conn:
        usual = conn.exec_driver_sql("SHOW lock_timeout").scalar_one()
    BulkLoadStatistics(orders, first_after=1).loaded(engine, 1)

    with engine.connect() as conn:  # the pool's one connection, the one the ANALYZE used
        assert conn.exec_driver_sql("SHOW lock_timeout").scalar_one() == usual
    engine.dispose()
