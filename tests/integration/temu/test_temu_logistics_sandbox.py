"""Mark-shipped's Temu side over real HTTP: the logistics adapter against the Temu sandbox.

Each documented refusal is provoked at the sandbox and must come back with its stable reason and
Temu's code and words, and must leave the order unshipped and no confirmation recorded.
"""
import pytest

from application.ports import temu_logistics as reasons
from application.ports.temu_shipments import (
    BuyerRequestOverride, Parcel, ShipmentConfirmation, ShipmentKind, ShippedItem, Tracking, TrackingChange)
from domain.errors import PreconditionFailed, UpstreamUnavailable
from domain.shop_kinds import Region, ShopKind

USPS, UPS, DHL_PAKET = 998264743, 998264744, 998265001
CONFIRM = "bg.logistics.shipment.v2.confirm"


class Shop:
    """One mall of the sandbox with its token, seen through the adapter."""

    def __init__(self, temu, local=False):
        self.temu, self.registry = temu, temu.registry
        self.mall = temu.local_mall() if local else temu.semi_mall()
        self.token = temu.local_token(self.mall) if local else temu.order_token(self.mall)
        self.access = temu.access(self.token, kind=ShopKind.LOCAL if local else ShopKind.CROSS_BORDER)
        self.warehouse = self.registry.add_warehouse(self.mall, "Main warehouse", is_default=True)
        self.logistics = temu.logistics()

    def order(self, lines=1, quantity=1, region_id=211):
        sn = self.registry.create_order(self.mall, region_id, status=2, lines=lines, quantity=quantity)
        return sn, self.registry.order_book.get(sn).lines

    def items(self, sn, lines):
        return tuple(ShippedItem(sn, line.order_sn, line.quantity) for line in lines)

    def parcel(self, number, items, carrier=USPS, **kw):
        return Parcel(Tracking(carrier, number), items, warehouse_id=kw.pop("warehouse_id", self.warehouse), **kw)

    def single(self, sn, lines, number="TRK00000001", **kw):
        return ShipmentConfirmation(ShipmentKind.SINGLE, (self.parcel(number, self.items(sn, lines), **kw),))

    def confirm(self, confirmation):
        return self.logistics.confirm(self.access, confirmation)

    def refused(self, confirmation, reason, code):
        with pytest.raises(PreconditionFailed) as caught:
            self.confirm(confirmation)
        assert caught.value.reason == reason
        assert caught.value.details["temu_error_code"] == str(code)
        assert caught.value.details["temu_message"]
        assert self.registry.confirmations() == []
        return caught.value

    def status(self, sn):
        return self.registry.order_book.get(sn).status


@pytest.fixture
def shop(temu):
    return Shop(temu)


@pytest.fixture
def local(temu):
    return Shop(temu, local=True)


# -- carriers and warehouses --------------------------------------------------------------------

@pytest.mark.parametrize("shape", ["array", "items"])
def test_the_carrier_list_is_read_in_either_shape_temu_answers(shop, shape):
    shop.registry.set_carrier_list_shape(shape)
    carriers = shop.logistics.carriers(shop.access, 211)
    assert [(c.carrier_id, c.name) for c in carriers][:3] == [(USPS, "USPS"), (UPS, "UPS"), (998264745, "FedEx")]


def test_asking_the_us_gateway_for_eu_carriers_is_refused_as_wrong_gateway(shop):
    with pytest.raises(PreconditionFailed) as caught:
        shop.logistics.carriers(shop.access, 210)
    assert caught.value.reason == reasons.WRONG_GATEWAY and caught.value.details["temu_error_code"] == "120011072"


def test_a_local_shop_lists_its_temu_warehouses_and_can_keep_only_those_that_buy_labels(local):
    other = local.registry.add_warehouse(local.mall, "Returns only", buy_label=False)
    found = local.logistics.warehouses(local.access)
    assert [(w.warehouse_id, w.name, w.is_default) for w in found] == [
        (local.warehouse, "Main warehouse", True), (other, "Returns only", False)]
    assert [w.warehouse_id for w in local.logistics.warehouses(local.access, buy_label_only=True)] == [local.warehouse]


# -- confirm: what Temu accepts -------------------------------------------------------------------

def test_a_whole_order_in_one_parcel_ships_it_and_is_recorded_once(temu, shop):
    sn, lines = shop.order(lines=2)
    shop.confirm(shop.single(sn, lines))
    assert shop.status(sn) == 4
    assert temu.orders().get_order(temu.access(shop.token), sn).status == 4  # the order sync sees it
    [confirmation] = shop.registry.confirmations()
    assert (confirmation["send_type"], confirmation["parent_order_sns"]) == (0, (sn,))
    packages = shop.logistics.shipped_packages(shop.access, sn, lines[0].order_sn)
    assert [p.tracking for p in packages] == [Tracking(USPS, "TRK00000001")]


def test_a_split_order_goes_in_one_call_with_every_parcel(shop):
    sn, [line] = shop.order(quantity=3)
    parcels = (shop.parcel("SPLIT0001", (ShippedItem(sn, line.order_sn, 2),)),
               shop.parcel("SPLIT0002", (ShippedItem(sn, line.order_sn, 1),), carrier=UPS))
    shop.confirm(ShipmentConfirmation(ShipmentKind.SPLIT, parcels))
    [confirmation] = shop.registry.confirmations()
    assert confirmation["send_type"] == 1 and len(confirmation["package_sns"]) == 2
    packages = shop.logistics.shipped_packages(shop.access, sn, line.order_sn)
    assert sorted((p.tracking.number, p.quantity) for p in packages) == [("SPLIT0001", 2), ("SPLIT0002", 1)]


def test_one_unit_in_several_boxes_carries_every_box_number(shop):
    sn, [line] = shop.order()
    parcel = shop.parcel("BOX000001", shop.items(sn, [line]),
                         extra_boxes=(Tracking(USPS, "BOX000002"), Tracking(USPS, "BOX000003")))
    shop.confirm(ShipmentConfirmation(ShipmentKind.SINGLE, (parcel,)))
    [package] = shop.logistics.shipped_packages(shop.access, sn, line.order_sn)
    assert package.tracking_numbers == ("BOX000001", "BOX000002", "BOX000003")


def test_merged_orders_to_one_address_ship_together_with_send_type_2(shop):
    (a, a_lines), (b, b_lines) = shop.order(), shop.order(quantity=2)
    shop.registry.use_address_of(b, a)
    shop.confirm(ShipmentConfirmation(ShipmentKind.MERGED, (
        shop.parcel("MERGE0001", shop.items(a, a_lines) + shop.items(b, b_lines)),)))
    [confirmation] = shop.registry.confirmations()
    assert confirmation["send_type"] == 2 and set(confirmation["parent_order_sns"]) == {a, b}
    assert shop.status(a) == shop.status(b) == 4


def test_an_eu_shop_ships_through_the_eu_gateway_with_an_eu_carrier(temu):
    mall = temu.semi_mall()
    access = temu.access(temu.order_token(mall, Region.EU), Region.EU)
    sn = temu.registry.create_order(mall, 210, status=2)
    [line] = temu.registry.order_book.get(sn).lines
    temu.logistics().confirm(access, ShipmentConfirmation(ShipmentKind.SINGLE, (
        Parcel(Tracking(DHL_PAKET, "00340434161234567"), (ShippedItem(sn, line.order_sn, 1),)),)))
    [confirmation] = temu.registry.confirmations()
    assert confirmation["gateway"] == "eu" and temu.registry.order_book.get(sn).status == 4


def test_a_local_shop_ships_with_its_temu_warehouse(local):
    sn, lines = local.order()
    local.confirm(local.single(sn, lines))
    assert local.status(sn) == 4


# -- confirm: each documented refusal -------------------------------------------------------------

def test_a_split_order_missing_a_parcel_is_refused_whole(shop):
    sn, [line] = shop.order(quantity=3)
    parcels = (shop.parcel("PART0001", (ShippedItem(sn, line.order_sn, 1),)),
               shop.parcel("PART0002", (ShippedItem(sn, line.order_sn, 1),)))
    shop.refused(ShipmentConfirmation(ShipmentKind.SPLIT, parcels), reasons.SPLIT_PARENT_INCOMPLETE, 120012003)
    assert shop.status(sn) == 2


def test_a_parcel_leaving_out_a_line_of_its_order_is_refused(shop):
    sn, lines = shop.order(lines=2)
    shop.refused(shop.single(sn, lines[:1]), reasons.SPLIT_PARENT_INCOMPLETE, 120012003)


def test_more_units_than_the_order_has_are_refused(shop):
    sn, [line] = shop.order()
    shop.refused(ShipmentConfirmation(ShipmentKind.SINGLE, (
        shop.parcel("OVER0001", (ShippedItem(sn, line.order_sn, 2),)),)), reasons.SPLIT_PARENT_INCOMPLETE, 120013002)


def test_merged_orders_to_different_addresses_are_refused(shop):
    (a, a_lines), (b, b_lines) = shop.order(), shop.order()
    error = shop.refused(ShipmentConfirmation(ShipmentKind.MERGED, (
        shop.parcel("MERGE0002", shop.items(a, a_lines) + shop.items(b, b_lines)),)),
        reasons.MERGED_ADDRESS_MISMATCH, 120012015)
    assert "different" in error.message


def test_a_tracking_number_already_used_is_refused(shop):
    (a, a_lines), (b, b_lines) = shop.order(), shop.order()
    shop.confirm(shop.single(a, a_lines, "REUSED001"))
    with pytest.raises(PreconditionFailed) as caught:
        shop.confirm(shop.single(b, b_lines, "REUSED001"))
    assert caught.value.reason == reasons.TRACKING_NUMBER_REUSED
    assert caught.value.details["temu_error_code"] == "120014004" and shop.status(b) == 2
    assert len(shop.registry.confirmations()) == 1


@pytest.mark.parametrize(("number", "code"), [("AB-1234567", 120014020), ("SHORT", 120014023)])
def test_an_unreadable_tracking_number_is_refused(shop, number, code):
    sn, lines = shop.order()
    shop.refused(shop.single(sn, lines, number), reasons.TRACKING_NUMBER_INVALID, code)


def test_a_carrier_of_another_region_is_refused(shop):
    sn, lines = shop.order()
    shop.refused(shop.single(sn, lines, carrier=DHL_PAKET), reasons.CARRIER_INVALID, 120014022)


def test_a_local_shop_without_warehouse_is_refused_before_any_call(temu, local):
    sn, lines = local.order()
    calls = len(temu.registry.call_log())
    with pytest.raises(PreconditionFailed) as caught:
        local.confirm(local.single(sn, lines, warehouse_id=None))
    assert caught.value.reason == reasons.WAREHOUSE_REQUIRED and "TEMU仓库绑定" in caught.value.message
    assert len(temu.registry.call_log()) == calls


def test_temu_itself_refuses_a_local_shop_upload_without_warehouse(temu, local):
    local.access = temu.access(local.token)  # a shop record that does not know it is local
    sn, lines = local.order()
    local.refused(local.single(sn, lines, warehouse_id=None), reasons.WAREHOUSE_REQUIRED, 120015527)


def test_a_warehouse_of_another_shop_is_refused(temu, shop):
    other = temu.registry.add_warehouse(temu.semi_mall(), "Not ours")
    sn, lines = shop.order()
    shop.refused(shop.single(sn, lines, warehouse_id=other), reasons.WAREHOUSE_INVALID, 120011085)


def test_an_order_shipped_already_is_refused_and_shows_what_temu_has(shop):
    sn, lines = shop.order()
    shop.registry.advance_order(sn)  # marked shipped in the seller centre, not by us
    shop.refused(shop.single(sn, lines), reasons.ALREADY_SHIPPED, 120012004)
    assert [(r["parent_order_sns"], r["error_code"]) for r in shop.registry.refused_confirmations()] == [
        ((sn,), 120012004)]
    [package] = shop.logistics.shipped_packages(shop.access, sn, lines[0].order_sn)
    assert package.tracking is not None and package.tracking.number.startswith("SC")


@pytest.mark.parametrize(("request_", "code", "override"), [
    ("cancellation", 120012030, BuyerRequestOverride.REFUSE_CANCELLATION),
    ("address_change", 120012023, BuyerRequestOverride.REFUSE_ADDRESS_CHANGE)])
def test_a_pending_buyer_request_blocks_shipping_unless_refused(shop, request_, code, override):
    sn, lines = shop.order()
    shop.registry.flag_pending(sn, request_)
    shop.refused(shop.single(sn, lines), reasons.PENDING_CANCEL_OR_ADDRESS_CHANGE, code)
    shop.confirm(shop.single(sn, lines, overrides=frozenset({override})))
    assert shop.status(sn) == 4


def test_a_pending_risk_alert_blocks_shipping(shop):
    sn, lines = shop.order()
    shop.registry.flag_pending(sn, "risk_alert")
    shop.refused(shop.single(sn, lines), reasons.PENDING_RISK_ALERT, 120012031)


def test_an_order_of_another_region_is_refused_as_wrong_gateway(shop):
    sn, lines = shop.order(region_id=210)  # an EU order of the same mall, sent to the US gateway
    shop.refused(shop.single(sn, lines), reasons.WRONG_GATEWAY, 120011072)


def test_an_unknown_order_is_refused(shop):
    shop.refused(ShipmentConfirmation(ShipmentKind.SINGLE, (
        shop.parcel("NOPE00001", (ShippedItem("PO-211-1", "211-1", 1),)),)), reasons.ORDER_MISMATCH, 120012007)


# -- transient failures ---------------------------------------------------------------------------

def test_a_busy_temu_is_unavailable_and_the_confirmation_is_not_resent(shop):
    sn, lines = shop.order()
    shop.registry.inject_fault(error_code=4000000, type=CONFIRM, times=1)
    with pytest.raises(UpstreamUnavailable) as caught:
        shop.confirm(shop.single(sn, lines))
    assert caught.value.retry_after_s > 0
    assert [r.error_code for r in shop.registry.call_log() if r.type == CONFIRM] == [4000000]
    assert shop.logistics.shipped_packages(shop.access, sn, lines[0].order_sn) == ()
    shop.confirm(shop.single(sn, lines))
    assert len(shop.registry.confirmations()) == 1


def test_a_rate_limited_confirmation_is_retried_and_recorded_once(shop):
    sn, lines = shop.order()
    shop.registry.inject_fault(error_code=4000004, type=CONFIRM, times=1)
    shop.confirm(shop.single(sn, lines))
    assert [r.error_code for r in shop.registry.call_log() if r.type == CONFIRM] == [4000004, 1000000]
    assert len(shop.registry.confirmations()) == 1


# -- reading and changing what Temu has -----------------------------------------------------------

def test_an_unshipped_order_has_no_packages_and_an_unknown_one_is_refused(shop):
    sn, lines = shop.order()
    assert shop.logistics.shipped_packages(shop.access, sn, lines[0].order_sn) == ()
    with pytest.raises(PreconditionFailed) as caught:
        shop.logistics.shipped_packages(shop.access, sn, "211-0")
    assert caught.value.reason == reasons.ORDER_MISMATCH


def test_a_wrong_tracking_number_is_corrected_after_upload(local):
    sn, lines = local.order()
    local.confirm(local.single(sn, lines, "WRONG0001"))
    [package] = local.logistics.shipped_packages(local.access, sn, lines[0].order_sn)
    local.logistics.change_tracking(local.access, (
        TrackingChange(package.package_sn, Tracking(UPS, "RIGHT0001"), local.warehouse),))
    [changed] = local.logistics.shipped_packages(local.access, sn, lines[0].order_sn)
    assert changed.tracking == Tracking(UPS, "RIGHT0001")
    assert [e["old_tracking_number"] for e in local.registry.tracking_edits()] == ["WRONG0001"]


def test_tracking_of_a_delivered_or_unknown_package_cannot_be_changed(shop):
    sn, lines = shop.order()
    shop.confirm(shop.single(sn, lines))
    [package] = shop.logistics.shipped_packages(shop.access, sn, lines[0].order_sn)
    shop.registry.advance_order(sn)  # delivered
    for package_sn, reason in ((package.package_sn, reasons.PACKAGE_NOT_EDITABLE),
                               ("PK-1", reasons.PACKAGE_NOT_FOUND)):
        with pytest.raises(PreconditionFailed) as caught:
            shop.logistics.change_tracking(shop.access, (TrackingChange(package_sn, Tracking(UPS, "LATE00001")),))
        assert caught.value.reason == reason
