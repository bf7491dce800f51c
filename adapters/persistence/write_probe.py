"""Can the database take a write now? A read-only database (a failover to a replica, PostgreSQL's
``default_transaction_read_only``, a read-only SQLite file) answers reads while every change
fails, so health must try a write to tell.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from adapters.persistence.sync_tables import job_slots


def database_writable(engine: Engine) -> bool:
    """One write transaction with an UPDATE that matches no row: the database must accept a
    write, and nothing changes (SQLite takes and drops its write lock; no row is locked)."""
    try:
        with engine.begin() as conn:
            conn.execute(job_slots.update().where(sa.false()).values(job=job_slots.c.job))
        return True
    except sa.exc.SQLAlchemyError:
        return False
