"""INSERT … ON CONFLICT for the two dialects we run on (both spell it the same way)."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session


def insert_for(bind: Session | Connection, table: sa.Table):
    """An INSERT of the session's (or connection's) dialect that supports ``on_conflict_do_*``."""
    dialect = (bind.dialect if isinstance(bind, Connection) else bind.get_bind().dialect).name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


def upsert(session: Session, table: sa.Table, values: dict, keys: list[str]) -> None:
    stmt = insert_for(session, table).values(**values)
    changes = {k: v for k, v in values.items() if k not in keys}
    session.execute(stmt.on_conflict_do_update(index_elements=keys, set_=changes))
