"""Provider accounts (issue 11): a Goodcang (3PL) or Amazon seller account, authorized once the
provider accepts its credentials; its warehouses, shipping channels and stock as the provider
reports them now; a provider warehouse adopted as an ERP warehouse with its channels."""
from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import astuple, dataclass, fields

from application.idempotency import RequestIds, request_hash
from application.ports.clock import Clock
from application.ports.provider_directory import ProviderChannel, ProviderDirectories, ProviderStock, ProviderWarehouse
from application.ports.providers import GoodcangCredentials, ProviderCredentials
from application.ports.unit_of_work import UnitOfWorkFactory
from application.warehouses.checks import all_checked
from application.warehouses.views import ProviderAccountView, provider_account_view, visible_provider_account
from domain.carrier_account import checked_base_url
from domain.errors import FieldViolation, UpstreamRejected, UpstreamUnavailable, ValidationFailed
from domain.principal import Principal
from domain.provider_account import ProviderAccount, checked_marketplace
from domain.token import TokenText
from domain.warehouse import checked_name

log = logging.getLogger(__name__)
URL_FIELDS = ("base_url", "endpoint", "lwa_url")
OPTIONAL = ("marketplace_id", *URL_FIELDS)


@dataclass(frozen=True, slots=True)
class AuthorizeProviderAccountCommand:
    principal: Principal
    display_name: str
    credentials: ProviderCredentials
    owner_id: str | None = None  # None: the caller
    request_id: str | None = None


def kind_of(credentials: ProviderCredentials) -> str:
    return "GOODCANG" if isinstance(credentials, GoodcangCredentials) else "AMAZON"


def prefix_of(credentials: ProviderCredentials) -> str:
    """The request's field the credentials came in: violations name ``goodcang.app_token``."""
    return kind_of(credentials).lower()


def checked_credentials(credentials: ProviderCredentials) -> ProviderCredentials:
    """Every field trimmed and bounded, secrets without spaces, URLs http(s); all problems at once."""
    prefix, checks = prefix_of(credentials), []
    for f in fields(credentials):
        value = getattr(credentials, f.name).strip()
        if f.name in URL_FIELDS:
            checks.append(lambda v=value, n=f.name: _renamed(lambda: checked_base_url(v), f"{prefix}.{n}"))
        elif f.name == "marketplace_id":
            checks.append(lambda v=value: _renamed(lambda: checked_marketplace("AMAZON", v), f"{prefix}.marketplace_id"))
        else:
            checks.append(lambda v=value, n=f.name: _checked_secret(v, f"{prefix}.{n}"))
    return type(credentials)(*all_checked("The provider credentials are wrong", *checks))


def _renamed(check, field: str) -> str:
    try:
        return check()
    except ValidationFailed as err:
        raise ValidationFailed(err.message, [FieldViolation(field, v.description) for v in err.violations]) from None


def _checked_secret(value: str, field: str) -> str:
    if not value or len(value) > 2048 or any(ch.isspace() for ch in value):
        raise ValidationFailed(f"The {field} must be 1 to 2048 characters without spaces.",
                               [FieldViolation(field, "1 to 2048 characters without spaces")])
    return value


def provider_call(credentials: ProviderCredentials, what: str, call):
    """A refusal of the credentials names the field to fix, in the provider's words; a provider
    that does not answer is UNAVAILABLE naming where it was asked."""
    try:
        return call()
    except UpstreamRejected as err:
        if err.reason != "PROVIDER_CREDENTIALS_REFUSED":
            raise
        field = f"{prefix_of(credentials)}.{err.details.get('field', 'credentials')}"
        raise ValidationFailed(f"The provider refused these credentials: {err.message}",
                               [FieldViolation(field, f"refused by the provider: {err.message}"[:300])],
                               reason="PROVIDER_CREDENTIALS_REFUSED") from None
    except UpstreamUnavailable as err:
        where = getattr(credentials, "base_url", "") or getattr(credentials, "endpoint", "") or "its endpoint"
        raise UpstreamUnavailable(f"The provider at {where} did not answer {what} ({err.message}); try again later.",
                                  retry_after_s=err.retry_after_s) from None


class AuthorizeProviderAccount:
    """- A shop owner authorizes accounts for themselves; an administrator for anyone.
    - The credentials are checked with the provider first (Goodcang: its warehouses; Amazon: an
      LWA exchange and an FBA inventory call); a refusal names the field, quotes the provider,
      and nothing is stored.
    - The credentials are stored encrypted, bound to the account; never shown again.
    """

    def __init__(self, uow: UnitOfWorkFactory, providers: ProviderDirectories, clock: Clock) -> None:
        self._uow, self._providers, self._clock = uow, providers, clock

    def execute(self, cmd: AuthorizeProviderAccountCommand) -> ProviderAccountView:
        owner = cmd.owner_id or cmd.principal.id
        cmd.principal.check_may_act_for(owner)
        name, credentials = all_checked("The provider account is wrong",
                                        lambda: checked_name(cmd.display_name, "display_name"),
                                        lambda: checked_credentials(cmd.credentials))
        with self._uow() as uow:
            # NOTE: the request hash holds the secrets' keyed fingerprint, never the secrets.
            # (TokenText takes one token's shape: the fields are digested into one first.)
            secret = hashlib.sha256("\x1f".join(astuple(credentials)).encode()).hexdigest()
            ids = RequestIds("AuthorizeProviderAccount", cmd.principal.id, cmd.request_id,
                             request_hash(owner, name, uow.vault.fingerprint(TokenText(secret))))
            if (replayed := ids.replayed(uow)) is not None:
                return provider_account_view(uow.provider_accounts.get(replayed))
        with self._providers.connect(credentials) as provider:
            provider_call(credentials, "the credentials check", provider.verify)
        account = ProviderAccount.open(id=str(uuid.uuid4()), owner_id=owner, kind=kind_of(credentials),
                                       display_name=name, marketplace_id=getattr(credentials, "marketplace_id", ""),
                                       verified_at=self._clock.now())
        with self._uow() as uow:
            uow.provider_accounts.add(account, credentials)
            ids.remember(uow, account.id)
            uow.commit()
        log.info("provider account %s authorized for owner %s (%s)", account.id, owner, account.kind)
        return provider_account_view(account)


@dataclass(frozen=True, slots=True)
class ProviderWarehouses:
    warehouses: list[ProviderWarehouse]
    channels: list[ProviderChannel]


class ProviderQueries:
    """What the provider reports now for an account the caller may see."""

    def __init__(self, uow: UnitOfWorkFactory, providers: ProviderDirectories) -> None:
        self._uow, self._providers = uow, providers

    def credentials(self, principal: Principal, account_id: str) -> tuple[ProviderAccount, ProviderCredentials]:
        with self._uow() as uow:
            account = visible_provider_account(uow.provider_accounts.get(account_id), principal, account_id)
            return account, uow.provider_accounts.credentials(account_id)

    def warehouses(self, principal: Principal, account_id: str) -> ProviderWarehouses:
        _, credentials = self.credentials(principal, account_id)
        with self._providers.connect(credentials) as provider:
            found = provider_call(credentials, "the warehouse list", provider.warehouses)
            channels = [c for w in found for c in provider_call(credentials, "the channel list",
                                                                lambda w=w: provider.channels(w.code))]
        return ProviderWarehouses(found, channels)

    def stock(self, principal: Principal, account_id: str, seller_skus: list[str]) -> list[ProviderStock]:
        if len(seller_skus) > 200:
            raise ValidationFailed("At most 200 seller SKUs per request.", [FieldViolation("seller_skus", "at most 200")])
        _, credentials = self.credentials(principal, account_id)
        with self._providers.connect(credentials) as provider:
            return provider_call(credentials, "the stock query",
                                 lambda: provider.stock([s.strip() for s in seller_skus if s.strip()]))
