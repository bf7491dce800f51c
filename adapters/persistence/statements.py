"""Core statements inside a unit of work's session."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.errors import DatabaseErrors


def execute(session: Session, errors: DatabaseErrors, stmt: sa.Executable) -> sa.Result:
    """Run ``stmt`` in the session's transaction, after flushing pending objects.

    NOTE: the session does not autoflush before Core statements; without the flush, a row
    inserted here could reference (or a query miss) an aggregate added moments ago.
    """
    with errors.translated():
        session.flush()
        return session.execute(stmt)
