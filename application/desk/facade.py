"""DeskUseCases: the order desk's use cases as one object for the gRPC servicer."""
from __future__ import annotations

from dataclasses import dataclass

from application.desk.activity import ListActivity
from application.desk.export import ExportOrders
from application.desk.notes import OrderNotes
from application.desk.tagging import TagOrders
from application.desk.tags import TagList
from application.orders.queries import OrderQueries
from application.ports.clock import Clock
from application.ports.desk import DeskReader
from application.ports.readers import OrderReader, ShopReader
from application.ports.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True, slots=True)
class DeskUseCases:
    tags: TagList
    notes: OrderNotes
    tagging: TagOrders
    activity: ListActivity
    export: ExportOrders

    @classmethod
    def over(cls, uow: UnitOfWorkFactory, desk: DeskReader, orders: OrderReader, shops: ShopReader,
             queries: OrderQueries, clock: Clock) -> DeskUseCases:
        return cls(TagList(uow, desk, clock), OrderNotes(uow, desk, clock), TagOrders(uow, clock),
                   ListActivity(uow, desk, shops, clock), ExportOrders(queries, orders, desk))
