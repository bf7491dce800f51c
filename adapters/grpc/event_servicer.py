"""``erp.v1.EventService``: the change feed, paged (ListEvents) and watched (WatchEvents).

WatchEvents is an async iterator on the event loop (see ``interceptors``): it polls the feed
while the client listens, and a watcher that waits holds no thread. Its reads run in a small
pool of their own, so watchers never take the threads that serve the other calls. When the
server stops, each watch ends with UNAVAILABLE (SERVER_SHUTTING_DOWN) within a poll: the client
resumes elsewhere with its last token, and the shutdown does not wait its grace for them.
"""
from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import grpc

from adapters.grpc.admission import SHUTDOWN_RETRY_AFTER_S, Drain
from adapters.grpc.call_context import current_principal
from adapters.grpc.event_mappers import event_to_proto
from adapters.grpc.event_requests import event_query
from adapters.grpc.gen.erp.v1 import event_service_pb2 as pb, event_service_pb2_grpc as pb_grpc
from adapters.grpc.server_factory import ExtraService
from application.events.read_events import MAX_PAGE_SIZE, EventQuery, ReadEvents
from domain.errors import Unavailable

EVENT_SERVICE = pb.DESCRIPTOR.services_by_name["EventService"].full_name
POLL_S = 0.2  # how often a caught-up watcher looks again (the sequencer runs every 0.05 s)
PROGRESS_S = 5.0  # the longest a watcher's resume token lags while the filter leaves events out
READ_THREADS = 4


def event_services(events: ReadEvents, drain: Drain | None = None) -> list[ExtraService]:
    servicer = EventServicer(events, drain=drain)
    return [ExtraService(EVENT_SERVICE, lambda server: pb_grpc.add_EventServiceServicer_to_server(servicer, server))]


class EventServicer(pb_grpc.EventServiceServicer):
    def __init__(self, events: ReadEvents, *, drain: Drain | None = None, poll_s: float = POLL_S,
                 progress_s: float = PROGRESS_S) -> None:
        self._events, self._drain, self._poll_s, self._progress_s = events, drain, poll_s, progress_s
        self._reads = ThreadPoolExecutor(max_workers=READ_THREADS, thread_name_prefix="erp-feed")

    def ListEvents(self, request: pb.ListEventsRequest, context: grpc.ServicerContext) -> pb.ListEventsResponse:
        query = event_query(request, current_principal())
        page = self._events.execute(query, self._events.start(query))
        return pb.ListEventsResponse(events=[event_to_proto(e) for e in page.events],
                                     resume_token=page.resume_token, caught_up=page.caught_up)

    def WatchEvents(self, request: pb.WatchEventsRequest,
                    context: grpc.ServicerContext) -> AsyncIterator[pb.WatchEventsResponse]:
        query = replace(event_query(request, current_principal()), page_size=MAX_PAGE_SIZE)
        return self._watch(query, self._events.start(query))

    async def _watch(self, query: EventQuery, after: int) -> AsyncIterator[pb.WatchEventsResponse]:
        """Reads the next page while the last one is sent: the read and its mapping run in the
        pool, the sending in gRPC's core."""
        loop, told, last_sent = asyncio.get_running_loop(), after, time.monotonic()
        pending = loop.run_in_executor(self._reads, self._page, query, after)
        try:
            while not (self._drain is not None and self._drain.closing):
                response, after, caught_up = await pending
                pending = None if caught_up else loop.run_in_executor(self._reads, self._page, query, after)
                if response.events or (after > told and time.monotonic() - last_sent >= self._progress_s):
                    yield response
                    told, last_sent = after, time.monotonic()
                if pending is None:
                    await asyncio.sleep(self._poll_s)
                    pending = loop.run_in_executor(self._reads, self._page, query, after)
        finally:
            if pending is not None:  # the client left, or the server stops: nobody waits for it
                pending.cancel()
        raise Unavailable("The server is shutting down: watch again, on another server, from the resume "
                          "token of the last event you handled.", reason="SERVER_SHUTTING_DOWN",
                          retry_after_s=SHUTDOWN_RETRY_AFTER_S)

    def _page(self, query: EventQuery, after: int) -> tuple[pb.WatchEventsResponse, int, bool]:
        page = self._events.execute(query, after)
        response = pb.WatchEventsResponse(events=[event_to_proto(e) for e in page.events],
                                          resume_token=page.resume_token)
        return response, page.resume_after, page.caught_up
