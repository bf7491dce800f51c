"""Carrier accounts: added once the carrier accepts their credentials; their services listed."""
from __future__ import annotations

import uuid

from application.idempotency import RequestIds, request_hash
from application.ports.carrier import CarrierCredentials, CarrierGateway, CarrierService
from application.ports.clock import Clock
from application.ports.unit_of_work import UnitOfWorkFactory
from application.warehouses.checks import all_checked
from application.warehouses.commands import AddCarrierAccountCommand
from application.warehouses.views import CarrierAccountView, account_view, visible_account
from domain.carrier_account import CarrierAccount, checked_api_token, checked_base_url, checked_provider
from domain.errors import FieldViolation, PreconditionFailed, UpstreamRejected, ValidationFailed
from domain.principal import Principal
from domain.warehouse import checked_name

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
        ids = RequestIds("AddCarrierAccount", cmd.principal.id, cmd.request_id, request_hash(
            owner, cmd.display_name, credentials.provider, credentials.base_url, credentials.api_token))
        with self._uow() as uow:
            if (replayed := ids.replayed(uow)) is not None:
                return account_view(uow.carrier_accounts.get(replayed))
        try:
            self._carriers.connect(credentials).verify()
        except UpstreamRejected as err:
            raise refused_credentials(err) from None
        account = CarrierAccount.open(id=str(uuid.uuid4()), owner_id=owner, provider=credentials.provider,
                                      display_name=cmd.display_name, base_url=credentials.base_url,
                                      verified_at=self._clock.now())
        with self._uow() as uow:
            uow.carrier_accounts.add(account, credentials)
            ids.remember(uow, account.id)
            uow.commit()
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
                                 "add the account again with its current API token.",
                                 reason="CARRIER_CREDENTIALS_REFUSED", subject="api_token") from None
