"""What an operator watches: the HTTP endpoint for Prometheus and the probes, and the tracing
set-up (OpenTelemetry). The metrics themselves live with what they measure (``adapters/*/metrics.py``)."""
