"""ShopService requests -> application commands, with the checks protobuf cannot make.

Each function reports every bad field of a request at once, as one ``ValidationFailed``
(INVALID_ARGUMENT with a ``BadRequest`` field violation per field). Rules that belong to the
domain (name length, token shape) are left to it.
"""
from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import TypeVar

from google.protobuf import timestamp_pb2
from google.protobuf.message import Message

from adapters.grpc.gen.erp.v1 import shop_service_pb2 as pb
from adapters.grpc.mappers import AUTH_STATUSES, REGIONS, SHOP_KINDS, SHOP_STATUSES, TOKEN_KINDS, shop_id_from_name
from application.shops.commands import (
    AddProductTokenCommand, AuthorizeShopCommand, ListShopsQuery, ReauthorizeShopCommand,
    RenameShopCommand, SetShopStatusCommand,
)
from domain.errors import FieldViolation, ValidationFailed
from domain.principal import Principal

T = TypeVar("T")
MAX_PAGE_TOKEN_LENGTH = 1024
MAX_OWNER_LENGTH = 128
MAX_PAGE_SIZE = 2**31 - 1  # larger than a method's maximum means its maximum (AIP-158)
MAX_EXPIRING_WITHIN_DAYS = 3650
MAX_ETAG_VERSION = 2**31 - 1
# Every time a request may carry lies in [EARLIEST_TIME, LATEST_TIME): Temu has no order before
# it, and times outside it are mistakes (year 1 would reach Temu as a negative timestamp).
EARLIEST_TIME = datetime(2000, 1, 1, tzinfo=timezone.utc)
LATEST_TIME = datetime(2100, 1, 1, tzinfo=timezone.utc)
UPDATABLE_FIELDS = ("display_name",)
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


class Checks:
    """Collects the field violations of one request."""

    def __init__(self) -> None:
        self.violations: list[FieldViolation] = []

    def add(self, field: str, problem: str) -> None:
        self.violations.append(FieldViolation(field, problem))

    def required(self, value: str, field: str) -> None:
        if not value:
            self.add(field, "must be set")

    def check(self, parse: Callable[[], T]) -> T | None:
        try:
            return parse()
        except ValidationFailed as err:
            self.violations.extend(err.violations)
            return None

    def within(self, value: int, low: int, high: int, field: str) -> None:
        """``value`` lies in ``[low, high]``."""
        if not low <= value <= high:
            self.add(field, f"must be between {low:,} and {high:,}")

    def moment(self, message: Message, field: str, path: str, *, required: bool = False) -> datetime | None:
        """The time in ``message.<field>``, ``None`` when absent; a violation naming ``path`` when
        it is required and absent, or outside [EARLIEST_TIME, LATEST_TIME)."""
        if not message.HasField(field):
            if required:
                self.add(path, "must be set")
            return None
        ts: timestamp_pb2.Timestamp = getattr(message, field)
        if 0 <= ts.nanos <= 999_999_999 and \
                EARLIEST_TIME.timestamp() <= ts.seconds < LATEST_TIME.timestamp():
            return ts.ToDatetime(tzinfo=timezone.utc)
        self.add(path, "must be from 2000-01-01T00:00:00Z to before 2100-01-01T00:00:00Z "
                       "(nanos 0 to 999,999,999)")
        return None

    def page(self, page_size: int, page_token: str) -> None:
        """AIP-158: a page size is not negative; a page token is one this API could have issued."""
        self.within(page_size, 0, MAX_PAGE_SIZE, "page_size")
        if len(page_token) > MAX_PAGE_TOKEN_LENGTH:
            self.add("page_token", "not a page token this API issued")

    def request_id(self, value: str) -> str | None:
        """An AIP-155 request id: empty, or a UUID in its 36-character form (lower-cased)."""
        if not value:
            return None
        if _UUID.match(value):
            return str(uuid.UUID(value))
        self.add("request_id", "must be a UUID such as 3f2c1a9e-6b7d-4c1e-9a51-2b0e8d4f7c10")
        return None

    def done(self) -> None:
        if self.violations:
            fields = ", ".join(dict.fromkeys(v.field for v in self.violations))
            raise ValidationFailed(f"The request has invalid fields: {fields}.", self.violations)


@contextmanager
def field_aliases(aliases: Mapping[str, str]) -> Iterator[None]:
    """Rename the fields of a ``ValidationFailed`` raised inside to this request's field names
    (the domain says ``name`` where AuthorizeShop says ``display_name``)."""
    try:
        yield
    except ValidationFailed as err:
        err.violations = [FieldViolation(aliases.get(v.field, v.field), v.description)
                          for v in err.violations]
        raise


def authorize_command(req: pb.AuthorizeShopRequest, principal: Principal) -> AuthorizeShopCommand:
    c = Checks()
    c.required(req.display_name, "display_name")
    kind = c.check(lambda: SHOP_KINDS.from_proto(req.kind, "kind", required=True))
    region = c.check(lambda: REGIONS.from_proto(req.region, "region", required=True))
    c.required(req.token, "token")
    if len(req.owner) > MAX_OWNER_LENGTH:
        c.add("owner", f"at most {MAX_OWNER_LENGTH} characters")
    request_id = c.request_id(req.request_id)
    c.done()
    return AuthorizeShopCommand(principal, req.display_name, kind, region, req.token,
                                owner_id=req.owner or None, request_id=request_id)


def add_product_token_command(req: pb.AddProductTokenRequest, principal: Principal) -> AddProductTokenCommand:
    c = Checks()
    shop_id = c.check(lambda: shop_id_from_name(req.shop, "shop"))
    c.required(req.token, "token")
    request_id = c.request_id(req.request_id)
    c.done()
    return AddProductTokenCommand(principal, shop_id, req.token, request_id=request_id)


def reauthorize_command(req: pb.ReauthorizeShopRequest, principal: Principal) -> ReauthorizeShopCommand:
    c = Checks()
    shop_id = c.check(lambda: shop_id_from_name(req.shop, "shop"))
    token_kind = c.check(lambda: TOKEN_KINDS.from_proto(req.token_kind, "token_kind"))
    c.required(req.token, "token")
    request_id = c.request_id(req.request_id)
    c.done()
    return ReauthorizeShopCommand(principal, shop_id, token_kind, req.token, request_id=request_id)


def get_shop_id(req: pb.GetShopRequest) -> str:
    c = Checks()
    shop_id = c.check(lambda: shop_id_from_name(req.name, "name"))
    c.done()
    return shop_id


def rename_command(req: pb.UpdateShopRequest, principal: Principal) -> RenameShopCommand:
    c = Checks()
    if not req.HasField("shop"):
        c.add("shop", "must be set")
    shop_id = c.check(lambda: shop_id_from_name(req.shop.name, "shop.name"))
    unsupported = [p for p in req.update_mask.paths if p not in UPDATABLE_FIELDS]
    if unsupported:
        shown = ", ".join(unsupported[:3]) + (", …" if len(unsupported) > 3 else "")
        c.add("update_mask", f"only display_name is updatable, not {shown}"[:200])
    c.required(req.shop.display_name, "shop.display_name")
    c.within(req.shop.etag_version, 0, MAX_ETAG_VERSION, "shop.etag_version")
    request_id = c.request_id(req.request_id)
    c.done()
    return RenameShopCommand(principal, shop_id, req.shop.display_name, request_id=request_id,
                             expected_version=req.shop.etag_version or None)


def set_status_command(req: pb.EnableShopRequest | pb.DisableShopRequest, principal: Principal,
                       enabled: bool) -> SetShopStatusCommand:
    c = Checks()
    shop_id = c.check(lambda: shop_id_from_name(req.name, "name"))
    request_id = c.request_id(req.request_id)
    c.done()
    return SetShopStatusCommand(principal, shop_id, enabled, request_id=request_id)


def list_query(req: pb.ListShopsRequest, principal: Principal) -> ListShopsQuery:
    c = Checks()
    c.page(req.page_size, req.page_token)
    auth_status = c.check(lambda: AUTH_STATUSES.from_proto(req.auth_status, "auth_status"))
    status = c.check(lambda: SHOP_STATUSES.from_proto(req.status, "status"))
    c.within(req.expiring_within_days, 0, MAX_EXPIRING_WITHIN_DAYS, "expiring_within_days")
    c.done()
    return ListShopsQuery(principal, page_size=req.page_size,
                          page_token=req.page_token, auth_status=auth_status, status=status,
                          name_contains=req.name_contains,
                          expiring_within_days=req.expiring_within_days)
