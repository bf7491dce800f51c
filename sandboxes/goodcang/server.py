"""``GoodcangSandbox``: one HTTP server with Goodcang's OMS API and the control API.

Point a client at ``sandbox.base_url`` (``http://127.0.0.1:<port>/public_open``) instead of
``https://oms.goodcang.net/public_open``.
"""
from __future__ import annotations

from sandboxes.goodcang.http_server import GoodcangHttpServer
from sandboxes.goodcang.registry import GoodcangRegistry
from sandboxes.kit.server import SandboxServer


class GoodcangSandbox(SandboxServer[GoodcangHttpServer]):
    """The sandbox server. ``start()`` serves in a daemon thread; usable as a context manager."""

    thread_name = "goodcang-sandbox"

    def __init__(self, registry: GoodcangRegistry | None = None, host: str = "127.0.0.1", port: int = 0) -> None:
        self.registry = registry if registry is not None else GoodcangRegistry()
        super().__init__(host, port)

    def _make_server(self, address: tuple[str, int]) -> GoodcangHttpServer:
        return GoodcangHttpServer(address, self.registry)

    @property
    def base_url(self) -> str:
        """The API base, as ``https://oms.goodcang.net/public_open`` is Goodcang's."""
        return f"{self.root_url}/public_open"
