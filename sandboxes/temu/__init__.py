"""A Temu Open Platform sandbox: a real HTTP server that speaks Temu's protocol.

Used by our tests, by the demo (``python -m sandboxes.temu``) and by users' own
integration tests::

    sandbox = TemuSandbox().start()
    registry = sandbox.registry
    registry.add_app("key", "secret")
    mall = registry.add_mall(1, "My shop")
    token = registry.issue_token(mall, gateway="us", region_id=211, kind="order", app_key="key")
    registry.generate_orders(mall, 211, 500)
    # point the adapter at sandbox.gateway_url("us")
"""
from sandboxes.kit.clock import SandboxClock
from sandboxes.temu.registry import SandboxRegistry
from sandboxes.temu.seed import DemoSeed, seed_demo
from sandboxes.temu.server import TemuSandbox
from sandboxes.temu.traffic import CallRecord

__all__ = ["CallRecord", "DemoSeed", "SandboxClock", "SandboxRegistry", "TemuSandbox", "seed_demo"]
