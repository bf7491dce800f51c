"""Which orders a caller may work on: the rules of GetOrder and ListOrders (administrators
every order, shop owners those of their shops; the others look absent)."""
from __future__ import annotations

from application.orders.queries import order_not_found
from application.ports.desk import OrderOwner
from application.ports.unit_of_work import UnitOfWork
from domain.principal import Principal


def visible_orders(uow: UnitOfWork, principal: Principal, order_ids: list[str]) -> dict[str, OrderOwner]:
    """The orders among ``order_ids`` that exist and that ``principal`` may see."""
    return {i: o for i, o in uow.desk.owners(order_ids).items() if principal.can_see_shop(o.owner_id)}


def visible_order(uow: UnitOfWork, principal: Principal, order_id: str) -> OrderOwner:
    """The order, or NOT_FOUND (ORDER_NOT_FOUND) when it does not exist or is not the caller's."""
    found = visible_orders(uow, principal, [order_id]).get(order_id)
    if found is None:
        raise order_not_found(order_id)
    return found
