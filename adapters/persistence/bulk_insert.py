"""Many rows into one table in one executemany, without SQLAlchemy's per-row bookkeeping.

``connection.execute(table.insert(), rows)`` re-derives each row's parameters through several
layers; a history sync spent a quarter of its time there. ``BulkInsert`` compiles the INSERT of
all the table's columns once per dialect, runs each value through its column type's bind
processor (the same conversion ``execute`` applies: enums, UTC datetimes, JSON text) and hands
the rows to the driver's ``executemany``.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True, slots=True)
class _Plan:
    sql: str
    keys: tuple[str, ...]  # column keys, in the order the driver wants positional parameters
    processors: tuple[Processor, ...]
    positional: bool


class BulkInsert:
    """``BulkInsert(table).execute(connection, rows)``: every row must give every column."""

    def __init__(self, table: sa.Table) -> None:
        self._table = table
        self._plans: dict[str, _Plan] = {}

    def execute(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        plan = self._plan(connection.dialect)
        pairs = tuple(zip(plan.keys, plan.processors))
        converted = [tuple(value if fn is None or value is None else fn(value)
                           for value, fn in ((row[key], fn) for key, fn in pairs)) for row in rows]
        params = converted if plan.positional else [dict(zip(plan.keys, values)) for values in converted]
        connection.exec_driver_sql(plan.sql, params)

    def _plan(self, dialect: Dialect) -> _Plan:
        plan = self._plans.get(dialect.name)
        if plan is None:
            plan = self._plans[dialect.name] = _compile(self._table, dialect)
        return plan


def _compile(table: sa.Table, dialect: Dialect) -> _Plan:
    columns = list(table.columns)
    compiled = table.insert().compile(dialect=dialect, column_keys=[c.key for c in columns])
    by_key = {c.key: c for c in columns}
    keys = tuple(compiled.positiontup) if compiled.positional else tuple(by_key)
    processors = tuple(by_key[k].type.dialect_impl(dialect).bind_processor(dialect) for k in keys)
    return _Plan(compiled.string, keys, processors, compiled.positional)
