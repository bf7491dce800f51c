"""A client for Shippo-style carrier label APIs (shipment → rate → transaction → refund)."""
