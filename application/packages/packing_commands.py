"""The user's packing commands (设置发货仓库和物流, 拆单, 合单, 撤销, 审核): each loads the orders
and their packages, lets ``domain.packing`` check its rules and change them, and commits. The
batch ones (assign, audit) answer per order (``batch.py``).
"""
from __future__ import annotations

from dataclasses import dataclass

from application.idempotency import RequestIds, request_hash
from application.packages.batch import ATTEMPTS, ItemResult, busy, check_batch, run_batch
from application.packages.loading import load_packing, store
from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from domain.errors import ConcurrencyConflict, FieldViolation, NotFound, PreconditionFailed, ValidationFailed
from domain.packing import Packing, Part
from domain.principal import Principal


@dataclass(frozen=True, slots=True)
class Caller:
    principal: Principal
    request_id: str | None = None


class PackingCommands:
    def __init__(self, uow: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow, self._clock = uow, clock

    def assign(self, caller: Caller, order_ids: tuple[str, ...], warehouse_id: str, channel_id: str) -> list[ItemResult]:
        """The warehouse and channel are checked once for the call (NOT_FOUND naming the field),
        then each order gets one package holding all its lines, or the new route on its packages."""
        check_batch(order_ids, "orders")
        with self._uow() as uow:
            owner = _check_route(uow, caller.principal, warehouse_id, channel_id)

        def item(uow: UnitOfWork, packing: Packing, order_id: str) -> str:
            order = packing.orders[order_id]
            shop = uow.shops.get(order.shop_id)
            if shop is not None and shop.owner_id != owner:
                raise PreconditionFailed(f"Warehouse {warehouse_id} belongs to another owner than the shop of order "
                                         f"{order.parent_order_sn} ({order_id}).",
                                         reason="WAREHOUSE_OF_ANOTHER_OWNER", subject=f"orders/{order_id}")
            packing.assign(order_id, warehouse_id, channel_id)
            return ""

        ids = RequestIds("AssignFulfillment", caller.principal.id, caller.request_id,
                         request_hash(order_ids, warehouse_id, channel_id))
        return run_batch(self._uow, ids, caller.principal, self._clock.now(), order_ids, item)

    def audit(self, caller: Caller, order_ids: tuple[str, ...]) -> list[ItemResult]:
        skus = SellerSkus()

        def item(uow: UnitOfWork, packing: Packing, order_id: str) -> str:
            return packing.audit(order_id, skus.of(uow, packing, order_id))

        ids = RequestIds("AuditOrders", caller.principal.id, caller.request_id, request_hash(order_ids))
        return run_batch(self._uow, ids, caller.principal, self._clock.now(), order_ids, item)

    def split(self, caller: Caller, order_id: str, parts: list[Part]) -> tuple[str, ...]:
        return self._one("SplitOrder", caller, [order_id], (order_id, parts), lambda p: p.split(order_id, parts))

    def merge(self, caller: Caller, order_ids: tuple[str, ...]) -> tuple[str, ...]:
        if len(order_ids) > 100:
            raise ValidationFailed("Merge at most 100 orders into one package.",
                                   [FieldViolation("order_ids", "at most 100 orders")])
        return self._one("MergeOrders", caller, list(order_ids), order_ids, lambda p: p.merge(list(order_ids)))

    def undo(self, caller: Caller, order_id: str) -> tuple[str, ...]:
        return self._one("UndoSplitOrMerge", caller, [order_id], order_id, lambda p: p.undo(order_id))

    # -- internals -----------------------------------------------------------------------------

    def _one(self, method: str, caller: Caller, order_ids: list[str], payload: object, command) -> tuple[str, ...]:
        """A single command; a repeated request id answers the packages the first one made. A
        concurrent change of its orders voids the try: read and done again, as a batch is."""
        ids = RequestIds(method, caller.principal.id, caller.request_id, request_hash(payload))
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return self._try_one(ids, caller, order_ids, command)
            except ConcurrencyConflict as conflict:
                if attempt == ATTEMPTS:
                    raise busy(order_ids) from conflict
        raise AssertionError("unreachable")

    def _try_one(self, ids: RequestIds, caller: Caller, order_ids: list[str], command) -> tuple[str, ...]:
        with self._uow() as uow:
            if (replayed := ids.replayed(uow)) is not None:
                return tuple(replayed.split(",")) if replayed else ()
            packing = self._load(uow, caller, order_ids)
            command(packing)
            store(uow, packing)
            made = tuple(p.id for p in packing.added)
            ids.remember(uow, ",".join(made))
            uow.commit()
        return made

    def _load(self, uow: UnitOfWork, caller: Caller, order_ids: list[str]) -> Packing:
        return load_packing(uow, order_ids, self._clock.now(), caller.principal)


def _check_route(uow: UnitOfWork, principal: Principal, warehouse_id: str, channel_id: str) -> str:
    """The warehouse's owner, once the warehouse and channel are known, active and the caller's."""
    warehouse = uow.warehouses.get(warehouse_id) if warehouse_id else None
    if warehouse is None or not principal.can_see_shop(warehouse.owner_id):
        raise NotFound(f"There is no warehouse '{warehouse_id}' (or it is not yours).", resource_type="erp.v1.Warehouse",
                       resource_name=f"warehouses/{warehouse_id}", reason="WAREHOUSE_NOT_FOUND", field="warehouse")
    warehouse.check_can_take_packages()
    channel = uow.channels.get(channel_id) if channel_id else None
    if channel is None or channel.warehouse_id != warehouse.id:
        raise NotFound(f"Warehouse '{warehouse.name}' has no logistics channel '{channel_id}'.",
                       resource_type="erp.v1.LogisticsChannel", resource_name=f"channels/{channel_id}",
                       reason="CHANNEL_NOT_FOUND", field="channel")
    if not channel.active:
        raise PreconditionFailed(f"Channel '{channel.name}' is disabled: enable it or choose another.",
                                 reason="CHANNEL_INACTIVE", subject=f"channels/{channel_id}")
    return warehouse.owner_id


class SellerSkus:
    """The seller SKU each order line ships as: its mapping, else its own seller SKU if it has
    one; a line with neither is left out (``Packing.audit`` holds its package). Each mapping is
    asked once per call: a batch's lines repeat a few SKUs."""

    def __init__(self) -> None:
        self._known: dict[tuple, str | None] = {}

    def of(self, uow: UnitOfWork, packing: Packing, order_id: str) -> dict[tuple[str, str], str]:
        found = {}
        orders = {i for p in packing.packages_of(order_id) for i in p.order_ids} | {order_id}
        for order in (packing.orders[i] for i in orders):
            shop = uow.shops.get(order.shop_id)
            owner = shop.owner_id if shop else ""
            for line in order.lines:
                key = (owner, order.shop_id, line.sku_id, line.seller_sku)
                if key not in self._known:
                    self._known[key] = uow.sku_mappings.seller_sku_for(*key)
                sku = self._known[key] or line.seller_sku.strip()
                if sku:
                    found[(order.id, line.order_sn)] = sku
        return found
