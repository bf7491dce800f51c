"""Sandboxes: real HTTP servers of ours that speak the external providers' protocols.

They are the far side of the wire: only tests, benchmarks and the demo import them.
"""
