"""Actors, named "<context>.<verb>". Import after ``build_broker``."""
