"""Shop authorization and management use cases (AUTH-1 … AUTH-12)."""
