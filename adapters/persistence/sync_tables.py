"""Bookkeeping of the order sync: per-shop state and lease, one row per run, problems, job slots.

Same ``MetaData`` as ``tables.py``. Window bounds and the cursor are whole Unix seconds, as Temu
and ``domain.sync`` count them.
"""
from __future__ import annotations

import sqlalchemy as sa

from adapters.persistence.tables import ID, metadata
from adapters.persistence.types import StringsJson, UTCDateTime, enum_column_type
from domain.sync import RunStatus, SyncKind

LEASE_OWNER = sa.String(64)

shop_sync_state = sa.Table(
    "shop_sync_state", metadata,
    sa.Column("shop_id", ID, sa.ForeignKey("shops.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("watermark", UTCDateTime, nullable=True, index=True),  # Temu update time synced up to
    sa.Column("history_from", UTCDateTime, nullable=True),  # orders created earlier are not ours
    # The lease: who syncs this shop now. Release clears only the owner, so lease_run_id and
    # lease_until keep saying which run was last alive, and until when.
    sa.Column("lease_run_id", ID, nullable=True),
    sa.Column("lease_owner", LEASE_OWNER, nullable=True),
    sa.Column("lease_until", UTCDateTime, nullable=True),
    # The address lease: who fetches this shop's addresses now (``FetchAddresses``), and whether
    # another job asked meanwhile (the holder then goes on once more).
    sa.Column("address_lease_owner", LEASE_OWNER, nullable=True),
    sa.Column("address_lease_until", UTCDateTime, nullable=True),
    sa.Column("address_wanted", sa.Boolean, nullable=False, server_default=sa.false()),
)

sync_runs = sa.Table(
    "sync_runs", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("shop_id", ID, sa.ForeignKey("shops.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", enum_column_type(SyncKind), nullable=False),
    sa.Column("slot_start", UTCDateTime, nullable=False),
    sa.Column("window_start", sa.BigInteger, nullable=False),
    sa.Column("window_end", sa.BigInteger, nullable=False),
    sa.Column("cursor_end", sa.BigInteger, nullable=False),
    sa.Column("cursor_page", sa.Integer, nullable=False),
    sa.Column("cursor_total", sa.Integer, nullable=False),
    sa.Column("status", enum_column_type(RunStatus), nullable=False),
    *(sa.Column(name, sa.Integer, nullable=False)
      for name in ("pages_done", "pages_estimate", "orders_seen", "created", "updated", "skipped")),
    sa.Column("errors", StringsJson, nullable=False),
    sa.Column("last_error_at", UTCDateTime, nullable=True),
    sa.Column("retries", sa.Integer, nullable=False, server_default="0"),
    sa.Column("next_attempt_at", UTCDateTime, nullable=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("started_at", UTCDateTime, nullable=True),
    sa.Column("finished_at", UTCDateTime, nullable=True),
    sa.Column("dispatched_at", UTCDateTime, nullable=True),  # adapter-only: last asked for again by the scheduler
    sa.Column("version", sa.Integer, nullable=False),
    sa.UniqueConstraint("shop_id", "kind", "slot_start"),  # two schedulers cannot double-fire
    sa.Index(None, "shop_id", "status"),  # the unfinished runs of a shop
    sa.Index(None, "status", "dispatched_at"),  # the stalled runs to ask for again
)

sync_problems = sa.Table(
    "sync_problems", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", ID, sa.ForeignKey("sync_runs.id", ondelete="CASCADE"), nullable=False, index=True),
    sa.Column("parent_order_sn", sa.String(64), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
)

# One row per (periodic job, time slot): the first scheduler to insert it runs the job.
job_slots = sa.Table(
    "job_slots", metadata,
    sa.Column("job", sa.String(64), primary_key=True),
    sa.Column("slot_start", UTCDateTime, primary_key=True),
)
