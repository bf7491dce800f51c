"""A Goodcang (谷仓) OMS open API sandbox: a real HTTP server speaking "RESTFUL V1".

Used by our tests, the demo (``python -m sandboxes.goodcang``) and users' own tests::

    with GoodcangSandbox() as sandbox:
        seed_demo(sandbox.registry)
        # point a client at sandbox.base_url with the demo app-key and app-token
"""
from sandboxes.goodcang.registry import GoodcangRegistry
from sandboxes.goodcang.seed import DEMO_APP_KEY, DEMO_APP_TOKEN, seed_demo
from sandboxes.goodcang.server import GoodcangSandbox

__all__ = ["DEMO_APP_KEY", "DEMO_APP_TOKEN", "GoodcangRegistry", "GoodcangSandbox", "seed_demo"]
