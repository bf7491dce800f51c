"""One row by key, for the reads the gRPC server answers on its event loop (GetShop, GetOrder),
and the rows of a fixed query (the shops and tags of a page of orders).

SQLAlchemy's ``Connection.execute`` costs as much again as the query itself for such a read, so
:class:`RowByKey` compiles its SELECT once and runs it on the DBAPI cursor of a pooled
connection. What stays SQLAlchemy's: the pool (with its checkout events), the engine's isolation
level (set for the query, reset after), the columns' result processors and, when the driver
raises, its exception classes (the connection is invalidated). Inside ``greenlet_spawn`` on an
event loop, the query runs on that loop's own connections (:mod:`adapters.persistence.loop_reads`).
"""
from __future__ import annotations

from collections import namedtuple
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.util.concurrency import in_greenlet

from adapters.persistence.loop_reads import loop_reads_for


class RowByKey:
    """``query``: a SELECT whose bind parameters need no conversion (strings, numbers)."""

    def __init__(self, engine: Engine, query: sa.Select) -> None:
        dialect = self._dialect = engine.dialect
        self._engine, compiled = engine, query.compile(dialect=dialect)
        self._sql, self._compiled = str(compiled), compiled
        self._isolation = engine.get_execution_options().get("isolation_level")
        self._loop_reads = loop_reads_for(engine)
        columns = list(query.selected_columns)
        self._row = namedtuple("Row", [c.key for c in columns])
        self._processors = [c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns]

    def first(self, **values: Any) -> Any | None:
        """The first row (attributes named like the columns), or ``None``."""
        found = self._rows(values)
        return self._make(found[0]) if found else None

    def all(self, **values: Any) -> list[Any]:
        """Every row, as :meth:`first` gives one."""
        return [self._make(row) for row in self._rows(values)]

    def _make(self, row: tuple) -> Any:
        return self._row._make([v if p is None else p(v) for p, v in zip(self._processors, row)])

    def _rows(self, values: dict[str, Any]) -> list[tuple]:
        params = self._compiled.construct_params(values)
        if self._compiled.positiontup is not None:
            params = tuple(params[name] for name in self._compiled.positiontup)
        try:
            if self._loop_reads is not None and in_greenlet():
                return self._loop_reads.fetch_all(self._sql, params)
            return self._fetch(params)
        except self._dialect.loaded_dbapi.Error as err:
            raise sa.exc.DBAPIError.instance(self._sql, params, err, self._dialect.loaded_dbapi.Error,
                                             dialect=self._dialect) from err

    def _fetch(self, params: Any) -> list[tuple]:
        connection = self._engine.raw_connection()
        dbapi_connection = connection.dbapi_connection
        try:
            if self._isolation:
                self._dialect.set_isolation_level(dbapi_connection, self._isolation)
            cursor = dbapi_connection.cursor()
            cursor.execute(self._sql, params)
            return cursor.fetchall()  # NOTE: to the end: a half-read SQLite statement holds its snapshot
        except self._dialect.loaded_dbapi.Error:
            connection.invalidate()
            raise
        finally:
            if self._isolation and connection.is_valid:  # NOTE: the pool's other users expect transactions
                self._dialect.reset_isolation_level(dbapi_connection)
            connection.close()
