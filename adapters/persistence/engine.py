"""Engines and sessions for SQLite (the default) and PostgreSQL.

SQLite: WAL, a 30 s busy timeout, foreign keys on, and SQLAlchemy (not pysqlite) emitting BEGIN
(SQLAlchemy docs, "Transactions with SQLite and the sqlite3 driver"): write transactions start
with ``BEGIN IMMEDIATE``, so concurrent writers queue on the busy timeout instead of failing with
"database is locked" when a read lock cannot be upgraded. Readers use ``read_only(engine)``,
whose plain ``BEGIN`` never waits for writers under WAL. The writers of one process queue for
the database in arrival order first (``WriterQueue``): SQLite's busy handler is no queue.

PostgreSQL: a pool sized for the gRPC server's ~32 threads. A connection that sat idle in the
pool for ``PING_AFTER_IDLE_S`` or more is pinged before it is handed out (and replaced when the
database dropped it), so a database restart or an idle timeout does not surface stale
connections. A busy connection is not pinged: SQLAlchemy's ``pool_pre_ping`` would add a round
trip to every checkout, a third of a GetShop. Should the database restart within those seconds,
a statement on a connection from before fails once (UNAVAILABLE at the API), and SQLAlchemy
then replaces every older connection of the pool.
"""
from __future__ import annotations

import os
import threading
import time
from collections import deque
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
_WRITING = "erp_writing"


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


class WriterQueue:
    """The write transactions of one process on one SQLite database, one at a time in arrival
    order.

    SQLite lets one writer in at a time, and a writer finding the lock taken retries on its busy
    handler, whose sleeps grow to 100 ms: under steady writes (three shops' history pages, the
    relay, address fetches) a writer that has waited a while keeps losing the lock to newcomers
    that retry after 1 ms, for seconds (issue 9: a page's transaction waited 5 to 10 s). Here
    each writer waits for the one before it, and the busy handler only meets other processes'.
    A writer still waiting after the busy timeout asks SQLite all the same, which answers
    "database is locked" when the database is still held, as it did before this queue.
    """

    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._waiting: deque[threading.Event] = deque()
        self._held = False

    def acquire(self, timeout_s: float) -> bool:
        """True: this writer's turn (``release`` it); False: ``timeout_s`` passed first."""
        with self._mutex:
            if not self._held:
                self._held = True
                return True
            turn = threading.Event()
            self._waiting.append(turn)
        if turn.wait(timeout_s):
            return True  # handed over by ``release``
        with self._mutex:
            if turn.is_set():
                return True  # handed over just as we gave up
            self._waiting.remove(turn)
        # NOTE: a turn held this long was most likely left without a release (a thread stopped
        # mid-transaction), so it is passed on: at worst two writers meet at SQLite's own lock,
        # which still lets one in at a time, rather than every writer waiting here from now on.
        self.release()
        return False

    def release(self) -> None:
        with self._mutex:
            if self._waiting:
                self._waiting.popleft().set()  # the lock goes to the next writer, never free in between
            else:
                self._held = False


_writer_queues: dict[str, WriterQueue] = {}
_writer_queues_lock = threading.Lock()


def _writer_queue(path: str) -> WriterQueue:
    """One queue per database file, however many engines this process has on it."""
    with _writer_queues_lock:
        return _writer_queues.setdefault(os.path.realpath(path), WriterQueue())


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

    writers = _writer_queue(database) if on_disk else None

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # NOTE: reads run in autocommit (each statement its own snapshot): no BEGIN/ROLLBACK round
        # trips on the hot read path; writes take the write lock up front with BEGIN IMMEDIATE.
        if conn.get_execution_options().get(READ_ONLY, False):
            return
        queued = writers is not None and writers.acquire(BUSY_TIMEOUT_MS / 1000)
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            if queued:
                writers.release()
            raise
        if queued:
            conn.info[_WRITING] = True

    def _on_end(conn: Connection) -> None:
        # NOTE: before SQLite's COMMIT: the next writer's BEGIN IMMEDIATE waits those microseconds
        # on the busy handler's first, 1 ms, retries.
        if conn.info.pop(_WRITING, False):
            writers.release()

    event.listen(engine, "commit", _on_end)
    event.listen(engine, "rollback", _on_end)

    @event.listens_for(engine, "checkin")
    def _on_checkin(_dbapi_conn, record) -> None:  # a connection invalidated mid-transaction
        if record.info.pop(_WRITING, False):
            writers.release()

    return engine
