"""The operator's commands of server.py: migrate, create-api-key, rotate-secrets, and a graceful
stop of `serve` on SIGTERM."""
from __future__ import annotations

import base64
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import grpc
import sqlalchemy as sa
from grpc_health.v1 import health_pb2, health_pb2_grpc

from adapters.grpc.gen.erp.v1 import shop_service_pb2 as pb, shop_service_pb2_grpc
from adapters.persistence.keyring import Keyring

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path, keyring: Keyring, **extra: str) -> dict[str, str]:
    keys = dict(line.split("=", 1) for line in keyring.dump().split())
    return {**os.environ, **keys, "ERP_DATABASE_URL": f"sqlite:///{tmp_path / 'erp.db'}", "ERP_LOG_LEVEL": "WARNING",
            "TEMU_APP_KEY": "k", "TEMU_APP_SECRET": "s", "TEMU_BASE_URL": "http://127.0.0.1:9", **extra}


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "server.py", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_operator_migrates_creates_the_first_admin_key_and_serves_until_sigterm(tmp_path):
    env = _env(tmp_path, Keyring.generate("k1"))
    _run(env, "migrate")
    out = _run(env, "create-api-key", "--name", "ops", "--role", "admin")
    key = next(line.split()[2] for line in out.splitlines() if line.startswith("api key"))
    port = _free_port()
    server = subprocess.Popen([sys.executable, "server.py", "serve"], cwd=ROOT,
                              env={**env, "ERP_GRPC_ADDRESS": f"127.0.0.1:{port}"})
    try:
        channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        grpc.channel_ready_future(channel).result(timeout=30)
        health = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest())
        assert health.status == health_pb2.HealthCheckResponse.SERVING
        shops = shop_service_pb2_grpc.ShopServiceStub(channel).ListShops(pb.ListShopsRequest(),
                                                                         metadata=(("x-api-key", key),))
        assert shops.total_size == 0
        channel.close()
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(30) == 0


def test_rotating_the_secrets_key_re_encrypts_every_token_under_the_new_key(tmp_path):
    from types import SimpleNamespace

    from adapters.persistence.engine import make_engine, make_session_factory
    from adapters.persistence.mappers import map_all
    from adapters.persistence.uow import SqlAlchemyUnitOfWork
    from tests.integration.persistence.builders import stored_shop

    k1, k2, fp = (base64.b64encode(os.urandom(32)).decode() for _ in range(3))
    old = Keyring.parse(f"k1:{k1}", fp)
    env = _env(tmp_path, old)
    _run(env, "migrate")
    map_all()
    engine = make_engine(env["ERP_DATABASE_URL"])
    db = SimpleNamespace(uow=lambda: SqlAlchemyUnitOfWork(make_session_factory(engine), old))
    for _ in range(3):
        stored_shop(db)
    out = _run(_env(tmp_path, Keyring.parse(f"k2:{k2},k1:{k1}", fp)), "rotate-secrets")
    assert "re-encrypted 3" in out
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT DISTINCT key_id FROM shop_tokens")).scalars().all() == ["k2"]
    engine.dispose()
