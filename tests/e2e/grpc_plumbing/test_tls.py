"""TLS and mTLS by configuration (ERP_TLS_CERT_FILE, ERP_TLS_KEY_FILE, ERP_TLS_CLIENT_CA_FILE),
with certificates this test makes: a plaintext client is refused when TLS is on, and with a
client CA only a client holding a certificate that CA signed gets an answer."""
from __future__ import annotations

import threading
from collections.abc import Iterator

import grpc
import pytest
from grpc_health.v1 import health_pb2, health_pb2_grpc

from adapters.persistence.keyring import Keyring
from adapters.persistence.migrate import upgrade
from adapters.temu.config import TemuConfig
from bootstrap import build_app
from bootstrap.settings import Settings
from server import serve
from tests.certs import Pki

@pytest.fixture
def pki(tmp_path) -> Pki:
    return Pki(tmp_path)


def _running(tmp_path, env: dict[str, str]) -> Iterator[int]:
    url = f"sqlite:///{tmp_path / 'tls.db'}"
    upgrade(url)
    settings = Settings.from_env({"ERP_DATABASE_URL": url, **env})
    app = build_app(settings, TemuConfig.for_base_url("http://127.0.0.1:9", "k", "s"), keyring=Keyring.generate("k1"))
    stop, ready, port = threading.Event(), threading.Event(), []
    thread = threading.Thread(target=serve, args=(app, "127.0.0.1:0", stop, lambda p: (port.append(p), ready.set())),
                              daemon=True)
    thread.start()
    assert ready.wait(10)
    yield port[0]
    stop.set()
    thread.join(15)
    app.temu.close()
    app.engine.dispose()


@pytest.fixture
def tls_server(tmp_path, pki) -> Iterator[int]:
    yield from _running(tmp_path, pki.env(mtls=False))


@pytest.fixture
def mtls_server(tmp_path, pki) -> Iterator[int]:
    yield from _running(tmp_path, pki.env(mtls=True))


def _health(channel: grpc.Channel) -> health_pb2.HealthCheckResponse:
    with channel:
        return health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=5)


def _secure(port: int, pki: Pki, client: tuple[bytes, bytes] | None = None) -> grpc.Channel:
    cert, key = client or (None, None)
    creds = grpc.ssl_channel_credentials(root_certificates=pki.ca_pem, private_key=key, certificate_chain=cert)
    return grpc.secure_channel(f"localhost:{port}", creds)


def _refused(channel: grpc.Channel) -> grpc.StatusCode:
    with pytest.raises(grpc.RpcError) as caught:
        _health(channel)
    return caught.value.code()


def test_with_tls_on_a_tls_client_is_served_and_a_plaintext_one_is_refused(tls_server, pki):
    assert _health(_secure(tls_server, pki)).status == health_pb2.HealthCheckResponse.SERVING
    assert _refused(grpc.insecure_channel(f"127.0.0.1:{tls_server}")) is grpc.StatusCode.UNAVAILABLE


def test_with_mtls_a_client_without_a_certificate_or_with_a_strangers_is_refused(mtls_server, pki):
    assert _refused(_secure(mtls_server, pki)) is grpc.StatusCode.UNAVAILABLE
    assert _refused(_secure(mtls_server, pki, pki.stranger)) is grpc.StatusCode.UNAVAILABLE
    assert _refused(grpc.insecure_channel(f"127.0.0.1:{mtls_server}")) is grpc.StatusCode.UNAVAILABLE


def test_with_mtls_a_client_whose_certificate_the_ca_signed_is_served(mtls_server, pki):
    assert _health(_secure(mtls_server, pki, pki.client)).status == health_pb2.HealthCheckResponse.SERVING
