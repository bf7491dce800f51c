"""A client that goes away before its answer (a worker SIGKILLed mid-call) is no sandbox error:
the sandbox prints no traceback for it, and still prints one for a fault of its own."""
from __future__ import annotations

from http.server import BaseHTTPRequestHandler

import pytest

from sandboxes.kit.server import TrackingHttpServer


@pytest.fixture
def server():
    served = TrackingHttpServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    yield served
    served.server_close()


@pytest.mark.parametrize("gone", [BrokenPipeError(32, "Broken pipe"), ConnectionResetError(104, "reset by peer")])
def test_a_client_gone_before_its_answer_prints_nothing(server, capsys, gone):
    try:
        raise gone
    except ConnectionError:
        server.handle_error(None, ("127.0.0.1", 40000))
    assert capsys.readouterr().err == ""


def test_a_fault_of_the_sandbox_itself_still_prints_its_traceback(server, capsys):
    try:
        raise KeyError("a sandbox bug")
    except KeyError:
        server.handle_error(None, ("127.0.0.1", 40000))
    assert "KeyError: 'a sandbox bug'" in capsys.readouterr().err
