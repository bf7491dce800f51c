"""Order sync and order queries (ORD-1, ORD-2 in docs/requirements.md)."""
