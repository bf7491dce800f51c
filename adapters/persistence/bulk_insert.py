"""Many rows into one table at once, without SQLAlchemy's per-row bookkeeping (which rows go
this way: ``mappers.py``).

``BulkInsert`` runs each value through its column type's bind processor (the same conversion
``execute`` applies: enums, UTC datetimes, JSON text), column by column, and hands the rows over
the way each driver takes them fastest:

- SQLite: one prepared INSERT and ``executemany`` (stepping a prepared statement is cheap).
- PostgreSQL: ``COPY … FROM STDIN`` in the same transaction (psycopg's ``executemany`` spends
  far more Python per row; bench/README.md has the measure).

Failures surface as from ``execute``: a unique clash is an ``IntegrityError`` naming its
constraint, so the unit of work translates it as usual.
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
    keys: tuple[str, ...]  # column keys, in the order of the statement's parameters
    processors: tuple[Processor, ...]
    sql: str  # SQLite: the one-row INSERT; PostgreSQL: the COPY
    copy: bool


class BulkInsert:
    """``BulkInsert(table).execute(connection, rows)``: every row must give every column, or every
    one of ``columns`` when given (the others take their defaults: an autoincrement id is
    numbered in the order of the rows)."""

    def __init__(self, table: sa.Table, columns: Sequence[str] | None = None) -> None:
        self._table, self._columns = table, columns
        self._plans: dict[str, _Plan] = {}

    def execute(self, connection: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        plan = self._plan(connection.dialect)
        columns = [_column(rows, key, fn) for key, fn in zip(plan.keys, plan.processors)]
        converted = list(zip(*columns))  # column by column, then back to rows: fewer Python calls
        if plan.copy:
            _copy(connection, plan.sql, converted)
        else:
            connection.exec_driver_sql(plan.sql, converted)

    def _plan(self, dialect: Dialect) -> _Plan:
        plan = self._plans.get(dialect.name)
        if plan is None:
            plan = self._plans[dialect.name] = _compile(self._table, dialect, self._columns)
        return plan


def _copy(connection: Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """COPY in the connection's transaction; a failure is raised as ``execute`` would raise it."""
    driver = connection.connection.driver_connection
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    except connection.dialect.loaded_dbapi.Error as exc:
        raise sa.exc.DBAPIError.instance(sql, None, exc, connection.dialect.loaded_dbapi.Error) from exc


def _column(rows: Sequence[Mapping[str, Any]], key: str, fn: Processor) -> list[Any]:
    values = [row[key] for row in rows]
    return values if fn is None else [None if v is None else fn(v) for v in values]


def _compile(table: sa.Table, dialect: Dialect, keys: Sequence[str] | None) -> _Plan:
    columns = list(table.columns) if keys is None else [table.c[k] for k in keys]
    by_key = {c.key: c for c in columns}
    if dialect.name == "postgresql":
        quote = dialect.identifier_preparer
        keys = tuple(by_key)
        names = ", ".join(quote.format_column(c) for c in columns)
        sql, copy = f"COPY {quote.format_table(table)} ({names}) FROM STDIN", True
    else:
        compiled = table.insert().compile(dialect=dialect, column_keys=list(by_key))
        if not compiled.positional:
            raise ValueError(f"BulkInsert supports SQLite and PostgreSQL, not {dialect.name}")
        keys, sql, copy = tuple(compiled.positiontup), compiled.string, False
    processors = tuple(by_key[k].type.dialect_impl(dialect).bind_processor(dialect) for k in keys)
    return _Plan(keys, processors, sql, copy)
