"""OrderUseCases: the order use cases as one object for the gRPC servicer."""
from __future__ import annotations

from datetime import datetime

from application.orders.queries import ListOperationsQuery, ListOrdersQuery, OrderQueries
from application.orders.start_sync import StartSync
from application.orders.views import OrderCounts, OrderDetail, SyncRunView, run_view
from application.ports.readers import Page
from domain.principal import Principal


class OrderUseCases:
    def __init__(self, queries: OrderQueries, start: StartSync) -> None:
        self._queries, self._start = queries, start

    def list_orders(self, query: ListOrdersQuery) -> Page:
        return self._queries.list(query)

    def count_orders(self, query: ListOrdersQuery) -> OrderCounts:
        return self._queries.count(query)

    def get_order(self, principal: Principal, order_id: str) -> OrderDetail:
        return self._queries.get(principal, order_id)

    def sync_now(self, principal: Principal, shop_id: str, request_id: str | None = None) -> SyncRunView:
        return run_view(self._start.sync_now(principal, shop_id, request_id))

    def replay(self, principal: Principal, shop_id: str, start: datetime, end: datetime,
               request_id: str | None = None) -> SyncRunView:
        return run_view(self._start.replay(principal, shop_id, start, end, request_id))

    def get_operation(self, principal: Principal, operation_id: str) -> SyncRunView:
        return self._queries.get_operation(principal, operation_id)

    def list_operations(self, query: ListOperationsQuery) -> Page:
        return self._queries.list_operations(query)
