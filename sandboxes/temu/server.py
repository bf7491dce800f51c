"""``TemuSandbox``: one HTTP server with every Temu gateway and the control API.

``POST /{us|eu|global|cn|pa}/openapi/router`` speaks the Temu Open Platform protocol;
``/sandbox/…`` is the control API (``control.py``). Point an adapter at
``sandbox.gateway_url("us")`` instead of ``https://openapi-b-us.temu.com/openapi/router``.
"""
from __future__ import annotations

import threading

from sandboxes.temu.catalog import GATEWAYS
from sandboxes.temu.gateway import Gateway
from sandboxes.temu.http_server import SandboxHttpServer
from sandboxes.temu.registry import SandboxRegistry


class TemuSandbox:
    """The sandbox server. ``start()`` serves in a daemon thread; usable as a context manager."""

    def __init__(self, registry: SandboxRegistry | None = None, host: str = "127.0.0.1",
                 port: int = 0) -> None:
        self.registry = registry if registry is not None else SandboxRegistry()
        self.gateway = Gateway(self.registry)
        self.host, self.port = host, port
        self._server: SandboxHttpServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> "TemuSandbox":
        if self._server is not None:
            raise RuntimeError("The sandbox is already running.")
        self._server = SandboxHttpServer((self.host, self.port), self.registry, self.gateway)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"temu-sandbox-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close every open connection; safe to call twice."""
        server, self._server = self._server, None
        if server is None:
            return
        server.shutdown()
        server.close_connections()
        server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("Start the sandbox first: its port is chosen when it starts.")
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else self.host
        return f"http://{host}:{self.port}"

    def gateway_url(self, gateway: str) -> str:
        if gateway not in GATEWAYS:
            raise ValueError(f"gateway must be one of {', '.join(GATEWAYS)}, got {gateway!r}.")
        return f"{self.base_url}/{gateway}/openapi/router"

    def __enter__(self) -> "TemuSandbox":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
