"""The provider-neutral half of a sandbox's request handler: connection tracking, quiet
logging, body reading and JSON answers. Routing and wire details stay in each provider."""
from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler
from typing import Any

from sandboxes.kit.server import TrackingHttpServer


class BadBody(Exception):
    """A request body the sandbox will not read; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def encode_json(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class SandboxHandler(BaseHTTPRequestHandler):
    """Keep-alive HTTP/1.1; GET, POST and DELETE go to ``_dispatch(method)``."""

    protocol_version = "HTTP/1.1"  # keep-alive: a paging client reuses one connection
    disable_nagle_algorithm = True
    timeout = 120
    server: TrackingHttpServer

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
        raise NotImplementedError

    def _read_body(self, max_bytes: int, chunked: bool) -> bytes:
        """The body by ``Content-Length`` (or chunked, when ``chunked``); ``BadBody`` if refused."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            if not chunked:
                raise BadBody(400, "Send the body with a Content-Length, not chunked.")
            return self._chunked_body(max_bytes)
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise BadBody(400, "Content-Length is not a number.") from None
        if length > max_bytes:
            raise BadBody(413, f"The body is larger than {max_bytes} bytes.")
        return self.rfile.read(length) if length > 0 else b""

    def _chunked_body(self, max_bytes: int) -> bytes:
        chunks, total = [], 0
        while True:
            try:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            except ValueError:
                raise BadBody(400, "Malformed chunked body.") from None
            total += size
            if total > max_bytes:
                raise BadBody(413, f"The body is larger than {max_bytes} bytes.")
            if size == 0:
                while self.rfile.readline().strip():
                    pass
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _write(self, status: int, data: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: each sandbox keeps its own record of traffic."""
