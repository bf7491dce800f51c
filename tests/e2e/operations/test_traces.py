"""Issue 14, item 3: one trace from the RPC, through the outbox, into the worker's actor and its
calls to Temu and the database (OpenTelemetry, spans kept in memory)."""
from __future__ import annotations

from opentelemetry.trace import SpanKind

from tests.e2e.orders.sync_helpers import authorize, eventually, sandbox_shop, wait_done


def test_authorize_shop_and_its_history_sync_are_one_trace(observed):
    _, token = sandbox_shop(observed, orders=30)
    wait_done(observed, authorize(observed, "Traced", token).history_sync_operation)

    def spans_named(name: str) -> list:
        return [s for s in observed.spans.get_finished_spans() if s.name == name]

    [rpc] = spans_named("/erp.v1.ShopService/AuthorizeShop")
    sends = eventually(lambda: spans_named("outbox send SyncRunCreated"))  # the history's, then its catch-up's
    [relayed] = [s for s in sends if s.parent is not None and s.parent.trace_id == rpc.context.trace_id
                 and s.parent.span_id == rpc.context.span_id]
    [actor, *_] = eventually(lambda: spans_named("orders.sync_history"))
    assert rpc.kind is SpanKind.SERVER and relayed.kind is SpanKind.PRODUCER and actor.kind is SpanKind.CONSUMER
    assert actor.parent.span_id == relayed.context.span_id
    spans = observed.spans.get_finished_spans()
    assert [s.name for s in spans if s.kind is SpanKind.CLIENT and s.parent is None] == [], \
        "no SQL statement starts a trace of its own (the relay's and the scheduler's polls)"
    trace = [s for s in spans if s.context.trace_id == rpc.context.trace_id]
    under_actor = descendants(trace, actor)
    assert any(s.kind is SpanKind.CLIENT and s.attributes.get("http.request.method", s.attributes.get("http.method"))
               == "POST" for s in under_actor), "the actor's Temu calls are in the trace"
    assert any(s.attributes.get("db.system", s.attributes.get("db.system.name")) for s in under_actor), \
        "the actor's SQL statements are in the trace"
    token_check = [s for s in trace if s.kind is SpanKind.CLIENT and s.parent.span_id == rpc.context.span_id]
    assert token_check, "the RPC's own call to Temu (the token check) is in the trace"


def descendants(spans: list, root) -> list:
    """Every span below ``root`` (an actor that sends itself again continues below it)."""
    found, ids = [], {root.context.span_id}
    for span in sorted(spans, key=lambda s: s.start_time):
        if span.parent is not None and span.parent.span_id in ids:
            found.append(span)
            ids.add(span.context.span_id)
    return found
