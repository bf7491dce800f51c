"""Every setting of the server and the workers, read from the environment in one place.

``Settings.from_env()`` parses and checks every variable at start; a bad value stops the process
with a message naming the variable. The README's configuration table lists the same variables.
Temu's app key and secret are required only by what talks to Temu (``serve``, ``worker.py``):
``temu_config()`` checks them then, so ``migrate`` and ``create-api-key`` run without them.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from adapters.persistence.engine import DEFAULT_URL
from adapters.persistence.keyring import Keyring
from adapters.temu.config import GATEWAYS, PRODUCTION_GATEWAYS, TemuConfig
from domain.sync import DEFAULT_INTERVAL

LEASE, REDISPATCH, HEALTH_PROBE = timedelta(seconds=60), timedelta(seconds=90), timedelta(seconds=5)
EVENT_RETENTION = timedelta(days=30)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("text", "json")
TRACE_EXPORTERS = ("otlp", "console", "none")
# Redis in its three URL forms (TCP, TLS, a Unix socket): the broker and the shared Temu budget.
BROKER_SCHEMES = ("redis://", "rediss://", "unix://")
# Variables that changed name: set under the old one, they would be ignored without a word.
RENAMED = {f"ERP_TEMU_RPC_{part}": f"ERP_UPSTREAM_RPC_{part}" for part in ("THREADS", "QUEUE", "BUDGET_SECONDS")}


class SettingsError(ValueError):
    """A variable is missing or malformed; the message names it."""


@dataclass(frozen=True, slots=True)
class ServerTls:
    """The gRPC server's PEM certificate chain and private key, and (mTLS) the CA that must have
    signed every client's certificate; read from the files the ERP_TLS_* variables name."""

    certificate_chain: bytes
    private_key: bytes = field(repr=False)
    client_ca: bytes | None = None  # None: any client may connect (TLS without client certificates)


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str = DEFAULT_URL  # ERP_DATABASE_URL
    broker_url: str | None = None  # ERP_BROKER_URL (a Redis URL); None: the in-process broker
    secrets_keys: str | None = field(default=None, repr=False)  # ERP_SECRETS_KEYS
    fingerprint_key: str | None = field(default=None, repr=False)  # ERP_FINGERPRINT_KEY
    temu_app_key: str = ""  # TEMU_APP_KEY
    temu_app_secret: str = field(default="", repr=False)  # TEMU_APP_SECRET
    temu_base_url: str | None = None  # TEMU_BASE_URL: a sandbox serving every gateway
    temu_gateways: tuple[tuple[str, str], ...] = ()  # TEMU_GATEWAY_<NAME> overrides
    temu_qps: int = 20  # TEMU_QPS: the app key's budget, a ceiling the client lowers when Temu refuses
    grpc_address: str | None = None  # ERP_GRPC_ADDRESS; None: 0.0.0.0 and the --port given
    sync_interval: timedelta = DEFAULT_INTERVAL  # ERP_SYNC_INTERVAL_SECONDS
    sync_lease: timedelta = LEASE  # ERP_SYNC_LEASE_SECONDS
    redispatch_after: timedelta = REDISPATCH  # ERP_REDISPATCH_SECONDS
    worker_threads: int = 8  # ERP_WORKER_THREADS
    log_level: str = "INFO"  # ERP_LOG_LEVEL
    grpc_reflection: bool = True  # ERP_GRPC_REFLECTION: on|off
    auth_failure_limit: int = 20  # ERP_AUTH_FAILURE_LIMIT: per peer address and minute
    log_format: str = "text"  # ERP_LOG_FORMAT: text or json (one object per line)
    health_probe_interval: timedelta = HEALTH_PROBE  # ERP_HEALTH_PROBE_SECONDS
    caller_rate: float = 5.0  # ERP_CALLER_RATE_PER_SECOND: SyncShopOrders/ReplayShopOrders per caller
    caller_burst: int = 20  # ERP_CALLER_BURST
    grpc_threads: int = 4  # ERP_GRPC_THREADS: calls served at once from the database (see the README)
    upstream_rpc_threads: int = 8  # ERP_UPSTREAM_RPC_THREADS: calls waiting on a provider served at once
    upstream_rpc_queue: int = 56  # ERP_UPSTREAM_RPC_QUEUE: more of them that may wait for a thread
    upstream_rpc_budget: timedelta = timedelta(seconds=30)  # ERP_UPSTREAM_RPC_BUDGET_SECONDS
    metrics_port: int | None = None  # ERP_METRICS_PORT: Prometheus /metrics; None: no metrics
    probe_port: int | None = None  # ERP_WORKER_PROBE_PORT: worker.py's /livez and /readyz; None: none
    traces_exporter: str = "none"  # OTEL_TRACES_EXPORTER: otlp or console; none (the default): no traces
    tls: ServerTls | None = None  # ERP_TLS_CERT_FILE, ERP_TLS_KEY_FILE, ERP_TLS_CLIENT_CA_FILE; None: plaintext
    event_retention: timedelta = EVENT_RETENTION  # ERP_EVENT_RETENTION_DAYS: the change feed's

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> Settings:
        def text(name: str) -> str | None:
            return env.get(name, "").strip() or None

        for old, new in RENAMED.items():
            if text(old):
                raise SettingsError(f"{old} is now called {new}: rename it (the lane it sizes also serves "
                                    "the calls that wait on the carrier, Goodcang and Amazon)")
        broker = text("ERP_BROKER_URL")
        if broker and not broker.startswith(BROKER_SCHEMES):
            raise SettingsError(f"ERP_BROKER_URL must be a Redis URL ({', '.join(BROKER_SCHEMES)}), "
                                f"not {broker.split(':')[0]}://")
        level = (text("ERP_LOG_LEVEL") or "INFO").upper()
        if level not in LOG_LEVELS:
            raise SettingsError(f"ERP_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {level!r}")
        log_format = (text("ERP_LOG_FORMAT") or "text").lower()
        if log_format not in LOG_FORMATS:
            raise SettingsError(f"ERP_LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}")
        return cls(
            metrics_port=_port(env, "ERP_METRICS_PORT"), probe_port=_port(env, "ERP_WORKER_PROBE_PORT"),
            traces_exporter=_traces_exporter(env),
            database_url=text("ERP_DATABASE_URL") or DEFAULT_URL, broker_url=broker,
            secrets_keys=text("ERP_SECRETS_KEYS"), fingerprint_key=text("ERP_FINGERPRINT_KEY"),
            temu_app_key=text("TEMU_APP_KEY") or "", temu_app_secret=text("TEMU_APP_SECRET") or "",
            temu_base_url=text("TEMU_BASE_URL"),
            temu_gateways=tuple((g, url) for g in GATEWAYS if (url := text(f"TEMU_GATEWAY_{g.upper()}"))),
            temu_qps=int(_number(env, "TEMU_QPS", 20, whole=True)),
            grpc_address=text("ERP_GRPC_ADDRESS"),
            sync_interval=_seconds(env, "ERP_SYNC_INTERVAL_SECONDS", DEFAULT_INTERVAL),
            sync_lease=_seconds(env, "ERP_SYNC_LEASE_SECONDS", LEASE),
            redispatch_after=_seconds(env, "ERP_REDISPATCH_SECONDS", REDISPATCH),
            worker_threads=int(_number(env, "ERP_WORKER_THREADS", 8, whole=True)),
            log_level=level, log_format=log_format, grpc_reflection=_switch(env, "ERP_GRPC_REFLECTION", True),
            auth_failure_limit=int(_number(env, "ERP_AUTH_FAILURE_LIMIT", 20, whole=True)),
            health_probe_interval=_seconds(env, "ERP_HEALTH_PROBE_SECONDS", HEALTH_PROBE),
            caller_rate=_number(env, "ERP_CALLER_RATE_PER_SECOND", 5.0),
            caller_burst=int(_number(env, "ERP_CALLER_BURST", 20, whole=True)),
            grpc_threads=int(_number(env, "ERP_GRPC_THREADS", 4, whole=True)),
            upstream_rpc_threads=int(_number(env, "ERP_UPSTREAM_RPC_THREADS", 8, whole=True)),
            upstream_rpc_queue=int(_number(env, "ERP_UPSTREAM_RPC_QUEUE", 56, whole=True)),
            upstream_rpc_budget=_seconds(env, "ERP_UPSTREAM_RPC_BUDGET_SECONDS", timedelta(seconds=30)),
            tls=_tls(env),
            event_retention=timedelta(days=_number(env, "ERP_EVENT_RETENTION_DAYS", EVENT_RETENTION.days)))

    def temu_config(self) -> TemuConfig:
        if not self.temu_app_key or not self.temu_app_secret:
            raise SettingsError("TEMU_APP_KEY and TEMU_APP_SECRET are required to talk to Temu "
                                "(serve and worker.py); see the README's configuration table")
        if self.temu_base_url:
            return TemuConfig.for_base_url(self.temu_base_url, self.temu_app_key, self.temu_app_secret,
                                           qps=self.temu_qps)
        return TemuConfig(self.temu_app_key, self.temu_app_secret, {**PRODUCTION_GATEWAYS, **dict(self.temu_gateways)},
                          qps=self.temu_qps)

    def keyring(self) -> Keyring:
        """The configured keys, or (development) a key file made on first use."""
        if self.secrets_keys:
            return Keyring.parse(self.secrets_keys, self.fingerprint_key)
        return Keyring.dev()


def _number(env: Mapping[str, str], name: str, default: float, whole: bool = False) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a {'whole ' if whole else ''}number, not {raw!r}") from None
    if value <= 0:
        raise SettingsError(f"{name} must be more than 0, not {raw!r}")
    return value


def _port(env: Mapping[str, str], name: str) -> int | None:
    if not env.get(name, "").strip():
        return None
    port = int(_number(env, name, 0, whole=True))
    if port > 65535:
        raise SettingsError(f"{name} must be a TCP port (1 to 65535), not {port}")
    return port


def _traces_exporter(env: Mapping[str, str]) -> str:
    """OpenTelemetry's own variables: ``OTEL_SDK_DISABLED=true`` wins; the exporter's endpoint,
    headers, service name and sampler are read by the SDK itself (docs/operations.md)."""
    if env.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return "none"
    exporter = (env.get("OTEL_TRACES_EXPORTER", "").strip() or "none").lower()
    if exporter not in TRACE_EXPORTERS:
        raise SettingsError(f"OTEL_TRACES_EXPORTER must be one of {', '.join(TRACE_EXPORTERS)}, not {exporter!r}")
    return exporter


def _tls(env: Mapping[str, str]) -> ServerTls | None:
    """TLS when ERP_TLS_CERT_FILE and ERP_TLS_KEY_FILE are set; mTLS with ERP_TLS_CLIENT_CA_FILE too."""
    cert, key, ca = (env.get(f"ERP_TLS_{name}_FILE", "").strip() or None for name in ("CERT", "KEY", "CLIENT_CA"))
    if not (cert or key or ca):
        return None
    for name, value in (("ERP_TLS_CERT_FILE", cert), ("ERP_TLS_KEY_FILE", key)):
        if not value:
            raise SettingsError(f"{name} must be set too: TLS needs ERP_TLS_CERT_FILE and ERP_TLS_KEY_FILE "
                                "(and ERP_TLS_CLIENT_CA_FILE for mTLS)")
    return ServerTls(_pem(cert, "ERP_TLS_CERT_FILE"), _pem(key, "ERP_TLS_KEY_FILE"),
                     _pem(ca, "ERP_TLS_CLIENT_CA_FILE") if ca else None)


def _pem(path: str, name: str) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as err:
        raise SettingsError(f"{name}: cannot read {path!r} ({err.strerror})") from None
    if b"-----BEGIN " not in data:
        raise SettingsError(f"{name}: {path!r} is not a PEM file (no -----BEGIN line)")
    return data


def _switch(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw not in ("on", "off"):
        raise SettingsError(f"{name} must be on or off, not {raw!r}")
    return raw == "on"


def _seconds(env: Mapping[str, str], name: str, default: timedelta) -> timedelta:
    return timedelta(seconds=_number(env, name, default.total_seconds()))

