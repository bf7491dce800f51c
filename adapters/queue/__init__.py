"""Dramatiq: the broker, the actors and the scheduler loop."""
