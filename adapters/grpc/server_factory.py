"""Builds the ``grpc.aio`` server: ShopService, health, reflection and the call interceptor.

Typical use in a composition root, inside the event loop::

    health, drain = aio.HealthServicer(), Drain()   # aio: from grpc_health.v1.health import aio
    server, port = await create_server("0.0.0.0:50051", shop_use_cases=shops,
                                       authenticate=Authenticate(uow).execute, health=health, drain=drain)
    await server.start()
    ...                                   # on SIGTERM:
    await graceful_stop(server, health, grace=10, drain=drain)

More services are added with ``extra_services=[ExtraService(name, add_to_server)]``; they get
the same interceptors, and are reported by health and reflection.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Collection, Sequence
from concurrent import futures
from dataclasses import dataclass

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_health.v1.health import SERVICE_NAME as HEALTH_SERVICE
from grpc_health.v1.health import aio as health_aio
from grpc_reflection.v1alpha import reflection

from adapters.grpc.admission import Admission, CallerRateLimit, Drain
from adapters.grpc.auth import Authenticator
from adapters.grpc.auth_throttle import FailedAuthThrottle
from adapters.grpc.dispatch import Dispatch, UpstreamLane
from adapters.grpc.gen.erp.v1 import shop_service_pb2, shop_service_pb2_grpc
from adapters.grpc.interceptors import CallInterceptor
from adapters.grpc.metrics import RpcMetrics
from adapters.grpc.shop_servicer import ShopServicer
from application.shops.facade import ShopUseCases

SHOP_SERVICE = shop_service_pb2.DESCRIPTOR.services_by_name["ShopService"].full_name
MAX_RECEIVE_MESSAGE_BYTES = 4 * 1024 * 1024
SERVER_OPTIONS = (
    ("grpc.max_receive_message_length", MAX_RECEIVE_MESSAGE_BYTES),
    ("grpc.so_reuseport", 0),  # NOTE: a second server on a busy port must fail, not share it
)


# The methods run on the event loop (see ``dispatch``): one row read by primary key through a
# read-only connection, a tenth of a millisecond on SQLite, one round trip on PostgreSQL.
# The methods that wait on a provider run in their lane (``UPSTREAM_METHODS``); every other one in
# the pool: writes, paged lists (50-300 ms), and GetOperation, which reads through a unit of work whose SQLite ``BEGIN IMMEDIATE`` queues
# behind a running writer.
INLINE_METHODS = frozenset({
    "/erp.v1.ShopService/GetShop",
    "/erp.v1.OrderService/GetOrder",
})


# The methods that call a provider before they answer (Temu, the carrier, Goodcang, Amazon; some
# only in some cases, such as EnableChannel for an own warehouse): their own bounded lane, so that
# a slow or dead provider holds none of the pool's threads, which serve the database. Every
# provider client keeps to the lane's budget within the caller's deadline (adapters/deadline.py,
# docs/operations.md).
UPSTREAM_METHODS = frozenset({
    "/erp.v1.ShopService/AuthorizeShop",
    "/erp.v1.ShopService/ReauthorizeShop",
    "/erp.v1.ShopService/AddProductToken",
    "/erp.v1.WarehouseService/AddCarrierAccount",
    "/erp.v1.WarehouseService/UpdateCarrierCredentials",
    "/erp.v1.WarehouseService/ListCarrierServices",
    "/erp.v1.WarehouseService/EnableChannel",
    "/erp.v1.WarehouseService/AuthorizeProviderAccount",
    "/erp.v1.WarehouseService/ListProviderWarehouses",
    "/erp.v1.WarehouseService/AdoptProviderWarehouse",
    "/erp.v1.WarehouseService/ListProviderStock",
    "/erp.v1.FulfillmentService/VoidLabel",
    "/erp.v1.FulfillmentService/CancelPackage",
    "/erp.v1.MarkShippedService/ListTemuWarehouses",
    "/erp.v1.MarkShippedService/BindTemuWarehouse",
    "/erp.v1.MarkShippedService/ListTemuCarriers",
    "/erp.v1.MarkShippedService/MapTemuCarrier",
    "/erp.v1.MarkShippedService/UpdateTracking",
})
# The methods that start worker jobs: limited per caller.
RATED_METHODS = frozenset({
    "/erp.v1.OrderService/SyncShopOrders",
    "/erp.v1.OrderService/ReplayShopOrders",
})


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one server process takes on (the README's configuration table names the
    variables): the threads serving the database, the provider lane's threads, waiting calls and
    time budget per call, and each caller's rate of ``RATED_METHODS`` (per process: see
    :mod:`adapters.grpc.admission`)."""

    database_threads: int = 4
    upstream_threads: int = 8
    upstream_queue: int = 56
    upstream_budget_s: float = 30.0
    caller_rate: float = 5.0
    caller_burst: int = 20


@dataclass(frozen=True, slots=True)
class ExtraService:
    """One more service, e.g. ``ExtraService("erp.v1.OrderService", lambda server:
    order_service_pb2_grpc.add_OrderServiceServicer_to_server(OrderServicer(...), server))``."""

    name: str
    add_to_server: Callable[[grpc.aio.Server], None]


def standard_interceptors(authenticate: Authenticator, dispatch: Dispatch,
                          admission: Admission | None = None, auth_throttle: FailedAuthThrottle | None = None,
                          metrics: RpcMetrics | None = None,
                          tracer_provider: object | None = None) -> list[grpc.aio.ServerInterceptor]:
    """Request id, access log and metrics, errors, auth, admission and dispatch, in that order,
    as one interceptor (see ``interceptors``); with a ``tracer_provider``, OpenTelemetry's
    interceptor outside it, so the call's span is current in everything the call runs."""
    ours = CallInterceptor(authenticate, dispatch, admission, auth_throttle, metrics)
    if tracer_provider is None:
        return [ours]
    from opentelemetry.instrumentation.grpc import aio_server_interceptor, filters

    untraced = filters.any_of(filters.service_prefix("grpc.health."), filters.service_prefix("grpc.reflection."))
    return [aio_server_interceptor(tracer_provider, filter_=filters.negate(untraced)), ours]


async def create_server(address: str, *, shop_use_cases: ShopUseCases, authenticate: Authenticator,
                        health: health_aio.HealthServicer | None = None, extra_services: Sequence[ExtraService] = (),
                        maximum_concurrent_rpcs: int = 200,
                        inline: Collection[str] = INLINE_METHODS, limits: Limits = Limits(),
                        drain: Drain | None = None, with_reflection: bool = True,
                        auth_throttle: FailedAuthThrottle | None = None,
                        credentials: grpc.ServerCredentials | None = None, metrics: RpcMetrics | None = None,
                        tracer_provider: object | None = None) -> tuple[grpc.aio.Server, int]:
    """A server bound (not started) on ``address``, and the port it got (``host:0`` picks one).

    Servicer methods named in ``inline`` run on the event loop, those that wait on a provider in
    a lane of their own, the others in a pool of threads (both sized by ``limits``). Calls
    beyond ``maximum_concurrent_rpcs`` are refused with RESOURCE_EXHAUSTED. Pass your own (aio)
    ``health`` and ``drain`` to :func:`graceful_stop`. Without ``with_reflection`` the
    reflection service is not served (UNIMPLEMENTED): production may keep its schema to itself.
    ``auth_throttle`` refuses peers that failed authentication too often (none by default).
    ``metrics`` times every call of our services; ``tracer_provider`` (OpenTelemetry) traces them.
    With ``credentials`` (see :func:`tls_credentials`) the port speaks TLS only: a plaintext
    client cannot connect. Raises ``RuntimeError`` when the address cannot be bound.
    """
    pool = futures.ThreadPoolExecutor(max_workers=limits.database_threads, thread_name_prefix="grpc-rpc")
    upstream = UpstreamLane(UPSTREAM_METHODS, limits.upstream_threads, limits.upstream_queue,
                            limits.upstream_budget_s)
    admission = Admission(drain, CallerRateLimit(limits.caller_rate, limits.caller_burst), RATED_METHODS)
    interceptors = standard_interceptors(authenticate, Dispatch(pool, inline, upstream), admission, auth_throttle,
                                         metrics, tracer_provider)
    server = grpc.aio.server(pool, interceptors=interceptors, options=SERVER_OPTIONS,
                             maximum_concurrent_rpcs=maximum_concurrent_rpcs)
    shop_service_pb2_grpc.add_ShopServiceServicer_to_server(ShopServicer(shop_use_cases), server)
    for extra in extra_services:
        extra.add_to_server(server)
    names = (SHOP_SERVICE, *(extra.name for extra in extra_services))
    await _add_health(server, health or health_aio.HealthServicer(), names)
    if with_reflection:
        reflection.enable_server_reflection((*names, HEALTH_SERVICE, reflection.SERVICE_NAME), server)
    port = server.add_secure_port(address, credentials) if credentials else server.add_insecure_port(address)
    if port == 0:
        raise RuntimeError(f"cannot bind the gRPC server to {address}")
    return server, port


def tls_credentials(certificate_chain: bytes, private_key: bytes,
                    client_ca: bytes | None = None) -> grpc.ServerCredentials:
    """TLS with the server's PEM chain and key; with ``client_ca``, mTLS: a client must present a
    certificate that CA signed, or its handshake fails before any call."""
    return grpc.ssl_server_credentials([(private_key, certificate_chain)], root_certificates=client_ca,
                                       require_client_auth=client_ca is not None)


async def _add_health(server: grpc.aio.Server, health: health_aio.HealthServicer, names: Sequence[str]) -> None:
    health_pb2_grpc.add_HealthServicer_to_server(health, server)
    for name in ("", *names):
        await health.set(name, health_pb2.HealthCheckResponse.SERVING)


async def graceful_stop(server: grpc.aio.Server, health: health_aio.HealthServicer, grace: float = 10,
                        drain: Drain | None = None) -> None:
    """Report NOT_SERVING everywhere (load balancers stop sending), refuse new RPCs with
    UNAVAILABLE, let running ones finish for up to ``grace`` seconds, then return.

    The refusals come from ``drain`` (the one given to :func:`create_server`) while the server
    still takes calls: grpc's own ``stop`` cancels every call that reached the server but was
    not yet handed to a handler, which under load is calls sent just before the signal.
    """
    started = time.monotonic()
    await health.enter_graceful_shutdown()
    if drain is not None:
        await drain.close(grace)
    await server.stop(max(0.0, grace - (time.monotonic() - started)))
