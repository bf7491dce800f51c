"""The HTTP layer: ``POST /public_open/<group>/<api>`` to the gateway, ``/sandbox/…`` to the
control API, and the faults that act on the answer (delay, lose the response, malformed body)."""
from __future__ import annotations

import logging
import socket
from typing import Any
from urllib.parse import urlsplit

from sandboxes.goodcang import control
from sandboxes.goodcang.gateway import Gateway, Reply
from sandboxes.goodcang.registry import GoodcangRegistry
from sandboxes.kit.http import BadBody, SandboxHandler, encode_json
from sandboxes.kit.server import TrackingHttpServer

log = logging.getLogger(__name__)
PREFIX = "/public_open/"
MAX_BODY_BYTES = 4 * 1024 * 1024
MALFORMED_BODY = b'{"ask":"Success","message":"Success","data":{"order_co'


class GoodcangHttpServer(TrackingHttpServer):
    def __init__(self, address: tuple[str, int], registry: GoodcangRegistry) -> None:
        self.registry, self.gateway = registry, Gateway(registry)  # stopping wakes answers held by faults
        super().__init__(address, _Handler)


class _Handler(SandboxHandler):
    """Quiet, like every sandbox handler: the registry's call log is the record of traffic."""

    server_version = "GoodcangSandbox/1.0"
    server: GoodcangHttpServer

    def _dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        try:
            body = self._read_body(MAX_BODY_BYTES, chunked=False)
            if url.path == "/sandbox" or url.path.startswith("/sandbox/"):
                self._send_json(*control.handle(self.server.registry, method, url.path, url.query, body))
            elif url.path.startswith(PREFIX) and method == "POST":
                self._answer(self.server.gateway.handle(url.path[len(PREFIX):].strip("/"), self._headers(), body))
            elif url.path.startswith(PREFIX):
                self._send_json(405, {"error": "Goodcang's open API accepts only POST with a JSON body."})
            else:
                self._send_json(404, {"error": f"Nothing at {url.path}: the API is under {PREFIX}, "
                                               "the control API at GET /sandbox."})
        except BadBody as error:  # Goodcang's sandbox answers 400 to any body it will not read
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
        data = MALFORMED_BODY if kind == "malformed" else encode_json(reply.payload)
        self._send(reply.status, data, reply.headers)

    def _headers(self) -> dict[str, str]:
        return {name.lower(): value for name, value in self.headers.items()}

    def _send_json(self, status: int, payload: Any) -> None:
        self._send(status, encode_json(payload), {})

    def _send(self, status: int, data: bytes, headers: dict[str, str]) -> None:
        self._write(status, data, "application/json; charset=utf-8", headers)
