"""The change feed's use cases: reading the stored domain events (docs/change-feed.md)."""
