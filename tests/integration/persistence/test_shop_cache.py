"""GetShop's cache of shop rows never answers with a row older than the last change a caller
could know of: SQLite's data version before every read, PostgreSQL's change notifications, and
the writer's own unit of work (see ``adapters/persistence/shop_cache.py``)."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from adapters.persistence.engine import make_engine
from adapters.persistence.readers import SqlShopReader
from adapters.persistence.shop_cache import APPLICATION_NAME, shop_cache_for
from adapters.persistence.uow import uow_factory
from domain.shop import ShopName
from domain.shop_kinds import AuthStatus

from .builders import NOW, authorized_shop, stored_shop


@dataclass
class Cached:
    engine: Engine
    reader: SqlShopReader
    uow: Callable


@pytest.fixture
def cached(db) -> Iterator[Cached]:
    """The server's wiring on an engine of its own (another "process" than ``db.engine``)."""
    engine = make_engine(db.url)
    yield Cached(engine, SqlShopReader(engine, shop_cache_for(engine)), uow_factory(engine, db.keyring))
    engine.dispose()


def eventually(check: Callable[[], bool], timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.01)
    return check()


def answered_from_memory(reader: SqlShopReader, shop_id: str) -> bool:
    """The same view object twice. (Not at NOW itself: the builders' tokens expire a whole
    number of days after it, where a token's days left change, so no view holds beyond it.)"""
    moment = NOW + timedelta(minutes=1)
    return reader.get(shop_id, moment) is reader.get(shop_id, moment)


def rename_behind_its_back(db, shop_id: str, name: str) -> None:
    """A change committed by another process: plain SQL on another engine."""
    with db.engine.begin() as conn:
        conn.execute(sa.text("UPDATE shops SET name = :name, name_key = :key, version = version + 1 WHERE id = :id"),
                     {"name": name, "key": name.casefold(), "id": shop_id})


def test_a_shop_read_again_is_answered_from_memory(db, cached):
    shop = stored_shop(db)

    assert eventually(lambda: answered_from_memory(cached.reader, shop.id))
    assert cached.reader.get(shop.id, NOW).name == shop.name.value


def test_a_change_committed_by_another_process_is_read_after_it(db, cached):
    shop = stored_shop(db)
    assert eventually(lambda: answered_from_memory(cached.reader, shop.id))

    rename_behind_its_back(db, shop.id, "Renamed elsewhere")

    if db.backend == "sqlite":  # the data version is checked before every read
        assert cached.reader.get(shop.id, NOW).name == "Renamed elsewhere"
    else:  # once the notification arrives, milliseconds later
        assert eventually(lambda: cached.reader.get(shop.id, NOW).name == "Renamed elsewhere", 5)


def test_a_change_committed_through_this_process_is_read_at_once(db, cached):
    shop = stored_shop(db)
    assert eventually(lambda: answered_from_memory(cached.reader, shop.id))

    for n in range(20):
        with cached.uow() as uow:
            uow.shops.get_for_update(shop.id).rename(ShopName(f"Local rename {n}"), NOW)
            uow.commit()
        assert cached.reader.get(shop.id, NOW).name == f"Local rename {n}"


def test_a_row_read_while_another_thread_commits_never_outlives_the_commit(db, cached):
    shop = stored_shop(db)
    stop, stale = threading.Event(), []

    def read_constantly() -> None:
        while not stop.is_set():
            cached.reader.get(shop.id, NOW)

    readers = [threading.Thread(target=read_constantly) for _ in range(3)]
    for t in readers:
        t.start()
    try:
        for n in range(30):
            with cached.uow() as uow:
                uow.shops.get_for_update(shop.id).rename(ShopName(f"Race {n}"), NOW)
                uow.commit()
            if cached.reader.get(shop.id, NOW).name != f"Race {n}":
                stale.append(n)
    finally:
        stop.set()
        for t in readers:
            t.join()

    assert stale == []


def test_cached_views_follow_the_clock(db, cached):
    shop = stored_shop(db, authorized_shop(expires_at=NOW + timedelta(days=10)))
    assert eventually(lambda: answered_from_memory(cached.reader, shop.id))

    now_view = cached.reader.get(shop.id, NOW)
    later = cached.reader.get(shop.id, NOW + timedelta(days=3, seconds=1))
    lapsed = cached.reader.get(shop.id, NOW + timedelta(days=10))

    assert (now_view.credentials[0].days_left, now_view.expiry_warning_days) == (10, 14)
    assert (later.credentials[0].days_left, later.expiry_warning_days) == (6, 7)
    assert lapsed.auth_status is AuthStatus.EXPIRED and lapsed.credentials[0].days_left == 0
    assert cached.reader.get(shop.id, NOW).credentials[0].days_left == 10


def test_while_the_change_feed_is_down_rows_are_read_from_the_database(db, cached):
    if db.backend == "sqlite":
        pytest.skip("SQLite's data version is read on every lookup: there is no feed to lose")
    shop = stored_shop(db)
    assert eventually(lambda: answered_from_memory(cached.reader, shop.id))

    assert _terminate_listener(db.engine) == 1
    rename_behind_its_back(db, shop.id, "Renamed while deaf")

    assert eventually(lambda: cached.reader.get(shop.id, NOW).name == "Renamed while deaf", 5)
    assert eventually(lambda: answered_from_memory(cached.reader, shop.id))  # listening again
    rename_behind_its_back(db, shop.id, "Renamed after")
    assert eventually(lambda: cached.reader.get(shop.id, NOW).name == "Renamed after", 5)


def test_emptying_the_table_empties_the_cache_and_disposing_the_engine_stops_listening(db, cached):
    if db.backend == "sqlite":
        pytest.skip("SQLite has no TRUNCATE and no listening connection")
    shop = stored_shop(db)
    assert eventually(lambda: answered_from_memory(cached.reader, shop.id))

    with db.engine.begin() as conn:
        conn.exec_driver_sql("TRUNCATE shops CASCADE")
    assert eventually(lambda: cached.reader.get(shop.id, NOW) is None, 5)

    cached.engine.dispose()
    assert eventually(lambda: _listeners(db.engine) == 0, 5)
    assert not [t for t in threading.enumerate() if t.name == "shop-cache-listener" and t.is_alive()]


def _listeners(engine: Engine) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT count(*) FROM pg_stat_activity WHERE application_name = :name "
                                    "AND datname = current_database()"), {"name": APPLICATION_NAME}).scalar_one()


def _terminate_listener(engine: Engine) -> int:
    with engine.connect() as conn:
        return len(conn.execute(sa.text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                                        "application_name = :name AND datname = current_database()"),
                                {"name": APPLICATION_NAME}).all())
