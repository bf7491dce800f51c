"""What a change-feed client does: produce events from several threads, and watch them while
dropping the connection at random points, resuming from the last event it handled."""
from __future__ import annotations

import random
import threading
import time

import grpc

from adapters.grpc.gen.erp.v1 import event_service_pb2 as pb, event_service_pb2_grpc as pb_grpc
from adapters.persistence.outbox import store_events
from domain.events import OrderStateChanged


# Longer than three of the sequencer's passes (every 50 ms when idle): a later id is placed in
# the feed while this earlier one is still uncommitted.
STRADDLE_S = 0.15


def produce(session_factory, producer: int, count: int, seed: int, hold_s: float, most: int = 60) -> None:
    """``count`` events in transactions of 1 to ``most``, each held open up to ``hold_s`` after its
    inserts and one in twenty for ``STRADDLE_S``, so that on PostgreSQL transactions commit out of
    id order, across the sequencer's passes too."""
    rng, n = random.Random(seed), 0
    while n < count:
        size = min(rng.randint(1, most), count - n)
        with session_factory() as session:
            store_events(session, [OrderStateChanged(f"p{producer}-{n + i}", "TO_REVIEW", "ASSIGNED", "feed-shop",
                                                     f"PO-{producer}-{n + i}", "assigned") for i in range(size)])
            if hold_s:
                time.sleep(STRADDLE_S if rng.random() < 0.05 else rng.random() * hold_s)
            session.commit()
        n += size


def produce_concurrently(session_factory, producers: int, total: int, hold_s: float) -> list[threading.Thread]:
    threads = [threading.Thread(target=produce, args=(session_factory, p, total // producers, p, hold_s), daemon=True)
               for p in range(producers)]
    for t in threads:
        t.start()
    return threads


def watch_with_drops(channel: grpc.Channel, metadata, total: int, seed: int, max_run: int = 700,
                     give_up_s: float = 60) -> tuple[list[str], int]:
    """Order ids of ``total`` events received over WatchEvents, each connection dropped after a
    random number of events (often in the middle of a response); and the connections made."""
    stub, rng = pb_grpc.EventServiceStub(channel), random.Random(seed)
    received: list[str] = []
    token, connections, deadline = "", 0, time.monotonic() + give_up_s
    while len(received) < total and time.monotonic() < deadline:
        connections, had = connections + 1, len(received)
        budget = rng.randint(1, max_run)
        call = stub.WatchEvents(pb.WatchEventsRequest(resume_token=token, event_types=["order.*"]),
                                metadata=metadata, timeout=30)
        try:
            for response in call:
                if not response.events:
                    token = response.resume_token
                for event in response.events:
                    received.append(event.order_state_changed.order)
                    token, budget = event.resume_token, budget - 1
                    if budget == 0:
                        break
                if budget == 0 or len(received) >= total:
                    break
        except grpc.RpcError as err:
            if err.code() is not grpc.StatusCode.DEADLINE_EXCEEDED:
                raise
        finally:
            call.cancel()
        if len(received) > had:  # gives up only after give_up_s without a single event
            deadline = time.monotonic() + give_up_s
    return received, connections
