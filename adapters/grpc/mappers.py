"""Protobuf <-> application DTOs: enums, resource names, timestamps, ``Shop``.

Enum values pair by name: domain ``Region.EU`` is proto ``REGION_EU``. A domain member
without a proto value fails at import, so the two cannot drift apart silently.
"""
from __future__ import annotations

import re
from datetime import datetime, timezone
from enum import Enum
from typing import Generic, TypeVar

from google.protobuf import timestamp_pb2
from google.protobuf.internal.enum_type_wrapper import EnumTypeWrapper

from adapters.grpc.gen.erp.v1 import shop_pb2
from application.ports.readers import CredentialView, ShopView
from domain.errors import FieldViolation, ValidationFailed
from domain.shop_kinds import AuthStatus, Region, ShopKind, ShopStatus, TokenKind

E = TypeVar("E", bound=Enum)

SHOP_COLLECTION = "shops"
_SHOP_NAME = re.compile(r"^shops/([A-Za-z0-9][A-Za-z0-9_.~-]{0,63})$")


class EnumMap(Generic[E]):
    """One domain enum and its proto enum (``<PREFIX>_<MEMBER>``, ``<PREFIX>_UNSPECIFIED`` = 0)."""

    def __init__(self, domain: type[E], proto: EnumTypeWrapper, prefix: str) -> None:
        self.domain = domain
        self._to_proto = {m: proto.Value(f"{prefix}_{m.value}") for m in domain}
        self._from_proto = {v: m for m, v in self._to_proto.items()}

    def to_proto(self, member: E) -> int:
        return self._to_proto[member]

    def from_proto(self, value: int, field: str, *, required: bool = False) -> E | None:
        """The domain member, or ``None`` for UNSPECIFIED (0). Raises ``ValidationFailed``
        naming ``field`` for an unknown number, or for UNSPECIFIED when ``required``."""
        if value in self._from_proto:
            return self._from_proto[value]
        if value == 0 and not required:
            return None
        problem = "must be set" if value == 0 else f"unknown value {value}"
        raise ValidationFailed(f"{field}: {problem}.", [FieldViolation(field, problem)])


SHOP_KINDS = EnumMap(ShopKind, shop_pb2.ShopKind, "SHOP_KIND")
REGIONS = EnumMap(Region, shop_pb2.Region, "REGION")
TOKEN_KINDS = EnumMap(TokenKind, shop_pb2.TokenKind, "TOKEN_KIND")
AUTH_STATUSES = EnumMap(AuthStatus, shop_pb2.AuthStatus, "AUTH_STATUS")
SHOP_STATUSES = EnumMap(ShopStatus, shop_pb2.ShopStatus, "SHOP_STATUS")


# -- resource names -------------------------------------------------------------------------

def shop_name(shop_id: str) -> str:
    return f"{SHOP_COLLECTION}/{shop_id}"


def shop_id_from_name(name: str, field: str) -> str:
    """``shops/{id}`` -> ``id``; ``ValidationFailed`` naming ``field`` when malformed."""
    match = _SHOP_NAME.match(name)
    if match is None:
        problem = "must be set" if not name else "must look like shops/{shop}"
        raise ValidationFailed(f"{field}: {problem}.", [FieldViolation(field, problem)])
    return match.group(1)


# -- timestamps -----------------------------------------------------------------------------

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def timestamp(moment: datetime) -> timestamp_pb2.Timestamp:
    """A timezone-aware moment as a Timestamp (a naive one is taken as UTC).

    What ``Timestamp.FromDatetime`` gives, by integer arithmetic on the timedelta since the
    epoch: a shop carries five timestamps, and ``FromDatetime`` was a fifth of GetShop's mapping.
    """
    since = (moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)) - _EPOCH
    return timestamp_pb2.Timestamp(seconds=since.days * 86_400 + since.seconds, nanos=since.microseconds * 1000)


def moment(ts: timestamp_pb2.Timestamp) -> datetime:
    return ts.ToDatetime(tzinfo=timezone.utc)


# -- Shop -----------------------------------------------------------------------------------

def credential_to_proto(c: CredentialView) -> shop_pb2.Credential:
    return shop_pb2.Credential(
        kind=TOKEN_KINDS.to_proto(c.kind), region=REGIONS.to_proto(c.region),
        fingerprint=c.fingerprint, scopes=list(c.scopes), expire_time=timestamp(c.expires_at),
        expiry_from_temu=c.expiry_from_temu, days_left=c.days_left,
        last_verify_time=timestamp(c.last_verified_at), revoked=c.revoked, missing_scopes=list(c.missing_scopes))


def shop_to_proto(view: ShopView) -> shop_pb2.Shop:
    shop = shop_pb2.Shop(
        name=shop_name(view.id), display_name=view.name, kind=SHOP_KINDS.to_proto(view.kind),
        region=REGIONS.to_proto(view.region), mall_id=view.mall_id, owner=view.owner_id,
        status=SHOP_STATUSES.to_proto(view.status), auth_status=AUTH_STATUSES.to_proto(view.auth_status),
        credentials=[credential_to_proto(c) for c in view.credentials],
        create_time=timestamp(view.created_at), update_time=timestamp(view.updated_at),
        etag_version=view.version, reauthorization_reason=view.reauthorization_reason or "")
    if view.expiry_warning_days is not None:
        shop.expiry_warning_days = view.expiry_warning_days
    if view.auth_expires_at is not None:
        shop.auth_expire_time.CopyFrom(timestamp(view.auth_expires_at))
    return shop


def credential_from_proto(c: shop_pb2.Credential) -> CredentialView:
    return CredentialView(
        kind=TOKEN_KINDS.from_proto(c.kind, "credentials.kind", required=True),
        region=REGIONS.from_proto(c.region, "credentials.region", required=True),
        fingerprint=c.fingerprint, scopes=tuple(c.scopes), expires_at=moment(c.expire_time),
        expiry_from_temu=c.expiry_from_temu, days_left=c.days_left,
        last_verified_at=moment(c.last_verify_time), revoked=c.revoked)


def shop_from_proto(shop: shop_pb2.Shop) -> ShopView:
    """The inverse of :func:`shop_to_proto` (for clients and tests of this API)."""
    return ShopView(
        id=shop_id_from_name(shop.name, "shop.name"), name=shop.display_name,
        kind=SHOP_KINDS.from_proto(shop.kind, "shop.kind", required=True),
        region=REGIONS.from_proto(shop.region, "shop.region", required=True),
        mall_id=shop.mall_id, owner_id=shop.owner,
        status=SHOP_STATUSES.from_proto(shop.status, "shop.status", required=True),
        auth_status=AUTH_STATUSES.from_proto(shop.auth_status, "shop.auth_status", required=True),
        expiry_warning_days=shop.expiry_warning_days if shop.HasField("expiry_warning_days") else None,
        auth_expires_at=moment(shop.auth_expire_time) if shop.HasField("auth_expire_time") else None,
        credentials=tuple(credential_from_proto(c) for c in shop.credentials),
        created_at=moment(shop.create_time), updated_at=moment(shop.update_time),
        version=shop.etag_version, reauthorization_reason=shop.reauthorization_reason or None)
