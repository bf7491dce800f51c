"""Temu Open Platform: the httpx client adapter and the sandbox server."""
