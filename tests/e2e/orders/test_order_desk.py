"""The order desk over gRPC, real server and database (SQLite and PostgreSQL): the tabs'
counts, the search that finds an order, the sorts and their pages, and hostile searches."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import grpc
import pytest
from google.protobuf import timestamp_pb2

from adapters.grpc.gen.erp.v1 import order_pb2, order_service_pb2 as pb
from domain.order_states import OrderState
from domain.platform_order import Address, Label, TemuStatus
from domain.principal import Role
from tests.e2e.grpc_plumbing.hostile_cases import HOSTILE_TEXT
from tests.integration.persistence.builders import NOW, random_line, random_order, random_shop
from tests.unit.grpc.rich_status import rich_status

S = order_pb2.OrderState


def ts(moment) -> timestamp_pb2.Timestamp:
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(moment)
    return stamp


@pytest.fixture
def desk(stack):
    """Alice's shop with five orders, Bob's with one; keys for both."""
    alice_id, alice_key = stack.key_for("alice", Role.SHOP_OWNER)
    bob_id, bob_key = stack.key_for("bob", Role.SHOP_OWNER)
    alice, bob = random_shop(owner_id=alice_id), random_shop(owner_id=bob_id)

    def order(shop, sn, *, name=None, goods="Ceramic mug", sku="MUG-1", status=TemuStatus.UN_SHIPPING, **kw):
        line = replace(random_line(sku), order_sn=f"{sn}-c", goods_name=goods,
                       labels=(Label("soon_to_be_overdue", int(sn.endswith("1"))),))
        o = random_order(shop.id, sn=f"PO-211-{sn}", lines=(line,), status=status, **kw)
        if name:
            o.record_address(Address(name=name, city="Austin"), NOW)
        return o

    orders = [order(alice, "1", name="John Smith", ship_by=NOW + timedelta(hours=30)),
              order(alice, "2", name="Ann Lee", goods="Glass vase", sku="VASE-2", ship_by=NOW + timedelta(hours=3)),
              order(alice, "3", status=TemuStatus.PENDING, created_at=NOW - timedelta(days=1)),
              order(alice, "4", status=77, ship_by=NOW + timedelta(hours=10)),
              order(alice, "5", status=TemuStatus.CANCELED),
              order(bob, "6", name="John Smithers")]
    with stack.app.uow() as uow:
        uow.shops.add(alice)
        uow.shops.add(bob)
        uow.commit()
    with stack.app.uow() as uow:
        uow.orders.add_new(orders)
        uow.commit()
    return {"alice": (("x-api-key", alice_key),), "bob": (("x-api-key", bob_key),), "shop": f"shops/{alice.id}"}


def listed(stack, md, **request) -> pb.ListOrdersResponse:
    return stack.orders().ListOrders(pb.ListOrdersRequest(**request), metadata=md, timeout=10)


def sns(reply) -> list[str]:
    return [o.parent_order_sn.removeprefix("PO-211-") for o in reply.orders]


def violations(stack, method, request, md) -> set[str]:
    with pytest.raises(grpc.RpcError) as caught:
        getattr(stack.orders(), method)(request, metadata=md, timeout=10)
    assert caught.value.code() == grpc.StatusCode.INVALID_ARGUMENT, caught.value.details()
    return {v.field for v in rich_status(caught.value)[1]["BadRequest"].field_violations}


def test_count_orders_gives_each_tab_its_count_for_the_list_filters(stack, desk):
    counts = stack.orders().CountOrders(pb.CountOrdersRequest(), metadata=desk["alice"], timeout=10)
    by_state = {c.state: c.order_count for c in counts.state_counts}

    assert by_state[S.ORDER_STATE_TO_REVIEW] == 2 and by_state[S.ORDER_STATE_AWAITING_PLATFORM] == 1
    assert by_state[S.ORDER_STATE_CANCELLED] == 1 and by_state[S.ORDER_STATE_EXCEPTION] == 1
    assert len(by_state) == len(OrderState) and counts.total_size == 5  # Bob's order is not Alice's
    assert [(c.reason, c.order_count) for c in counts.exception_counts] == [("BAD_PLATFORM_DATA", 1)]
    smith = stack.orders().CountOrders(pb.CountOrdersRequest(recipient_name="smi"), metadata=desk["alice"], timeout=10)
    assert smith.total_size == 1 == listed(stack, desk["alice"], recipient_name="smi").total_size


def test_a_pasted_list_of_numbers_finds_parents_and_children_and_names_the_missing(stack, desk):
    reply = listed(stack, desk["alice"], order_sns=["PO-211-1", "2-c", "", "PO-211-6", "nope"])
    assert sorted(sns(reply)) == ["1", "2"] and list(reply.missing_order_sns) == ["PO-211-6", "nope"]  # 6 is Bob's


def test_names_products_skus_and_filters_find_orders(stack, desk):
    md = desk["alice"]
    assert sns(listed(stack, md, recipient_name="SMI")) == ["1"]
    assert sns(listed(stack, desk["bob"], recipient_name="john smi")) == ["6"]
    assert sns(listed(stack, md, product_name="vase")) == ["2"]
    assert sns(listed(stack, md, seller_sku_prefix="vase-")) == ["2"]
    assert sns(listed(stack, md, labels=["soon_to_be_overdue"])) == ["1"]
    assert sns(listed(stack, md, exception_reasons=["BAD_PLATFORM_DATA"])) == ["4"]
    assert len(listed(stack, md, region_ids=[211]).orders) == 5 and not listed(stack, md, region_ids=[9]).orders
    window = pb.TimeRange(start_time=ts(NOW), end_time=ts(NOW + timedelta(hours=12)))
    assert sns(listed(stack, md, ship_by_time_range=window, order_by="ship_by_time")) == ["2", "4"]


def test_sorted_by_ship_by_pages_stay_stable_and_tokens_keep_their_sort(stack, desk):
    md, seen, token = desk["alice"], [], ""
    while True:
        reply = listed(stack, md, order_by="ship_by_time", page_size=2, page_token=token)
        seen += sns(reply)
        if not (token := reply.next_page_token):
            break
        assert violations(stack, "ListOrders", pb.ListOrdersRequest(order_by="update_time desc", page_token=token),
                          md) == {"page_token"}
    assert seen[:3] == ["2", "4", "1"] and sorted(seen[3:]) == ["3", "5"]  # no ship-by time: last


def test_hostile_searches_are_refused_naming_the_field_or_matched_literally(stack, desk):
    md = desk["alice"]
    assert violations(stack, "ListOrders", pb.ListOrdersRequest(order_sns=["1"] * 501), md) == {"order_sns"}
    assert violations(stack, "CountOrders", pb.CountOrdersRequest(order_sns=["1"] * 501), md) == {"order_sns"}
    assert violations(stack, "ListOrders", pb.ListOrdersRequest(order_by="price desc"), md) == {"order_by"}
    assert violations(stack, "ListOrders", pb.ListOrdersRequest(order_by="create_time, id"), md) == {"order_by"}
    assert violations(stack, "ListOrders", pb.ListOrdersRequest(recipient_name="%"), md) == {"recipient_name"}
    assert violations(stack, "CountOrders", pb.CountOrdersRequest(product_name="a\x00b", labels=["\n"]),
                      md) == {"product_name", "labels[0]"}
    for text in ["%%", "__", "\\\\", "sm%", "' OR 1=1 --", "Robert'); DROP TABLE orders;--", *HOSTILE_TEXT]:
        if not text.strip():
            continue  # a blank search is no search
        for field in ("recipient_name", "product_name", "seller_sku_prefix"):
            try:
                assert listed(stack, md, **{field: text}).orders == [], (field, text)
            except grpc.RpcError as err:  # control characters, too short or too long
                assert err.code() == grpc.StatusCode.INVALID_ARGUMENT, (field, text, err.details())
    assert listed(stack, md).total_size == 5


def test_wildcards_and_quotes_a_user_types_are_characters_of_the_name_they_search(stack):
    owner_id, key = stack.key_for("carol", Role.SHOP_OWNER)
    shop, md = random_shop(owner_id=owner_id), (("x-api-key", key),)

    def order(sn, name, goods, sku):
        o = random_order(shop.id, sn=f"PO-211-{sn}", lines=(replace(random_line(sku), order_sn=f"{sn}-c", goods_name=goods),))
        o.record_address(Address(name=name), NOW)
        return o

    with stack.app.uow() as uow:
        uow.shops.add(shop)
        uow.commit()
    with stack.app.uow() as uow:
        uow.orders.add_new([order("7", "100% Cotton_Shop", "50% off mug", "MUG_1"),
                            order("8", "Cotton Shop", "50 off mug", "MUGX1"),
                            order("9", "O'Brien", "mug", "MUG-9")])
        uow.commit()

    found = {text: sns(listed(stack, md, **{field: text})) for field, text in (
        ("recipient_name", "100%"), ("recipient_name", "cotton_"), ("recipient_name", "cotton%"),
        ("recipient_name", "o'b"), ("product_name", "50%"), ("seller_sku_prefix", "mug_"),
        ("seller_sku_prefix", "mug%"))}
    assert found == {"100%": ["7"], "cotton_": ["7"], "cotton%": [], "o'b": ["9"], "50%": ["7"],
                     "mug_": ["7"], "mug%": []}
    counted = stack.orders().CountOrders(pb.CountOrdersRequest(seller_sku_prefix="mug_"), metadata=md, timeout=10)
    assert counted.total_size == 1


def test_sort_fields_that_do_not_exist_are_refused_naming_order_by(stack, desk):
    for order_by in ("ship_by_time sideways", "create_time desc desc", "id", "create_time; DROP TABLE orders",
                     "temu_created_at", "CREATE_TIME", "create_time\x00"):
        assert violations(stack, "ListOrders", pb.ListOrdersRequest(order_by=order_by), desk["alice"]) == {"order_by"}, \
            order_by
