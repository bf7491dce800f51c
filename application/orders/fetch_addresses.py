"""FetchAddresses: a shop's background lane. Each to-ship order's address, read once when it
becomes shippable, and each sold order's amounts, read once (DESK-3), in the same batches."""
from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum

from application.ports.clock import Clock
from application.ports.temu import OrderSource, TemuAccess
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.errors import ConcurrencyConflict, PreconditionFailed
from domain.order import Order
from domain.order_amounts import AMOUNT_SCOPE, OrderAmounts, grants_amounts
from domain.platform_order import Address

BATCH = 50  # Temu calls per batch, addresses and amounts together
STORE_EVERY = 10  # amounts stored per transaction
LEASE = timedelta(seconds=60)
SCOPE_MISSING = "TOKEN_SCOPE_MISSING"

log = logging.getLogger("erp.sync")


class Fetched(str, Enum):
    DONE = "DONE"  # no order of the shop waits for its address or amounts (or the shop cannot be read)
    MORE = "MORE"  # send the job again: a full batch was fetched, or another job asked meanwhile
    BUSY = "BUSY"  # another job works on this shop, and will go on once more for this one


@dataclass(frozen=True, slots=True)
class _Batch:
    access: TemuAccess
    addresses: list[str]
    amounts: list[str]

    @property
    def full(self) -> bool:
        return len(self.addresses) + len(self.amounts) >= BATCH


class FetchAddresses:
    """- Addresses: only orders Temu shows as to-ship, and only once (Temu masks the phone
      otherwise); once more only when Temu changed the order after its address was fetched.
    - Amounts (``bg.order.amount.query``): orders to ship or shipped, once each; once more only
      when Temu changed the order since. Only while the shop's order token is granted the
      interface: without it no call is made (the order shows why its amounts are missing); a
      token Temu refuses it to (3000032) loses the scope in the shop's token matrix.
    - Addresses go first: a batch takes the orders waiting for an address, then fills the rest
      of its BATCH calls with orders waiting for amounts. An address waits at most one batch of
      amounts; a history of thousands of orders to price never holds the packing up.
    - One job per shop at a time, whatever the number of jobs, threads and processes: a job
      takes the shop's lease before reading its batch and renews it with each result it stores,
      so two jobs never fetch the same batch.
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
        try:
            if not self._fetch(shop_id, owner, batch):
                return Fetched.BUSY  # our lease ran out and another job took the shop over
        except BaseException:
            self._release(shop_id, owner)
            raise
        wanted = self._release(shop_id, owner)
        return Fetched.MORE if wanted or batch.full else Fetched.DONE

    def _fetch(self, shop_id: str, owner: str, batch: _Batch) -> bool:
        """False when the lease was lost."""
        for sn in batch.addresses:
            # NOTE: no address from Temu is recorded as an empty one, so the order is not asked for again.
            address = self._source.get_address(batch.access, sn) or Address()
            if not self._record(shop_id, owner, sn, _store_address(address, self._clock)):
                return False
        fetched: dict[str, Callable[[Order], None]] = {}
        for sn in batch.amounts:
            try:
                amounts = self._source.get_amounts(batch.access, sn) or OrderAmounts()
            except PreconditionFailed as err:
                if err.reason != SCOPE_MISSING:
                    self._record_many(shop_id, owner, fetched)
                    raise
                self._scope_refused(shop_id)
                break
            except BaseException:
                self._record_many(shop_id, owner, fetched)  # what was asked is not asked again
                raise
            fetched[sn] = _store_amounts(amounts, self._clock)
            if len(fetched) == STORE_EVERY:
                if not self._record_many(shop_id, owner, fetched):
                    return False
                fetched = {}
        return self._record_many(shop_id, owner, fetched)

    def _claim_batch(self, shop_id: str, owner: str) -> _Batch | Fetched:
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
            addresses = [o.parent_order_sn for o in uow.orders.needing_address(shop_id, BATCH)]
            room = BATCH - len(addresses)
            amounts = [o.parent_order_sn for o in uow.orders.needing_amounts(shop_id, room)] \
                if room and grants_amounts(cred.scopes) else []
            uow.commit()
        return _Batch(access, addresses, amounts)

    def _record(self, shop_id: str, owner: str, sn: str, store: Callable[[Order], None]) -> bool:
        """Store one result and renew the lease with it; False when the lease was lost."""
        try:
            with self._uow() as uow:
                now = uow.db_now()
                if not uow.sync_states.claim_addresses(shop_id, owner, now, now + self._lease):
                    return False
                order = uow.orders.get_by_sn(shop_id, sn)
                if order is not None:
                    store(order)
                uow.commit()
        except ConcurrencyConflict:
            pass  # a sync changed the order meanwhile: it still needs the result, next batch
        return True

    def _record_many(self, shop_id: str, owner: str, stores: dict[str, Callable[[Order], None]]) -> bool:
        """Store several results in one transaction (amounts are many; the orders rarely change
        meanwhile); if one did, each is stored on its own so that only that one is asked again."""
        if not stores:
            return True
        try:
            with self._uow() as uow:
                now = uow.db_now()
                if not uow.sync_states.claim_addresses(shop_id, owner, now, now + self._lease):
                    return False
                for sn, order in uow.orders.get_many_by_sn(shop_id, list(stores)).items():
                    stores[sn](order)
                uow.commit()
            return True
        except ConcurrencyConflict:
            return all(self._record(shop_id, owner, sn, store) for sn, store in stores.items())

    def _scope_refused(self, shop_id: str) -> None:
        with self._uow() as uow:
            shop = uow.shops.get(shop_id)
            if shop is not None:
                shop.record_scope_refused(shop.kind.order_token_kind, AMOUNT_SCOPE, self._clock.now())
            uow.commit()
        log.warning("Temu refused %s to shop %s: its amounts wait until the seller grants it", AMOUNT_SCOPE, shop_id)

    def _release(self, shop_id: str, owner: str) -> bool:
        with self._uow() as uow:
            wanted = uow.sync_states.release_addresses(shop_id, owner)
            uow.commit()
        return wanted


def _store_address(address: Address, clock: Clock) -> Callable[[Order], None]:
    def store(order: Order) -> None:
        if order.needs_address():
            order.record_address(address, clock.now())
    return store


def _store_amounts(amounts: OrderAmounts, clock: Clock) -> Callable[[Order], None]:
    def store(order: Order) -> None:
        if order.needs_amounts():
            order.record_amounts(amounts, clock.now())
    return store
