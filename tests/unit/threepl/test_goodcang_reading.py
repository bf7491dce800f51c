"""Goodcang answers read leniently: shapes the public pages disagree on, numbers as strings,
status letters in any case, refusals recognised by code or by wording."""
from __future__ import annotations

import httpx
import pytest

from adapters.threepl import goodcang_parsing as parse
from adapters.threepl.goodcang_config import GoodcangConfig
from adapters.threepl.goodcang_errors import Kind, classify, sanitize
from adapters.threepl.goodcang_transport import TRACKING_API, read_response
from adapters.threepl.goodcang_values import OutboundStatus


def answer(status: int, content: bytes, **headers: str) -> httpx.Response:
    return httpx.Response(status, content=content, headers=headers)


@pytest.mark.parametrize("letter,status", [("d", OutboundStatus.SHIPPED), (" W ", OutboundStatus.PICKING),
                                           ("p", OutboundStatus.EXCEPTION), ("Q", OutboundStatus.UNKNOWN),
                                           (7, OutboundStatus.UNKNOWN)])
def test_status_letters_are_read_in_any_case_and_unknown_ones_kept(letter: object, status: OutboundStatus) -> None:
    order = parse.order({"order_code": "G1-1", "order_status": letter})
    assert order is not None and order.status is status and order.raw_status == str(letter).strip().upper()


def test_tracking_numbers_come_from_the_order_and_its_boxes_once_each() -> None:
    order = parse.order({"order_code": "G1-1", "order_status": "D", "tracking_no": "T1", "new_field": {"x": 1},
                         "orderBoxInfo": [{"tracking_number": "T1"}, {"tracking_number": "T2"}, "junk",
                                          {"tracking_number": ""}]})
    assert order is not None and order.tracking_numbers == ("T1", "T2")


def test_an_order_without_an_order_code_is_not_an_order() -> None:
    assert parse.order({"order_status": "C"}) is None and parse.order(["not", "a", "dict"]) is None


def test_stock_numbers_sent_as_strings_are_numbers() -> None:
    [level] = parse.stock_levels([{"product_sku": "S", "warehouse_code": "USEA", "sellable": "10335",
                                   "reserved": 10, "onway": "1482.0"}, {"no_sku": 1}])
    assert (level.sellable, level.reserved, level.inbound) == (10335, 10, 1482)


def test_only_last_mile_shipping_methods_are_channels() -> None:
    rows = [{"code": "UPS", "type": "0", "warehouse_code": "USEA"}, {"code": "RET", "type": "1"}, {"code": "X"}]
    assert [c.code for c in parse.channels(rows)] == ["UPS", "X"]


def test_tracking_events_are_read_under_item_or_status_list() -> None:
    rows = [{"order_code": "G1", "trajectory_information": [
        {"tracking_number": "T1", "item": [{"utc_time": "2021-03-15 13:41:27", "code": "TMS_FD"}]},
        {"tracking_number": "T2", "status_list": [{"utc_time": "2021-03-14 00:00:00", "code": "TMS_OC"},
                                                  {"utc_time": "2021-03-15 00:00:00", "code": "TMS_IT"}]}]}]
    assert [(p.tracking_number, p.last_event_code) for p in parse.trackings(rows)] == [("T1", "TMS_FD"),
                                                                                       ("T2", "TMS_IT")]


def test_the_order_code_of_a_create_is_read_at_the_top_or_under_data() -> None:
    assert parse.created_order_code({"ask": "Success", "order_code": "G1"}) == "G1"
    assert parse.created_order_code({"ask": "Success", "data": {"order_code": "G2"}}) == "G2"
    assert parse.created_order_code({"ask": "Success", "data": None}) == ""


def test_success_is_read_case_insensitively_and_the_tracking_call_by_its_code() -> None:
    assert read_response(answer(200, b'{"ask":"SUCCESS"}'), "x").failure is None
    assert read_response(answer(200, b'{"code":"0","data":[]}'), TRACKING_API).failure is None
    failure = read_response(answer(200, b'{"code":5,"message":"bad"}'), TRACKING_API).failure
    assert failure is not None and failure.kind is Kind.REJECTED and failure.message == "bad"


@pytest.mark.parametrize("response,kind", [
    (answer(429, b"", **{"Retry-After": "3"}), Kind.RATE_LIMITED), (answer(502, b"<html>"), Kind.TRANSIENT),
    (answer(200, b"<html>oops"), Kind.TRANSIENT), (answer(200, b"[]"), Kind.TRANSIENT),
    (answer(200, b'{"message":"no ask"}'), Kind.TRANSIENT), (answer(401, b""), Kind.AUTH),
    (answer(404, b""), Kind.REJECTED),
], ids=["429", "502", "html", "array", "no ask", "401", "404"])
def test_broken_or_refused_http_answers_are_classified(response: httpx.Response, kind: Kind) -> None:
    failure = read_response(response, "base_data/get_warehouse").failure
    assert failure is not None and failure.kind is kind


def test_retry_after_is_honoured_from_the_header() -> None:
    failure = read_response(answer(429, b"", **{"Retry-After": "3"}), "x").failure
    assert failure is not None and failure.retry_after_s == 3.0


@pytest.mark.parametrize("code,message,kind", [
    ("10103001", "", Kind.DUPLICATE_REFERENCE), ("", "参考号重复: PKG-1", Kind.DUPLICATE_REFERENCE),
    ("", "reference_no PKG-1 already exists", Kind.DUPLICATE_REFERENCE), ("10103086", "", Kind.NOT_FOUND),
    ("400", "没有数据(ERROR ID 99-UVU8HX)", Kind.NOT_FOUND), ("", "app-token invalid", Kind.AUTH),
    ("10103099", "订单已废弃", Kind.REJECTED), ("500", "系统繁忙", Kind.TRANSIENT),
])
def test_refusals_are_recognised_by_code_or_wording(code: str, message: str, kind: Kind) -> None:
    assert classify(code, message, "order/create_order").kind is kind


def test_the_app_token_stays_out_of_the_configs_repr() -> None:
    assert "secret-token" not in repr(GoodcangConfig("key", "secret-token"))


def test_goodcangs_message_is_kept_to_one_printable_line() -> None:
    assert sanitize("库存不足\n\x00SKU  A") == "库存不足 SKU A" and sanitize(None) == ""
