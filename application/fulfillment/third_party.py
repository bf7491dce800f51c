"""``ThirdPartyRoute``: the ``Fulfillment`` port for a third-party overseas warehouse (三方海外仓),
where pushing a package creates an outbound order at the provider (FUL-1;
docs/fulfillment-protocols.md).
"""
from __future__ import annotations

import logging
from typing import Callable, Sequence

from application.fulfillment.stock_check import refuse_short_stock
from application.ports.fulfillment import (CancelResult, CancelStatus, Look, PushRequest, Shipment, ShipmentStatus,
                                           looks_by_account)
from application.ports.providers import GoodcangCredentials
from application.ports.threepl import (OutboundLine, OutboundRequest, OutboundState, OutboundStatus,
                                       ThirdPartyWarehouse, ThirdPartyWarehouseGateway)
from domain.errors import NotFound

log = logging.getLogger("erp.fulfillment")

CredentialsOf = Callable[[str], GoodcangCredentials]
"""The credentials of a 3PL account by its id (``PushRequest.account_id``)."""

CANCEL_REASON = "Cancelled by the seller in the ERP"
_STATUS = {OutboundStatus.DRAFT: ShipmentStatus.ACCEPTED, OutboundStatus.ACCEPTED: ShipmentStatus.ACCEPTED,
           OutboundStatus.PICKING: ShipmentStatus.PICKING, OutboundStatus.SHIPPED: ShipmentStatus.SHIPPED,
           OutboundStatus.CANCELLED: ShipmentStatus.CANCELLED, OutboundStatus.EXCEPTION: ShipmentStatus.REFUSED,
           OutboundStatus.UNKNOWN: ShipmentStatus.ACCEPTED}


class ThirdPartyRoute:
    """- ``push`` first asks the warehouse for an order holding ``request.reference`` (unless
      ``first_attempt``) and adopts a live one; then checks the provider's sellable stock of
      every SKU (``OUT_OF_STOCK`` naming the SKU, before any order); then creates the order,
      which the provider's client also adopts on a duplicate reference.
    - ``track`` asks the provider's batch read which orders shipped (with their tracking
      numbers); an order not shipped is read alone only when the look is ``whole`` (its status
      letter: picking, exception, discarded), which the batch read does not carry.
    - Status letters: draft/awaiting review → ACCEPTED, awaiting shipment → PICKING, shipped →
      SHIPPED with every box's tracking number, discarded → CANCELLED, exception/problem →
      REFUSED with the warehouse's reason; a letter never documented is ACCEPTED with it kept.
    - ``cancel`` reads the order first, so a repeated cancel answers what the first did; a
      refusal is TOO_LATE in the provider's words.
    """

    def __init__(self, warehouses: ThirdPartyWarehouseGateway, credentials: CredentialsOf) -> None:
        self._warehouses, self._credentials = warehouses, credentials

    def push(self, request: PushRequest) -> Shipment:
        warehouse = self._warehouse(request)
        found = None if request.first_attempt else warehouse.find_outbound(request.reference)
        if found is not None and found.status is not OutboundStatus.CANCELLED:
            log.info("package %s: 3PL order %s adopted (%s)", request.package_id, found.provider_order_id,
                     found.raw_status)
            return _shipment(found)
        skus = list(dict.fromkeys(line.seller_sku for line in request.lines))
        refuse_short_stock(request, warehouse.sellable(skus, request.warehouse_code),
                           f"3PL warehouse {request.warehouse_code}")
        created = warehouse.create_outbound(OutboundRequest(
            request.reference, request.warehouse_code, request.channel_code, request.ship_to,
            tuple(OutboundLine(line.seller_sku, line.quantity) for line in request.lines),
            note=f"Temu order {request.displayable_order_id}" if request.displayable_order_id else ""))
        log.info("package %s: 3PL order %s pushed (%s)", request.package_id, created.provider_order_id,
                 created.raw_status or "created")
        return _shipment(created)

    def track(self, looks: Sequence[Look]) -> dict[str, Shipment]:
        answer: dict[str, Shipment] = {}
        for account_looks in looks_by_account(looks).values():
            warehouse = self._warehouse(account_looks[0].request)
            shipped = warehouse.shipped([look.provider_ref for look in account_looks])
            for look in account_looks:
                numbers = shipped.get(look.provider_ref)
                if numbers:
                    answer[look.provider_ref] = Shipment(look.provider_ref, ShipmentStatus.SHIPPED, numbers)
                elif look.whole:  # its status letter (picking, exception, discarded) needs the order itself
                    found = warehouse.get_outbound(look.provider_ref)
                    answer[look.provider_ref] = _shipment(found) if found is not None else Shipment(
                        look.provider_ref, ShipmentStatus.REFUSED,
                        message=f"The 3PL warehouse has no outbound order {look.provider_ref}.")
        return answer

    def label(self, request: PushRequest, provider_ref: str) -> None:
        return None  # the warehouse prints its own labels

    def cancel(self, request: PushRequest, provider_ref: str) -> CancelResult:
        warehouse = self._warehouse(request)
        current = self._order(warehouse, provider_ref)
        if current.status is OutboundStatus.CANCELLED:
            return CancelResult(CancelStatus.CANCELLED)
        if current.status is OutboundStatus.SHIPPED:
            return CancelResult(CancelStatus.TOO_LATE, f"The warehouse has shipped it (status {current.raw_status}).")
        result = warehouse.cancel_outbound(provider_ref, CANCEL_REASON)
        log.info("package %s: cancel of 3PL order %s %s", request.package_id, provider_ref,
                 "accepted" if result.cancelled else "refused")
        if result.cancelled:
            return CancelResult(CancelStatus.CANCELLED)
        return CancelResult(CancelStatus.TOO_LATE, result.message or "The warehouse refused the cancel.")

    def _warehouse(self, request: PushRequest) -> ThirdPartyWarehouse:
        return self._warehouses.connect(self._credentials(request.account_id))

    @staticmethod
    def _order(warehouse: ThirdPartyWarehouse, provider_ref: str) -> OutboundState:
        found = warehouse.get_outbound(provider_ref)
        if found is None:
            raise NotFound(f"The 3PL warehouse has no outbound order {provider_ref}.",
                           resource_type="outbound order", resource_name=provider_ref)
        return found


def _shipment(order: OutboundState) -> Shipment:
    status = _STATUS[order.status]
    message = ""
    if order.status is OutboundStatus.EXCEPTION:
        message = order.error_reason or f"The warehouse holds the order as a problem (status {order.raw_status})."
    elif order.status is OutboundStatus.UNKNOWN:
        message = f"The warehouse reports status {order.raw_status!r}, which it never documented; still following it."
    elif order.status is OutboundStatus.DRAFT:
        message = "The order is a draft at the warehouse: submit it in the provider's OMS."
    tracking = order.tracking_numbers if status is not ShipmentStatus.REFUSED else ()
    return Shipment(order.provider_order_id, status, tracking, message=message, raw_status=order.raw_status)
