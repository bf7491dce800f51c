"""Every grpcurl line of the README answers with data in the demo, run in the README's order.

Each line's JSON is sent as its method's request through a generic gRPC call (grpcurl is not
needed): the demo's Temu sandbox (``seed_demo``), a fresh SQLite database, the workers and the
server, as ``python server.py demo`` composes them. The README's placeholders are filled the way
its text tells a demo user to: ``shops/ID`` is the shop the first example authorized, and so on.
"""
from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import grpc
import pytest
from google.longrunning import operations_pb2
from google.protobuf import descriptor_pool, json_format, message_factory
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

import adapters.grpc.gen.erp.v1.access_service_pb2  # noqa: F401  (registers the services)
from adapters.grpc.gen.erp.v1 import order_service_pb2
import adapters.grpc.gen.erp.v1.shop_service_pb2  # noqa: F401
import adapters.grpc.gen.erp.v1.order_desk_service_pb2  # noqa: F401
import adapters.grpc.gen.erp.v1.warehouse_service_pb2  # noqa: F401
import adapters.grpc.gen.erp.v1.fulfillment_service_pb2  # noqa: F401
from adapters.temu.config import TemuConfig
from bootstrap import attach_workers, build_app
from bootstrap.settings import Settings
from adapters.persistence.keyring import Keyring
from adapters.persistence.migrate import upgrade
from bootstrap.demo_warehouse import seed_demo_warehouse
from domain.principal import Principal, Role
from sandboxes.carrier import DEFAULT_TOKEN, CarrierSandbox
from sandboxes.temu import TemuSandbox, seed_demo
from sandboxes.temu.seed import demo_seller_skus
from sandboxes.temu.seed import US_REGION
from server import _demo_key, serve, start_demo_providers

CARRIER_URL = "http://127.0.0.1:8602"  # the demo's carrier sandbox, as the README names it
GOODCANG_URL = "http://127.0.0.1:8603/public_open"  # the demo's Goodcang sandbox, as the README names it
README = Path(__file__).resolve().parents[2] / "README.md"
_LINE = re.compile(r"grpcurl -plaintext(?: -H (?:'[^']*'|\"[^\"]*\"))?(?: -d '(?P<body>[^']*)')? "
                   r"localhost:50051 (?P<target>\S+)")


_DAYS_AGO = re.compile(r"""'"\$\(date -u -d '(\d+) days? ago' \+%FT%TZ\)"'""")


def readme_calls() -> list[tuple[str, str]]:
    """(target, JSON body) of each grpcurl line, continuation lines joined, and the shell's
    ``$(date -u -d 'N days ago' +%FT%TZ)`` replaced by that time, as the shell would."""
    text = README.read_text().replace("\\\n", " ")
    text = re.sub(r" {2,}", " ", text)
    now = datetime.now(timezone.utc).replace(microsecond=0)
    text = _DAYS_AGO.sub(lambda m: (now - timedelta(days=int(m[1]))).strftime("%Y-%m-%dT%H:%M:%SZ"), text)
    return [(m["target"], m["body"] or "") for m in _LINE.finditer(text)]


@pytest.fixture
def demo(tmp_path) -> Iterator[dict]:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    upgrade(url)
    sandbox = TemuSandbox().start()
    seed = seed_demo(sandbox.registry)
    app = build_app(Settings(database_url=url), TemuConfig.for_base_url(sandbox.base_url, seed.app_key,
                                                                       seed.app_secret),
                    keyring=Keyring.generate("k1"))
    workers = attach_workers(app)
    stop, ready, port = threading.Event(), threading.Event(), []
    thread = threading.Thread(target=serve, args=(app, "127.0.0.1:0", stop, lambda p: (port.append(p), ready.set())),
                              daemon=True)
    thread.start()
    assert ready.wait(10)
    channel = grpc.insecure_channel(f"127.0.0.1:{port[0]}")
    admin_id, key = _demo_key(app)
    carrier = CarrierSandbox().start()
    seed_demo_warehouse(app.warehouses, Principal(admin_id, "Demo administrator", Role.ADMIN), carrier.base_url,
                        DEFAULT_TOKEN)
    _, providers = start_demo_providers(app, Principal(admin_id, "Demo administrator", Role.ADMIN),
                                        skus=demo_seller_skus(seed))
    yield {"channel": channel, "key": key, "seed": seed, "sandbox": sandbox, "carrier": carrier,
           "goodcang": providers[0]}
    for provider in providers:
        provider.stop()
    carrier.stop()
    channel.close()
    stop.set()
    thread.join(15)
    workers.stop()
    app.temu.close()
    sandbox.stop()
    app.engine.dispose()


def _call(channel: grpc.Channel, target: str, body: str, key: str):
    service_name, method_name = target.rsplit("/", 1)
    method = descriptor_pool.Default().FindServiceByName(service_name).methods_by_name[method_name]
    request_class = message_factory.GetMessageClass(method.input_type)
    response_class = message_factory.GetMessageClass(method.output_type)
    kind = channel.unary_stream if method.server_streaming else channel.unary_unary
    call = kind(f"/{service_name}/{method_name}", request_serializer=request_class.SerializeToString,
                response_deserializer=response_class.FromString)
    answer = call(json_format.Parse(body, request_class()), metadata=(("x-api-key", key),), timeout=30)
    if not method.server_streaming:
        return answer
    first = next(iter(answer))  # a stream: its first message (WatchEvents never ends by itself)
    answer.cancel()
    return first


def _wait_done(channel, key: str, operation: str) -> None:
    deadline = time.monotonic() + 60
    while not (answer := _call(channel, "google.longrunning.Operations/GetOperation",
                               f'{{"name":"{operation}"}}', key)).done:
        assert time.monotonic() < deadline, f"{operation} did not finish: {answer}"
        time.sleep(0.2)


def test_every_readme_grpcurl_line_answers_with_data_in_the_demo(demo):
    channel, key, seed, registry = demo["channel"], demo["key"], demo["seed"], demo["sandbox"].registry
    calls = readme_calls()
    assert len(calls) >= 20
    found: dict[str, str] = {}
    for target, body in calls:
        if target == "list":
            reflection = reflection_pb2_grpc.ServerReflectionStub(channel)
            answer = next(reflection.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(
                list_services="")]), timeout=10))
            assert answer.list_services_response.service, target
            continue
        if target.endswith("/UpdateCarrierCredentials") or target.endswith("/AddCarrierAccount"):
            body = body.replace("<new token>", DEFAULT_TOKEN).replace(CARRIER_URL, demo["carrier"].base_url)
        if target.endswith("/AuthorizeProviderAccount"):
            body = body.replace(GOODCANG_URL, demo["goodcang"].base_url)
        if "<new token>" in body:
            found["<new token>"] = registry.issue_token(seed.semi_mall_id, gateway="us", region_id=US_REGION,
                                                        kind="order", app_key=seed.app_key)
        if "operations/ID" in body or "orders/ID" in body or "ORDER_STATE" in body or "done = true" in body:
            _wait_done(channel, key, found["operations/ID"])
        for placeholder, value in {**found, "<order token>": seed.eu_order_token,
                                   "<product token>": seed.product_token}.items():
            body = body.replace(placeholder, value)
        answer = _call(channel, target, body, key)
        assert answer.ByteSize() > 0, f"{target} {body} answered {{}}"
        _remember(found, target, answer)
        if target.endswith("/ReplayShopOrders"):
            _wait_done(channel, key, answer.name)
            assert _orders_seen(channel, key, answer.name) > 0, "the replay window holds no demo order"


def _orders_seen(channel, key: str, operation: str) -> int:
    done = _call(channel, "google.longrunning.Operations/GetOperation", f'{{"name":"{operation}"}}', key)
    metadata = order_service_pb2.SyncOrdersMetadata()
    done.metadata.Unpack(metadata)
    return metadata.orders_seen


def _remember(found: dict[str, str], target: str, answer) -> None:
    """The names the README's later lines refer to, from the first answer that has them."""
    method = target.rsplit("/", 1)[1]
    if method == "AuthorizeShop" and "shops/ID" not in found:
        found["shops/ID"], found["operations/ID"] = answer.shop.name, answer.history_sync_operation
    elif method == "CreateApiKey":
        found["apiKeys/ID"] = answer.api_key.name
    elif method == "ListWarehouses" and "warehouses/ID" not in found:
        found["warehouses/ID"] = found["warehouses/DEMO"] = answer.warehouses[0].name
    elif method == "ListChannels" and "channels/DEMO" not in found:
        found["channels/DEMO"] = answer.channels[0].name
    elif method == "ListPackages" and answer.packages:
        found["packages/ID"] = answer.packages[0].name
    elif method == "CreateTag":
        found["tags/ID"] = answer.tag.name
    elif method == "AddCarrierAccount":
        found["carrierAccounts/ID"] = answer.carrier_account.name
    elif method == "RegisterWarehouse":  # the README's next lines act on the warehouse it registered
        found["warehouses/ID"] = answer.warehouse.name
    elif method == "EnableChannel":
        found["channels/ID"] = answer.channel.name
    elif method == "AuthorizeProviderAccount":  # the README's next lines act on the account it authorized
        found["providerAccounts/ID"] = answer.provider_account.name
    elif method == "ListOrders" and "orders/ID" not in found:
        found["orders/ID"] = answer.orders[0].name
    elif method == "ListEvents":
        found["<token of the last event handled>"] = answer.events[0].resume_token
