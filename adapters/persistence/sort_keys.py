"""``ShipByKey``: an order's ship-by time as a sort key without NULLs, for ListOrders by
ship_by_time. Orders without one sort after every deadline. A keyset page compares
``(key, id)`` tuples, which a NULL would make unknown, so the key is never NULL.

The index ``ix_orders_ship_by_key_id`` is on this same expression: each database uses an index
on an expression only for a query that spells it the same way, hence one construct for both.
The far-future value is spelled as each database keeps times: SQLite compares them as text.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement

from adapters.persistence.types import UTCDateTime

_FAR = {"sqlite": "'9999-01-01 00:00:00.000000'", "postgresql": "'9999-01-01 00:00:00+00'::timestamptz"}


class ShipByKey(ColumnElement):
    inherit_cache = True
    type = UTCDateTime()

    def __init__(self, ship_by: sa.ColumnElement) -> None:
        self.ship_by = ship_by

    _traverse_internals = [("ship_by", sa.sql.visitors.InternalTraversal.dp_clauseelement)]


@compiles(ShipByKey)
def _coalesce(element: ShipByKey, compiler: Any, **kw: Any) -> str:
    far = _FAR.get(compiler.dialect.name)
    if far is None:
        raise NotImplementedError(f"ShipByKey supports SQLite and PostgreSQL, not {compiler.dialect.name}")
    return f"COALESCE({compiler.process(element.ship_by, **kw)}, {far})"
