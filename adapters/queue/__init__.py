"""Dramatiq: the broker, the actors, the scheduler loop and the outbox relay."""
