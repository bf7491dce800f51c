"""The logistics types (docs/temu-protocol.md §16–§20): carriers, warehouses, confirm, read, edit.

Each handler gets an authenticated ``Caller`` (``handlers.Caller``) and the parsed body, and
runs under the registry lock.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

from sandboxes.temu import confirm_rules
from sandboxes.temu import errors as e
from sandboxes.temu.catalog import CARRIERS, MALL_LOCAL, carriers_of, order_gateway_of, serves_region
from sandboxes.temu.confirm_request import ConfirmRequest
from sandboxes.temu.errors import TemuError, bad_params
from sandboxes.temu.lifecycle import DELIVERED, package_sn_of
from sandboxes.temu.model import Line, Package, ParentOrder
from sandboxes.temu.params import optional_int, required_str
from sandboxes.temu.shipments import Refusal

if TYPE_CHECKING:
    from sandboxes.temu.handlers import Caller

MAX_EDITS = 100


def companies(caller: Caller, params: Mapping[str, Any]) -> Any:
    region_id = optional_int(params, "regionId", low=1)
    if region_id is None:
        raise bad_params("regionId is required")
    if not serves_region(caller.gateway, region_id):
        raise TemuError(e.WRONG_REGION)
    entries = [{"logisticsServiceProviderId": cid, "logisticsServiceProviderName": name, "logisticsBrandName": brand}
               for cid, name, brand in CARRIERS[caller.gateway]]
    return {"items": entries} if caller.shipments.carrier_shape == "items" else entries


def warehouses(caller: Caller, params: Mapping[str, Any]) -> dict[str, Any]:
    only_buy_label = params.get("returnEnableBuyShippingLabelOnly")
    if only_buy_label is not None and not isinstance(only_buy_label, bool):
        raise bad_params("returnEnableBuyShippingLabelOnly must be a boolean")
    return {"warehouseList": [
        {"warehouseId": w.warehouse_id, "warehouseName": w.name, "defaultWarehouse": w.is_default,
         "regionId1": w.region_id, "warehouseBrand": w.brand, "warehouseManagementType": w.management_type,
         "enableBuyShippingLabel": w.buy_label, "supportsUspsGroundAdvantage": False,
         "pushOrderToOpenPlatform": False, "cooperativeWarehouseAuthorizationStatus": None}
        for w in caller.shipments.warehouses_of(caller.mall.mall_id) if w.buy_label or not only_buy_label]}


def confirm(caller: Caller, params: Mapping[str, Any]) -> dict[str, Any]:
    request = ConfirmRequest.parse(params)
    try:
        parents = confirm_rules.check(request, caller.mall, caller.gateway, caller.orders, caller.shipments)
    except TemuError as error:
        caller.shipments.refusals.append(Refusal(
            caller.now, caller.mall.mall_id, request.send_type, request.parent_order_sns, error.code))
        raise
    confirm_rules.apply(request, parents, caller.mall, caller.gateway, caller.now, caller.shipments, caller.orders)
    return {"assistantAgreementText": None, "warningMessage": []}


def shipment(caller: Caller, params: Mapping[str, Any]) -> dict[str, Any]:
    order = caller.orders.get(required_str(params, "parentOrderSn"))
    order_sn = required_str(params, "orderSn")
    if order is None or order.mall_id != caller.mall.mall_id:
        raise TemuError(e.ORDER_INVALID)
    if not serves_region(caller.gateway, order.region_id):
        raise TemuError(e.WRONG_REGION)
    line = next((x for x in order.lines if x.order_sn == order_sn), None)
    if line is None:
        raise TemuError(e.ORDER_INVALID)
    packages = caller.shipments.packages_of_line(order_sn)
    if packages:
        return {"shipmentInfoDTO": [_shipment_info(p, line) for p in packages]}
    return {"shipmentInfoDTO": [_shipped_elsewhere(order, line, sn) for sn in line.package_sns]}


def edit_tracking(caller: Caller, params: Mapping[str, Any]) -> bool:
    edits = params.get("editPackageRequestList")
    if not isinstance(edits, list) or not 1 <= len(edits) <= MAX_EDITS or not all(isinstance(x, dict) for x in edits):
        raise bad_params(f"editPackageRequestList must hold 1 to {MAX_EDITS} objects")
    book, checked = caller.shipments, []
    for edit in edits:
        package = book.packages.get(required_str(edit, "packageSn"))
        if package is None or package.mall_id != caller.mall.mall_id \
                or not serves_region(caller.gateway, package.region_id):
            raise TemuError(e.PACKAGE_INVALID)
        checked.append((package, *_edit_fields(caller, edit, package)))
    for package, number, carrier_id, warehouse_id in checked:
        book.edit(package, number, carrier_id, warehouse_id, caller.now)
    return True


def _edit_fields(caller: Caller, edit: Mapping[str, Any], package: Package) -> tuple[str, int, str | None]:
    if any(_order_status(caller, sn) == DELIVERED for sn, _, _ in package.items):
        raise TemuError(e.PACKAGE_NOT_EDITABLE)
    number, carrier_id = required_str(edit, "trackingNumber"), edit.get("shipCompanyId")
    if isinstance(carrier_id, bool) or not isinstance(carrier_id, int):
        raise bad_params("shipCompanyId must be a number")
    confirm_rules.check_tracking_text(number)
    if carrier_id not in {c[0] for c in carriers_of(package.region_id)}:
        raise TemuError(e.TRACKING_CARRIER_MISMATCH)
    warehouse_id = edit.get("selfShippingWarehouseId")
    if warehouse_id is None and caller.mall.mall_type == MALL_LOCAL:
        raise TemuError(e.WAREHOUSE_MISSING)
    if warehouse_id is not None:
        warehouse = caller.shipments.warehouses.get(warehouse_id) if isinstance(warehouse_id, str) else None
        if warehouse is None or warehouse.mall_id != caller.mall.mall_id:
            raise TemuError(e.WAREHOUSE_INVALID)
    if number != package.tracking_number and number in caller.shipments.used_tracking:
        raise TemuError(e.TRACKING_USED)
    return number, carrier_id, warehouse_id


def _order_status(caller: Caller, sn: str) -> int | None:
    order = caller.orders.get(sn)
    return order.status if order else None


def _shipment_info(package: Package, line: Line) -> dict[str, Any]:
    return {"carrierId": package.carrier_id, "carrierName": _carrier_name(package.region_id, package.carrier_id),
            "trackingNumber": package.tracking_number, "skuId": line.sku_id,
            "quantity": sum(q for _, sn, q in package.items if sn == line.order_sn),
            "packageSn": package.package_sn, "packageDeliveryType": 1, "trackingWarningLabel": 0,
            "cooperativeWarehouseDTO": None,
            "subPackageShipmentInfoList": [
                {"carrierId": b.carrier_id, "carrierName": _carrier_name(package.region_id, b.carrier_id),
                 "packageSn": b.package_sn, "packageDeliveryType": 1, "trackingNumber": b.tracking_number}
                for b in package.boxes]}


def _shipped_elsewhere(order: ParentOrder, line: Line, package_sn: str) -> dict[str, Any]:
    """An order shipped in the seller centre (``advance_order``): a package the ERP never sent."""
    carrier_id, name, _ = CARRIERS[order_gateway_of(order.region_id)][0]
    return {"carrierId": carrier_id, "carrierName": name, "trackingNumber": f"SC{package_sn_of(order.sn)[3:]}",
            "skuId": line.sku_id, "quantity": line.quantity, "packageSn": package_sn, "packageDeliveryType": 1,
            "trackingWarningLabel": 0, "cooperativeWarehouseDTO": None, "subPackageShipmentInfoList": []}


def _carrier_name(region_id: int, carrier_id: int) -> str:
    return next((name for cid, name, _ in carriers_of(region_id) if cid == carrier_id), "")
