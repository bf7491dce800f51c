"""Engines and sessions for SQLite (the default) and PostgreSQL.

SQLite: WAL, a 30 s busy timeout, foreign keys on, and SQLAlchemy (not pysqlite) emitting BEGIN
(SQLAlchemy docs, "Transactions with SQLite and the sqlite3 driver"): write transactions start
with ``BEGIN IMMEDIATE``, so concurrent writers queue on the busy timeout instead of failing with
"database is locked" when a read lock cannot be upgraded. Readers use ``read_only(engine)``,
whose plain ``BEGIN`` never waits for writers under WAL.

PostgreSQL: a pool of 25 connections (15 more when busy) for the threads of one process that use
the database at once: the server's database pool and provider lane, the change feed's readers,
and in the embedded default the workers' threads (about 30). A connection that sat idle in the
pool for ``PING_AFTER_IDLE_S`` or more is pinged before it is handed out (and replaced when the
database dropped it), so a database restart or an idle timeout does not surface stale
connections. A busy connection is not pinged: SQLAlchemy's ``pool_pre_ping`` would add a round
trip to every checkout (bench/README.md, "What stays"). Should the database restart within those
seconds, a statement on a connection from before fails once (UNAVAILABLE at the API), and
SQLAlchemy then replaces every older connection of the pool.
"""
from __future__ import annotations

import threading
import os
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import sessionmaker

DEFAULT_URL = "sqlite:///var/erp.db"
BUSY_TIMEOUT_MS = 30_000
READ_ONLY = "erp_read_only"
PING_AFTER_IDLE_S = 5.0
_IDLE_SINCE = "erp_idle_since"


def make_engine(url: str, *, foreign_keys: bool = True) -> Engine:
    """An engine for ``url`` (``bootstrap.settings``: ``ERP_DATABASE_URL``, default ``DEFAULT_URL``).

    ``foreign_keys=False`` is for migrations only: SQLite batch operations copy and drop tables.
    """
    if sa.make_url(url).get_backend_name() == "sqlite":
        return _sqlite_engine(url, foreign_keys)
    engine = sa.create_engine(url, pool_size=25, max_overflow=15)
    _ping_idle_connections(engine)
    return engine


def make_session_factory(engine: Engine) -> sessionmaker:
    """Sessions for units of work. Objects stay readable after commit (no expiry), so a use case
    can build its answer without starting a second transaction."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def read_only(engine: Engine) -> Engine:
    """The same pool, for reads. SQLite: a plain ``BEGIN`` (never waits for writers under WAL).
    PostgreSQL: autocommit, each statement its own snapshot (no BEGIN/ROLLBACK round trips;
    psycopg switches a connection in and out of autocommit without a round trip)."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(**{READ_ONLY: True})
    return engine.execution_options(isolation_level="AUTOCOMMIT")


def _ping_idle_connections(engine: Engine) -> None:
    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_conn, record) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_conn, record, _proxy) -> None:
        idle_since = record.info.get(_IDLE_SINCE)
        if idle_since is None or time.monotonic() - idle_since < PING_AFTER_IDLE_S:
            return
        try:
            engine.dialect.do_ping(dbapi_conn)
        except engine.dialect.loaded_dbapi.Error as err:  # the pool retries with a new connection
            raise sa.exc.DisconnectionError("the database dropped an idle connection") from err


def _sqlite_engine(url: str, foreign_keys: bool) -> Engine:
    database = sa.make_url(url).database
    on_disk = bool(database) and database != ":memory:" and not database.startswith("file:")
    if on_disk:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    pool = {"pool_size": 25, "max_overflow": 25} if on_disk else {}
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **pool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves, below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA cache_size=-32768")  # 32 MiB, not 2: order indexes are read at random
        cur.execute("PRAGMA wal_autocheckpoint=8000")  # 32 MiB of WAL between checkpoints (and fsyncs)
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # NOTE: reads run in autocommit (each statement its own snapshot): no BEGIN/ROLLBACK round
        # trips on the hot read path; writes take the write lock up front with BEGIN IMMEDIATE.
        if not conn.get_execution_options().get(READ_ONLY, False):
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
