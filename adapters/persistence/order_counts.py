"""``order_counts``: how many orders each shop has per ERP state and per exception reason, kept
by the order repository in the transaction that writes the orders, so that CountOrders for whole
shops (the tabs of the order list, with no other filter) reads a few rows instead of counting
every order (bench/README.md: a GROUP BY over 1,000,000 orders is far from 50 ms).

A write adds its deltas with INSERT … ON CONFLICT DO UPDATE, row after row in key order, so two
transactions touching the same shop's rows take their locks in the same order.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.tables import order_counts
from adapters.persistence.upsert import insert_for
from application.orders.search import exception_reason

STATE, EXCEPTION = "state", "exception"
Key = tuple[str, str, str]  # shop id, STATE or EXCEPTION, the state or reason


def count_into(deltas: Counter[Key], shop_id: str, state: object, exceptions: Iterable[str], n: int = 1) -> None:
    """Add ``n`` to each row one order counts in: its state, and each of its exception reasons
    once; in place (a Counter per order cost more than the rows it counted)."""
    deltas[(shop_id, STATE, getattr(state, "value", state))] += n
    if exceptions:
        for reason in {exception_reason(e) for e in exceptions}:
            deltas[(shop_id, EXCEPTION, reason)] += n


def add(session: Session, deltas: Counter[Key]) -> None:
    """Add ``deltas`` (which may be negative) to the counts, in one statement."""
    rows = [{"shop_id": s, "kind": k, "key": key, "n": n} for (s, k, key), n in sorted(deltas.items()) if n]
    if rows:
        insert = insert_for(session, order_counts)
        session.connection().execute(insert.on_conflict_do_update(
            index_elements=["shop_id", "kind", "key"], set_={"n": order_counts.c.n + insert.excluded.n}), rows)


def counted(shop_ids: sa.Select | Iterable[str] | None) -> sa.Select:
    """(kind, key, total) over these shops (a select of shop ids, a list, or None for all)."""
    c = order_counts.c
    query = sa.select(c.kind, c.key, sa.func.sum(c.n).label("n")).group_by(c.kind, c.key)
    return query if shop_ids is None else query.where(c.shop_id.in_(shop_ids))
