"""The HTTP layer: ``POST /public_open/<group>/<api>`` to the gateway, ``/sandbox/…`` to the
control API, and the faults that act on the answer (delay, lose the response, malformed body)."""
from __future__ import annotations

import json
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from sandboxes.goodcang import control
from sandboxes.goodcang.gateway import Gateway, Reply
from sandboxes.goodcang.registry import GoodcangRegistry

log = logging.getLogger(__name__)
PREFIX = "/public_open/"
MAX_BODY_BYTES = 4 * 1024 * 1024
MALFORMED_BODY = b'{"ask":"Success","message":"Success","data":{"order_co'


class GoodcangHttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], registry: GoodcangRegistry) -> None:
        self.registry, self.gateway = registry, Gateway(registry)
        self.stopping = threading.Event()  # wakes answers held by delay and lose_response faults
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        super().__init__(address, _Handler)

    def track(self, connection: socket.socket, open_: bool) -> None:
        with self._lock:
            (self._connections.add if open_ else self._connections.discard)(connection)

    def close_connections(self) -> None:
        self.stopping.set()
        with self._lock:
            for connection in self._connections:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    timeout = 120
    server_version = "GoodcangSandbox/1.0"
    server: GoodcangHttpServer

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, True)

    def finish(self) -> None:
        self.server.track(self.connection, False)
        super().finish()

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        try:
            body = self._body()
            if url.path == "/sandbox" or url.path.startswith("/sandbox/"):
                self._send_json(*control.handle(self.server.registry, method, url.path, url.query, body))
            elif url.path.startswith(PREFIX) and method == "POST":
                self._answer(self.server.gateway.handle(url.path[len(PREFIX):].strip("/"), self._headers(), body))
            elif url.path.startswith(PREFIX):
                self._send_json(405, {"error": "Goodcang's open API accepts only POST with a JSON body."})
            else:
                self._send_json(404, {"error": f"Nothing at {url.path}: the API is under {PREFIX}, "
                                               "the control API at GET /sandbox."})
        except _BadBody as error:
            self.close_connection = True
            self._send_json(400, {"error": str(error)})
        except Exception as error:  # a sandbox bug: say so loudly instead of faking Goodcang
            log.exception("sandbox failed on %s %s", method, url.path)
            self._send_json(500, {"error": f"sandbox internal error: {error!r}"})

    def _answer(self, reply: Reply) -> None:
        kind = reply.fault.kind if reply.fault else None
        if kind in ("delay", "lose_response") and reply.fault is not None:
            self.server.stopping.wait(reply.fault.seconds)
        if kind == "lose_response":
            self.close_connection = True
            try:
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:  # the client gave up first
                pass
            return
        data = MALFORMED_BODY if kind == "malformed" else _encode(reply.payload)
        self._send(reply.status, data, reply.headers)

    def _headers(self) -> dict[str, str]:
        return {name.lower(): value for name, value in self.headers.items()}

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            raise _BadBody("Send the body with a Content-Length, not chunked.")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise _BadBody("Content-Length is not a number.") from None
        if length > MAX_BODY_BYTES:
            raise _BadBody(f"The body is larger than {MAX_BODY_BYTES} bytes.")
        return self.rfile.read(length) if length > 0 else b""

    def _send_json(self, status: int, payload: Any) -> None:
        self._send(status, _encode(payload), {})

    def _send(self, status: int, data: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the registry's call log is the record of traffic."""


class _BadBody(Exception):
    pass


def _encode(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
