"""Who may call the API: administrators list, create and revoke API keys (AUTH-12)."""
