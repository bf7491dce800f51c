"""Carrier accounts: added, and their credentials replaced, once the carrier accepts them; their
services listed."""
from __future__ import annotations

import logging
import uuid

from application.idempotency import RequestIds, request_hash
from application.ports.carrier import CarrierCredentials, CarrierGateway, CarrierService
from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWorkFactory
from application.warehouses.checks import all_checked
from application.warehouses.commands import AddCarrierAccountCommand, ReplaceCarrierCredentialsCommand
from application.warehouses.views import CarrierAccountView, account_view, visible_account
from domain.carrier_account import CarrierAccount, checked_api_token, checked_base_url, checked_provider
from domain.errors import (
    FieldViolation, PreconditionFailed, UpstreamRejected, UpstreamUnavailable, ValidationFailed,
)
from domain.principal import Principal
from domain.token import TokenText
from domain.warehouse import checked_name

log = logging.getLogger(__name__)
REFUSED = ("CARRIER_CREDENTIALS_REFUSED", "CARRIER_AUTH_FAILED")


def refused_credentials(err: UpstreamRejected) -> ValidationFailed:
    """The carrier's refusal of an account's credentials, in its own words, on the fields a person fixes."""
    field = "api_token" if err.reason in REFUSED else "base_url"
    return ValidationFailed(f"The carrier refused these credentials: {err.message}",
                            [FieldViolation(field, f"refused by the carrier: {err.message}"[:300])],
                            reason="CARRIER_CREDENTIALS_REFUSED")


class AddCarrierAccount:
    """- A shop owner adds accounts for themselves; an administrator for anyone.
    - The credentials are checked with the carrier first; a refusal names the field and quotes
      the carrier, and nothing is stored.
    - The API token is stored encrypted, bound to the account; it is never shown again.
    """

    def __init__(self, uow: UnitOfWorkFactory, carriers: CarrierGateway, clock: Clock) -> None:
        self._uow, self._carriers, self._clock = uow, carriers, clock

    def execute(self, cmd: AddCarrierAccountCommand) -> CarrierAccountView:
        owner = cmd.owner_id or cmd.principal.id
        cmd.principal.check_may_act_for(owner)
        credentials = _checked_credentials(cmd)
        with self._uow() as uow:
            # NOTE: the request hash holds the token's keyed fingerprint, never the token.
            ids = RequestIds("AddCarrierAccount", cmd.principal.id, cmd.request_id, request_hash(
                owner, cmd.display_name, credentials.provider, credentials.base_url,
                uow.vault.fingerprint(TokenText(credentials.api_token))))
            if (replayed := ids.replayed(uow)) is not None:
                return account_view(uow.carrier_accounts.get(replayed))
        verify(self._carriers, credentials)
        account = CarrierAccount.open(id=str(uuid.uuid4()), owner_id=owner, provider=credentials.provider,
                                      display_name=cmd.display_name, base_url=credentials.base_url,
                                      verified_at=self._clock.now())
        with self._uow() as uow:
            uow.carrier_accounts.add(account, credentials)
            ids.remember(uow, account.id)
            uow.commit()
        log.info("carrier account %s added for owner %s (%s at %s)", account.id, owner, account.provider,
                 account.base_url or "its public endpoint")
        return account_view(account)


def verify(carriers: CarrierGateway, credentials: CarrierCredentials) -> None:
    """The carrier accepts the credentials, or the refusal is named on the field to fix."""
    try:
        carriers.connect(credentials).verify()
    except UpstreamRejected as err:
        raise refused_credentials(err) from None
    except UpstreamUnavailable as err:
        where = credentials.base_url or "the provider's endpoint"
        raise UpstreamUnavailable(f"The carrier at {where} did not answer ({err.message}): check base_url, "
                                  "or try again later.", retry_after_s=err.retry_after_s) from None


class ReplaceCarrierCredentials:
    """A new API token (and base URL, when given) for an account, checked with the carrier before
    it replaces the stored one; warehouses keep using the account. Reports the account again."""

    def __init__(self, uow: UnitOfWorkFactory, carriers: CarrierGateway, clock: Clock) -> None:
        self._uow, self._carriers, self._clock = uow, carriers, clock

    def execute(self, cmd: ReplaceCarrierCredentialsCommand) -> CarrierAccountView:
        token, base_url = all_checked("The credentials are wrong", lambda: checked_api_token(cmd.api_token),
                                      lambda: checked_base_url(cmd.base_url or ""))
        with self._uow() as uow:
            account = visible_account(uow.carrier_accounts.get(cmd.account_id), cmd.principal, cmd.account_id)
            credentials = CarrierCredentials(account.provider, token,
                                             account.base_url if cmd.base_url is None else base_url)
        verify(self._carriers, credentials)
        with self._uow() as uow:
            account = visible_account(uow.carrier_accounts.get(cmd.account_id), cmd.principal, cmd.account_id)
            account.record_new_credentials(credentials.base_url, self._clock.now())
            uow.carrier_accounts.replace_credentials(account.id, credentials)
            uow.commit()
        log.info("carrier account %s has new credentials (verified by the carrier)", account.id)
        return account_view(account)


def _checked_credentials(cmd: AddCarrierAccountCommand) -> CarrierCredentials:
    _, provider, token, base_url = all_checked(
        "The carrier account is wrong", lambda: checked_name(cmd.display_name, "display_name"),
        lambda: checked_provider(cmd.provider), lambda: checked_api_token(cmd.api_token),
        lambda: checked_base_url(cmd.base_url))
    return CarrierCredentials(provider=provider, api_token=token, base_url=base_url)


class ListCarrierServices:
    """The services the account can buy labels for, as the carrier says today: the candidates
    for logistics channels."""

    def __init__(self, uow: UnitOfWorkFactory, carriers: CarrierGateway) -> None:
        self._uow, self._carriers = uow, carriers

    def execute(self, principal: Principal, account_id: str) -> list[CarrierService]:
        with self._uow() as uow:
            visible_account(uow.carrier_accounts.get(account_id), principal, account_id)
            credentials = uow.carrier_accounts.credentials(account_id)
        return offered_services(self._carriers, credentials)


def offered_services(carriers: CarrierGateway, credentials: CarrierCredentials) -> list[CarrierService]:
    """A stored token the carrier no longer accepts is FAILED_PRECONDITION: save new credentials."""
    try:
        return carriers.connect(credentials).list_services()
    except UpstreamRejected as err:
        if err.reason not in REFUSED:
            raise
        raise PreconditionFailed(f"The carrier refuses the account's stored credentials now ({err.message}): "
                                 "replace them (UpdateCarrierCredentials) with its current API token.",
                                 reason="CARRIER_CREDENTIALS_REFUSED", subject="api_token") from None
