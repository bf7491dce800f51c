"""Issue 13, notes and tags: the merchant's tag list, tags on one order or 500, notes with their
author, ListOrders by tag; shop owners only on their shops' orders; hostile input refused."""
from __future__ import annotations

import uuid

import grpc

from adapters.grpc.gen.erp.v1 import order_desk_service_pb2 as dpb, order_service_pb2 as opb
from tests.e2e.desk.desk_helpers import desk, owner_key, refused, synced_shop, tag
from tests.e2e.orders.sync_helpers import all_orders
from tests.integration.persistence.builders import random_order, random_shop


def test_a_tag_goes_on_many_orders_at_once_each_answered_and_list_orders_filters_by_it(stack):
    shop, orders = synced_shop(stack, "Tagged", orders=12)
    urgent, gift = tag(stack, "Urgent", "#ff0000"), tag(stack, "Gift")
    unknown = "orders/0190c1e2-0000-7000-8000-000000000000"
    answer = desk(stack).TagOrders(dpb.TagOrdersRequest(orders=[*orders[:5], unknown], tags=[urgent, gift]),
                                   metadata=stack.md())
    by_order = {o.order: o for o in answer.outcomes}
    assert all(by_order[o].done and set(by_order[o].tags) == {urgent, gift} for o in orders[:5])
    assert not by_order[unknown].done and by_order[unknown].reason == "ORDER_NOT_FOUND"
    assert {o.name for o in all_orders(stack, shop, tags=[urgent])} == set(orders[:5])

    desk(stack).UntagOrders(dpb.UntagOrdersRequest(orders=orders[:2], tags=[urgent]), metadata=stack.md())
    assert {o.name for o in all_orders(stack, shop, tags=[urgent])} == set(orders[2:5])
    assert {o.name for o in all_orders(stack, shop, tags=[urgent, gift])} == set(orders[:5])


def test_the_tag_list_is_renamed_recoloured_and_deleted_and_names_are_unique_ignoring_case(stack):
    _, orders = synced_shop(stack, "Tag list", orders=3)
    name = tag(stack, "Fragile", "#00AA00")
    assert refused(desk(stack).CreateTag, dpb.CreateTagRequest(display_name="fragile"), stack.md())[2] == \
        "TAG_NAME_TAKEN"
    renamed = desk(stack).UpdateTag(dpb.UpdateTagRequest(name=name, display_name="Glass", clear_color=True),
                                    metadata=stack.md()).tag
    assert (renamed.display_name, renamed.color) == ("Glass", "")
    listed = desk(stack).ListTags(dpb.ListTagsRequest(), metadata=stack.md()).tags
    assert [t.display_name for t in listed] == ["Glass"]
    desk(stack).TagOrders(dpb.TagOrdersRequest(orders=orders, tags=[name]), metadata=stack.md())
    desk(stack).DeleteTag(dpb.DeleteTagRequest(name=name), metadata=stack.md())
    assert not desk(stack).ListTags(dpb.ListTagsRequest(), metadata=stack.md()).tags
    assert refused(desk(stack).DeleteTag, dpb.DeleteTagRequest(name=name), stack.md())[0] == grpc.StatusCode.NOT_FOUND


def test_notes_keep_their_author_and_time_newest_first_and_a_repeated_request_id_adds_one(stack):
    _, orders = synced_shop(stack, "Notes", orders=2)
    owner, _ = owner_key(stack)
    rid = str(uuid.uuid4())
    first = desk(stack).AddOrderNote(dpb.AddOrderNoteRequest(order=orders[0], text="  customer called  ",
                                                             request_id=rid), metadata=stack.md()).note
    again = desk(stack).AddOrderNote(dpb.AddOrderNoteRequest(order=orders[0], text="  customer called  ",
                                                             request_id=rid), metadata=stack.md()).note
    desk(stack).AddOrderNote(dpb.AddOrderNoteRequest(order=orders[0], text="多语言 ok\nsecond line"),
                             metadata=stack.md())
    assert again.name == first.name and first.text == "customer called"
    assert first.author.startswith("principals/") and first.create_time.seconds > 0
    notes = desk(stack).ListOrderNotes(dpb.ListOrderNotesRequest(order=orders[0]), metadata=stack.md())
    assert [n.text for n in notes.notes] == ["多语言 ok\nsecond line", "customer called"]
    code, fields, reason = refused(desk(stack).AddOrderNote, dpb.AddOrderNoteRequest(
        order=orders[0], text="other text", request_id=rid), stack.md())
    assert (code, reason) == (grpc.StatusCode.INVALID_ARGUMENT, "REQUEST_ID_REUSED")


def test_shop_owners_tag_and_annotate_only_their_shops_orders_and_see_others_as_absent(stack):
    owner, md = owner_key(stack)
    _, mine = synced_shop(stack, "Mine", orders=3, owner=owner, seed=3)
    _, theirs = synced_shop(stack, "Theirs", orders=3, seed=4)
    urgent = tag(stack, "Urgent")
    answer = desk(stack).TagOrders(dpb.TagOrdersRequest(orders=[mine[0], theirs[0]], tags=[urgent]), metadata=md)
    assert [(o.order, o.done, o.reason) for o in answer.outcomes] == [(mine[0], True, ""),
                                                                       (theirs[0], False, "ORDER_NOT_FOUND")]
    assert refused(desk(stack).AddOrderNote, dpb.AddOrderNoteRequest(order=theirs[0], text="hi"), md)[0] == \
        grpc.StatusCode.NOT_FOUND
    assert refused(desk(stack).ListOrderNotes, dpb.ListOrderNotesRequest(order=theirs[0]), md)[0] == \
        grpc.StatusCode.NOT_FOUND
    listed = stack.orders().ListOrders(opb.ListOrdersRequest(tags=[urgent]), metadata=md).orders
    assert [o.name for o in listed] == [mine[0]]
    assert refused(desk(stack).CreateTag, dpb.CreateTagRequest(display_name="Mine"), md)[2] == "ADMIN_ONLY"


def test_hostile_input_is_invalid_argument_naming_the_field(stack):
    _, orders = synced_shop(stack, "Hostile", orders=1)
    urgent, d, md = tag(stack, "Urgent"), desk(stack), stack.md()
    too_many = [f"orders/o{i}" for i in range(501)]
    cases = [
        (d.TagOrders, dpb.TagOrdersRequest(orders=too_many, tags=[urgent]), "orders"),
        (d.TagOrders, dpb.TagOrdersRequest(orders=orders, tags=["tags/nope"]), "tags[0]"),
        (d.TagOrders, dpb.TagOrdersRequest(orders=orders), "tags"),
        (d.UntagOrders, dpb.UntagOrdersRequest(orders=["orders/../x"], tags=[urgent]), "orders[0]"),
        (d.AddOrderNote, dpb.AddOrderNoteRequest(order=orders[0], text="   "), "text"),
        (d.AddOrderNote, dpb.AddOrderNoteRequest(order=orders[0], text="x" * 4001), "text"),
        (d.AddOrderNote, dpb.AddOrderNoteRequest(order=orders[0], text="y" * 1_000_000), "text"),
        (d.AddOrderNote, dpb.AddOrderNoteRequest(order=orders[0], text="bell\x07"), "text"),
        (d.CreateTag, dpb.CreateTagRequest(display_name="x" * 65), "display_name"),
        (d.CreateTag, dpb.CreateTagRequest(display_name="Red", color="red"), "color"),
        (d.ListActivity, dpb.ListActivityRequest(actor="root"), "actor"),
        (stack.orders().ListOrders, opb.ListOrdersRequest(tags=["tags/nope"]), "tags[0]"),
    ]
    for call, request, field in cases:
        code, fields, _ = refused(call, request, md)
        assert code == grpc.StatusCode.INVALID_ARGUMENT and field in fields, (request, fields)
    assert not d.ListOrderNotes(dpb.ListOrderNotesRequest(order=orders[0]), metadata=md).notes


def test_a_repeated_tag_request_answers_again_without_tagging_again(stack):
    shop, orders = synced_shop(stack, "Repeat", orders=2)
    urgent, d, md = tag(stack, "Urgent"), desk(stack), stack.md()
    rid = str(uuid.uuid4())
    first = d.TagOrders(dpb.TagOrdersRequest(orders=orders, tags=[urgent], request_id=rid), metadata=md)
    d.UntagOrders(dpb.UntagOrdersRequest(orders=orders[:1], tags=[urgent]), metadata=md)
    again = d.TagOrders(dpb.TagOrdersRequest(orders=orders, tags=[urgent], request_id=rid), metadata=md)
    assert [(o.order, o.done) for o in again.outcomes] == [(o.order, o.done) for o in first.outcomes]
    assert {o.name for o in all_orders(stack, shop, tags=[urgent])} == {orders[1]}  # not tagged again
    assert refused(d.TagOrders, dpb.TagOrdersRequest(orders=orders[:1], tags=[urgent], request_id=rid), md)[2] == \
        "REQUEST_ID_REUSED"


def test_five_hundred_orders_are_tagged_in_one_call_each_answered(stack):
    shop = random_shop()
    orders = [random_order(shop.id) for _ in range(500)]
    with stack.app.uow() as uow:
        uow.shops.add(shop)
        uow.commit()
    with stack.app.uow() as uow:
        uow.orders.add_new(orders)
        uow.commit()
    bulk = tag(stack, "Bulk")
    names = [f"orders/{o.id}" for o in orders]

    answer = desk(stack).TagOrders(dpb.TagOrdersRequest(orders=names, tags=[bulk], request_id=str(uuid.uuid4())),
                                   metadata=stack.md(), timeout=60)

    assert [o.order for o in answer.outcomes] == names and all(o.done for o in answer.outcomes)
    assert len(all_orders(stack, f"shops/{shop.id}", tags=[bulk])) == 500
