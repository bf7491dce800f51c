"""A Temu gateway that accepts connections but never answers must not hang a worker."""
import socket
import threading
import time

import pytest

from adapters.temu.config import TemuConfig
from adapters.temu.rate_limit import AppKeyRateLimiter
from adapters.temu.transport import TemuClient
from domain.errors import UpstreamUnavailable


@pytest.fixture
def silent_gateway():
    """A local socket that accepts every connection, reads nothing back and never replies."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept_and_sleep():
        listener.settimeout(0.05)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept_and_sleep, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()


@pytest.fixture
def closed_port():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return f"http://127.0.0.1:{port}"


def client_for(base_url, **options):
    config = TemuConfig.for_base_url(base_url, "app", "secret", **options)
    return TemuClient(config, limiter=AppKeyRateLimiter(20), sleep=lambda s: None)


def test_a_gateway_that_never_answers_gives_upstream_unavailable_quickly(silent_gateway):
    client = client_for(silent_gateway, timeout_s=0.3, connect_timeout_s=0.3, max_retries=1)
    started = time.monotonic()
    with pytest.raises(UpstreamUnavailable, match="timed out"):
        client.call("us", "bg.order.list.v2.get", "token", {})
    assert time.monotonic() - started < 2.0


def test_a_gateway_that_refuses_connections_gives_upstream_unavailable(closed_port):
    client = client_for(closed_port, max_retries=2)
    with pytest.raises(UpstreamUnavailable, match="connection failed"):
        client.call("us", "bg.order.list.v2.get", "token", {})
