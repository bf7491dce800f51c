"""Temu order JSON into PlatformOrders: faithful for good data, never failing on bad data."""
from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters import json_text
from adapters.temu.order_parsing import parse_address, parse_page
from domain.platform_order import Address, Label
from domain.shop_kinds import ShopKind

SEMI, LOCAL = ShopKind.CROSS_BORDER, ShopKind.LOCAL
UPDATED = 1751868884


def child(order_sn="211-10000000000000001", **overrides):
    line = {
        "orderSn": order_sn, "goodsId": 602437528187338, "skuId": 46301894981050, "quantity": 2,
        "originalOrderQuantity": 3, "canceledQuantityBeforeShipment": 1, "orderStatus": 2,
        "fulfillmentType": "fulfillBySeller", "goodsName": "Sports bra", "spec": "White / 70B",
        "orderLabel": [{"name": "customized_products", "value": 0}],
        "fulfillmentWarning": ["REQUIRES_AGE_VERIFICATION"],
        "productList": [{"productId": 61907987742, "productSkuId": 647702072241, "soldFactor": 1,
                         "extCode": "BRA-WHITE-70B"}],
    }
    line.update(overrides)
    return line


def parent(sn="PO-211-10000000000000001", lines=None, **overrides):
    header = {
        "parentOrderSn": sn, "parentOrderStatus": 2, "regionId": 211, "siteId": 100,
        "parentOrderTime": 1751857815, "updateTime": UPDATED, "expectShipLatestTime": 1751948159,
        "parentOrderLabel": [{"name": "soon_to_be_overdue", "value": 1}, {"name": "past_due", "value": 0}],
        "fulfillmentWarning": ["RESTRICT_FEDEX_SELF_SHIPPING"],
    }
    header.update(overrides)
    return {"parentOrderMap": header, "orderList": [child()] if lines is None else lines}


def page(*items, total=None):
    return {"totalItemNum": len(items) if total is None else total, "pageItems": list(items)}


def only_order(item, kind=SEMI):
    orders, skipped, _ = parse_page(page(item), kind)
    assert skipped == []
    return orders[0]


def utc(seconds):
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def test_a_well_formed_semi_order_is_read_field_by_field():
    order = only_order(parent())
    assert (order.parent_order_sn, order.status, order.region_id, order.site_id) == (
        "PO-211-10000000000000001", 2, 211, 100)
    assert order.created_at == utc(1751857815) and order.updated_at == utc(UPDATED)
    assert order.ship_by == utc(1751948159)
    assert order.labels == (Label("soon_to_be_overdue", 1), Label("past_due", 0))
    assert order.warnings == ("RESTRICT_FEDEX_SELF_SHIPPING",)
    assert order.problems == ()
    line = order.lines[0]
    assert (line.order_sn, line.seller_sku, line.product_sku_id, line.goods_id) == (
        "211-10000000000000001", "BRA-WHITE-70B", 647702072241, 602437528187338)
    assert (line.original_quantity, line.cancelled_before_shipment, line.quantity) == (3, 1, 2)
    assert (line.goods_name, line.spec, line.status, line.fulfillment_type) == (
        "Sports bra", "White / 70B", 2, "fulfillBySeller")
    assert line.labels == (Label("customized_products", 0),)
    assert line.warnings == ("REQUIRES_AGE_VERIFICATION",)


def test_times_are_aware_utc_datetimes():
    assert only_order(parent()).updated_at.tzinfo is timezone.utc


def test_a_semi_line_without_an_ext_code_uses_the_product_sku_id_as_seller_sku():
    line = child(productList=[{"productSkuId": 647702072241, "extCode": ""}])
    assert only_order(parent(lines=[line])).lines[0].seller_sku == "647702072241"


def test_a_local_shop_line_uses_the_sku_id_as_seller_sku():
    assert only_order(parent(), LOCAL).lines[0].seller_sku == "46301894981050"


def test_the_quantity_to_ship_falls_back_to_quantity_when_the_original_is_missing():
    line = child(originalOrderQuantity=None, quantity=4)
    assert only_order(parent(lines=[line])).lines[0].quantity == 4


def test_numeric_ids_sent_as_strings_are_accepted():
    line = child(goodsId="602437528187338")
    assert only_order(parent(lines=[line], parentOrderStatus="2")).lines[0].goods_id == 602437528187338


def test_a_negative_quantity_is_clamped_to_zero_and_recorded():
    order = only_order(parent(lines=[child(originalOrderQuantity=-2, canceledQuantityBeforeShipment=0)]))
    assert order.lines[0].quantity == 0
    assert "NEGATIVE_QUANTITY:211-10000000000000001" in order.problems


def test_more_cancelled_than_ordered_ships_nothing_and_is_recorded():
    order = only_order(parent(lines=[child(originalOrderQuantity=1, canceledQuantityBeforeShipment=3)]))
    assert order.lines[0].quantity == 0
    assert "NEGATIVE_QUANTITY:211-10000000000000001" in order.problems


def test_an_unknown_status_is_kept_and_recorded():
    order = only_order(parent(parentOrderStatus=7))
    assert order.status == 7 and "UNKNOWN_STATUS_7" in order.problems
    assert not order.is_status_known()


def test_an_order_whose_lines_are_not_a_list_is_kept_with_missing_lines():
    order = only_order(parent(lines={"orderSn": "211-1"}))
    assert order.lines == () and "MISSING_LINES" in order.problems


def test_a_line_that_is_not_an_object_is_dropped_and_recorded():
    order = only_order(parent(lines=["garbage", child()]))
    assert len(order.lines) == 1 and "BAD_LINE:0" in order.problems


def test_wrong_typed_labels_and_warnings_are_recorded_not_fatal():
    order = only_order(parent(parentOrderLabel="soon", fulfillmentWarning={"a": 1}))
    assert order.labels == () and order.warnings == ()
    assert {"BAD_LABELS", "BAD_WARNINGS"} <= set(order.problems)


def test_huge_strings_are_cut_and_control_characters_removed():
    line = child(goodsName="x" * 100_000, spec="a\x00b\ud800c", orderLabel=[{"name": "n" * 1000, "value": 1}])
    read = only_order(parent(lines=[line])).lines[0]
    assert len(read.goods_name) == 512
    assert "\x00" not in read.spec and "\ud800" not in read.spec
    assert len(read.labels[0].name) == 128


def test_a_missing_create_time_falls_back_to_the_update_time_and_is_recorded():
    order = only_order(parent(parentOrderTime=None))
    assert order.created_at == utc(UPDATED) and "MISSING_CREATE_TIME" in order.problems


def test_a_missing_region_is_taken_from_the_order_number():
    order = only_order(parent(regionId=None))
    assert order.region_id == 211 and "MISSING_REGION" in order.problems


def test_items_missing_a_number_a_status_or_an_update_time_are_skipped_with_a_reason():
    items = [parent(sn=None), parent(sn="PO-211-2", parentOrderStatus="two"),
             parent(sn="PO-211-3", updateTime="yesterday"), parent(sn="PO-211-4", updateTime=None),
             "not an object", parent(sn="PO-211-5")]
    orders, skipped, total = parse_page(page(*items), SEMI)
    assert [o.parent_order_sn for o in orders] == ["PO-211-5"]
    assert skipped == [("?", "BAD_PARENT_ORDER_SN"), ("PO-211-2", "BAD_PARENT_ORDER_STATUS"),
                       ("PO-211-3", "BAD_UPDATE_TIME"), ("PO-211-4", "BAD_UPDATE_TIME"),
                       ("?", "MISSING_PARENT_ORDER_MAP")]
    assert total == 6


def test_an_update_time_in_milliseconds_is_refused_rather_than_misdated():
    _, skipped, _ = parse_page(page(parent(updateTime=UPDATED * 1000)), SEMI)
    assert skipped == [("PO-211-10000000000000001", "BAD_UPDATE_TIME")]


def test_a_page_without_items_or_total_reads_as_empty():
    assert parse_page({"pageItems": "nope"}, SEMI) == ([], [], None)
    assert parse_page(None, SEMI) == ([], [], None)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)
PARENT_FIELDS = list(parent()["parentOrderMap"])
LINE_FIELDS = list(child())


@settings(max_examples=200, deadline=None)
@given(JSON)
def test_arbitrary_json_never_makes_the_page_parser_raise(junk):
    parse_page({"totalItemNum": 1, "pageItems": [junk]}, SEMI)
    parse_page(junk, LOCAL)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PARENT_FIELDS), st.sampled_from(LINE_FIELDS), JSON, JSON)
def test_any_field_replaced_by_junk_yields_an_order_or_a_skip_never_an_error(pfield, lfield, pjunk, ljunk):
    item = parent(lines=[child(**{lfield: ljunk})], **{pfield: pjunk})
    orders, skipped, _ = parse_page(page(item), SEMI)
    assert len(orders) + len(skipped) == 1
    for order in orders:
        assert all(line.quantity >= 0 for line in order.lines)


def test_the_shipping_address_is_read_into_an_address():
    address = parse_address({
        "receiptName": "J*** D**", "mobile": "12312312312-1234", "mail": "x@relay.temu.com",
        "regionName1": "United States", "regionName2": "California", "regionName3": "San Jose",
        "regionName4": None, "addressLine1": "1 M*** St", "addressLine2": "Apt 2", "postCode": "95***"})
    assert address == Address(name="J*** D**", phone="12312312312-1234", email="x@relay.temu.com",
                              country="United States", state="California", city="San Jose",
                              line1="1 M*** St", line2="Apt 2", post_code="95***")


def test_an_empty_or_malformed_address_answer_is_no_address():
    assert parse_address({}) is None
    assert parse_address(["x"]) is None
    assert parse_address({"receiptName": 12}) == Address(name="12")


def test_labels_read_the_same_on_every_order_of_a_page_whatever_their_form():
    odd = [{"name": " soon_to_be_overdue ", "value": 1}, {"name": "past_due", "value": True},
           {"name": ["past_due"], "value": 1}, {"name": "risk", "value": "1"}, {"name": "big", "value": 2**40}]
    orders, skipped, _ = parse_page(page(*(parent(sn=f"PO-211-1000000000000000{i}", parentOrderLabel=odd)
                                           for i in range(3))), SEMI)

    assert not skipped
    assert {o.labels for o in orders} == {(Label("soon_to_be_overdue", 1), Label("past_due", 1), Label("risk", 1))}


def test_ids_beyond_64_bits_are_refused_exactly_not_rounded_into_another_id():
    item = json_text.loads(b'{"parentOrderMap": {"parentOrderSn": "PO-211-1", "parentOrderStatus": 2, '
                           b'"updateTime": 1764000000}, "orderList": [{"orderSn": "211-1", "quantity": 1, '
                           b'"goodsId": 18446744073709551617, "productList": [{"extCode": "S"}]}]}')
    assert item["orderList"][0]["goodsId"] == 2**64 + 1
    line = only_order(item).lines[0]
    assert line.goods_id is None and line.seller_sku == "S"
