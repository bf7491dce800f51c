"""Which database errors become domain errors, and which the gRPC edge sees as they are."""
from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError

from adapters.persistence.errors import DatabaseErrors
from domain.errors import ConcurrencyConflict


class DriverError(Exception):
    def __init__(self, sqlstate: str) -> None:
        super().__init__(f"driver error {sqlstate}")
        self.sqlstate = sqlstate


def raised_through(db, sqlstate: str) -> Exception:
    with db.session_factory() as session:
        errors = DatabaseErrors(session, db.session_factory)
        with pytest.raises(Exception) as caught, errors.translated():
            raise OperationalError("UPDATE shops ...", {}, DriverError(sqlstate))
    return caught.value


@pytest.mark.parametrize("sqlstate", ["40001", "40P01"], ids=["serialization-failure", "deadlock"])
def test_a_serialization_failure_or_deadlock_is_a_retryable_conflict(db, sqlstate):
    assert isinstance(raised_through(db, sqlstate), ConcurrencyConflict)


def test_a_lost_connection_is_left_for_the_edge_to_report_as_unavailable(db):
    assert isinstance(raised_through(db, "08006"), OperationalError)
