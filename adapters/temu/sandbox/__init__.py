"""A Temu Open Platform sandbox: a real HTTP server that speaks Temu's protocol.

Used by our tests, by the demo (``python -m adapters.temu.sandbox``) and by users' own
integration tests::

    sandbox = TemuSandbox().start()
    registry = sandbox.registry
    registry.add_app("key", "secret")
    mall = registry.add_mall(1, "My shop")
    token = registry.issue_token(mall, gateway="us", region_id=211, kind="order", app_key="key")
    registry.generate_orders(mall, 211, 500)
    # point the adapter at sandbox.gateway_url("us")
"""
from adapters.temu.sandbox.clock import SandboxClock
from adapters.temu.sandbox.registry import SandboxRegistry
from adapters.temu.sandbox.seed import DemoSeed, seed_demo
from adapters.temu.sandbox.server import TemuSandbox
from adapters.temu.sandbox.traffic import CallRecord

__all__ = ["CallRecord", "DemoSeed", "SandboxClock", "SandboxRegistry", "TemuSandbox", "seed_demo"]
