"""Shop authorization and management use cases (AUTH-1 … AUTH-12 in docs/requirements.md)."""
