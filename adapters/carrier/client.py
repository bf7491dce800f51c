"""``ShippoCarrierClient``: rates, labels, label documents and voids over a Shippo-style REST API.

Every method raises a ``DomainError`` on failure: ``UpstreamUnavailable`` (with
``retry_after_s``) once transient failures outlast the retries or the deadline,
``UpstreamRejected`` with the carrier's words for a refused request, ``NotFound`` for an
unknown object. A label the carrier refused is not an exception: it comes back ``FAILED``
with the carrier's message.
"""
from __future__ import annotations

import logging
from typing import Any, Callable, Iterator

import httpx

from adapters.carrier import transport, wire
from adapters.carrier.config import ShippoConfig
from adapters.carrier.errors import Outcome
from adapters.carrier.retrying import Deadline, Retrier
from adapters.carrier.values import (Label, LabelDocument, LabelFormat, LabelStatus, Quote, Service,
                                     ShipmentRequest, VoidResult)
from domain.errors import FieldViolation, ValidationFailed

log = logging.getLogger(__name__)
MAX_REFERENCE = 100  # Shippo's limit on ``metadata``
PAGE_SIZE = 100
MAX_PAGES = 20


class ShippoCarrierClient:
    """Thread-safe; share one per carrier account (it holds the connection pool)."""

    def __init__(self, config: ShippoConfig, http: httpx.Client | None = None, retrier: Retrier | None = None):
        self._config = config
        self._owns_http = http is None
        self._http = http or httpx.Client(base_url=config.base_url, follow_redirects=False,
                                          timeout=httpx.Timeout(config.timeout_s, connect=config.connect_timeout_s))
        self._retrier = retrier or Retrier(config)

    # -- public commands and queries -----------------------------------------------------------

    def verify_credentials(self) -> None:
        """Raises ``UpstreamRejected`` (reason CARRIER_AUTH_FAILED) when the carrier refuses the token."""
        self._call("GET", "/carrier_accounts/", lambda data: None, params={"results": 1})

    def list_services(self) -> list[Service]:
        found: list[Service] = []
        for data in self._pages("/carrier_accounts/", {"service_levels": "true"}, self._retrier.deadline()):
            found += wire.services(data)
        return found

    def quote(self, request: ShipmentRequest) -> Quote:
        """The carrier's rates for a shipment. Safe to repeat: an unused shipment costs nothing."""
        if request.reference:
            _check_reference(request.reference)
        return self._call("POST", "/shipments/", wire.quote, body=wire.shipment_body(request))

    def buy_label(self, rate_id: str, label_format: LabelFormat, reference: str) -> Label:
        """Buys the label for ``rate_id``, tagged with ``reference`` (our package id).

        After a failure that may have bought it anyway, asks the carrier for a label with this
        rate and reference and adopts it; buys again only when there is none.
        """
        _check_reference(reference)
        if not rate_id.strip():
            raise ValidationFailed("A rate is required to buy a label.", [FieldViolation("rate_id", "Required.")])
        deadline = self._retrier.deadline()
        return self._call("POST", "/transactions/", wire.label, deadline=deadline,
                          body=wire.transaction_body(rate_id, label_format, reference),
                          adopt=lambda: self._find(reference, rate_id, deadline))

    def find_label(self, reference: str, rate_id: str | None = None) -> Label | None:
        """The label bought for ``reference``, if any: by rate when known, else by scanning the
        newest transactions (Shippo cannot filter by metadata)."""
        _check_reference(reference)
        return self._find(reference, rate_id, self._retrier.deadline())

    def get_label(self, transaction_id: str) -> Label:
        """Polls one label; a ``PENDING`` one gets its tracking number on a later poll."""
        return self._call("GET", f"/transactions/{_segment(transaction_id)}", wire.label)

    def download_label(self, label: Label, *, retry: bool = True) -> LabelDocument:
        """The label document itself (PDF or ZPL), to store: ``label_url`` may expire.
        ``retry=False``: one try, its failure raised at once (the caller has another way)."""
        if label.status is not LabelStatus.READY or not label.label_url:
            raise ValidationFailed("The label has no document yet: poll it until it is ready.",
                                   [FieldViolation("label", f"status is {label.status.value}")])

        def fetch(timeout_s: float) -> Outcome:
            return transport.document(self._http, label.label_url, timeout_s)

        def parse(data: dict[str, Any]) -> LabelDocument:
            return LabelDocument(data["content"], data["media_type"])

        if not retry:
            outcome = fetch(self._config.timeout_s)
            if outcome.data is None:
                raise outcome.error  # type: ignore[misc]
            return parse(outcome.data)
        return self._retrier.run(fetch, parse, self._retrier.deadline())

    def void_label(self, transaction_id: str) -> VoidResult:
        """Asks the carrier to void (refund) an unused label; ``REJECTED`` when it is too late."""
        deadline = self._retrier.deadline()
        return self._call("POST", "/refunds/", wire.void, deadline=deadline,
                          body={"transaction": transaction_id, "async": False},
                          adopt=lambda: wire.void_from_label(self._get_label(transaction_id, deadline)))

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> ShippoCarrierClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals -------------------------------------------------------------------------------

    def _find(self, reference: str, rate_id: str | None, deadline: Deadline) -> Label | None:
        params = {"rate": rate_id} if rate_id else {}
        for data in self._pages("/transactions/", params, deadline):
            for item in wire.results(data):
                found = wire.label(item)
                if found.reference == reference and found.status is not LabelStatus.FAILED:
                    log.info("carrier label adopted transaction=%s reference=%s", found.transaction_id, reference)
                    return found
        return None

    def _get_label(self, transaction_id: str, deadline: Deadline) -> Label:
        return self._call("GET", f"/transactions/{_segment(transaction_id)}", wire.label, deadline=deadline)

    def _pages(self, path: str, params: dict[str, Any], deadline: Deadline) -> Iterator[dict[str, Any]]:
        for page in range(1, MAX_PAGES + 1):
            data = self._call("GET", path, dict, deadline=deadline,
                              params={**params, "page": page, "results": PAGE_SIZE})
            yield data
            if not data.get("next"):
                return

    def _call(self, method: str, path: str, parse: Callable[[dict[str, Any]], Any], *,
              deadline: Deadline | None = None, body: dict[str, Any] | None = None,
              params: dict[str, Any] | None = None, adopt: Callable[[], Any] | None = None) -> Any:
        def send(timeout_s: float) -> Outcome:
            return transport.exchange(self._http, method, path, token=self._config.token, timeout_s=timeout_s,
                                      body=body, params=params)

        return self._retrier.run(send, parse, deadline or self._retrier.deadline(), adopt=adopt,
                                 repeat_safe=method == "GET" or adopt is not None or path == "/shipments/")


def _check_reference(reference: str) -> None:
    if not reference.strip() or len(reference) > MAX_REFERENCE or not reference.isprintable():
        raise ValidationFailed(f"A label reference must be 1 to {MAX_REFERENCE} printable characters.",
                               [FieldViolation("reference", f"got {len(reference)} characters")])


def _segment(object_id: str) -> str:
    """An object id as one URL path segment: ours are hex, so anything else is refused here."""
    if not object_id or not object_id.replace("-", "").isalnum():
        raise ValidationFailed("A carrier object id is letters and digits only.",
                               [FieldViolation("transaction_id", f"got {object_id!r}")])
    return object_id
