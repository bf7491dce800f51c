"""Every domain event has a public feed type and a data message: a new event cannot reach the
feed unnamed, and the feed never shows a field the payload does not have."""
from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

import pytest

import domain.events as events
from adapters.grpc.event_mappers import DATA, event_to_proto
from application.events.catalog import PUBLIC_TYPES, stored_types
from application.events.read_events import EventView
from application.events.tokens import feed_position, feed_token
from domain.errors import ValidationFailed

DOMAIN_EVENTS = [c for c in vars(events).values() if isinstance(c, type) and issubclass(c, events.Event)
                 and c is not events.Event]


@pytest.mark.parametrize("event", DOMAIN_EVENTS, ids=lambda c: c.__name__)
def test_each_domain_event_has_a_public_type_a_data_message_and_a_shop(event):
    public = PUBLIC_TYPES[event.__name__]
    assert public in DATA and "shop_id" in {f.name for f in dataclasses.fields(event)}
    payload = {f.name: 2 if f.type == "int" else "x" for f in dataclasses.fields(event)}
    message = event_to_proto(EventView(7, feed_token(7), public, "s1", datetime.now(timezone.utc), payload))
    assert message.WhichOneof("data") == public.replace(".", "_") and message.shop == "shops/s1"


def test_families_ask_for_every_type_of_a_resource():
    assert set(stored_types(("order.*",))) == {"OrderImported", "OrderStateChanged", "OrderStoppedOnTemu",
                                              "OrderAddressChanged", "OrderShippedOnTemu"}
    assert stored_types(("shop.authorized", "shop.*"))[0] == "ShopAuthorized"
    with pytest.raises(ValidationFailed):
        stored_types(("orders.*",))


def test_a_resume_token_names_its_position_and_nothing_else_passes_for_one():
    assert feed_position(feed_token(123_456_789)) == 123_456_789
    for forged in ("", "MTIz", feed_token(5)[:-2], "ZmVlZDE6LTE", "ZmVlZDE6MTIzYQ"):
        with pytest.raises(ValidationFailed):
            feed_position(forged)


def test_every_actor_an_event_sets_going_is_bound_to_the_workers_broker():
    from adapters.queue.actors import all_actors
    from adapters.queue.handlers import ROUTES

    bound = {a.actor_name for a in all_actors()}
    routed = {h.actor_name for handlers in ROUTES.values() for h, _ in handlers if hasattr(h, "actor_name")}
    assert routed - bound == set(), "a handler the worker's broker would never run"
