"""Certificates a test makes for itself: a CA, a server certificate for localhost and 127.0.0.1,
a client certificate the CA signed, and one signed by a CA nobody trusts."""
from __future__ import annotations

import ipaddress
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

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

    def __init__(self, directory: Path) -> None:
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

    def write(self, name: str, data: bytes) -> str:
        path = self.dir / name
        path.write_bytes(data)
        return str(path)

    def env(self, mtls: bool) -> dict[str, str]:
        files = {"ERP_TLS_CERT_FILE": self.server[0], "ERP_TLS_KEY_FILE": self.server[1]}
        if mtls:
            files["ERP_TLS_CLIENT_CA_FILE"] = self.ca_pem
        return {name: self.write(name.lower(), data) for name, data in files.items()}
