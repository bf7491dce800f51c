"""TEMU仓库绑定 (MARK-3): a shop's Temu warehouses, read from Temu, and which of them each ERP
warehouse or logistics channel ships from. Every upload of the shop then carries the bound
warehouse as ``selfShippingWarehouseId``; a US local shop's upload without one is refused by the
gate (``TEMU_WAREHOUSE_NOT_BOUND``) before any call.

Temu documents no call that "enables" its platform logistics: a shop has it once its warehouses
are set up in the seller centre (``WAREHOUSE_SETUP_INCOMPLETE`` otherwise) and listed here; the
binding is the ERP's half (docs/mark-shipped.md).
"""
from __future__ import annotations

import logging

from application.packages.loading import may_act_on_shop
from application.ports.clock import Clock
from application.ports.temu import TemuAccess
from application.ports.temu_logistics import LogisticsDirectory, LogisticsProvider, SellerWarehouse
from application.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from application.warehouses.views import channel_not_found, visible_warehouse
from domain.errors import FieldViolation, NotFound, ValidationFailed
from domain.principal import Principal
from domain.temu_warehouse_binding import BindingTarget, TemuWarehouseBinding
from domain.warehouse import TemuCarrier

log = logging.getLogger("erp.mark_shipped")


def shop_not_found(shop_id: str) -> NotFound:
    return NotFound(f"There is no shop '{shop_id}' (or it is not yours).", resource_type="erp.v1.Shop",
                    resource_name=f"shops/{shop_id}", reason="SHOP_NOT_FOUND")


def shop_access(uow: UnitOfWork, principal: Principal | None, shop_id: str, now) -> TemuAccess:
    """The shop's order token, for a caller who may act on the shop (None: the system)."""
    shop = uow.shops.get(shop_id)
    if shop is None or (principal is not None and not may_act_on_shop(uow, principal, shop_id)):
        raise shop_not_found(shop_id)
    credential = shop.order_credential(now)  # PreconditionFailed TOKEN_… when unusable
    return TemuAccess(shop.id, shop.region, shop.kind, uow.vault.get(shop.id, credential.kind))


class TemuWarehouseBindings:
    def __init__(self, uow: UnitOfWorkFactory, directory: LogisticsDirectory, clock: Clock) -> None:
        self._uow, self._directory, self._clock = uow, directory, clock

    def list_temu_warehouses(self, principal: Principal, shop_id: str) -> tuple[SellerWarehouse, ...]:
        """``bg.logistics.warehouse.list.get``, asked now (no transaction open during the call)."""
        with self._uow() as uow:
            access = shop_access(uow, principal, shop_id, self._clock.now())
        return self._directory.warehouses(access)

    def bind(self, principal: Principal, shop_id: str, target: BindingTarget, target_id: str,
             temu_warehouse_id: str) -> TemuWarehouseBinding:
        """Binds an ERP warehouse or channel of the caller to one of the shop's Temu warehouses,
        as Temu lists them now (an id Temu does not list is INVALID_ARGUMENT on ``temu_warehouse``)."""
        with self._uow() as uow:
            access = shop_access(uow, principal, shop_id, self._clock.now())
            self._check_target(uow, principal, target, target_id)
        known = {w.warehouse_id: w for w in self._directory.warehouses(access)}
        found = known.get(temu_warehouse_id)
        if found is None:
            listed = ", ".join(sorted(known)) or "none: set them up in the Temu seller centre first"
            raise ValidationFailed(
                f"Temu lists no warehouse '{temu_warehouse_id}' for shop {shop_id}; its warehouses: {listed}.",
                [FieldViolation("temu_warehouse", "one of the ids ListTemuWarehouses returns")])
        binding = TemuWarehouseBinding(shop_id, target, target_id, found.warehouse_id, found.name, self._clock.now())
        with self._uow() as uow:
            self._check_target(uow, principal, target, target_id)
            uow.uploads.bind(binding)
            uow.commit()
        log.info("shop %s: %s %s bound to Temu warehouse %s", shop_id, target.value.lower(), target_id,
                 found.warehouse_id)
        return binding

    def list(self, principal: Principal, shop_id: str) -> list[TemuWarehouseBinding]:
        with self._uow() as uow:
            if uow.shops.get(shop_id) is None or not may_act_on_shop(uow, principal, shop_id):
                raise shop_not_found(shop_id)
            return uow.uploads.bindings(shop_id)

    def unbind(self, principal: Principal, shop_id: str, target: BindingTarget, target_id: str) -> None:
        with self._uow() as uow:
            if uow.shops.get(shop_id) is None or not may_act_on_shop(uow, principal, shop_id):
                raise shop_not_found(shop_id)
            if not uow.uploads.unbind(shop_id, target, target_id):
                raise NotFound(f"Shop {shop_id} has no Temu warehouse bound to {target.value.lower()} {target_id}.",
                               resource_type="erp.v1.TemuWarehouseBinding",
                               resource_name=f"shops/{shop_id}/temuWarehouseBindings/{target_id}",
                               reason="BINDING_NOT_FOUND")
            uow.commit()
        log.info("shop %s: %s %s unbound from its Temu warehouse", shop_id, target.value.lower(), target_id)

    @staticmethod
    def _check_target(uow: UnitOfWork, principal: Principal, target: BindingTarget, target_id: str) -> None:
        if target is BindingTarget.WAREHOUSE:
            visible_warehouse(uow.warehouses.get(target_id), principal, target_id)
            return
        channel = uow.channels.get(target_id)
        warehouse = uow.warehouses.get(channel.warehouse_id) if channel is not None else None
        if warehouse is None or not principal.can_see_shop(warehouse.owner_id):
            raise channel_not_found(target_id)


class TemuCarrierMapping:
    """Item 6: each logistics channel's carrier mapped to Temu's carrier id per region, picked
    from the list Temu returns (``bg.logistics.companies.get``); the gate refuses an unmapped
    channel (NO_TEMU_CARRIER) before any call."""

    def __init__(self, uow: UnitOfWorkFactory, directory: LogisticsDirectory, clock: Clock) -> None:
        self._uow, self._directory, self._clock = uow, directory, clock

    def list_temu_carriers(self, principal: Principal, shop_id: str, region_id: int) -> tuple[LogisticsProvider, ...]:
        with self._uow() as uow:
            access = shop_access(uow, principal, shop_id, self._clock.now())
        return self._directory.carriers(access, region_id)

    def map(self, principal: Principal, shop_id: str, channel_id: str, region_id: int, carrier_id: int) -> TemuCarrier:
        """Checked against Temu's list for the region as the shop's gateway gives it now."""
        with self._uow() as uow:
            access = shop_access(uow, principal, shop_id, self._clock.now())
            self._visible_channel(uow, principal, channel_id)
        listed = self._directory.carriers(access, region_id)
        found = next((c for c in listed if c.carrier_id == carrier_id), None)
        if found is None:
            names = ", ".join(f"{c.carrier_id} {c.name}" for c in listed[:20]) or "none"
            raise ValidationFailed(f"Temu lists no carrier {carrier_id} in region {region_id}; its carriers there: "
                                   f"{names}.", [FieldViolation(
                "temu_carrier_id", f"one of the ids ListTemuCarriers returns for region {region_id}")])
        mapped = TemuCarrier(region_id, found.carrier_id, found.name[:64])
        with self._uow() as uow:
            self._visible_channel(uow, principal, channel_id).map_temu_carrier(mapped, self._clock.now(), shop_id)
            uow.commit()
        log.info("channel %s: Temu carrier %s (%s) in region %s", channel_id, mapped.carrier_id, mapped.carrier_name,
                 region_id)
        return mapped

    @staticmethod
    def _visible_channel(uow: UnitOfWork, principal: Principal, channel_id: str):
        channel = uow.channels.get(channel_id)
        warehouse = uow.warehouses.get(channel.warehouse_id) if channel is not None else None
        if warehouse is None or not principal.can_see_shop(warehouse.owner_id):
            raise channel_not_found(channel_id)
        return channel
