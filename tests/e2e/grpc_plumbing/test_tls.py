"""TLS and mTLS by configuration (ERP_TLS_CERT_FILE, ERP_TLS_KEY_FILE, ERP_TLS_CLIENT_CA_FILE),
with certificates this test makes: a plaintext client is refused when TLS is on, and with a
client CA only a client holding a certificate that CA signed gets an answer."""
from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import grpc
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from grpc_health.v1 import health_pb2, health_pb2_grpc

from adapters.persistence.keyring import Keyring
from adapters.persistence.migrate import upgrade
from adapters.temu.config import TemuConfig
from bootstrap import build_app
from bootstrap.settings import Settings
from server import serve

NOW = datetime.now(timezone.utc)


def _pem_key(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _certificate(name: str, key, issuer: tuple[x509.Certificate, object] | None, *, ca: bool = False,
                 server: bool = False) -> x509.Certificate:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    issuer_cert, issuer_key = issuer or (None, key)
    builder = (x509.CertificateBuilder().subject_name(subject)
               .issuer_name(issuer_cert.subject if issuer_cert else subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(NOW - timedelta(minutes=5)).not_valid_after(NOW + timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if server:
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
    if not ca:
        usage = ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


class Pki:
    """A CA, a server certificate for localhost, a client certificate it signed, and one a stranger signed."""

    def __init__(self, directory) -> None:
        self.dir = directory
        self.ca_key = ec.generate_private_key(ec.SECP256R1())
        self.ca = _certificate("ERP test CA", self.ca_key, None, ca=True)
        self.server = self._leaf("localhost", (self.ca, self.ca_key), server=True)
        self.client = self._leaf("warehouse", (self.ca, self.ca_key))
        stranger_key = ec.generate_private_key(ec.SECP256R1())
        self.stranger = self._leaf("stranger", (_certificate("Other CA", stranger_key, None, ca=True), stranger_key))

    def _leaf(self, name: str, issuer, server: bool = False) -> tuple[bytes, bytes]:
        key = ec.generate_private_key(ec.SECP256R1())
        return _certificate(name, key, issuer, server=server).public_bytes(serialization.Encoding.PEM), _pem_key(key)

    @property
    def ca_pem(self) -> bytes:
        return self.ca.public_bytes(serialization.Encoding.PEM)

    def env(self, mtls: bool) -> dict[str, str]:
        files = {"ERP_TLS_CERT_FILE": self.server[0], "ERP_TLS_KEY_FILE": self.server[1]}
        if mtls:
            files["ERP_TLS_CLIENT_CA_FILE"] = self.ca_pem
        env = {}
        for name, data in files.items():
            path = self.dir / name.lower()
            path.write_bytes(data)
            env[name] = str(path)
        return env


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
