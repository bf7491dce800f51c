"""What the activity log costs the sync's store step (issue 13): pages of 100 new orders stored
(``add_new`` and commit, as a history sync page), with their activity entries written and with
the entries switched off, alternating page by page in one process on one database, so both sides
see the same load. Reports the median page time of each side and their ratio.

    .venv/bin/python -m bench.activity_log_cost [--pages 100] [--db postgresql+psycopg://…/empty_db]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone

from adapters.persistence.activity import SqlActivityLog
from adapters.persistence.engine import make_engine, make_session_factory
from adapters.persistence.keyring import Keyring
from adapters.persistence.uow import SqlAlchemyUnitOfWork
from bench.shop_rpc_load import seed
from domain.order import Order
from domain.platform_order import Label, OrderLine, PlatformOrder


def page(shop_id: str, start: int, now: datetime) -> list[Order]:
    out = []
    for n in range(start, start + 100):
        at = now - timedelta(seconds=n)
        line = OrderLine(f"211-{n:014d}", 1, 2, 3, f"SKU-{n % 500}", "Ceramic mug", "Blue", 1, 0, 1, 2)
        snap = PlatformOrder(f"PO-211-{n:014d}", 2, 211, 100, at, at, at + timedelta(days=2), (line,), (Label("x", 0),))
        out.append(Order(id=str(uuid.uuid4()), shop_id=shop_id, snapshot=snap, now=now))
    return out


def main() -> int:
    args = _parser().parse_args()
    url = f"sqlite:///{tempfile.mkdtemp(prefix='erp-bench-')}/activity.db" if args.db == "sqlite" else args.db
    keyring = Keyring.generate("k1")
    _, shops = seed(url, keyring, 1)
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    record, now = SqlActivityLog.order_created, datetime.now(timezone.utc)
    times: dict[bool, list[float]] = {True: [], False: []}
    for i in range(args.pages * 2):
        on = i % 2 == 0
        SqlActivityLog.order_created = record if on else (lambda *a: None)
        orders = page(shops[0], i * 100, now)
        began = time.perf_counter()
        with SqlAlchemyUnitOfWork(sessions, keyring) as uow:
            uow.orders.add_new(orders)
            uow.commit()
        times[on].append(time.perf_counter() - began)
    SqlActivityLog.order_created = record
    with_log, without = statistics.median(times[True]), statistics.median(times[False])
    print(f"backend={engine.dialect.name} pages of 100 new orders, {args.pages} each way: median "
          f"{with_log * 1000:.1f} ms with the activity log, {without * 1000:.1f} ms without: {with_log / without:.2f}x")
    engine.dispose()
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser()
    p.add_argument("--db", default="sqlite")
    p.add_argument("--pages", type=int, default=100)
    return p


if __name__ == "__main__":
    sys.exit(main())
