"""A real in-process ``grpc.aio`` server with the standard interceptors and one method,
``/test.Probe/Call`` (and its server-streaming twin ``/test.Probe/Stream``), whose
behaviour each test sets. Requests are ``AddProductTokenRequest``
(a message with a secret ``token`` field); responses are raw bytes. ``inline=True`` runs the
behaviour on the event loop, as the cheap reads are; by default it runs in the thread pool."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent import futures

import grpc
from grpc_health.v1 import health_pb2_grpc
from grpc_health.v1.health import aio as health_aio

from adapters.grpc.auth import Authenticate, authenticator_from_keys
from adapters.grpc.dispatch import Dispatch
from adapters.grpc.gen.erp.v1 import shop_service_pb2 as pb
from adapters.grpc.server_factory import standard_interceptors
from tests.unit.grpc.fake_shop_use_cases import API_KEYS
from tests.unit.grpc.loop_thread import LoopThread

METHOD = "/test.Probe/Call"
ADMIN_KEY = "admin-key-0001"
Behaviour = Callable[[pb.AddProductTokenRequest, grpc.ServicerContext], bytes]


class Probe:
    def __init__(self, authenticate: Authenticate = authenticator_from_keys(API_KEYS), *,
                 inline: bool = False) -> None:
        self.behaviour: Behaviour = lambda request, context: b"ok"
        self._pool = futures.ThreadPoolExecutor(max_workers=4)
        self._loop = LoopThread()
        dispatch = Dispatch(self._pool, {METHOD, "/test.Probe/Stream"} if inline else ())
        port = self._loop.run(self._start(standard_interceptors(authenticate, dispatch)))
        self.channel = grpc.insecure_channel(f"127.0.0.1:{port}")

    async def _start(self, interceptors: list) -> int:
        self._server = grpc.aio.server(interceptors=interceptors)
        handler = grpc.unary_unary_rpc_method_handler(
            lambda r, c: self.behaviour(r, c), request_deserializer=pb.AddProductTokenRequest.FromString)
        stream = grpc.unary_stream_rpc_method_handler(
            lambda r, c: self.behaviour(r, c), request_deserializer=pb.AddProductTokenRequest.FromString)
        self._server.add_generic_rpc_handlers(
            (grpc.method_handlers_generic_handler("test.Probe", {"Call": handler, "Stream": stream}),))
        health_pb2_grpc.add_HealthServicer_to_server(health_aio.HealthServicer(), self._server)
        port = self._server.add_insecure_port("127.0.0.1:0")
        await self._server.start()
        return port

    def call_with_call(self, token: str = "", *, key: str | None = ADMIN_KEY,
                       metadata: Sequence[tuple[str, str]] = ()) -> tuple[bytes, grpc.Call]:
        md = [("x-api-key", key)] if key is not None else []
        request = pb.AddProductTokenRequest(shop="shops/s1", token=token).SerializeToString()
        return self.channel.unary_unary(METHOD).with_call(request, metadata=[*md, *metadata], timeout=5)

    def stream(self, *, key: str | None = ADMIN_KEY) -> list[bytes]:
        md = [("x-api-key", key)] if key is not None else []
        request = pb.AddProductTokenRequest(shop="shops/s1").SerializeToString()
        return list(self.channel.unary_stream("/test.Probe/Stream")(request, metadata=md, timeout=5))

    def call(self, token: str = "", **kw) -> bytes:
        return self.call_with_call(token, **kw)[0]

    def error(self, token: str = "", **kw) -> grpc.RpcError:
        """The error the call ends with; fails the test when it succeeds."""
        try:
            self.call(token, **kw)
        except grpc.RpcError as err:
            return err
        raise AssertionError("the call succeeded")

    def close(self) -> None:
        self.channel.close()
        self._loop.run(self._server.stop(None))
        self._loop.close()
        self._pool.shutdown()
