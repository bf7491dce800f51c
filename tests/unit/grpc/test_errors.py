"""The domain-error table, seen by a client through a real server."""
from __future__ import annotations

import inspect
import logging

import grpc
import pytest
from sqlalchemy.exc import OperationalError

import domain.errors as errors_module
from adapters.grpc.errors import DOMAIN, ERROR_TABLE
from domain.errors import (
    AlreadyExists, ConcurrencyConflict, DomainError, FieldViolation, NotFound, PermissionDenied,
    PreconditionFailed, TokenRevoked, Unauthenticated, UpstreamRejected, UpstreamUnavailable,
    ValidationFailed,
)
from tests.unit.grpc.probe_server import Probe
from tests.unit.grpc.rich_status import rich_status

Code = grpc.StatusCode
CASES = [
    pytest.param(lambda: ValidationFailed("Bad fields.", [FieldViolation("display_name", "must be set")]),
                 Code.INVALID_ARGUMENT, "INVALID_ARGUMENT", "BadRequest", id="validation"),
    pytest.param(lambda: NotFound("No shop.", resource_type="erp.v1.Shop", resource_name="shops/s1",
                                  reason="SHOP_NOT_FOUND"),
                 Code.NOT_FOUND, "SHOP_NOT_FOUND", "ResourceInfo", id="not-found"),
    pytest.param(lambda: AlreadyExists("Name taken.", reason="SHOP_NAME_TAKEN", existing_shop_id="s1"),
                 Code.ALREADY_EXISTS, "SHOP_NAME_TAKEN", None, id="already-exists"),
    pytest.param(lambda: PreconditionFailed("这不是订单发货Token.", reason="NOT_AN_ORDER_TOKEN", subject="token"),
                 Code.FAILED_PRECONDITION, "NOT_AN_ORDER_TOKEN", "PreconditionFailure", id="precondition"),
    pytest.param(lambda: TokenRevoked("Temu replaced the token.", subject="shops/s1"),
                 Code.FAILED_PRECONDITION, "SHOP_REAUTHORIZATION_REQUIRED", "PreconditionFailure",
                 id="token-revoked"),
    pytest.param(lambda: PermissionDenied("Admins only.", reason="ADMIN_ONLY"),
                 Code.PERMISSION_DENIED, "ADMIN_ONLY", None, id="permission"),
    pytest.param(lambda: Unauthenticated("Who are you?"), Code.UNAUTHENTICATED, "UNAUTHENTICATED", None,
                 id="unauthenticated"),
    pytest.param(lambda: ConcurrencyConflict("Changed meanwhile."), Code.ABORTED, "CONCURRENT_MODIFICATION",
                 None, id="conflict"),
    pytest.param(lambda: UpstreamUnavailable("Temu is busy.", retry_after_s=3), Code.UNAVAILABLE,
                 "UPSTREAM_UNAVAILABLE", "RetryInfo", id="upstream-unavailable"),
    pytest.param(lambda: UpstreamRejected("Temu refused our app key."), Code.INTERNAL, "UPSTREAM_REJECTED",
                 None, id="upstream-rejected"),
    pytest.param(lambda: OperationalError("SELECT 1", {}, Exception("connection refused")), Code.UNAVAILABLE,
                 "DATABASE_UNAVAILABLE", "RetryInfo", id="database-down"),
    pytest.param(lambda: RuntimeError("boom"), Code.INTERNAL, "INTERNAL", None, id="bug"),
]


@pytest.fixture(scope="module", params=[False, True], ids=["in-pool", "inline"])
def probe(request):
    probe = Probe(inline=request.param)
    yield probe
    probe.close()


def failing_with(probe: Probe, make_error) -> grpc.RpcError:
    def behaviour(request, context):
        raise make_error()
    probe.behaviour = behaviour
    return probe.error(metadata=[("x-request-id", "req-42")])


@pytest.mark.parametrize(("make_error", "code", "reason", "detail"), CASES)
def test_each_error_kind_gets_its_code_one_error_info_and_its_detail(probe, make_error, code, reason, detail):
    err = failing_with(probe, make_error)
    status, details = rich_status(err)
    assert err.code() is code
    assert details["ErrorInfo"].reason == reason and details["ErrorInfo"].domain == DOMAIN
    assert details["RequestInfo"].request_id == "req-42"
    expected = {"ErrorInfo", "RequestInfo"} | ({detail} if detail else set())
    assert set(details) == expected


def test_domain_error_details_become_error_info_metadata(probe):
    err = failing_with(probe, lambda: AlreadyExists("Taken.", reason="SHOP_ALREADY_AUTHORIZED",
                                                    existing_shop_id="s1", mall_id=634418212))
    _, details = rich_status(err)
    assert dict(details["ErrorInfo"].metadata) == {"existing_shop_id": "s1", "mall_id": "634418212"}


def test_the_category_details_say_what_is_wrong(probe):
    _, bad = rich_status(failing_with(probe, CASES[0].values[0]))
    _, missing = rich_status(failing_with(probe, CASES[1].values[0]))
    _, retry = rich_status(failing_with(probe, CASES[8].values[0]))
    assert [(v.field, v.description) for v in bad["BadRequest"].field_violations] == [("display_name", "must be set")]
    assert (missing["ResourceInfo"].resource_type, missing["ResourceInfo"].resource_name) == ("erp.v1.Shop", "shops/s1")
    assert retry["RetryInfo"].retry_delay.seconds == 3


def test_back_office_links_reach_the_caller_as_help(probe):
    url = "https://agentseller.temu.com/open-platform/system-manage/client-manage"
    err = failing_with(probe, lambda: PreconditionFailed("Wrong token.", reason="NOT_AN_ORDER_TOKEN")
                       .with_help("Generate the token in the Temu seller back office", url))
    _, details = rich_status(err)
    assert [link.url for link in details["Help"].links] == [url]


def test_a_token_sent_in_the_request_never_comes_back_in_the_error(probe):
    token = "secret-temu-token-9f8e7d"

    def behaviour(request, context):
        raise PreconditionFailed(f"Token {request.token} is unknown.", reason="TOKEN_UNKNOWN",
                                 subject=request.token, echoed=request.token)
    probe.behaviour = behaviour
    err = probe.error(token)
    status, _ = rich_status(err)
    assert token not in status.SerializeToString().decode("utf-8", "replace")
    assert "[REDACTED]" in err.details()


def test_an_unexpected_exception_is_internal_with_a_generic_message_and_a_logged_trace(probe, caplog):
    token = "secret-temu-token-1a2b3c"

    def behaviour(request, context):
        raise KeyError(f"cache miss for {request.token}")
    probe.behaviour = behaviour
    with caplog.at_level(logging.ERROR, logger="erp.grpc.errors"):
        err = probe.error(token, metadata=[("x-request-id", "req-77")])
    assert err.code() is Code.INTERNAL
    assert "req-77" in err.details() and "cache miss" not in err.details()
    assert "KeyError" in caplog.text and "req-77" in caplog.text
    assert token not in caplog.text


def test_a_status_the_handler_set_itself_is_kept(probe):
    def behaviour(request, context):
        context.abort(Code.OUT_OF_RANGE, "past the end")
    probe.behaviour = behaviour
    assert probe.error().code() is Code.OUT_OF_RANGE


def test_every_domain_error_class_has_a_row_in_the_table():
    classes = [c for _, c in inspect.getmembers(errors_module, inspect.isclass)
               if issubclass(c, DomainError) and c is not DomainError]
    unmapped = [c.__name__ for c in classes if not any(issubclass(c, row[0]) for row in ERROR_TABLE)]
    assert unmapped == []
