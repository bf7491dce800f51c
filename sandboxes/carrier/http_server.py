"""The HTTP layer: routing, the ``Authorization: ShippoToken`` check, faults, label documents.

``/sandbox/…`` is the control API (no auth); ``/labels/{id}.pdf|.zpl`` serves label documents
like Shippo's pre-signed ``label_url`` (no auth); everything else is the carrier API.
"""
from __future__ import annotations

import logging
import socket
import time
from typing import Any
from urllib.parse import urlsplit

from sandboxes.carrier import api, control
from sandboxes.carrier.faults import Fault
from sandboxes.carrier.labels import LabelContent, address_lines, render
from sandboxes.carrier.store import CarrierStore, Missing
from sandboxes.kit.http import SandboxHandler, encode_json
from sandboxes.kit.server import TrackingHttpServer

log = logging.getLogger(__name__)
MAX_BODY_BYTES = 1024 * 1024
JSON = "application/json"


class CarrierHttpServer(TrackingHttpServer):
    def __init__(self, address: tuple[str, int], store: CarrierStore) -> None:
        self.store = store
        super().__init__(address, _Handler)


class _Handler(SandboxHandler):
    """Quiet, like every sandbox handler: ``store.calls`` is the record of traffic."""

    server_version = "CarrierSandbox/1.0"
    server: CarrierHttpServer

    def _dispatch(self, method: str) -> None:
        url, started = urlsplit(self.path), time.perf_counter()
        api = not url.path.startswith("/sandbox")
        path = url.path.rstrip("/") or "/"
        if api:
            self.server.store.call_started(method, path)
        try:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY_BYTES:
                self.close_connection = True
                return self._send(413, {"detail": "Request body too large."})
            body = self.rfile.read(length) if length > 0 else b""
            if path == "/sandbox" or path.startswith("/sandbox/"):
                return self._send(*control.handle(self.server.store, method, path, url.query, body))
            if path.startswith("/labels/"):
                return self._label(path.removeprefix("/labels/"))
            self._api(method, path, url.query, body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up waiting (a delay fault): nobody to answer
        except Exception as error:  # a sandbox bug: say so loudly instead of faking the carrier
            log.exception("carrier sandbox failed on %s %s", method, path)
            self._send(500, {"detail": f"sandbox internal error: {error!r}"})
        finally:
            if api:
                self.server.store.note_call(time.perf_counter() - started)

    def _api(self, method: str, path: str, query: str, body: bytes) -> None:
        problem = self._unauthenticated()
        if problem:
            return self._send(401, {"detail": problem})
        fault = self.server.store.faults.fire(method, path)
        if fault is not None and not fault.effect:
            if fault.kind == "status":
                return self._fail(fault)
            time.sleep(fault.delay_s)  # a delay before the call; other kinds always act after it
            fault = None
        status, payload = api.handle(self.server.store, method, path, query, body, self._base_url())
        if fault is None:
            return self._send(status, payload)
        if fault.kind == "unknown_status" and isinstance(payload, dict) and "status" in payload:
            payload = {**payload, "status": fault.value}
            return self._send(status, payload)
        self._fail(fault, status, payload)

    def _fail(self, fault: Fault, status: int = 200, payload: Any = None) -> None:
        if fault.kind == "status":
            headers = {"Retry-After": str(fault.retry_after_s)} if fault.status == 429 else {}
            detail = (f"Request was throttled. Expected available in {fault.retry_after_s} seconds."
                      if fault.status == 429 else "Server Error (500)")
            return self._send(fault.status, {"detail": detail}, headers)
        if fault.kind == "delay":
            time.sleep(fault.delay_s)
            return self._send(status, payload)
        if fault.kind == "malformed":
            return self._write(200, b'{"object_id": "', JSON)
        self.close_connection = True  # drop: no answer at all
        self.connection.shutdown(socket.SHUT_RDWR)

    def _unauthenticated(self) -> str | None:
        header = self.headers.get("Authorization")
        if not header:
            return "Authentication credentials were not provided."
        scheme, _, token = header.partition(" ")
        if scheme != "ShippoToken" or token.strip() not in self.server.store.tokens:
            return "Invalid token."
        return None

    def _label(self, name: str) -> None:
        object_id, _, extension = name.partition(".")
        store = self.server.store
        fault = store.faults.fire("GET", f"/labels/{name}")
        if fault is not None and fault.kind in ("status", "drop"):  # the document host failing
            return self._fail(fault)
        if fault is not None and fault.kind == "delay":
            time.sleep(fault.delay_s)
        try:
            with store.lock:
                txn = store.get_transaction(object_id)
                ready = txn.status in ("SUCCESS", "REFUNDED", "REFUNDPENDING", "REFUNDREJECTED")
                shipment = store.shipments[txn.rate.shipment].body
        except Missing:
            ready = False
        if not ready or extension != ("zpl" if txn.label_file_type == "ZPLII" else "pdf"):
            return self._send(404, {"detail": "Not found."})
        content = LabelContent(txn.tracking_number, txn.rate.account.carrier_name, txn.rate.level.name,
                               address_lines(shipment["address_from"]), address_lines(shipment["address_to"]))
        self._write(200, *render(txn.label_file_type, content))

    def _base_url(self) -> str:
        host = self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2])
        return f"http://{host}"

    def _send(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
        self._write(status, encode_json(payload), JSON, headers)
