"""An Amazon SP-API sandbox for Multi-Channel Fulfillment: a real HTTP server that speaks Login
with Amazon, Fulfillment Outbound 2020-07-01 and FBA Inventory v1 getInventorySummaries.

Used by our tests, by the demo (``python -m sandboxes.fba``) and by users' own tests::

    sandbox = FbaSandbox().start()
    refresh_token = sandbox.registry.add_client("amzn1.application-oa2-client.x", "secret")
    sandbox.registry.set_stock("SKU-1", 10)
    # point the adapter at sandbox.base_url and sandbox.lwa_url
"""
from sandboxes.fba.registry import FbaRegistry
from sandboxes.fba.server import FbaSandbox

__all__ = ["FbaRegistry", "FbaSandbox"]
