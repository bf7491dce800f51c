"""OpenTelemetry traces, off unless ``OTEL_TRACES_EXPORTER`` names an exporter (``otlp``: OTLP
over HTTP/protobuf; ``console``: stderr). Everything else is OpenTelemetry's own variables, read
by its SDK: ``OTEL_EXPORTER_OTLP_ENDPOINT`` (and ``_TRACES_ENDPOINT``, ``_HEADERS``, ``_TIMEOUT``),
``OTEL_SERVICE_NAME``, ``OTEL_RESOURCE_ATTRIBUTES``, ``OTEL_TRACES_SAMPLER`` (``_ARG``),
``OTEL_BSP_*``.

The provider is passed to what it instruments, never set as OpenTelemetry's global: a process
(or a test) may build several apps, each traced or not.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter

TRACER_NAME = "erp"


def tracer_provider(exporter: str, service_name: str) -> TracerProvider | None:
    """``exporter``: ``none`` (no provider), ``otlp`` or ``console``; ``service_name`` unless
    ``OTEL_SERVICE_NAME`` (or ``OTEL_RESOURCE_ATTRIBUTES``) names one."""
    if exporter == "none":
        return None
    resource = Resource.create()
    if str(resource.attributes.get("service.name", "")).startswith("unknown_service"):
        resource = resource.merge(Resource({"service.name": service_name}))
    provider = TracerProvider(resource=resource)
    if exporter == "otlp":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    else:
        provider.add_span_processor(BatchSpanProcessor(ConsoleSpanExporter()))
    return provider


def instrument_engine(engine: object, provider: TracerProvider) -> None:
    """A span per SQL statement of ``engine`` inside a trace (OpenTelemetry's SQLAlchemy
    instrumentation, for this engine only: its ``instrument()`` would patch every engine the
    process creates)."""
    from opentelemetry.instrumentation.sqlalchemy import __version__
    from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
    from opentelemetry.metrics import NoOpMeterProvider

    meter = NoOpMeterProvider().get_meter(TRACER_NAME)
    EngineTracer(InTraceOnly(provider.get_tracer("opentelemetry.instrumentation.sqlalchemy", __version__)), engine,
                 meter.create_up_down_counter("db.client.connections.usage"))


class InTraceOnly(trace.Tracer):
    """Spans only inside a trace (an RPC, an actor): a statement with no current span, such as
    the outbox relay's poll every 100 ms, the scheduler's tick or the health probe's write,
    would each start a trace of its own."""

    def __init__(self, tracer: trace.Tracer) -> None:
        self._tracer = tracer

    def start_span(self, name: str, context: Any = None, *args: Any, **kwargs: Any) -> trace.Span:
        if not trace.get_current_span(context).get_span_context().is_valid:
            return trace.INVALID_SPAN
        return self._tracer.start_span(name, context, *args, **kwargs)

    @contextmanager
    def start_as_current_span(self, name: str, context: Any = None, *args: Any, end_on_exit: bool = True,
                              **kwargs: Any) -> Iterator[trace.Span]:
        with trace.use_span(self.start_span(name, context, *args, **kwargs), end_on_exit=end_on_exit) as span:
            yield span
