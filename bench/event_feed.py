"""WatchEvents: how fast one client gets a backlog, and whether 20 clients keep up with a live feed.

    python -m bench.event_feed [--db sqlite|postgresql+psycopg://…/empty_db] [--backlog 20000]
                               [--clients 20] [--rate 500] [--seconds 10]

1. Backlog: ``--backlog`` events stored and placed in the feed, then one client watches from the
   start until it has them all: events/s (target 5,000), against the bare database read of the
   same events in this process (``SqlEventFeed.read`` pages of 1,000: the ceiling).
2. Live: ``--clients`` clients watch from now while this process stores ``--rate`` events/s for
   ``--seconds`` (transactions of 10). Each client must get every event; reported: the events
   delivered per second over all clients, and each event's lag from its commit to its arrival.
The server is ``server.py serve`` in its own process (its embedded broker runs the sequencer).
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time

import grpc

from adapters.grpc.gen.erp.v1 import event_service_pb2 as pb, event_service_pb2_grpc as pb_grpc
from adapters.persistence.engine import make_engine, make_session_factory
from adapters.persistence.event_feed import SqlEventFeed
from adapters.persistence.keyring import Keyring
from adapters.persistence.outbox import store_events
from adapters.queue.sequencer import FeedSequencer
from application.ports.event_feed import EventFilter
from bench.harness import server_process
from bench.shop_rpc_load import seed
from domain.events import OrderStateChanged


def store(engine, start: int, count: int, shop_id: str) -> None:
    with make_session_factory(engine)() as session:
        store_events(session, [OrderStateChanged(f"o{n}", "TO_REVIEW", "ASSIGNED", shop_id, f"PO-{n}", "assigned")
                               for n in range(start, start + count)])
        session.commit()


def bare_read_rate(engine, total: int) -> float:
    feed, after, got, started = SqlEventFeed(engine), 0, 0, time.perf_counter()
    while got < total:
        page = feed.read(after, EventFilter(), 1000)
        got, after = got + len(page.events), page.resume_after
    return total / (time.perf_counter() - started)


async def watch(stub, md, total: int, request: pb.WatchEventsRequest, arrivals: list[float] | None = None) -> float:
    """Seconds until ``total`` events arrived; each arrival time appended to ``arrivals``."""
    started, got = time.perf_counter(), 0
    call = stub.WatchEvents(request, metadata=md)
    async for response in call:
        got += len(response.events)
        if arrivals is not None:
            arrivals.extend([time.time()] * len(response.events))
        if got >= total:
            break
    call.cancel()
    return time.perf_counter() - started


async def live(address: str, md, engine, shop_id: str, clients: int, rate: int, seconds: float) -> dict:
    total = int(rate * seconds) // 10 * 10
    committed: list[float] = []
    async with grpc.aio.insecure_channel(address) as channel:
        stub = pb_grpc.EventServiceStub(channel)
        arrivals: list[list[float]] = [[] for _ in range(clients)]
        now = (await stub.ListEvents(pb.ListEventsRequest(from_now=True), metadata=md)).resume_token
        watchers = [asyncio.create_task(watch(stub, md, total, pb.WatchEventsRequest(resume_token=now), arrivals[i]))
                    for i in range(clients)]
        started = time.perf_counter()
        for n in range(0, total, 10):
            await asyncio.to_thread(store, engine, 10_000_000 + n, 10, shop_id)
            committed.extend([time.time()] * 10)
            await asyncio.sleep(max(0.0, started + (n + 10) / rate - time.perf_counter()))
        await asyncio.wait_for(asyncio.gather(*watchers), timeout=60)
        elapsed = time.perf_counter() - started
    lags = sorted(a - c for client in arrivals for a, c in zip(client, committed))
    return {"events": total, "delivered_per_s": total * clients / elapsed,
            "lag_p50_s": statistics.median(lags), "lag_p99_s": lags[int(len(lags) * 0.99)], "lag_max_s": lags[-1]}


def main() -> int:
    args = _parser().parse_args()
    url = f"sqlite:///{tempfile.mkdtemp(prefix='erp-bench-')}/feed.db" if args.db == "sqlite" else args.db
    keyring = Keyring.generate("k1")
    key, (shop_id,) = seed(url, keyring, 1)
    engine = make_engine(url)
    for start in range(0, args.backlog, 1000):
        store(engine, start, 1000, shop_id)
    while FeedSequencer(engine).sequence_once():
        pass
    ceiling = bare_read_rate(engine, args.backlog)
    md = (("x-api-key", key),)
    with server_process(url, keyring, args.port) as address:
        async def backlog() -> float:
            async with grpc.aio.insecure_channel(address) as channel:
                return await watch(pb_grpc.EventServiceStub(channel), md, args.backlog + 1,  # + ShopAuthorized
                                   pb.WatchEventsRequest())
        one = (args.backlog + 1) / asyncio.run(backlog())
        many = asyncio.run(live(address, md, engine, shop_id, args.clients, args.rate, args.seconds))
    engine.dispose()
    backend = "sqlite" if args.db == "sqlite" else "postgresql"
    print(f"backend={backend} backlog={args.backlog}: one client {one:,.0f} events/s = {one / 5000:.2f}x the "
          f"5,000 target, {one / ceiling:.2f}x the bare database read ({ceiling:,.0f} events/s)")
    print(f"backend={backend} live: {args.clients} clients x {many['events']} events at {args.rate}/s: all "
          f"delivered, {many['delivered_per_s']:,.0f} events/s in all; lag p50 {many['lag_p50_s'] * 1000:.0f} ms, "
          f"p99 {many['lag_p99_s'] * 1000:.0f} ms, max {many['lag_max_s'] * 1000:.0f} ms")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser()
    p.add_argument("--db", default="sqlite")
    p.add_argument("--backlog", type=int, default=20_000)
    p.add_argument("--clients", type=int, default=20)
    p.add_argument("--rate", type=int, default=500)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--port", type=int, default=50390)
    return p


if __name__ == "__main__":
    raise SystemExit(main())
