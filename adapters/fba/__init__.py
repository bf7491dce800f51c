"""Amazon SP-API Multi-Channel Fulfillment: LWA, Fulfillment Outbound 2020-07-01, FBA inventory."""
