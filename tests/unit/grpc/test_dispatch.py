"""Where servicers run: the inline methods on the event loop, the others in the thread pool."""
from __future__ import annotations

import threading
import time

import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from adapters.grpc.call_context import current_request_id
from tests.unit.grpc.loop_thread import LOOP_THREAD
from tests.unit.grpc.probe_server import ADMIN_KEY, METHOD, Probe


@pytest.fixture
def probe():
    probe = Probe()
    yield probe
    probe.close()


def test_health_answers_at_once_while_a_slow_call_runs_in_the_pool(probe):
    started, release = threading.Event(), threading.Event()

    def behaviour(request, context):
        started.set()
        release.wait(5)
        return b"slow"
    probe.behaviour = behaviour
    call = probe.channel.unary_unary(METHOD)
    slow = call.future(b"", metadata=[("x-api-key", ADMIN_KEY)], timeout=10)
    assert started.wait(5)
    begun = time.monotonic()
    health = health_pb2_grpc.HealthStub(probe.channel).Check(health_pb2.HealthCheckRequest(), timeout=5)
    took = time.monotonic() - begun
    release.set()
    assert health.status == health_pb2.HealthCheckResponse.SERVING and took < 1
    assert slow.result() == b"slow"


@pytest.mark.parametrize("inline", [False, True], ids=["in-pool", "inline"])
def test_a_servicer_runs_on_the_loop_only_when_inline_and_sees_its_request_id_either_way(inline):
    probe = Probe(inline=inline)
    probe.behaviour = lambda request, context: f"{threading.current_thread().name} {current_request_id()}".encode()
    try:
        thread, request_id = probe.call(metadata=[("x-request-id", "req-7")]).decode().split()
    finally:
        probe.close()
    assert (thread == LOOP_THREAD) is inline and request_id == "req-7"
