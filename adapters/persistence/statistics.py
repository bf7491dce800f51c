"""Keeping PostgreSQL's planner statistics in step with bulk loads.

PostgreSQL plans from statistics that autovacuum refreshes about once a minute. A history sync
fills an empty ``orders`` table faster than that, and with statistics that still say "empty"
the planner looks orders up through a ``shop_id`` index and filters the whole shop: each page of
a 20,000-order sync cost more than the last (10 ms a lookup at 10,000 orders instead of 1).
PostgreSQL's advice for bulk loads is to ANALYZE after them, which ``BulkLoadStatistics`` does
whenever the rows loaded since the last ANALYZE reach four times the table's size at that time,
so a table filled from empty is analyzed at ~1k, 5k, 25k, … rows: a logarithmic number of times.
In between, the planner scales the row count it knows by the table's current size on disk.
"""
from __future__ import annotations

import logging
import threading

import sqlalchemy as sa
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)

LOCK_TIMEOUT_MS = 100
GROWTH = 4
_ESTIMATED_ROWS = sa.text("SELECT CAST(reltuples AS BIGINT) FROM pg_class WHERE oid = CAST(:table AS regclass)")


class BulkLoadStatistics:
    """``loaded(engine, rows)`` as rows of ``table`` are bulk-inserted; an ANALYZE it starts sees
    the rows committed so far. On SQLite, whose planner trusts unique indexes without
    statistics, it does nothing."""

    def __init__(self, table: sa.Table, first_after: int = 1000) -> None:
        self._table, self._first_after = table, first_after
        self._lock = threading.Lock()
        self._since: dict[str, int] = {}  # per database URL: rows loaded since the last ANALYZE
        self._threshold: dict[str, int] = {}

    def loaded(self, engine: Engine, rows: int) -> None:
        if engine.dialect.name != "postgresql" or rows <= 0:
            return
        key = engine.url.render_as_string()
        with self._lock:
            since = self._since.get(key, 0) + rows
            due = since >= self._threshold.get(key, self._first_after)
            self._since[key] = 0 if due else since
        if due:
            self._analyze(engine, key)

    def _analyze(self, engine: Engine, key: str) -> None:
        """In a short transaction of its own, never waiting long for a lock: autovacuum or
        another worker analyzing the same table already does the job. ``SET LOCAL`` ends with
        that transaction, so the pooled connection goes back with its usual lock timeout."""
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql(f"SET LOCAL lock_timeout = {LOCK_TIMEOUT_MS}")
                conn.exec_driver_sql(f"ANALYZE {engine.dialect.identifier_preparer.format_table(self._table)}")
                rows = conn.execute(_ESTIMATED_ROWS, {"table": self._table.name}).scalar_one()
        except sa.exc.DBAPIError as exc:
            log.info("ANALYZE %s skipped: %s", self._table.name, type(exc.orig).__name__)
            return
        with self._lock:
            self._threshold[key] = max(self._first_after, GROWTH * rows)
