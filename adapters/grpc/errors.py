"""Domain errors to gRPC status: the one table, and the one function that aborts with it.

Every error sent carries exactly one ``google.rpc.ErrorInfo`` (``reason`` = the domain error's
reason, ``domain`` = :data:`DOMAIN`, ``metadata`` = its details), a ``RequestInfo`` with the
request id, at most one category detail (``BadRequest``, ``ResourceInfo``,
``PreconditionFailure``, ``RetryInfo``) and a ``Help`` when the error has links (AUTH-11).

Choices made against ``google/rpc/code.proto``:

* ``TokenRevoked`` is a ``PreconditionFailed``: the *shop's* Temu token is dead and a person
  must paste a new one, so FAILED_PRECONDITION. UNAUTHENTICATED is kept for the caller's own
  API key.
* ``UpstreamRejected`` (Temu refuses our app key or signature) is INTERNAL: the caller can
  neither fix it nor succeed by retrying; the operator must fix our configuration. Its
  message and reason are still sent, since they are ours and carry no secret.
* A database that is down, locked or timing out is UNAVAILABLE with a ``RetryInfo``.
* ``RateLimited`` (the caller's request rate, or a full pool of Temu-bound calls) is
  RESOURCE_EXHAUSTED with a ``RetryInfo``: the caller slows down; the service is fine.
* Anything else is INTERNAL with a generic message naming the request id; the stack trace
  goes to the server log only. UNKNOWN is never sent.
"""
from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from functools import partial

import grpc
from google.protobuf import any_pb2, duration_pb2
from google.protobuf.message import Message
from google.rpc import code_pb2, error_details_pb2 as details_pb2, status_pb2
from grpc_status import rpc_status
from sqlalchemy import exc as sa_exc

from adapters.grpc.call_context import current_request_id
from adapters.redaction import redact
from domain.errors import (
    AlreadyExists, ConcurrencyConflict, DomainError, NotFound, PermissionDenied, PreconditionFailed,
    RateLimited, Unauthenticated, Unavailable, UpstreamRejected, ValidationFailed,
)

DOMAIN = "erp.temu-erp"
DATABASE_RETRY_AFTER_S = 2.0
SECRET_FIELDS = ("token", "api_token")  # a Temu token; a carrier account's API token
MAX_VIOLATIONS, MAX_TEXT, MAX_MESSAGE = 20, 200, 1000  # what an error sends at most (see _bad_request)
logger = logging.getLogger("erp.grpc.errors")

Scrub = Callable[[str], str]


def _bad_request(err: ValidationFailed, scrub: Scrub) -> Message | None:
    # NOTE: the first MAX_VIOLATIONS only: a batch of bad items would otherwise outgrow the 8 KiB
    # of metadata a gRPC client accepts, and the caller would see RESOURCE_EXHAUSTED instead.
    violations = [details_pb2.BadRequest.FieldViolation(field=v.field[:MAX_TEXT],
                                                        description=scrub(v.description)[:MAX_TEXT])
                  for v in err.violations[:MAX_VIOLATIONS]]
    return details_pb2.BadRequest(field_violations=violations) if violations else None


def _resource_info(err: NotFound, scrub: Scrub) -> Message:
    return details_pb2.ResourceInfo(resource_type=err.resource_type,
                                    resource_name=scrub(err.resource_name),
                                    description=scrub(err.message))


def _precondition_failure(err: PreconditionFailed, scrub: Scrub) -> Message:
    violation = details_pb2.PreconditionFailure.Violation(
        type=err.violation_type, subject=scrub(err.subject), description=scrub(err.message))
    return details_pb2.PreconditionFailure(violations=[violation])


def _retry_info(err: Unavailable | RateLimited, scrub: Scrub) -> Message:
    return _retry_after(err.retry_after_s)


def _retry_after(seconds: float) -> Message:
    delay = duration_pb2.Duration()
    delay.FromNanoseconds(int(max(seconds, 0.0) * 1e9))
    return details_pb2.RetryInfo(retry_delay=delay)


DetailBuilder = Callable[[DomainError, Scrub], Message | None]

# The table. Most specific class first: the first row the error is an instance of wins.
ERROR_TABLE: tuple[tuple[type[DomainError], grpc.StatusCode, DetailBuilder | None], ...] = (
    (ValidationFailed, grpc.StatusCode.INVALID_ARGUMENT, _bad_request),
    (NotFound, grpc.StatusCode.NOT_FOUND, _resource_info),
    (AlreadyExists, grpc.StatusCode.ALREADY_EXISTS, None),
    (PreconditionFailed, grpc.StatusCode.FAILED_PRECONDITION, _precondition_failure),
    (PermissionDenied, grpc.StatusCode.PERMISSION_DENIED, None),
    (Unauthenticated, grpc.StatusCode.UNAUTHENTICATED, None),
    (ConcurrencyConflict, grpc.StatusCode.ABORTED, None),
    (Unavailable, grpc.StatusCode.UNAVAILABLE, _retry_info),
    (RateLimited, grpc.StatusCode.RESOURCE_EXHAUSTED, _retry_info),
    (UpstreamRejected, grpc.StatusCode.INTERNAL, None),
)

# Infrastructure failures a retry may cure (SQLAlchemy wraps the DB driver's errors).
UNAVAILABLE_ERRORS: tuple[type[BaseException], ...] = (
    sa_exc.OperationalError, sa_exc.InterfaceError, sa_exc.DisconnectionError, sa_exc.TimeoutError,
)


def _status(code: grpc.StatusCode, message: str, details: Iterable[Message | None]) -> status_pb2.Status:
    status = status_pb2.Status(code=code.value[0], message=message)
    for detail in details:
        if detail is not None:
            packed = any_pb2.Any()
            packed.Pack(detail)
            status.details.append(packed)
    return status


def _error_info(reason: str, metadata: dict[str, str]) -> Message:
    return details_pb2.ErrorInfo(reason=reason, domain=DOMAIN, metadata=metadata)


def _request_info(request_id: str) -> Message | None:
    return details_pb2.RequestInfo(request_id=request_id) if request_id else None


def _domain_status(err: DomainError, code: grpc.StatusCode, build: DetailBuilder | None,
                   request_id: str, scrub: Scrub) -> status_pb2.Status:
    info = _error_info(err.reason, {k: scrub(v) for k, v in err.details.items()})
    extra = build(err, scrub) if build else None
    links = [details_pb2.Help.Link(description=d, url=u) for d, u in err.help_links]
    help_ = details_pb2.Help(links=links) if links else None
    message = scrub(err.message)
    message = message if len(message) <= MAX_MESSAGE else message[:MAX_MESSAGE - 1] + "…"
    return _status(code, message, [info, extra, help_, _request_info(request_id)])


def status_for(exc: BaseException, *, request_id: str = "", scrub: Scrub = str) -> status_pb2.Status:
    """The ``google.rpc.Status`` an exception is answered with (see the module docstring)."""
    for cls, code, build in ERROR_TABLE:
        if isinstance(exc, cls):
            return _domain_status(exc, code, build, request_id, scrub)
    if isinstance(exc, UNAVAILABLE_ERRORS):
        message = "The database is unavailable; retry later."
        info = _error_info("DATABASE_UNAVAILABLE", {"request_id": request_id} if request_id else {})
        return _status(grpc.StatusCode.UNAVAILABLE, message,
                       [info, _retry_after(DATABASE_RETRY_AFTER_S), _request_info(request_id)])
    message = f"Internal error; quote request id {request_id or '(none)'} when reporting it."
    info = _error_info("INTERNAL", {"request_id": request_id} if request_id else {})
    return _status(grpc.StatusCode.INTERNAL, message, [info, _request_info(request_id)])


def _log(exc: BaseException, status: status_pb2.Status, request_id: str, scrub: Scrub) -> None:
    if status.code == code_pb2.INTERNAL:
        trace = "".join(traceback.format_exception(exc))
        logger.error("request %s failed: %s", request_id, scrub(trace))
    elif status.code == code_pb2.UNAVAILABLE and not isinstance(exc, DomainError):
        logger.warning("request %s: infrastructure unavailable: %s", request_id, type(exc).__name__)


def secrets_of(request: object, metadata: Iterable[tuple[str, str | bytes]] = ()) -> list[str]:
    """The secret values a request carries: its ``token`` and ``api_token`` fields and its credentials metadata.
    For ``authorization: Bearer <key>`` both the whole value and the key are returned."""
    found = [value for key, value in metadata
             if key.lower() in ("x-api-key", "authorization") and isinstance(value, str)]
    found += [v.split(None, 1)[1] for v in found if len(v.split(None, 1)) == 2]
    if isinstance(request, Message):
        found += [value for field, value in request.ListFields()
                  if field.name in SECRET_FIELDS and isinstance(value, str)]
    return found


def error_status(exc: BaseException, secrets: Iterable[str] = ()) -> grpc.Status:
    """The status to end the RPC with: :func:`status_for` the exception, with ``secrets``
    scrubbed from every text sent or logged, packed for ``context.abort`` (code, details, and
    the ``grpc-status-details-bin`` trailing metadata). Logs what the module docstring says."""
    scrub, request_id = partial(redact, secrets=list(secrets)), current_request_id()
    status = status_for(exc, request_id=request_id, scrub=scrub)
    _log(exc, status, request_id, scrub)
    return rpc_status.to_status(status)
