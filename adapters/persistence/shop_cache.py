"""Shop rows kept in memory, coherent with the database: GetShop without a query.

GetShop is the hottest read of the API and its row changes rarely, so the server keeps the rows
it read. An entry is dropped as soon as its row may have changed:

- **SQLite**: before every lookup, ``PRAGMA data_version`` on a connection of the cache's own,
  which never writes: its value moves whenever any other connection, of any process, committed
  to the file. Then every entry is dropped (any table: order syncs empty the cache too). A
  lookup therefore never returns a row older than the last commit before it.
- **PostgreSQL**: a trigger on ``shops`` sends ``NOTIFY erp_shop_changes`` with the shop id at
  commit (migration ``4d1f0a7c9e2b``); a thread of the cache listens on a connection of its own
  and drops that entry. A commit made through this process's units of work also drops its
  shops at once (:meth:`ShopRowCache.evict`, called by the unit of work), so a caller reads its
  own writes; a change made by another process shows once its notification arrives
  (milliseconds). While the listening connection is down nothing is cached, and everything is
  dropped when it is back. As a last resort against a notification lost in a way nobody noticed,
  no entry is used after ``MAX_AGE_S``.

An entry read from the database is stored only if nothing was dropped meanwhile (a generation
counter), so a row read just before a change can never be stored after that change's eviction.
"""
from __future__ import annotations

import logging
import os
import selectors
import sqlite3
import threading
import time
import weakref
from collections.abc import Iterable
from typing import Any

import psycopg
from sqlalchemy.engine import Engine

from adapters.persistence.engine import attached, sqlite_file

log = logging.getLogger("erp.persistence.shop_cache")

CHANNEL = "erp_shop_changes"
APPLICATION_NAME = "erp-shop-cache"  # how the listening connection shows in pg_stat_activity
MAX_AGE_S = 60.0
MAX_ENTRIES = 100_000
HEARTBEAT_S = 5.0
RECONNECT_MAX_S = 5.0
_KEEPALIVE = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5, "keepalives_count": 3,
              "tcp_user_timeout": 20_000, "connect_timeout": 5}

def shop_cache_for(engine: Engine) -> ShopRowCache:
    """The one cache of ``engine``'s database (built on first use, closed with the engine). A
    database the cache cannot follow (SQLite in memory) gets a cache that never stores."""
    return attached(engine, "shop_cache", lambda: ShopRowCache(_feed_for(engine)), ShopRowCache.close)


class ShopRowCache:
    """Values by shop id. ``lookup`` gives the entry (or ``None``) and the generation to pass to
    ``store`` for a value read from the database after the lookup."""

    def __init__(self, feed: _Feed, monotonic=time.monotonic) -> None:
        self._feed, self._monotonic = feed, monotonic
        self._entries: dict[str, tuple[Any, float]] = {}
        self._generation, self._armed = 0, False
        self._lock = threading.Lock()

    def lookup(self, shop_id: str) -> tuple[Any | None, int | None]:
        """``(value or None, generation)``; the generation is ``None`` while nothing may be
        stored (the changes cannot be followed right now)."""
        self._feed.poll(self)
        if not self._armed:
            return None, None
        generation, now = self._generation, self._monotonic()
        found = self._entries.get(shop_id)
        if found is None or now - found[1] > MAX_AGE_S:
            return None, generation
        return found[0], generation

    def store(self, shop_id: str, value: Any, generation: int | None) -> None:
        """Keep ``value``, read after the lookup that gave ``generation``, unless anything was
        dropped since."""
        with self._lock:
            if generation is None or generation != self._generation or not self._armed:
                return
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
            self._entries[shop_id] = (value, self._monotonic())

    def evict(self, shop_ids: Iterable[str]) -> None:
        """These shops' rows changed (committed)."""
        with self._lock:
            self._generation += 1
            for shop_id in shop_ids:
                self._entries.pop(shop_id, None)

    def evict_all(self, *, armed: bool | None = None) -> None:
        """Anything may have changed; ``armed``: whether changes can be followed from now on."""
        with self._lock:
            self._generation += 1
            self._entries.clear()
            if armed is not None:
                self._armed = armed

    def close(self) -> None:
        self._feed.close()
        self.evict_all(armed=False)


class _Feed:
    """How a cache learns about changes. This one cannot: nothing is ever stored."""

    def poll(self, cache: ShopRowCache) -> None:
        """Called before every lookup."""

    def close(self) -> None:
        pass


def _feed_for(engine: Engine) -> _Feed:
    if engine.dialect.name == "postgresql":
        return PostgresFeed(engine)
    path = sqlite_file(engine.url) if engine.dialect.name == "sqlite" else None
    return SqliteFeed(path) if path else _Feed()


class SqliteFeed(_Feed):
    """``PRAGMA data_version`` on a connection that never writes, before every lookup."""

    def __init__(self, path: str) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._cursor: sqlite3.Cursor | None = None
        self._seen: int | None = None
        self._closed = False

    def poll(self, cache: ShopRowCache) -> None:
        with self._lock:
            if self._closed:
                return
            try:
                if self._cursor is None:
                    self._cursor = sqlite3.connect(self._path, check_same_thread=False, isolation_level=None).cursor()
                version = self._cursor.execute("PRAGMA data_version").fetchone()[0]
            except sqlite3.Error:
                log.warning("cannot follow changes of %s: shop rows are read every time", self._path, exc_info=True)
                self._drop_connection()
                cache.evict_all(armed=False)
                return
            if version != self._seen:
                # NOTE: dropped before the lock is released: a poll after this one sees no change
                cache.evict_all(armed=True)
                self._seen = version

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._drop_connection()

    def _drop_connection(self) -> None:
        if self._cursor is not None:
            self._cursor.connection.close()
        self._cursor, self._seen = None, None


class PostgresFeed(_Feed):
    """A thread that ``LISTEN``s on a connection of its own; started by the first lookup."""

    def __init__(self, engine: Engine) -> None:
        _, connect_args = engine.dialect.create_connect_args(engine.url)
        self._connect_args = {**_KEEPALIVE, **connect_args, "autocommit": True, "application_name": APPLICATION_NAME}
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._wake_r = self._wake_w = -1  # a pipe that wakes the thread up to stop; made with it
        self._stopped = False

    def poll(self, cache: ShopRowCache) -> None:
        if self._thread is None:
            with self._start_lock:
                if self._thread is None and not self._stopped:
                    self._wake_r, self._wake_w = os.pipe()
                    self._thread = threading.Thread(target=self._run, args=(weakref.ref(cache),),
                                                    name="shop-cache-listener", daemon=True)
                    self._thread.start()

    def close(self) -> None:
        with self._start_lock:
            if self._stopped:
                return
            self._stopped = True
            thread = self._thread
        if thread is None:
            return
        os.write(self._wake_w, b"x")
        thread.join(10)
        if thread.is_alive():  # NOTE: stuck connecting; it ends on its own, its pipe stays open
            return
        os.close(self._wake_r)
        os.close(self._wake_w)

    def _run(self, cache_ref: weakref.ref[ShopRowCache]) -> None:
        backoff = 0.1
        while not self._stopped and cache_ref() is not None:
            try:
                with psycopg.connect(**self._connect_args) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    _call(cache_ref, "evict_all", armed=True)  # changes from here on are notified
                    backoff = 0.1
                    self._listen(conn, cache_ref)
            except psycopg.Error as err:
                log.warning("shop cache: lost the change feed (%s); reading shop rows every time until it is back",
                            type(err).__name__)
            except Exception:  # noqa: BLE001 - the feed must come back whatever happened
                log.exception("shop cache: the change feed failed; reading shop rows every time until it is back")
            finally:
                _call(cache_ref, "evict_all", armed=False)
            if self._sleep(backoff):
                return
            backoff = min(backoff * 2, RECONNECT_MAX_S)

    def _listen(self, conn: psycopg.Connection, cache_ref: weakref.ref[ShopRowCache]) -> None:
        with selectors.DefaultSelector() as waiting:
            waiting.register(conn.fileno(), selectors.EVENT_READ, "database")
            waiting.register(self._wake_r, selectors.EVENT_READ, "closing")
            while not self._stopped:
                ready = {key.data for key, _ in waiting.select(HEARTBEAT_S)}
                if "closing" in ready or not self._heard(conn, cache_ref, "database" in ready):
                    return

    @staticmethod
    def _heard(conn: psycopg.Connection, cache_ref: weakref.ref[ShopRowCache], readable: bool) -> bool:
        """Evict what the notifications name (or, after a quiet while, check the connection is
        alive); False once the cache is gone."""
        if not readable:
            conn.execute("SELECT 1")  # a connection that died quietly raises here
            return cache_ref() is not None
        shop_ids = [n.payload for n in conn.notifies(timeout=0)]
        if all(shop_ids):
            return _call(cache_ref, "evict", shop_ids)
        return _call(cache_ref, "evict_all")  # an empty payload (TRUNCATE): every row

    def _sleep(self, seconds: float) -> bool:
        """Wait ``seconds`` or until closed; True when closed."""
        with selectors.DefaultSelector() as waiting:
            waiting.register(self._wake_r, selectors.EVENT_READ)
            waiting.select(seconds)
        return self._stopped


def _call(cache_ref: weakref.ref[ShopRowCache], method: str, *args: Any, **kwargs: Any) -> bool:
    """``cache.method(...)`` if the cache still exists; False once it is gone."""
    cache = cache_ref()
    if cache is None:
        return False
    getattr(cache, method)(*args, **kwargs)
    return True
