"""Where orders ship from: warehouses, carrier accounts, logistics channels, SKU mappings (FUL-3, FUL-4)."""
