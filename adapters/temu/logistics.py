"""``LogisticsDirectory`` and ``TrackingUploader`` over Temu's logistics types (docs/temu-protocol.md §16–§21).

Every call goes to the shop's region gateway with its order/shipping token (a local shop's single
token), as orders do. ``confirm`` and ``change_tracking`` change state at Temu, so the client never
resends them after a failure that may have reached Temu (docs/temu-protocol.md §7).
"""
from __future__ import annotations

import logging
from typing import Any

from adapters.temu import logistics_wire as wire
from adapters.temu.errors import temu_error_code, with_backoffice_help
from adapters.temu.gateways import order_gateway
from adapters.temu.logistics_errors import refusal
from adapters.temu.transport import TemuClient
from application.ports.temu import TemuAccess
from application.ports.temu_logistics import (
    PACKAGE_NOT_EDITABLE, WAREHOUSE_REQUIRED, ConfirmOutcome, LogisticsProvider, PackageAtTemu, SellerWarehouse)
from application.ports.temu_shipments import ShipmentConfirmation, TrackingChange
from domain.errors import DomainError, FieldViolation, PreconditionFailed, ValidationFailed
from domain.shop_kinds import ShopKind

log = logging.getLogger(__name__)

CARRIERS_TYPE = "bg.logistics.companies.get"
WAREHOUSES_TYPE = "bg.logistics.warehouse.list.get"
CONFIRM_TYPE = "bg.logistics.shipment.v2.confirm"
SHIPMENTS_TYPE = "bg.logistics.shipment.v2.get"
EDIT_TYPE = "bg.logistics.shipment.shippingtype.update"
MAX_CHANGES = 100  # our bound on one edit call; Temu documents none


class TemuLogistics:
    """Carriers, warehouses and shipment confirmation of one Temu app, for any shop."""

    def __init__(self, client: TemuClient):
        self._client = client

    def carriers(self, access: TemuAccess, region_id: int) -> tuple[LogisticsProvider, ...]:
        if isinstance(region_id, bool) or not isinstance(region_id, int) or region_id <= 0:
            raise ValidationFailed("A Temu region id is a positive number (211 for the US).",
                                   [FieldViolation("region_id", "a Temu region id such as 211")])
        return wire.parse_carriers(self._call(access, CARRIERS_TYPE, {"regionId": region_id}, "the carrier list"))

    def warehouses(self, access: TemuAccess, *, buy_label_only: bool = False) -> tuple[SellerWarehouse, ...]:
        params = {"returnEnableBuyShippingLabelOnly": True} if buy_label_only else {}
        return wire.parse_warehouses(self._call(access, WAREHOUSES_TYPE, params, "the warehouse list"))

    def confirm(self, access: TemuAccess, confirmation: ShipmentConfirmation) -> ConfirmOutcome:
        orders = ", ".join(confirmation.parent_order_sns)
        if access.kind is ShopKind.LOCAL and any(not p.warehouse_id for p in confirmation.parcels):
            raise PreconditionFailed(
                f"Orders {orders} of a US local shop need a Temu warehouse (selfShippingWarehouseId): bind the "
                "ERP warehouse or logistics channel to one of the shop's Temu warehouses (TEMU仓库绑定), "
                "then mark them shipped again.", reason=WAREHOUSE_REQUIRED, subject="warehouse",
                parent_order_sns=orders)
        result = self._call(access, CONFIRM_TYPE, wire.confirm_params(confirmation), f"the shipment of {orders}",
                            changes_state=True)
        warnings, agreement = wire.parse_outcome_fields(result)
        log.info("temu shipment confirmed shop_id=%s parent_order_sns=%s send_type=%s parcels=%d",
                 access.shop_id, orders, confirmation.kind.value, len(confirmation.parcels))
        return ConfirmOutcome(warnings, agreement)

    def shipped_packages(self, access: TemuAccess, parent_order_sn: str, order_sn: str) -> tuple[PackageAtTemu, ...]:
        if not parent_order_sn or not order_sn:
            raise ValidationFailed("Both order numbers are needed to ask Temu for a shipment.",
                                   [FieldViolation("order_sn", "the parent and the child order number")])
        params = {"parentOrderSn": parent_order_sn, "orderSn": order_sn}
        return wire.parse_packages(self._call(access, SHIPMENTS_TYPE, params, f"the shipment of {order_sn}"))

    def change_tracking(self, access: TemuAccess, changes: tuple[TrackingChange, ...]) -> None:
        if not 1 <= len(changes) <= MAX_CHANGES:
            raise ValidationFailed(f"Change the tracking of 1 to {MAX_CHANGES} packages at a time.",
                                   [FieldViolation("changes", f"1 to {MAX_CHANGES} packages")])
        packages = ", ".join(c.package_sn for c in changes)
        if access.kind is ShopKind.LOCAL and any(not c.warehouse_id for c in changes):
            raise PreconditionFailed(
                f"Packages {packages} of a US local shop need their Temu warehouse to change tracking: bind the "
                "ERP warehouse or channel to a Temu warehouse (TEMU仓库绑定).", reason=WAREHOUSE_REQUIRED,
                subject="warehouse", package_sns=packages)
        result = self._call(access, EDIT_TYPE, wire.tracking_change_params(changes),
                            f"the tracking change of {packages}", changes_state=True)
        if result is False:  # a documented boolean; only an explicit false is a refusal
            raise PreconditionFailed(f"Temu did not change the tracking of {packages}.",
                                     reason=PACKAGE_NOT_EDITABLE, subject="package", package_sns=packages)
        log.info("temu tracking changed shop_id=%s package_sns=%s", access.shop_id, packages)

    def _call(self, access: TemuAccess, api_type: str, params: dict[str, Any], what: str, *,
              changes_state: bool = False) -> Any:
        try:
            return self._client.call(order_gateway(access.region), api_type, access.token.value, params,
                                     idempotent=not changes_state)
        except DomainError as err:
            mapped = refusal(err, temu_error_code(err), what)
            if mapped is err and isinstance(err, PreconditionFailed) and err.subject == "token":
                raise with_backoffice_help(err, access.kind, access.region, access.kind.order_token_kind)
            if mapped is err:
                raise
            raise mapped from None
