"""CheckTokenExpiry: the scheduled job that marks shops EXPIRED once a token passed expiry."""
from __future__ import annotations

import logging

from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWorkFactory

log = logging.getLogger("erp.shops")


class CheckTokenExpiry:
    """- Runs often (every minute by default); each shop is changed in its own transaction.
    - Idempotent: a shop already EXPIRED is left alone, so two runs change nothing twice.
    """

    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def execute(self) -> list[str]:
        now = self._clock.now()
        with self._uow() as uow:
            due = uow.shops.ids_expiring_before(now)
        expired = []
        for shop_id in due:
            with self._uow() as uow:
                shop = uow.shops.get_for_update(shop_id)
                if shop is not None and shop.check_expiry(now):
                    uow.commit()
                    expired.append(shop_id)
                    log.info("shop %s: a required token expired; the shop needs re-authorization", shop_id)
        return expired
