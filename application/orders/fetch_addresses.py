"""FetchAddresses: read each to-ship order's address once, when it becomes shippable."""
from __future__ import annotations

import uuid
from datetime import timedelta
from enum import Enum

from application.ports.clock import Clock
from application.ports.temu import OrderSource, TemuAccess
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.errors import ConcurrencyConflict, PreconditionFailed
from domain.platform_order import Address

BATCH = 50
LEASE = timedelta(seconds=60)


class Fetched(str, Enum):
    DONE = "DONE"  # no order of the shop waits for its address (or the shop cannot be read)
    MORE = "MORE"  # send the job again: a full batch was fetched, or another job asked meanwhile
    BUSY = "BUSY"  # another job fetches this shop's addresses, and will go on once more for this one


class FetchAddresses:
    """- Only orders Temu shows as to-ship, and only once (Temu masks the phone otherwise); once
      more only when Temu changed the order after its address was fetched.
    - One job per shop at a time, whatever the number of jobs, threads and processes: a job
      takes the shop's address lease before reading its batch and renews it with each address
      it stores, so two jobs never fetch the same batch.
    - A job finding the lease taken ends at once (BUSY), after asking the holder to go on once
      more: the holder may have read its batch before the orders this job was sent for arrived.
    - A batch at a time (``MORE``), so shops take turns.
    """

    def __init__(self, uow: UnitOfWorkFactory, source: OrderSource, clock: Clock, lease: timedelta = LEASE) -> None:
        self._uow, self._source, self._clock, self._lease = uow, source, clock, lease

    def execute(self, shop_id: str) -> Fetched:
        owner = uuid.uuid4().hex
        batch = self._claim_batch(shop_id, owner)
        if isinstance(batch, Fetched):
            return batch
        access, pending = batch
        try:
            for sn in pending:
                # NOTE: no address from Temu is recorded as an empty one, so the order is not asked for again.
                if not self._record(shop_id, owner, sn, self._source.get_address(access, sn) or Address()):
                    return Fetched.BUSY  # our lease ran out and another job took the shop over
        except BaseException:
            self._release(shop_id, owner)
            raise
        wanted = self._release(shop_id, owner)
        return Fetched.MORE if wanted or len(pending) == BATCH else Fetched.DONE

    def _claim_batch(self, shop_id: str, owner: str) -> tuple[TemuAccess, list[str]] | Fetched:
        with self._uow() as uow:
            shop = uow.shops.get(shop_id)
            if shop is None:
                return Fetched.DONE
            try:
                cred = shop.order_credential(self._clock.now())
            except PreconditionFailed:
                return Fetched.DONE
            now = uow.db_now()
            if not uow.sync_states.claim_addresses(shop_id, owner, now, now + self._lease):
                synced = uow.sync_states.get(shop_id) is not None
                uow.commit()  # the holder was asked to go on once more
                return Fetched.BUSY if synced else Fetched.DONE
            access = TemuAccess(shop.id, shop.region, shop.kind, uow.vault.get(shop.id, cred.kind))
            pending = [o.parent_order_sn for o in uow.orders.needing_address(shop_id, BATCH)]
            uow.commit()
        return access, pending

    def _record(self, shop_id: str, owner: str, sn: str, address: Address) -> bool:
        """Store one address and renew the lease with it; False when the lease was lost."""
        try:
            with self._uow() as uow:
                now = uow.db_now()
                if not uow.sync_states.claim_addresses(shop_id, owner, now, now + self._lease):
                    return False
                order = uow.orders.get_by_sn(shop_id, sn)
                if order is not None and order.needs_address():
                    order.record_address(address, self._clock.now())
                uow.commit()
        except ConcurrencyConflict:
            pass  # a sync changed the order meanwhile: it still needs its address, next batch
        return True

    def _release(self, shop_id: str, owner: str) -> bool:
        with self._uow() as uow:
            wanted = uow.sync_states.release_addresses(shop_id, owner)
            uow.commit()
        return wanted
