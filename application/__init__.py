"""Use cases and the ports they need. Imports ``domain`` only."""
