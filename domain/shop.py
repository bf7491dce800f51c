"""The Shop aggregate: one Temu shop in one region, with its tokens (AUTH-1 … AUTH-10 in docs/requirements.md)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import NewType

from domain.errors import AlreadyExists, FieldViolation, PreconditionFailed, ValidationFailed
from domain.events import Event, ShopAuthorizationExpired, ShopAuthorized, ShopReauthorized, TokenAdded
from domain.shop_kinds import AuthStatus, Region, ShopKind, ShopStatus, TokenKind, backoffice_url
from domain.token import (
    Credential, TokenInfo, check_order_token, check_product_token,
)

ShopId = NewType("ShopId", str)
PrincipalId = NewType("PrincipalId", str)

MAX_NAME_LENGTH = 64
_NAME_OK = re.compile(r"^[^\x00-\x1f\x7f]+$")


@dataclass(frozen=True, slots=True)
class ShopName:
    value: str

    def __post_init__(self) -> None:
        v = self.value.strip() if isinstance(self.value, str) else ""
        if not v:
            raise ValidationFailed("The shop name is empty: give the shop a name you will recognise.",
                                   [FieldViolation("name", "must not be empty")])
        if len(v) > MAX_NAME_LENGTH or not _NAME_OK.match(v):
            raise ValidationFailed(
                f"The shop name must be 1 to {MAX_NAME_LENGTH} printable characters.",
                [FieldViolation("name", f"1 to {MAX_NAME_LENGTH} printable characters")])
        object.__setattr__(self, "value", v)

    @property
    def key(self) -> str:
        """Names are unique within the platform regardless of case (AUTH-8)."""
        return self.value.casefold()


def check_kind_and_region(kind: ShopKind, region: Region) -> None:
    """AUTH-1: local shops exist only in the US."""
    if kind is ShopKind.LOCAL and region is not Region.US:
        raise ValidationFailed(
            "Temu local (本土) shops can only be authorized in region US.",
            [FieldViolation("region", "local shops exist only in region US")],
            reason="LOCAL_SHOP_REGION_UNSUPPORTED")


def effective_auth_status(stored: AuthStatus, expires_at: datetime | None, now: datetime) -> AuthStatus:
    """AUTH-6: an authorization whose first required token has passed its expiry is EXPIRED,
    whether or not the expiry job has run yet."""
    if stored is AuthStatus.REAUTH_REQUIRED:
        return stored
    if expires_at is not None and now >= expires_at:
        return AuthStatus.EXPIRED
    return stored


def shop_already_authorized(shop_id: str, shop_name: str, mall_id: int, region: Region) -> AlreadyExists:
    """AUTH-9: the error names the ERP shop that already holds this Temu shop and region."""
    return AlreadyExists(
        f"Temu shop {mall_id} ({region.value}) is already authorized in the ERP as shop "
        f"'{shop_name}' (shops/{shop_id}). Authorizing it twice would duplicate its orders: "
        "re-authorize that shop instead.", reason="SHOP_ALREADY_AUTHORIZED",
        existing_shop_id=shop_id, existing_shop_name=shop_name, mall_id=mall_id, region=region.value)


def shop_held_by_another_owner(mall_id: int, region: Region) -> AlreadyExists:
    """AUTH-9 for a caller who may not see the existing shop: the refusal says the Temu shop is in
    this ERP and whom to ask, never which ERP shop holds it (its id and name are another owner's)."""
    return AlreadyExists(
        f"Temu shop {mall_id} ({region.value}) is already authorized in this ERP, under another owner. "
        "Authorizing it twice would duplicate its orders: ask an administrator to re-authorize it or "
        "to assign it to you.", reason="SHOP_ALREADY_AUTHORIZED", mall_id=mall_id, region=region.value)


def shop_name_taken(shop_id: str, shop_name: str) -> AlreadyExists:
    """AUTH-8: names are unique within the platform."""
    return AlreadyExists(f"The shop name '{shop_name}' is already used by another shop: choose another "
                         "name.", reason="SHOP_NAME_TAKEN", existing_shop_id=shop_id)


class Shop:
    """A Temu shop authorized in the ERP. Cross-border shops are one record per region."""

    def __init__(self, *, id: ShopId, name: ShopName, kind: ShopKind, region: Region, mall_id: int,
                 owner_id: PrincipalId, created_at: datetime) -> None:
        self.id = id
        self.name = name
        self.kind = kind
        self.region = region
        self.mall_id = mall_id
        self.owner_id = owner_id
        self.status = ShopStatus.ENABLED
        self.auth_status = AuthStatus.PARTIAL
        self.auth_expires_at: datetime | None = None
        self.orders_expire_at: datetime | None = None  # the order (or local) token's own expiry
        self.credentials: dict[TokenKind, Credential] = {}
        self.reauthorization_reason: str | None = None  # why REAUTH_REQUIRED, in words
        self.created_at = created_at
        self.updated_at = created_at
        self.version = 1
        self.events: list[Event] = []

    # -- public commands ---------------------------------------------------------------------

    @classmethod
    def authorize(cls, *, id: ShopId, name: ShopName, kind: ShopKind, region: Region,
                  owner_id: PrincipalId, info: TokenInfo, fingerprint: str, now: datetime) -> "Shop":
        """Step 1 (cross-border order token) or the single step of a local shop."""
        check_kind_and_region(kind, region)
        check_order_token(info, kind, region, now)
        shop = cls(id=id, name=name, kind=kind, region=region, mall_id=info.mall_id,
                   owner_id=owner_id, created_at=now)
        shop._set_credential(Credential.from_info(kind.order_token_kind, info, fingerprint, now), now)
        shop.events.append(ShopAuthorized(shop.id, shop.auth_status.value))
        return shop

    def add_product_token(self, info: TokenInfo, fingerprint: str, now: datetime) -> None:
        """Step 2 of a cross-border shop, pasted or copied from the other region (AUTH-5)."""
        if self.kind is not ShopKind.CROSS_BORDER:
            raise PreconditionFailed(
                "Local shops have a single token: there is no product token step.",
                reason="NOT_A_CROSS_BORDER_SHOP", subject=f"shops/{self.id}")
        check_product_token(info, self.region, self.mall_id, now)
        self._set_credential(Credential.from_info(TokenKind.PRODUCT, info, fingerprint, now), now)
        self.events.append(TokenAdded(self.id, TokenKind.PRODUCT.value))

    def adopt_product_token_from(self, other: Shop, now: datetime) -> bool:
        """AUTH-5: a product token belongs to the Temu seller account, not to a region. A
        cross-border shop without a usable one takes the usable one another region of the same
        Temu shop holds. True when it did: the caller copies the secret with it."""
        mine, theirs = self.credentials.get(TokenKind.PRODUCT), other.credentials.get(TokenKind.PRODUCT)
        if (self.kind is not ShopKind.CROSS_BORDER or other.mall_id != self.mall_id or other.region is self.region
                or (mine is not None and mine.is_usable(now)) or theirs is None or not theirs.is_usable(now)):
            return False
        self._set_credential(theirs, now)
        return True

    def reauthorize(self, token_kind: TokenKind, info: TokenInfo, fingerprint: str, now: datetime) -> None:
        """Replace a token (expired, about to expire, or replaced on Temu). The shop stays."""
        if info.mall_id != self.mall_id:
            url = backoffice_url(self.kind, self.region, token_kind)
            raise PreconditionFailed(
                f"This token belongs to Temu shop {info.mall_id}, but shop '{self.name.value}' is "
                f"Temu shop {self.mall_id}: paste a token generated for this shop.",
                reason="TOKEN_OF_ANOTHER_SHOP", subject=f"shops/{self.id}",
                token_mall_id=info.mall_id, shop_mall_id=self.mall_id,
            ).with_help("Generate the token in the Temu seller back office", url)
        if token_kind is TokenKind.PRODUCT:
            self.add_product_token(info, fingerprint, now)
            self.events.append(ShopReauthorized(self.id, token_kind.value))
            return
        if token_kind is not self.kind.order_token_kind:
            raise ValidationFailed(
                f"A {self.kind.value.lower()} shop has no {token_kind.value.lower()} token.",
                [FieldViolation("token_kind", "not a token kind of this shop")])
        check_order_token(info, self.kind, self.region, now)
        self._set_credential(Credential.from_info(token_kind, info, fingerprint, now), now)
        self.events.append(TokenAdded(self.id, token_kind.value))
        self.events.append(ShopReauthorized(self.id, token_kind.value))

    def rename(self, name: ShopName, now: datetime) -> None:
        self.name = name
        self._touch(now)

    def enable(self, now: datetime) -> None:
        self.status = ShopStatus.ENABLED
        self._touch(now)

    def disable(self, now: datetime) -> None:
        self.status = ShopStatus.DISABLED
        self._touch(now)

    def check_expiry(self, now: datetime) -> bool:
        """Mark the authorization EXPIRED once a required token passed its expiry (AUTH-6)."""
        if self.auth_status in (AuthStatus.EXPIRED, AuthStatus.REAUTH_REQUIRED):
            return False
        if self.effective_auth_status(now) is AuthStatus.EXPIRED:
            self.auth_status = AuthStatus.EXPIRED
            self._touch(now)
            self.events.append(ShopAuthorizationExpired(self.id))
            return True
        return False

    def revoke_token(self, token_kind: TokenKind, now: datetime) -> None:
        """Temu answered 3000034 (expired or replaced): stop using the token until re-authorized."""
        self.require_reauthorization(token_kind, f"Temu says the {token_kind.value.lower()} token expired or "
                                                 "was replaced: re-authorize the shop with a new token.", now)

    def require_reauthorization(self, token_kind: TokenKind, reason: str, now: datetime) -> None:
        """The token cannot be used any more (Temu revoked it, or its stored copy no longer
        decrypts): stop using it until the shop is re-authorized, and say why."""
        cred = self.credentials.get(token_kind)
        if cred is not None:
            self.credentials = {**self.credentials, token_kind: cred.marked_revoked()}
        if token_kind is self.kind.order_token_kind:
            self.orders_expire_at = None
        if token_kind is not TokenKind.PRODUCT:
            self.auth_status = AuthStatus.REAUTH_REQUIRED
            self.reauthorization_reason = reason
        self._touch(now)

    def record_scope_refused(self, token_kind: TokenKind, api_type: str, now: datetime) -> None:
        """Temu refused ``api_type`` to a token whose scope list named it (3000032): the token
        matrix stops claiming the grant, and the ERP stops asking until the seller grants it."""
        cred = self.credentials.get(token_kind)
        if cred is not None and api_type.lower() in {s.lower() for s in cred.scopes}:
            self.credentials = {**self.credentials, token_kind: cred.without_scope(api_type)}
            self._touch(now)

    # -- public queries ----------------------------------------------------------------------

    def can_sync_orders(self, now: datetime) -> bool:
        """Order sync needs only the order token: an expired product token stops product and
        stock functions, not orders (AUTH-3)."""
        return (self.status is ShopStatus.ENABLED and self.auth_status is not AuthStatus.REAUTH_REQUIRED
                and self.orders_expire_at is not None and now < self.orders_expire_at)

    def required_token_kinds(self) -> tuple[TokenKind, ...]:
        if self.kind is ShopKind.LOCAL:
            return (TokenKind.LOCAL,)
        return (TokenKind.ORDER, TokenKind.PRODUCT)

    def effective_auth_status(self, now: datetime) -> AuthStatus:
        return effective_auth_status(self.auth_status, self.auth_expires_at, now)

    def usable_kind(self, token_kind: TokenKind) -> TokenKind:
        """A local shop's single token serves every function."""
        return TokenKind.LOCAL if self.kind is ShopKind.LOCAL else token_kind

    def usable_token(self, token_kind: TokenKind, now: datetime) -> Credential:
        """The credential to call Temu with, or an error saying why none may be used."""
        token_kind = self.usable_kind(token_kind)
        cred = self.credentials.get(token_kind)
        url = backoffice_url(self.kind, self.region, token_kind)
        if cred is None:
            raise PreconditionFailed(
                f"Shop '{self.name.value}' has no {token_kind.value.lower()} token yet: complete step 2 "
                "of the authorization with the product/inventory token.",
                reason="PRODUCT_TOKEN_MISSING", subject=f"shops/{self.id}",
            ).with_help("Generate the token in the Temu seller back office", url)
        if not cred.is_usable(now):
            raise PreconditionFailed(
                f"The {token_kind.value.lower()} token of shop '{self.name.value}' has expired or was "
                "replaced on Temu: re-authorize the shop with a new token.",
                reason="SHOP_REAUTHORIZATION_REQUIRED", subject=f"shops/{self.id}",
            ).with_help("Generate the token in the Temu seller back office", url)
        return cred

    def order_credential(self, now: datetime) -> Credential:
        """The credential to read and ship this shop's orders with (``usable_token``)."""
        return self.usable_token(self.kind.order_token_kind, now)

    def expiry_warning_days(self, now: datetime) -> int | None:
        warnings = [c.warning_days(now) for c in self.credentials.values()]
        present = [w for w in warnings if w is not None]
        return min(present) if present else None

    # -- internals ---------------------------------------------------------------------------

    def _set_credential(self, credential: Credential, now: datetime) -> None:
        # NOTE: credentials are replaced, never mutated in place, so persistence sees the change.
        self.credentials = {**self.credentials, credential.kind: credential}
        required = self.required_token_kinds()
        have_all = all(k in self.credentials for k in required)
        self.auth_status = AuthStatus.AUTHORIZED if have_all else AuthStatus.PARTIAL
        self.reauthorization_reason = None
        held = [self.credentials[k].expires_at for k in required if k in self.credentials]
        self.auth_expires_at = min(held) if held else None
        orders = self.credentials.get(self.kind.order_token_kind)
        self.orders_expire_at = orders.expires_at if orders is not None and not orders.revoked else None
        self._touch(now)

    def _touch(self, now: datetime) -> None:
        self.updated_at = now
