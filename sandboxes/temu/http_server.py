"""The HTTP layer of the sandbox: routing, body reading, JSON answers, keep-alive.

``/{gateway}/openapi/router`` goes to the ``Gateway``; ``/sandbox/…`` to the control API.
"""
from __future__ import annotations

import email.utils
import logging
from typing import Any
from urllib.parse import urlsplit

from sandboxes.kit.http import BadBody, SandboxHandler, encode_json
from sandboxes.kit.server import TrackingHttpServer
from sandboxes.temu import control
from sandboxes.temu.catalog import GATEWAYS
from sandboxes.temu.gateway import Gateway
from sandboxes.temu.registry import SandboxRegistry

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 16 * 1024 * 1024


class SandboxHttpServer(TrackingHttpServer):
    def __init__(self, address: tuple[str, int], registry: SandboxRegistry, gateway: Gateway) -> None:
        self.registry, self.gateway = registry, gateway
        super().__init__(address, _Handler)


class _Handler(SandboxHandler):
    """Quiet, like every sandbox handler: the call log (``registry.call_log``) is the record of traffic."""

    server_version = "TemuSandbox/1.0"
    server: SandboxHttpServer

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def _dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        try:
            body = self._read_body(MAX_BODY_BYTES, chunked=True)
            status, payload = self._route(method, url.path, url.query, body)
        except BadBody as error:
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

    def _send(self, status: int, payload: Any) -> None:
        allow = {"Allow": "POST"} if status == 405 and "/openapi/" in self.path else {}
        self._write(status, encode_json(payload), "application/json; charset=utf-8", allow)

    def date_time_string(self, timestamp: float | None = None) -> str:
        """The ``Date`` header follows the sandbox clock, as Temu's follows Temu's."""
        clock = self.server.registry.clock
        return email.utils.formatdate(clock.time() if timestamp is None else timestamp, usegmt=True)
