"""Traces through the broker: a message carries the trace context current when it was sent
(the outbox relay sets the RPC's, see ``relay.py``), and the worker runs the actor in a span
that continues it. Added to the broker only when tracing is on (``build_broker``)."""
from __future__ import annotations

import threading
from typing import Any

import dramatiq
from opentelemetry import context as otel_context
from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

OPTION = "trace_context"  # the message option holding the W3C carrier


class TracingMiddleware(dramatiq.Middleware):
    def __init__(self, tracer: trace.Tracer) -> None:
        self._tracer = tracer
        self._open = threading.local()  # NOTE: a worker thread processes one message at a time

    def before_enqueue(self, broker: dramatiq.Broker, message: dramatiq.Message, delay: int | None) -> None:
        carrier: dict[str, str] = {}
        propagate.inject(carrier)
        if carrier:
            message.options[OPTION] = carrier

    def before_process_message(self, broker: dramatiq.Broker, message: dramatiq.Message) -> None:
        parent = propagate.extract(message.options.get(OPTION) or {})
        span = self._tracer.start_span(message.actor_name, context=parent, kind=SpanKind.CONSUMER, attributes={
            "messaging.system": "dramatiq", "messaging.destination.name": message.queue_name,
            "messaging.message.id": message.message_id, "erp.retries": message.options.get("retries", 0)})
        self._open.span = span, otel_context.attach(trace.set_span_in_context(span, parent))

    def after_process_message(self, broker: dramatiq.Broker, message: dramatiq.Message, *, result: Any = None,
                              exception: BaseException | None = None) -> None:
        opened = getattr(self._open, "span", None)
        if opened is None:
            return
        self._open.span = None
        span, token = opened
        if exception is not None:
            span.record_exception(exception)
            span.set_status(Status(StatusCode.ERROR, type(exception).__name__))
        span.end()
        otel_context.detach(token)

    def after_skip_message(self, broker: dramatiq.Broker, message: dramatiq.Message) -> None:
        self.after_process_message(broker, message)
