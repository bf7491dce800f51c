"""The change feed over the outbox table: positions given after commit, reads, pruning.

Outbox ids come from a sequence at insert, and on PostgreSQL transactions commit in another
order: a reader resuming "after id N" could miss a row with a smaller id that commits later.
So a row's place in the feed is its ``position``, given by :func:`sequence_events` to rows that
have committed, in passes that take turns on the lock of the ``event_feed`` row and store the
last position given in it. A pass sees every row committed before it started; a row committed
later gets a later pass's, larger, position. And a pass's commit is visible before the next pass
gets the lock, so any reader that sees position P sees every position below P. On SQLite,
writers take turns anyway; the same code runs. docs/change-feed.md tells the whole story.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from adapters.persistence.engine import read_only
from adapters.persistence.upsert import insert_for
from adapters.persistence.tables import event_feed, outbox, shops
from application.ports.event_feed import EventFilter, FeedPage, StoredEvent

FEED_ROW = 1
_unsequenced = sa.select(outbox.c.id).where(outbox.c.position.is_(None)).order_by(outbox.c.id)


def has_unsequenced(conn: Connection) -> bool:
    return conn.execute(_unsequenced.limit(1)).first() is not None


def sequence_events(conn: Connection, limit: int) -> int:
    """Give the next positions to up to ``limit`` committed rows without one, in id order, in the
    caller's transaction (commit it to publish them); the number given."""
    last, _ = _lock_feed(conn)
    # NOTE: no SKIP LOCKED for rows a relay holds while sending them: placed in a later pass,
    # they would come after rows their own session committed later (the acceptance test saw it)
    ids = conn.execute(_unsequenced.limit(limit)).scalars().all()
    if ids:
        conn.execute(outbox.update().where(outbox.c.id == sa.bindparam("row_id"))
                     .values(position=sa.bindparam("p")),
                     [{"row_id": row_id, "p": last + n} for n, row_id in enumerate(ids, 1)])
        conn.execute(event_feed.update().where(event_feed.c.id == FEED_ROW).values(last_position=last + len(ids)))
    return len(ids)


def _lock_feed(conn: Connection) -> tuple[int, int]:
    """``(last position, pruned through)``, the feed row locked until the transaction ends.
    The row is made again if it is missing (a truncated table): from the highest position held."""
    query = sa.select(event_feed.c.last_position, event_feed.c.pruned_through).where(event_feed.c.id == FEED_ROW)
    row = conn.execute(query.with_for_update()).first()
    if row is None:
        highest = conn.execute(sa.select(sa.func.coalesce(sa.func.max(outbox.c.position), 0))).scalar_one()
        # NOTE: two sequencers may both find it missing: the second waits for the first's row
        conn.execute(insert_for(conn, event_feed).values(id=FEED_ROW, last_position=highest, pruned_through=0)
                     .on_conflict_do_nothing(index_elements=[event_feed.c.id]))
        row = conn.execute(query.with_for_update()).one()
    return row.last_position, row.pruned_through


class SqlEventFeed:
    """The ``EventFeed`` port: reads through the read-only engine, prunes in a transaction."""

    def __init__(self, engine: Engine) -> None:
        self._engine, self._reads = engine, read_only(engine)

    def read(self, after: int, flt: EventFilter, limit: int) -> FeedPage:
        # NOTE: one statement, so one snapshot on PostgreSQL: the head, how far the pruning has
        # gone, and every row up to the head (all committed before the head was) agree.
        rows_on = sa.and_(outbox.c.position > after, outbox.c.position <= event_feed.c.last_position,
                          *_conditions(flt))
        query = (sa.select(event_feed.c.last_position, event_feed.c.pruned_through, outbox.c.id, outbox.c.position,
                           outbox.c.event_type, outbox.c.shop_id, outbox.c.created_at, outbox.c.payload)
                 .select_from(event_feed.outerjoin(outbox, rows_on)).where(event_feed.c.id == FEED_ROW)
                 .order_by(outbox.c.position).limit(limit))
        with self._reads.connect() as conn:
            rows = conn.execute(query).all()
        head, pruned = (rows[0][0], rows[0][1]) if rows else (0, 0)
        events = [StoredEvent(*row[2:]) for row in rows if row.id is not None]
        resume = events[-1].position if len(events) == limit else max(head, after)
        return FeedPage(events, resume, head, pruned)

    def head(self) -> int:
        with self._reads.connect() as conn:
            return conn.execute(sa.select(event_feed.c.last_position).where(event_feed.c.id == FEED_ROW)).scalar() or 0

    def prune(self, created_before: datetime) -> int:
        """The sent rows up to the newest position stored before ``created_before``, stopping
        short of the oldest row still unsent (the relay needs it)."""
        with self._engine.begin() as conn:
            _, pruned = _lock_feed(conn)
            cutoff = conn.execute(sa.select(sa.func.max(outbox.c.position))
                                  .where(outbox.c.created_at < created_before)).scalar()
            unsent = conn.execute(sa.select(sa.func.min(outbox.c.position))
                                  .where(outbox.c.sent_at.is_(None), outbox.c.position.is_not(None))).scalar()
            if unsent is not None and cutoff is not None:
                cutoff = min(cutoff, unsent - 1)
            if cutoff is None or cutoff <= pruned:
                return 0
            deleted = conn.execute(outbox.delete().where(outbox.c.position <= cutoff)).rowcount
            conn.execute(event_feed.update().where(event_feed.c.id == FEED_ROW).values(pruned_through=cutoff))
            return deleted


def _conditions(flt: EventFilter) -> list[sa.ColumnElement[bool]]:
    found = []
    if flt.event_types:
        found.append(outbox.c.event_type.in_(flt.event_types))
    if flt.shop_ids:
        found.append(outbox.c.shop_id.in_(flt.shop_ids))
    if flt.owner_id is not None:
        found.append(outbox.c.shop_id.in_(sa.select(shops.c.id).where(shops.c.owner_id == flt.owner_id)))
    return found
