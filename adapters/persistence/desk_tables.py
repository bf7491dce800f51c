"""The order desk's tables: the merchant's tags, which orders carry them, notes, the activity log.

Same ``MetaData`` as ``tables.py``. No foreign key to ``orders`` (as ``order_skus``): the
activity log is written in the sync's bulk inserts, and a check per row would lock the order.
"""
from __future__ import annotations

import sqlalchemy as sa

from adapters.persistence.tables import ID, PRINCIPAL_ID, metadata
from adapters.persistence.types import UTCDateTime

tags = sa.Table(
    "tags", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("name", sa.String(64), nullable=False),
    sa.Column("name_key", sa.String(256), nullable=False, unique=True),  # casefolded: one "Urgent"
    sa.Column("color", sa.String(7), nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

order_tags = sa.Table(
    "order_tags", metadata,
    sa.Column("order_id", ID, primary_key=True),
    sa.Column("tag_id", ID, sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
)

order_notes = sa.Table(
    "order_notes", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("order_id", ID, nullable=False),
    sa.Column("author_id", PRINCIPAL_ID, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Index(None, "order_id", "created_at", "id"),
)

# Every change, by an API caller or by the system (syncs), written in the transaction of the
# change. Its own table, apart from the outbox: the outbox carries events for machines, this
# carries who, before and after for people. ``changes`` is compact JSON text:
# ``[[field, before, after], ...]``. Listed newest first by ``id``, a UUID v7 (time-ordered: the
# order entries were recorded in), per order, per shop and per actor: one index each, and the
# primary key for the whole log. Fewer and narrower indexes keep the sync's inserts cheap.
activity = sa.Table(
    "activity", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("actor_id", PRINCIPAL_ID, nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("subject", sa.String(128), nullable=False),
    sa.Column("shop_id", ID, nullable=True),
    sa.Column("order_id", ID, nullable=True),
    sa.Column("changes", sa.Text, nullable=False),
    sa.Index(None, "order_id", "id"),
    sa.Index(None, "shop_id", "id"),
    sa.Index(None, "actor_id", "id"),
)
