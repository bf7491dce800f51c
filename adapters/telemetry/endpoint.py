"""One small HTTP server per process for the operator's tools: ``/metrics`` (Prometheus text
format), ``/livez`` and ``/readyz`` (Kubernetes probes: 200 ``ok``, or 503 and the reason).

It runs in a daemon thread of its own, apart from the gRPC server and the workers, so a scrape
never waits behind an RPC and a stuck worker pool still answers its liveness probe (with 503).
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

log = logging.getLogger("erp.telemetry")
Probe = Callable[[], str | None]  # None: fine; else why not, in words


class OpsEndpoint:
    """Serves what it is given: ``registry`` at ``/metrics``, ``live`` at ``/livez``, ``ready``
    at ``/readyz``; any other path, or one not given, is 404."""

    def __init__(self, host: str, port: int, *, registry: CollectorRegistry | None = None,
                 live: Probe | None = None, ready: Probe | None = None) -> None:
        routes: dict[str, Callable[[], tuple[int, str, bytes]]] = {}
        if registry is not None:
            routes["/metrics"] = lambda: (200, CONTENT_TYPE_LATEST, generate_latest(registry))
        for path, probe in (("/livez", live), ("/readyz", ready)):
            if probe is not None:
                routes[path] = _probe_route(probe)
        self._server = ThreadingHTTPServer((host, port), _handler(routes))
        self._server.daemon_threads = True
        self.port: int = self._server.server_address[1]
        self._paths = sorted(routes)

    def start(self) -> OpsEndpoint:
        threading.Thread(target=self._server.serve_forever, name="erp-ops-http", daemon=True).start()
        log.info("operations endpoint on port %d: %s", self.port, " ".join(self._paths))
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _probe_route(probe: Probe) -> Callable[[], tuple[int, str, bytes]]:
    def answer() -> tuple[int, str, bytes]:
        try:
            problem = probe()
        except Exception as err:  # a probe that fails says so, it does not kill the endpoint
            problem = f"the probe failed: {type(err).__name__}"
        return (503, "text/plain; charset=utf-8", f"{problem}\n".encode()) if problem \
            else (200, "text/plain; charset=utf-8", b"ok\n")
    return answer


def _handler(routes: dict[str, Callable[[], tuple[int, str, bytes]]]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            route = routes.get(self.path.split("?", 1)[0])
            status, content_type, body = route() if route else (404, "text/plain", b"not found\n")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:  # scrapes every 15 s are not news
            pass
    return Handler
