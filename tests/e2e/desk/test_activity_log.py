"""Issue 13, the activity log: who changed what, when, before and after; the syncs' changes as
``system``; per order, per shop and per principal, paged; shop owners see only their shops'."""
from __future__ import annotations

import grpc

from adapters.grpc.gen.erp.v1 import order_desk_service_pb2 as dpb, order_pb2, order_service_pb2 as opb
from tests.e2e.desk.desk_helpers import desk, owner_key, refused, synced_shop, tag
from tests.e2e.orders.sync_helpers import eventually, wait_done


def entries(stack, md=None, page_size=0, **filters) -> list[dpb.ActivityEntry]:
    out, token = [], ""
    while True:
        page = desk(stack).ListActivity(dpb.ListActivityRequest(page_size=page_size, page_token=token, **filters),
                                        metadata=md or stack.md())
        out += list(page.entries)
        token = page.next_page_token
        if not token:
            return out


def test_a_sync_records_each_order_it_creates_and_each_change_it_makes_with_before_and_after(stack):
    shop, orders = synced_shop(stack, "Synced", orders=12)
    by_system = entries(stack, shop=shop, actor="system")
    assert sorted(e.subject for e in by_system if e.action == "order.created") == sorted(orders)
    fetched = [e for e in by_system if e.action == "order.updated"]  # to-ship orders get their address
    assert all([c.field for c in e.changes] == ["address_fetched_at"] for e in fetched)
    order = stack.orders().ListOrders(opb.ListOrdersRequest(
        shops=[shop], temu_statuses=[order_pb2.TEMU_ORDER_STATUS_UN_SHIPPING]), metadata=stack.md()).orders[0]
    stack.temu.cancel_order(order.parent_order_sn)
    run = stack.orders().SyncShopOrders(opb.SyncShopOrdersRequest(shop=shop), metadata=stack.md())
    assert wait_done(stack, run.name).done

    def state_changes():
        return [e for e in entries(stack, order=order.name)
                if e.action == "order.updated" and any(c.field == "state" for c in e.changes)]

    changed = eventually(state_changes)  # the periodic sync may be the one that sees it
    assert len(changed) == 1
    changes = {c.field: (c.before, c.after) for c in changed[0].changes}
    assert changes["state"][1] == "CANCELLED" and changes["temu_status"] == (str(order.temu_status_code), "3")
    assert changed[0].actor == "system" and changed[0].shop == shop
    assert entries(stack, order=order.name)[-1].action == "order.created"


def test_api_changes_name_their_author_and_list_per_principal_newest_first_in_pages(stack):
    shop, orders = synced_shop(stack, "By hand", orders=3)
    urgent = tag(stack, "Urgent")
    desk(stack).TagOrders(dpb.TagOrdersRequest(orders=orders, tags=[urgent]), metadata=stack.md())
    desk(stack).AddOrderNote(dpb.AddOrderNoteRequest(order=orders[0], text="checked"), metadata=stack.md())
    desk(stack).UpdateTag(dpb.UpdateTagRequest(name=urgent, display_name="Rush"), metadata=stack.md())
    mine = entries(stack, page_size=2, actor=_me(stack))
    assert [e.action for e in mine] == ["tag.updated", "order.note_added", *["order.tagged"] * 3, "tag.created"]
    assert {(c.field, c.before, c.after) for c in mine[0].changes} == {("name", "Urgent", "Rush")}
    tagged = [e for e in mine if e.action == "order.tagged"]
    assert {(c.field, c.before, c.after) for e in tagged for c in e.changes} == {("tags", "", "Urgent")}
    assert [e.action for e in entries(stack, order=orders[0])][:2] == ["order.note_added", "order.tagged"]


def test_shop_owners_see_only_their_shops_entries(stack):
    owner, md = owner_key(stack)
    my_shop, mine = synced_shop(stack, "Mine", orders=2, owner=owner, seed=5)
    their_shop, theirs = synced_shop(stack, "Theirs", orders=2, seed=6)
    urgent = tag(stack, "Urgent")
    desk(stack).TagOrders(dpb.TagOrdersRequest(orders=[*mine, *theirs], tags=[urgent]), metadata=stack.md())
    seen = entries(stack, md)
    assert {e.shop for e in seen} == {my_shop}
    assert {e.action for e in seen} <= {"order.created", "order.updated", "order.tagged"}  # no tag.created
    assert len(entries(stack, md, actor=_me(stack))) == 2  # the admin's tagging, of my orders only
    assert refused(desk(stack).ListActivity, dpb.ListActivityRequest(shop=their_shop), md)[0] == \
        grpc.StatusCode.NOT_FOUND
    assert refused(desk(stack).ListActivity, dpb.ListActivityRequest(order=theirs[0]), md)[0] == \
        grpc.StatusCode.NOT_FOUND


def _me(stack) -> str:
    with stack.app.uow() as uow:
        principal = uow.principals.by_api_key(stack.admin_key)
    return f"principals/{principal.id}"
