"""The HTTP layer: ``/auth/o2/token`` (LWA), ``/sandbox/…`` (control), everything else SP-API."""
from __future__ import annotations

import json
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from sandboxes.fba import api, control
from sandboxes.fba.registry import FbaRegistry

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 4 * 1024 * 1024


class FbaHttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], registry: FbaRegistry) -> None:
        self.registry = registry
        self.stopping = threading.Event()  # ends held ("lost") responses early
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
    server_version = "FbaSandbox/1.0"
    server: FbaHttpServer

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

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        try:
            body = self._body()
            reply = body if isinstance(body, api.Reply) else self._route(method, url.path, url.query, body)
        except Exception as error:  # a sandbox bug: say so loudly instead of faking Amazon
            log.exception("sandbox failed on %s %s", method, url.path)
            reply = api.Reply(500, {"error": f"sandbox internal error: {error!r}"})
        if reply.lose_after_s is not None:
            self.server.stopping.wait(reply.lose_after_s)
            self.close_connection = True
            return None
        if reply.delay_s:
            self.server.stopping.wait(reply.delay_s)
        try:
            self._send(reply)
        except (BrokenPipeError, ConnectionResetError):  # a delayed answer whose caller gave up
            self.close_connection = True

    def _body(self) -> bytes | api.Reply:
        """The request body, or the refusal of a body we will not read."""
        length = self.headers.get("Content-Length") or "0"
        if not length.isdigit() or int(length) > MAX_BODY_BYTES:
            self.close_connection = True
            return api.Reply(400 if not length.isdigit() else 413, api.errors(
                "InvalidInput", f"Content-Length must be a number of bytes up to {MAX_BODY_BYTES}."))
        return self.rfile.read(int(length))

    def _route(self, method: str, path: str, query: str, body: bytes) -> api.Reply:
        registry = self.server.registry
        if path == "/sandbox" or path.startswith("/sandbox/"):
            status, payload = control.handle(registry, method, path, query, body)
            return api.Reply(status, payload)
        if path == "/auth/o2/token":
            if method != "POST":
                return api.Reply(405, {"error": "invalid_request", "error_description": "Use POST."})
            with registry.lock:
                status, payload = registry.lwa.exchange(body, registry.clock.time())
            return api.Reply(status, payload)
        return api.handle(registry, method, path, query, self.headers.get("x-amz-access-token"), body)

    def _send(self, reply: api.Reply) -> None:
        data = reply.raw if reply.raw is not None else json.dumps(reply.payload, separators=(",", ":")).encode()
        self.send_response(reply.status)
        headers = {"Content-Type": "application/json", **reply.headers, "Content-Length": str(len(data))}
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: ``GET /sandbox`` counts the calls."""

