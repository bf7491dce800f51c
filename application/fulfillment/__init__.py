"""Fulfillment routes: how a package reaches whoever ships it (FUL-3, FUL-4 in docs/requirements.md)."""
