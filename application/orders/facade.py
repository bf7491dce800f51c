"""OrderUseCases: the order use cases as one object for the gRPC servicer."""
from __future__ import annotations

from datetime import datetime
from typing import Callable

from application.orders.queries import ListOrdersQuery, OrderQueries
from application.orders.start_sync import StartSync
from application.orders.views import OrderDetail, SyncRunView, run_view
from application.ports.readers import Page
from domain.principal import Principal


class OrderUseCases:
    """``dispatch(run_id)`` sends a new run to the workers at once (after its commit); the
    scheduler's sweep would send it anyway within a tick, so a lost send loses nothing."""

    def __init__(self, queries: OrderQueries, start: StartSync, dispatch: Callable[[str], None]) -> None:
        self._queries, self._start, self._dispatch = queries, start, dispatch

    def list_orders(self, query: ListOrdersQuery) -> Page:
        return self._queries.list(query)

    def get_order(self, principal: Principal, order_id: str) -> OrderDetail:
        return self._queries.get(principal, order_id)

    def sync_now(self, principal: Principal, shop_id: str, request_id: str | None = None) -> SyncRunView:
        run = self._start.sync_now(principal, shop_id, request_id)
        self._dispatch(run.id)
        return run_view(run)

    def replay(self, principal: Principal, shop_id: str, start: datetime, end: datetime,
               request_id: str | None = None) -> SyncRunView:
        run = self._start.replay(principal, shop_id, start, end, request_id)
        self._dispatch(run.id)
        return run_view(run)

    def get_operation(self, principal: Principal, operation_id: str) -> SyncRunView:
        return self._queries.get_operation(principal, operation_id)
