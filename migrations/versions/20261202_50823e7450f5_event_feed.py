"""The change feed: each outbox row gets its place in the feed after it commits, and its shop.

``outbox.position`` is set by the feed sequencer (adapters/persistence/event_feed.py), one pass
at a time under the lock of the one ``event_feed`` row, which also holds the last position given
and how far the pruning has gone (docs/change-feed.md). Rows already stored are committed, so
they take their positions in id order here, and their shop from their payload (an order's state
change stored before it named its shop: from the order).

Revision ID: 50823e7450f5
Revises: d5a7e3c91b48
Create Date: 2026-12-02 01:00:00
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "50823e7450f5"
down_revision = "d5a9c2e7f130"
branch_labels = None
depends_on = None

POSITION = sa.BigInteger().with_variant(sa.Integer, "sqlite")
BATCH = 1000


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("position", POSITION, nullable=True))
        batch.add_column(sa.Column("shop_id", sa.String(36), nullable=True))
    feed = op.create_table(
        "event_feed",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("last_position", POSITION, nullable=False),
        sa.Column("pruned_through", POSITION, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_feed")),
    )
    last = _backfill(op.get_bind())
    op.bulk_insert(feed, [{"id": 1, "last_position": last, "pruned_through": 0}])
    op.create_index("ix_outbox_position", "outbox", ["position"], unique=True)
    op.create_index("ix_outbox_shop_id_position", "outbox", ["shop_id", "position"])
    op.create_index("ix_outbox_unsequenced", "outbox", ["id"], sqlite_where=sa.text("position IS NULL"),
                    postgresql_where=sa.text("position IS NULL"))


def _backfill(conn: sa.Connection) -> int:
    outbox = sa.table("outbox", sa.column("id"), sa.column("payload", sa.JSON), sa.column("position"),
                      sa.column("shop_id"))
    orders = sa.table("orders", sa.column("id"), sa.column("shop_id"))
    position = 0
    while True:
        rows = conn.execute(sa.select(outbox.c.id, outbox.c.payload).where(outbox.c.position.is_(None))
                            .order_by(outbox.c.id).limit(BATCH)).all()
        if not rows:
            return position
        order_ids = [p["order_id"] for _, p in rows if "shop_id" not in p and "order_id" in p]
        shop_of = dict(conn.execute(sa.select(orders.c.id, orders.c.shop_id).where(orders.c.id.in_(order_ids))).all()) \
            if order_ids else {}
        updates = []
        for row_id, payload in rows:
            position += 1
            updates.append({"row_id": row_id, "p": position,
                            "s": payload.get("shop_id") or shop_of.get(payload.get("order_id"))})
        conn.execute(outbox.update().where(outbox.c.id == sa.bindparam("row_id"))
                     .values(position=sa.bindparam("p"), shop_id=sa.bindparam("s")), updates)


def downgrade() -> None:
    op.drop_index("ix_outbox_unsequenced", table_name="outbox")
    op.drop_index("ix_outbox_shop_id_position", table_name="outbox")
    op.drop_index("ix_outbox_position", table_name="outbox")
    op.drop_table("event_feed")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("shop_id")
        batch.drop_column("position")
