"""The HTTP layer: ``/auth/o2/token`` (LWA), ``/sandbox/…`` (control), everything else SP-API."""
from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

from sandboxes.fba import api, control
from sandboxes.fba.registry import FbaRegistry
from sandboxes.kit.http import SandboxHandler
from sandboxes.kit.server import TrackingHttpServer

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 4 * 1024 * 1024


class FbaHttpServer(TrackingHttpServer):
    def __init__(self, address: tuple[str, int], registry: FbaRegistry) -> None:
        self.registry = registry  # stopping ends held ("lost") responses early
        super().__init__(address, _Handler)


class _Handler(SandboxHandler):
    """Quiet, like every sandbox handler: ``GET /sandbox`` counts the calls."""

    server_version = "FbaSandbox/1.0"
    server: FbaHttpServer

    def do_PUT(self) -> None:
        self._dispatch("PUT")

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
        headers = {"Content-Type": "application/json", **reply.headers}
        self._write(reply.status, data, headers.pop("Content-Type"), headers)
