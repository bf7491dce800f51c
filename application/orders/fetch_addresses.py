"""FetchAddresses: read each to-ship order's address once, when it becomes shippable."""
from __future__ import annotations

from application.ports.clock import Clock
from application.ports.temu import OrderSource, TemuAccess
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.errors import ConcurrencyConflict, PreconditionFailed
from domain.platform_order import Address

BATCH = 50


class FetchAddresses:
    """- Only orders Temu shows as to-ship, and only once (Temu masks the phone otherwise).
    - A batch at a time; returns True when more orders wait, so the caller sends itself again.
    """

    def __init__(self, uow: UnitOfWorkFactory, source: OrderSource, clock: Clock) -> None:
        self._uow, self._source, self._clock = uow, source, clock

    def execute(self, shop_id: str) -> bool:
        with self._uow() as uow:
            shop = uow.shops.get(shop_id)
            if shop is None:
                return False
            try:
                cred = shop.order_credential(self._clock.now())
            except PreconditionFailed:
                return False
            access = TemuAccess(shop.id, shop.region, shop.kind, uow.vault.get(shop.id, cred.kind))
            pending = [o.parent_order_sn for o in uow.orders.needing_address(shop_id, BATCH)]
        for sn in pending:
            # NOTE: no address from Temu is recorded as an empty one, so the order is not asked for again.
            address = self._source.get_address(access, sn) or Address()
            try:
                with self._uow() as uow:
                    order = uow.orders.get_by_sn(shop_id, sn)
                    if order is not None and order.needs_address():
                        order.record_address(address, self._clock.now())
                        uow.commit()
            except ConcurrencyConflict:
                continue  # a sync changed the order meanwhile: it still needs its address, next batch
        return len(pending) == BATCH
