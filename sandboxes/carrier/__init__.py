"""A Shippo-style carrier sandbox: a real HTTP server that sells shipping labels.

Used by our tests, the demo (``python -m sandboxes.carrier``) and users' own integration tests::

    with CarrierSandbox() as sandbox:          # port 0: a free port
        store = sandbox.store
        store.set_time_to_track(polls=1, seconds=0)
        # point the client at sandbox.base_url with the token DEFAULT_TOKEN
        store.labels_bought["package-42"]      # labels bought for that metadata reference
"""
from sandboxes.carrier.server import CarrierSandbox
from sandboxes.carrier.store import DEFAULT_TOKEN, CarrierStore

__all__ = ["DEFAULT_TOKEN", "CarrierSandbox", "CarrierStore"]
