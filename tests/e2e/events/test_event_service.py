"""EventService over gRPC: what a new integrator sees after authorizing a shop, who sees what,
and the refusals a person can act on."""
from __future__ import annotations

import time

import grpc
import pytest

from adapters.grpc.gen.erp.v1 import event_service_pb2 as pb, event_service_pb2_grpc as pb_grpc
from adapters.grpc.gen.erp.v1 import order_service_pb2 as opb
from domain.principal import Role
from tests.e2e.orders.sync_helpers import authorize, sandbox_shop, wait_done
from tests.unit.grpc.rich_status import rich_status


def events(stack, key: str | None = None, **request) -> pb.ListEventsResponse:
    return pb_grpc.EventServiceStub(stack.channel).ListEvents(pb.ListEventsRequest(**request), metadata=stack.md(key))


def all_events(stack, key: str | None = None, resume_token: str = "", **request) -> list[pb.Event]:
    """Every event so far after ``resume_token``, page by page."""
    found, token = [], resume_token
    while True:
        page = events(stack, key, resume_token=token, page_size=50, **request)
        found += page.events
        token = page.resume_token
        if page.caught_up:
            return found


def settled(stack, count_at_least: int, done=lambda found: True, **request) -> list[pb.Event]:
    deadline = time.monotonic() + 30
    while (len(found := all_events(stack, **request)) < count_at_least or not done(found)) \
            and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


def test_authorizing_a_shop_shows_the_shop_then_its_history_sync_and_each_imported_order(stack):
    mall, token = sandbox_shop(stack, orders=12)
    shop = authorize(stack, "Feed US", token)
    wait_done(stack, shop.history_sync_operation)

    # NOTE: orders of the authorization's own second come with the catch-up run after the history
    deadline = time.monotonic() + 30
    while len(orders := stack.orders().ListOrders(opb.ListOrdersRequest(page_size=100), metadata=stack.md()).orders) \
            < len(stack.temu.orders(mall, 211)) and time.monotonic() < deadline:
        time.sleep(0.1)
    found = settled(stack, 3 + len(orders), lambda found: sum(e.type == "order.imported" for e in found) >= len(orders))
    types = [e.type for e in found]
    assert types[:2] == ["shop.authorized", "operation.created"] and len(orders) >= 10
    assert found[1].operation_created.operation == shop.history_sync_operation
    assert any(e.operation_finished.operation == shop.history_sync_operation for e in found)
    assert all(e.shop == shop.shop.name for e in found)
    imported = {e.order_imported.order: e.order_imported for e in found if e.type == "order.imported"}
    assert imported.keys() == {o.name for o in orders} and types.count("order.imported") == len(orders)
    assert all(imported[o.name].parent_order_sn == o.parent_order_sn and imported[o.name].state == o.state
               for o in orders)
    only_orders = all_events(stack, event_types=["order.*"], shops=[shop.shop.name])
    assert [e.id for e in only_orders] == [e.id for e in found if e.type.startswith("order.")]


def test_a_shop_owner_sees_only_the_events_of_their_own_shops(stack):
    _, token = sandbox_shop(stack)
    authorize(stack, "Admin's shop", token)
    owner_id, owner_key = stack.key_for("Olga", Role.SHOP_OWNER)
    assert settled(stack, 2) and all_events(stack, owner_key) == []
    assert all_events(stack, owner_key, from_now=True) == []


def test_reading_on_from_an_event_token_gives_every_later_event_once(stack):
    _, token = sandbox_shop(stack)
    authorize(stack, "First", token)
    first = settled(stack, 2)
    _, token = sandbox_shop(stack)
    second = authorize(stack, "Second", token)
    # the first shop's sync may still add events: wait for the second shop's own, not a count
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not any(
            e.type == "shop.authorized" and e.shop == second.shop.name for e in all_events(stack)):
        time.sleep(0.1)

    resumed = all_events(stack, resume_token=first[-1].resume_token)
    everything = all_events(stack)  # read last: the syncs go on adding events
    assert [e.id for e in resumed] == [e.id for e in everything[len(first):len(first) + len(resumed)]]
    assert any(e.type == "shop.authorized" and e.shop == second.shop.name for e in resumed)


def watch_first(stack, **request) -> pb.WatchEventsResponse:
    return next(iter(pb_grpc.EventServiceStub(stack.channel).WatchEvents(
        pb.WatchEventsRequest(**request), metadata=stack.md(), timeout=10)))


@pytest.mark.parametrize("request_fields, field", [
    ({"resume_token": "not-a-token"}, "resume_token"),
    ({"event_types": ["order.teleported"]}, "event_types[0]"),
    ({"shops": ["orders/1"]}, "shops[0]"),
])
def test_bad_requests_are_invalid_argument_naming_the_field_on_both_methods(stack, request_fields, field):
    for call in (events, watch_first):
        with pytest.raises(grpc.RpcError) as refused:
            call(stack, **request_fields)
        assert refused.value.code() is grpc.StatusCode.INVALID_ARGUMENT, refused.value.details()
        assert [v.field for v in rich_status(refused.value)[1]["BadRequest"].field_violations] == [field]
    if field == "resume_token":
        assert rich_status(refused.value)[1]["ErrorInfo"].reason == "INVALID_RESUME_TOKEN"


def test_a_negative_page_size_is_invalid_argument(stack):
    with pytest.raises(grpc.RpcError) as refused:
        events(stack, page_size=-1)
    assert [v.field for v in rich_status(refused.value)[1]["BadRequest"].field_violations] == ["page_size"]
