"""Adapters: the technologies behind the application's ports."""
