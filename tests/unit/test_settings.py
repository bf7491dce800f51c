"""The settings of the server and the workers, read from the environment in one place."""
from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bootstrap.settings import Settings, SettingsError


def test_an_empty_environment_gives_the_documented_defaults():
    s = Settings.from_env({})
    assert (s.database_url, s.broker_url, s.grpc_address) == ("sqlite:///var/erp.db", None, None)
    assert (s.sync_interval, s.sync_lease, s.redispatch_after) == (
        timedelta(minutes=2), timedelta(seconds=60), timedelta(seconds=90))
    assert (s.worker_threads, s.log_level) == (8, "INFO")
    assert (s.grpc_reflection, s.auth_failure_limit) == (True, 20)
    assert s.event_retention == timedelta(days=30)
    assert (s.grpc_threads, s.upstream_rpc_threads, s.upstream_rpc_queue) == (4, 8, 56)


def test_every_variable_is_read():
    s = Settings.from_env({"ERP_SYNC_LEASE_SECONDS": "3", "ERP_REDISPATCH_SECONDS": "5", "ERP_WORKER_THREADS": "2",
                           "ERP_SYNC_INTERVAL_SECONDS": "1.5", "ERP_LOG_LEVEL": "warning",
                           "ERP_BROKER_URL": "redis://r:6379/0", "ERP_GRPC_ADDRESS": "127.0.0.1:1",
                           "ERP_AUTH_FAILURE_LIMIT": "5", "ERP_EVENT_RETENTION_DAYS": "0.5",
                           "ERP_GRPC_THREADS": "6", "ERP_UPSTREAM_RPC_THREADS": "3", "ERP_UPSTREAM_RPC_QUEUE": "7",
                           "ERP_UPSTREAM_RPC_BUDGET_SECONDS": "9"})
    assert s.auth_failure_limit == 5 and s.event_retention == timedelta(hours=12)
    assert (s.grpc_threads, s.upstream_rpc_threads, s.upstream_rpc_queue, s.upstream_rpc_budget) == (
        6, 3, 7, timedelta(seconds=9))
    assert (s.sync_lease, s.redispatch_after, s.sync_interval) == (
        timedelta(seconds=3), timedelta(seconds=5), timedelta(seconds=1.5))
    assert (s.worker_threads, s.log_level, s.broker_url, s.grpc_address) == (2, "WARNING", "redis://r:6379/0",
                                                                              "127.0.0.1:1")


@pytest.mark.parametrize(("name", "value", "says"), [
    ("ERP_WORKER_THREADS", "four", "ERP_WORKER_THREADS must be a whole number, not 'four'"),
    ("ERP_SYNC_LEASE_SECONDS", "0", "ERP_SYNC_LEASE_SECONDS must be more than 0"),
    ("ERP_REDISPATCH_SECONDS", "soon", "ERP_REDISPATCH_SECONDS must be a number"),
    ("ERP_BROKER_URL", "kafka://k", "ERP_BROKER_URL must be a Redis URL .redis://, rediss://, unix://., not kafka://"),
    ("ERP_BROKER_URL", "amqp://rabbit", "ERP_BROKER_URL must be a Redis URL"),
    ("ERP_LOG_LEVEL", "loud", "ERP_LOG_LEVEL must be one of"),
    ("ERP_AUTH_FAILURE_LIMIT", "0", "ERP_AUTH_FAILURE_LIMIT must be more than 0"),
    ("ERP_EVENT_RETENTION_DAYS", "forever", "ERP_EVENT_RETENTION_DAYS must be a number"),
    ("ERP_GRPC_THREADS", "0", "ERP_GRPC_THREADS must be more than 0"),
    ("ERP_TEMU_RPC_THREADS", "8", "ERP_TEMU_RPC_THREADS is now called ERP_UPSTREAM_RPC_THREADS"),
    ("ERP_TEMU_RPC_BUDGET_SECONDS", "30", "ERP_TEMU_RPC_BUDGET_SECONDS is now called ERP_UPSTREAM_RPC_BUDGET_SECONDS"),
])
def test_a_bad_value_stops_the_start_naming_the_variable(name, value, says):
    with pytest.raises(SettingsError, match=says):
        Settings.from_env({name: value})


def test_temu_settings_are_required_only_when_talking_to_temu():
    settings = Settings.from_env({"ERP_DATABASE_URL": "sqlite:///x.db"})
    assert settings.database_url == "sqlite:///x.db"
    with pytest.raises(SettingsError, match="TEMU_APP_KEY and TEMU_APP_SECRET are required"):
        settings.temu_config()


def test_metrics_probes_and_traces_are_off_unless_asked_for():
    s = Settings.from_env({})
    assert (s.metrics_port, s.probe_port, s.traces_exporter) == (None, None, "none")
    s = Settings.from_env({"ERP_METRICS_PORT": "9464", "ERP_WORKER_PROBE_PORT": "8081", "OTEL_TRACES_EXPORTER": "otlp"})
    assert (s.metrics_port, s.probe_port, s.traces_exporter) == (9464, 8081, "otlp")
    assert Settings.from_env({"OTEL_TRACES_EXPORTER": "otlp", "OTEL_SDK_DISABLED": "true"}).traces_exporter == "none"


@pytest.mark.parametrize(("name", "value", "says"), [
    ("ERP_METRICS_PORT", "70000", "ERP_METRICS_PORT must be a TCP port"),
    ("ERP_WORKER_PROBE_PORT", "http", "ERP_WORKER_PROBE_PORT must be a whole number"),
    ("OTEL_TRACES_EXPORTER", "jaeger", "OTEL_TRACES_EXPORTER must be one of otlp, console, none"),
])
def test_a_bad_operations_setting_names_the_variable(name, value, says):
    with pytest.raises(SettingsError, match=says):
        Settings.from_env({name: value})


def test_tls_is_off_unless_a_certificate_and_key_are_given_and_the_client_ca_turns_on_mtls(tmp_path):
    cert, key, ca = (tmp_path / n for n in ("cert.pem", "key.pem", "ca.pem"))
    for path in (cert, key, ca):
        path.write_bytes(b"-----BEGIN X-----\n" + path.name.encode() + b"\n-----END X-----\n")
    assert Settings.from_env({}).tls is None
    tls = Settings.from_env({"ERP_TLS_CERT_FILE": str(cert), "ERP_TLS_KEY_FILE": str(key)}).tls
    assert b"cert.pem" in tls.certificate_chain and b"key.pem" in tls.private_key and tls.client_ca is None
    assert "key.pem" not in repr(tls)
    mtls = Settings.from_env({"ERP_TLS_CERT_FILE": str(cert), "ERP_TLS_KEY_FILE": str(key),
                              "ERP_TLS_CLIENT_CA_FILE": str(ca)}).tls
    assert b"ca.pem" in mtls.client_ca


@pytest.mark.parametrize(("env", "says"), [
    ({"ERP_TLS_CERT_FILE": "{cert}"}, "ERP_TLS_KEY_FILE must be set too"),
    ({"ERP_TLS_CLIENT_CA_FILE": "{cert}"}, "ERP_TLS_CERT_FILE must be set too"),
    ({"ERP_TLS_CERT_FILE": "{cert}", "ERP_TLS_KEY_FILE": "/nonexistent/key.pem"},
     "ERP_TLS_KEY_FILE: cannot read '/nonexistent/key.pem'"),
    ({"ERP_TLS_CERT_FILE": "{plain}", "ERP_TLS_KEY_FILE": "{cert}"}, "ERP_TLS_CERT_FILE: '{plain}' is not a PEM file"),
])
def test_an_incomplete_or_unreadable_tls_setting_stops_the_start_naming_the_variable(tmp_path, env, says):
    cert, plain = tmp_path / "cert.pem", tmp_path / "plain.txt"
    cert.write_bytes(b"-----BEGIN CERTIFICATE-----\n")
    plain.write_text("not a certificate")
    fill = {"cert": str(cert), "plain": str(plain)}
    with pytest.raises(SettingsError, match=re.escape(says.format(**fill))):
        Settings.from_env({name: value.format(**fill) for name, value in env.items()})
