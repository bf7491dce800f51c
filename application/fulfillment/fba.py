"""``FbaRoute``: the ``Fulfillment`` port for Amazon FBA, where pushing a package creates a
multi-channel fulfilment order shipped from FBA stock (FUL-2; docs/fulfillment-protocols.md).
"""
from __future__ import annotations

import logging
from datetime import timedelta
from typing import Callable, Sequence

from application.fulfillment.stock_check import refuse_short_stock
from application.ports.clock import Clock
from application.ports.fba import (FbaAccount, FbaGateway, FbaLine, FbaOrderRequest, FbaOrderState, FbaOrderStatus,
                                   ShippingSpeed)
from application.ports.fulfillment import (CancelResult, CancelStatus, Look, PushRequest, Shipment, ShipmentStatus,
                                           looks_by_account)
from application.ports.providers import AmazonCredentials
from domain.errors import FieldViolation, NotFound, ValidationFailed

log = logging.getLogger("erp.fulfillment")

CredentialsOf = Callable[[str], AmazonCredentials]
"""The credentials of an Amazon seller account by its id (``PushRequest.account_id``)."""

_STATUS = {FbaOrderStatus.NEW: ShipmentStatus.ACCEPTED, FbaOrderStatus.RECEIVED: ShipmentStatus.ACCEPTED,
           FbaOrderStatus.PLANNING: ShipmentStatus.ACCEPTED, FbaOrderStatus.PROCESSING: ShipmentStatus.PICKING,
           FbaOrderStatus.COMPLETE: ShipmentStatus.SHIPPED, FbaOrderStatus.COMPLETE_PARTIALLED: ShipmentStatus.SHIPPED,
           FbaOrderStatus.CANCELLED: ShipmentStatus.CANCELLED, FbaOrderStatus.UNFULFILLABLE: ShipmentStatus.REFUSED,
           FbaOrderStatus.INVALID: ShipmentStatus.REFUSED, FbaOrderStatus.UNKNOWN: ShipmentStatus.ACCEPTED}
_SHIPPED = (FbaOrderStatus.COMPLETE, FbaOrderStatus.COMPLETE_PARTIALLED)
# Amazon's clock and ours may differ: the list starts this much before our last look (a longer
# list page, never a missed change)
LIST_MARGIN = timedelta(minutes=1)
_SPEEDS = {s.value.lower(): s for s in ShippingSpeed}


class FbaRoute:
    """- The ``sellerFulfillmentOrderId`` is derived from ``request.reference`` alone, so a push
      repeated after a timeout or a crash finds the order and adopts it; Amazon never gets two.
    - ``push`` looks the order up first (unless ``first_attempt``), then checks FBA's
      fulfillable stock of every SKU (``OUT_OF_STOCK`` naming it, before any order), then creates.
    - ``channel_code`` is the shipping speed (Standard, Expedited, Priority, ScheduledDelivery;
      any case; empty is Standard). The packing slip shows ``displayable_order_id`` and
      ``ordered_at``.
    - ``track`` lists the orders Amazon changed since the earliest of the looks' last look
      (``listAllFulfillmentOrders``, one pass for every package of an account) and reads an
      order alone (``getFulfillmentOrder``) only for its tracking numbers once it shipped, or on a
      ``whole`` look; an order the list does not show is unchanged. No read follows a create:
      Amazon answers it with no order, so the package is ACCEPTED until the first look.
    - Received/Planning → ACCEPTED, Processing → PICKING, Complete(Partialled) → SHIPPED with the
      tracking number of every package, Cancelled → CANCELLED, Unfulfillable/Invalid → REFUSED;
      a status Amazon never documented is ACCEPTED with its word kept.
    """

    def __init__(self, accounts: FbaGateway, credentials: CredentialsOf, clock: Clock) -> None:
        self._accounts, self._credentials, self._clock = accounts, credentials, clock

    def push(self, request: PushRequest) -> Shipment:
        order = self._order_request(request)
        account = self._account(request)
        order_id = account.order_id(request.reference)
        found = None if request.first_attempt else account.find_order(order_id)
        if found is not None:
            log.info("package %s: FBA order %s adopted (%s)", request.package_id, order_id, found.raw_status)
            return _shipment(found)
        refuse_short_stock(request, account.fulfillable(list(dict.fromkeys(line.sku for line in order.lines))),
                           "FBA")
        created = account.create_order(order)
        log.info("package %s: FBA order %s pushed (%s)", request.package_id, order_id, created.raw_status)
        return _shipment(created)

    def track(self, looks: Sequence[Look]) -> dict[str, Shipment]:
        answer: dict[str, Shipment] = {}
        for account_looks in looks_by_account(looks).values():
            account = self._account(account_looks[0].request)
            starts = [look.since for look in account_looks if look.since is not None]
            changed = ({o.seller_fulfillment_order_id: o for o in account.changed_since(min(starts) - LIST_MARGIN)}
                       if starts else {})
            for look in account_looks:
                header = changed.get(look.provider_ref)
                if header is None and look.since is not None and not look.whole:
                    continue  # not changed since our last look
                if header is not None and header.status not in _SHIPPED:
                    answer[look.provider_ref] = _shipment(header)
                    continue
                # shipped (its shipments carry the tracking numbers), or a whole look
                found = account.find_order(look.provider_ref)
                answer[look.provider_ref] = _shipment(found) if found is not None else Shipment(
                    look.provider_ref, ShipmentStatus.REFUSED, message=f"Amazon has no fulfillment order "
                    f"{look.provider_ref}.", raw_status="NotFound")
        return answer

    def label(self, request: PushRequest, provider_ref: str) -> None:
        return None  # Amazon prints its own labels

    def cancel(self, request: PushRequest, provider_ref: str) -> CancelResult:
        account = self._account(request)
        current = self._get(account, provider_ref)
        if current.status is FbaOrderStatus.CANCELLED:
            return CancelResult(CancelStatus.CANCELLED)
        if current.status in (FbaOrderStatus.COMPLETE, FbaOrderStatus.COMPLETE_PARTIALLED):
            return CancelResult(CancelStatus.TOO_LATE, f"Amazon has shipped it (status {current.raw_status}).")
        refused = account.cancel_order(provider_ref)
        log.info("package %s: cancel of FBA order %s %s", request.package_id, provider_ref,
                 "refused" if refused else "accepted")
        if refused:
            return CancelResult(CancelStatus.TOO_LATE, refused)
        return CancelResult(CancelStatus.CANCELLED)

    def _account(self, request: PushRequest) -> FbaAccount:
        return self._accounts.connect(self._credentials(request.account_id))

    @staticmethod
    def _get(account: FbaAccount, order_id: str) -> FbaOrderState:
        found = account.find_order(order_id)
        if found is None:
            raise NotFound(f"Amazon has no fulfillment order {order_id}.", resource_type="fulfillment order",
                           resource_name=order_id)
        return found

    def _order_request(self, request: PushRequest) -> FbaOrderRequest:
        speed = _SPEEDS.get((request.channel_code or "Standard").strip().lower())
        if speed is None:
            raise ValidationFailed(
                f"Package {request.package_id}: FBA shipping speed {request.channel_code!r} does not exist; the "
                f"channel code must be one of {', '.join(s.value for s in ShippingSpeed)}.",
                [FieldViolation("channel_code", "must be an FBA shipping speed category")])
        lines = tuple(FbaLine(line.seller_sku, line.quantity, f"L{index}")
                      for index, line in enumerate(request.lines, start=1))
        return FbaOrderRequest(request.reference, request.displayable_order_id, request.ordered_at or self._clock.now(),
                               request.ship_to, lines, speed,
                               f"Temu order {request.displayable_order_id}" if request.displayable_order_id else "")


def _shipment(order: FbaOrderState) -> Shipment:
    status = _STATUS[order.status]
    message = ""
    if status is ShipmentStatus.REFUSED:
        message = (f"Amazon cannot fulfil this order (status {order.raw_status}): check the FBA stock and the "
                   "address in Seller Central.")
    elif order.status is FbaOrderStatus.UNKNOWN:
        message = f"Amazon reports status {order.raw_status!r}, which it never documented; still following it."
    tracking = order.tracking_numbers if status is not ShipmentStatus.REFUSED else ()
    return Shipment(order.seller_fulfillment_order_id, status, tracking, order.carrier, message, order.raw_status)
