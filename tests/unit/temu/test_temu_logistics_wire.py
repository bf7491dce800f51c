"""Temu logistics requests built exactly as documented, answers read in every shape seen."""
import pytest

from adapters.temu.logistics import TemuLogistics
from adapters.temu.logistics_errors import REFUSALS
from adapters.temu.logistics_wire import (
    confirm_params, parse_carriers, parse_packages, parse_warehouses, tracking_change_params)
from application.ports import temu_logistics as reasons
from application.ports.temu import TemuAccess
from application.ports.temu_logistics import LogisticsProvider, PackageDelivery, TrackingWarning
from application.ports.temu_shipments import (
    BuyerRequestOverride, Parcel, ShipmentConfirmation, ShipmentKind, ShippedItem, Tracking, TrackingChange)
from domain.errors import PreconditionFailed, UpstreamRejected, UpstreamUnavailable, ValidationFailed
from domain.shop_kinds import Region, ShopKind
from domain.token import TokenText

PO, PO2 = "PO-211-03568242816633450", "PO-211-03568242816633451"
USPS = 998264743


def item(order_sn="211-03568305731193450", quantity=1, parent=PO, **kw):
    return ShippedItem(parent, order_sn, quantity, **kw)


def parcel(number, *items, warehouse_id="WH-04024228864152414", **kw):
    return Parcel(Tracking(USPS, number), items or (item(),), warehouse_id=warehouse_id, **kw)


def test_a_whole_order_is_send_type_0_with_typed_fields_and_no_empty_ones():
    params = confirm_params(ShipmentConfirmation(ShipmentKind.SINGLE, (
        parcel("AAA123", item(goods_id=602368171198347, sku_id=37386079732361)),)))
    assert params == {"sendType": 0, "sendRequestList": [{
        "carrierId": USPS, "trackingNumber": "AAA123", "selfShippingWarehouseId": "WH-04024228864152414",
        "orderSendInfoList": [{"parentOrderSn": PO, "orderSn": "211-03568305731193450", "quantity": 1,
                               "goodsId": 602368171198347, "skuId": 37386079732361}]}]}


def test_a_split_order_is_send_type_1_with_one_request_per_parcel_in_one_call():
    params = confirm_params(ShipmentConfirmation(ShipmentKind.SPLIT, (
        parcel("AAA123", item(quantity=1)), parcel("BBB123", item(quantity=1)))))
    assert params["sendType"] == 1
    assert [r["trackingNumber"] for r in params["sendRequestList"]] == ["AAA123", "BBB123"]
    assert all(r["orderSendInfoList"][0]["parentOrderSn"] == PO for r in params["sendRequestList"])


def test_merged_orders_are_send_type_2_in_one_request():
    params = confirm_params(ShipmentConfirmation(ShipmentKind.MERGED, (
        parcel("AAA123", item(), item("211-2", parent=PO2)),)))
    assert params["sendType"] == 2 and len(params["sendRequestList"]) == 1
    assert [i["parentOrderSn"] for i in params["sendRequestList"][0]["orderSendInfoList"]] == [PO, PO2]


def test_extra_boxes_become_sub_send_requests_with_the_parcels_warehouse():
    [request] = confirm_params(ShipmentConfirmation(ShipmentKind.SINGLE, (
        parcel("AAA123", extra_boxes=(Tracking(USPS, "AAA124"),),
               overrides=frozenset({BuyerRequestOverride.REFUSE_CANCELLATION})),)))["sendRequestList"]
    assert request["subSendRequests"] == [
        {"carrierId": USPS, "trackingNumber": "AAA124", "selfShippingWarehouseId": "WH-04024228864152414"}]
    assert request["confirmAcceptance"] == ["DENY_CANCELLATION"]


def test_without_a_warehouse_no_self_shipping_warehouse_id_is_sent():
    [request] = confirm_params(ShipmentConfirmation(ShipmentKind.SINGLE, (
        parcel("AAA123", warehouse_id=None),)))["sendRequestList"]
    assert "selfShippingWarehouseId" not in request and "subSendRequests" not in request


@pytest.mark.parametrize(("kind", "parcels"), [
    (ShipmentKind.SINGLE, (parcel("A1234567"), parcel("B1234567"))),
    (ShipmentKind.SPLIT, (parcel("A1234567"),)),
    (ShipmentKind.SPLIT, (parcel("A1234567"), parcel("B1234567", item(parent=PO2)))),
    (ShipmentKind.MERGED, (parcel("A1234567"),)),
    (ShipmentKind.SPLIT, (parcel("A1234567"), parcel("A1234567"))),
])
def test_a_confirmation_that_does_not_fit_its_kind_is_refused_before_sending(kind, parcels):
    with pytest.raises(ValidationFailed):
        ShipmentConfirmation(kind, parcels)


@pytest.mark.parametrize("bad", [
    lambda: parcel("A1", extra_boxes=tuple(Tracking(USPS, f"BOX{i}") for i in range(11))),
    lambda: parcel("A1", item(quantity=2), extra_boxes=(Tracking(USPS, "BOX1"),)),
    lambda: Tracking(USPS, " "), lambda: Tracking(0, "A1"), lambda: item(quantity=0)])
def test_parcels_temu_would_refuse_cannot_be_built(bad):
    with pytest.raises(ValidationFailed):
        bad()


def test_a_tracking_change_sends_every_documented_field():
    assert tracking_change_params((TrackingChange("PK-1", Tracking(USPS, "NEW1"), "WH-1"),)) == {
        "editPackageRequestList": [{"packageSn": "PK-1", "trackingNumber": "NEW1", "shipCompanyId": USPS,
                                    "selfShippingWarehouseId": "WH-1"}]}


CARRIER = {"logisticsServiceProviderId": 998264743, "logisticsServiceProviderName": "USPS",
           "logisticsBrandName": "USPS"}


@pytest.mark.parametrize("result", [[CARRIER], {"items": [CARRIER]}])
def test_carriers_are_read_from_an_array_or_from_items(result):
    assert parse_carriers(result) == (LogisticsProvider(998264743, "USPS", "USPS"),)


def test_carrier_entries_without_a_usable_id_are_dropped_and_digit_strings_accepted():
    result = [{"logisticsServiceProviderName": "no id"}, "junk", {**CARRIER, "logisticsServiceProviderId": "42"}]
    assert parse_carriers(result) == (LogisticsProvider(42, "USPS", "USPS"),)
    assert parse_carriers(None) == () and parse_carriers({"items": None}) == ()


def test_warehouses_are_read_leniently():
    result = {"warehouseList": [
        {"warehouseId": "WH-1", "warehouseName": "NJ", "defaultWarehouse": True, "regionId1": 211,
         "warehouseManagementType": 1, "enableBuyShippingLabel": True, "extra": "ignored"},
        {"warehouseName": "no id"}, {"warehouseId": "WH-2", "defaultWarehouse": "yes"}]}
    first, second = parse_warehouses(result)
    assert (first.warehouse_id, first.is_default, first.region_id, first.buy_label_enabled) == ("WH-1", True, 211, True)
    assert (second.warehouse_id, second.name, second.is_default) == ("WH-2", "", False)


def test_packages_at_temu_are_read_with_their_boxes_and_odd_values_tolerated():
    [package] = parse_packages({"shipmentInfoDTO": [
        {"packageSn": "PK-1", "carrierId": USPS, "carrierName": "USPS", "trackingNumber": "AAA123", "skuId": 7,
         "quantity": 1, "packageDeliveryType": 9, "trackingWarningLabel": 2,
         "subPackageShipmentInfoList": [{"packageSn": "PK-2", "carrierId": USPS, "trackingNumber": "AAA124"},
                                        {"trackingNumber": "no package sn"}]},
        {"carrierId": USPS}]})
    assert package.tracking_numbers == ("AAA123", "AAA124")
    assert (package.delivery, package.warning) == (PackageDelivery.UNKNOWN, TrackingWarning.MAYBE_WRONG)
    assert parse_packages({"shipmentInfoDTO": [{"packageSn": "PK-3"}]})[0].tracking is None


@pytest.mark.parametrize("code", sorted(REFUSALS))
def test_each_documented_refusal_has_a_stable_reason(temu, code):
    temu.replies = [{"success": False, "errorCode": code, "errorMsg": "Temu's words", "requestId": "us-1"}]
    with pytest.raises(PreconditionFailed) as caught:
        TemuLogistics(temu.client()).confirm(ACCESS, SINGLE)
    assert caught.value.reason == REFUSALS[code][0] and hasattr(reasons, caught.value.reason)
    assert caught.value.details["temu_message"] == "Temu's words" and "Temu's words" in caught.value.message


ACCESS = TemuAccess("shop-1", Region.US, ShopKind.CROSS_BORDER, TokenText("unit-token"))
SINGLE = ShipmentConfirmation(ShipmentKind.SINGLE, (parcel("AAA123"),))


def test_an_undocumented_refusal_keeps_temus_code_and_words(temu):
    temu.replies = [{"success": False, "errorCode": 120099999, "errorMsg": "Something new", "requestId": "us-1"}]
    with pytest.raises(UpstreamRejected) as caught:
        TemuLogistics(temu.client()).confirm(ACCESS, SINGLE)
    assert "Something new" in caught.value.message and caught.value.details["temu_error_code"] == "120099999"


def test_a_confirmation_that_may_have_reached_temu_is_never_resent(temu):
    temu.replies = [{"success": False, "errorCode": 4000000, "errorMsg": "SYSTEM_EXCEPTION", "requestId": "us-1"}]
    with pytest.raises(UpstreamUnavailable):
        TemuLogistics(temu.client()).confirm(ACCESS, SINGLE)
    assert len(temu.requests) == 1 and temu.bodies()[0]["type"] == "bg.logistics.shipment.v2.confirm"


def test_the_signed_confirm_body_goes_to_the_shops_region_gateway(temu):
    temu.replies = [{"success": True, "errorCode": 1000000, "requestId": "eu-1",
                     "result": {"warningMessage": ["check carrier"], "assistantAgreementText": None}}]
    outcome = TemuLogistics(temu.client()).confirm(
        TemuAccess("shop-1", Region.EU, ShopKind.CROSS_BORDER, TokenText("t")), SINGLE)
    assert str(temu.requests[0].url) == "http://temu.test/eu/openapi/router"
    assert temu.bodies()[0]["sendRequestList"][0]["carrierId"] == USPS
    assert outcome.warnings == ("check carrier",) and outcome.agreement_text == ""
