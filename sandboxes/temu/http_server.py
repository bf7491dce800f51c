"""The HTTP layer of the sandbox: routing, body reading, JSON answers, keep-alive.

``/{gateway}/openapi/router`` goes to the ``Gateway``; ``/sandbox/…`` to the control API.
"""
from __future__ import annotations

import email.utils
import json
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from sandboxes.temu import control
from sandboxes.temu.catalog import GATEWAYS
from sandboxes.temu.gateway import Gateway
from sandboxes.temu.registry import SandboxRegistry

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 16 * 1024 * 1024


class SandboxHttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # socketserver's 5 drops simultaneous connects (1 s SYN retry)

    def __init__(self, address: tuple[str, int], registry: SandboxRegistry, gateway: Gateway) -> None:
        self.registry, self.gateway = registry, gateway
        self._connections: set[socket.socket] = set()
        self._lock = threading.Lock()
        super().__init__(address, _Handler)

    def track(self, connection: socket.socket, open_: bool) -> None:
        with self._lock:
            (self._connections.add if open_ else self._connections.discard)(connection)

    def close_connections(self) -> None:
        """End kept-alive connections, whose threads would otherwise wait for the client."""
        with self._lock:
            for connection in self._connections:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


class _BadBody(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: a paging client reuses one connection
    disable_nagle_algorithm = True
    timeout = 120
    server_version = "TemuSandbox/1.0"
    server: SandboxHttpServer

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

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def _dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        try:
            body = self._body()
            status, payload = self._route(method, url.path, url.query, body)
        except _BadBody as error:
            self.close_connection = True
            status, payload = error.status, {"error": str(error)}
        except Exception as error:  # a sandbox bug: say so loudly instead of faking Temu
            log.exception("sandbox failed on %s %s", method, url.path)
            status, payload = 500, {"error": f"sandbox internal error: {error!r}"}
        self._send(status, payload)

    def _route(self, method: str, path: str, query: str, body: bytes) -> tuple[int, Any]:
        if path == "/sandbox" or path.startswith("/sandbox/"):
            return control.handle(self.server.registry, method, path, query, body)
        parts = path.strip("/").split("/")
        if len(parts) == 3 and parts[1:] == ["openapi", "router"] and parts[0] in GATEWAYS:
            if method != "POST":
                return 405, {"error": "Temu's router accepts only POST with a JSON body."}
            answer = self.server.gateway.handle(parts[0], body)
            self.server.registry.latency.hold()
            return 200, answer
        return 404, {"error": f"Nothing at {path}. Gateways: "
                              f"{', '.join(f'/{g}/openapi/router' for g in GATEWAYS)}; "
                              "control API: GET /sandbox."}

    def _body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._chunked_body()
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise _BadBody(400, "Content-Length is not a number.") from None
        if length > MAX_BODY_BYTES:
            raise _BadBody(413, f"The body is larger than {MAX_BODY_BYTES} bytes.")
        return self.rfile.read(length) if length > 0 else b""

    def _chunked_body(self) -> bytes:
        chunks, total = [], 0
        while True:
            try:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            except ValueError:
                raise _BadBody(400, "Malformed chunked body.") from None
            total += size
            if total > MAX_BODY_BYTES:
                raise _BadBody(413, f"The body is larger than {MAX_BODY_BYTES} bytes.")
            if size == 0:
                while self.rfile.readline().strip():
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _send(self, status: int, payload: Any) -> None:
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        if status == 405 and "/openapi/" in self.path:
            self.send_header("Allow", "POST")
        self.end_headers()
        self.wfile.write(data)

    def date_time_string(self, timestamp: float | None = None) -> str:
        """The ``Date`` header follows the sandbox clock, as Temu's follows Temu's."""
        clock = self.server.registry.clock
        return email.utils.formatdate(clock.time() if timestamp is None else timestamp, usegmt=True)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the call log (``registry.call_log``) is the record of traffic."""
