"""Mark shipped on the 3PL (Goodcang) and FBA routes (issue 12, acceptance 1): a real gRPC
server and workers, an order synced from the Temu sandbox, split into 3 packages, pushed to the
provider's sandbox over real HTTP, each package shipped there on its own (its tracking number
then reaches us through the package sweep), the upload confirmed at the Temu sandbox; SQLite
and PostgreSQL.

The provider's sandbox ships a package when told (Goodcang: status ``D``; Amazon: ``Complete``),
its clock being set far enough for nothing to ship by itself. An adopted channel names no Temu
carrier: the seller maps it (MapTemuCarrier), or the upload says which channel to map and goes
up by itself once it is mapped."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Callable

import httpx
import pytest

from adapters.grpc.gen.erp.v1 import fulfillment_service_pb2 as fpb
from adapters.grpc.gen.erp.v1 import mark_shipped_service_pb2 as pb
from adapters.grpc.gen.erp.v1 import order_pb2, order_service_pb2 as opb
from tests.e2e.mark_shipped.flows import stubs, synced
from tests.e2e.orders.sync_helpers import eventually
from tests.e2e.packages.conftest import SKU, fba, goodcang  # noqa: F401  (fixtures)
from tests.e2e.packages.test_provider_routes import adopted_route, follow
from tests.e2e.warehouses.test_provider_accounts import amazon_request, goodcang_request

HOURS = 3600.0
UPS_AT_TEMU, USPS_AT_TEMU = 998264744, 998264743  # the sandbox's US carrier ids


@dataclass
class ProviderRoute:
    warehouse: str
    channel: str
    ship: Callable[[str], None]  # the provider ships the package of this provider_ref
    temu_carrier: int  # what the seller maps the channel to
    provider_carrier: str  # the provider's own name of its carrier on a shipped package ("": none)

    def map_carrier(self, stack, md, shop: str) -> None:
        _, marker = stubs(stack)
        marker.MapTemuCarrier(pb.MapTemuCarrierRequest(channel=self.channel, shop=shop, region_id=211,
                                                       temu_carrier_id=self.temu_carrier), metadata=md)


@pytest.fixture(params=["goodcang", "fba"])
def provider(request, stack) -> ProviderRoute:
    md = stack.md()
    if request.param == "goodcang":
        sandbox = request.getfixturevalue("goodcang")
        sandbox.registry.set_timing(10 * HOURS, 10 * HOURS)  # nothing ships by itself
        warehouse, channel = adopted_route(stack, md, goodcang_request(sandbox), "USEA", "UPS-GROUND")

        def ship(ref: str) -> None:
            httpx.post(f"{sandbox.root_url}/sandbox/orders/status", json={"order_code": ref, "status": "D"},
                       timeout=10).raise_for_status()
        return ProviderRoute(warehouse, channel, ship, UPS_AT_TEMU, "")  # Goodcang's answer names no carrier
    pair = request.getfixturevalue("fba")
    sandbox = pair[0]
    sandbox.registry.set_stages(10 * HOURS, 10 * HOURS, 10 * HOURS)
    warehouse, channel = adopted_route(stack, md, amazon_request(pair), "", "Standard")

    def ship_fba(ref: str) -> None:
        httpx.post(f"{sandbox.root_url}/sandbox/orders/status",
                   json={"seller_fulfillment_order_id": ref, "status": "Complete"}, timeout=10).raise_for_status()
    # Amazon ships with its own carrier (AMZN_US), which the sandbox's Temu list lacks: the seller
    # picks one of Temu's (docs/mark-shipped.md, 3PL and FBA routes).
    return ProviderRoute(warehouse, channel, ship_fba, USPS_AT_TEMU, "AMZN_US")


def pushed_in_three(stack, md, provider: ProviderRoute, order) -> list:
    """The order assigned to the provider's route, split in 3 packages of one unit, audited and
    pushed (accepted by the provider, nothing shipped)."""
    fulfillment, _ = stubs(stack)
    fulfillment.AssignFulfillment(fpb.AssignFulfillmentRequest(
        orders=[order.name], warehouse=provider.warehouse, channel=provider.channel, request_id=str(uuid.uuid4())),
        metadata=md)
    sn = order.lines[0].order_sn
    fulfillment.SplitOrder(fpb.SplitOrderRequest(order=order.name, parts=[
        fpb.SplitPart(lines=[fpb.SplitLine(order_sn=sn, quantity=1)]) for _ in range(3)]), metadata=md)
    audited = fulfillment.AuditOrders(fpb.AuditOrdersRequest(orders=[order.name]), metadata=md)
    assert audited.results[0].status.code == 0, audited.results[0].status.message
    names = list(audited.results[0].packages)
    assert len(names) == 3
    return [follow(fulfillment, md, name, fpb.PACKAGE_STATE_PUSHED, timeout=120) for name in names]


def shipped_one_at_a_time(stack, md, provider: ProviderRoute, packages, before_each: Callable[[int], None]) -> list:
    """Each package shipped at the provider in turn and followed until its tracking number is
    ours; ``before_each(i)`` runs while ``i`` packages are tracked."""
    fulfillment, _ = stubs(stack)
    shipped = []
    for i, package in enumerate(packages):
        before_each(i)
        provider.ship(package.provider_ref)
        shipped.append(follow(fulfillment, md, package.name, fpb.PACKAGE_STATE_SHIPPED, timeout=180))
        assert shipped[-1].tracking_numbers, shipped[-1]
    return shipped


# NOTE: each route on one backend per test (and the other backend in the next test): both backends
# and both routes are covered, at half the time of every combination
@pytest.mark.parametrize("db, provider", [("sqlite", "goodcang"), ("postgres", "fba")], indirect=True)
def test_manual_marking_on_a_provider_route_waits_for_the_third_package_then_one_call_holds_all_three(
        stack, provider):
    md = stack.md()
    mall, shop, [order] = synced(stack, quantity=3, seller_sku=SKU)
    _, marker = stubs(stack)
    provider.map_carrier(stack, md, shop)
    packages = pushed_in_three(stack, md, provider, order)

    def refused_while_untracked(i: int) -> None:
        refused = marker.MarkShipped(pb.MarkShippedRequest(orders=[order.name], request_id=str(uuid.uuid4())),
                                     metadata=md).results[0]
        assert refused.status.code == 9, refused.status  # FAILED_PRECONDITION
        untracked = [p.name.split("/")[1] for p in packages[i:]]
        assert all(p in refused.status.message for p in untracked), refused.status.message
        assert not any(p.name.split("/")[1] in refused.status.message for p in packages[:i]), refused.status.message
        assert refused.upload.state == pb.UPLOAD_STATE_WAITING_FOR_PACKAGES
        assert stack.temu.confirmations(mall) == [] and stack.temu.refused_confirmations(mall) == []

    shipped = shipped_one_at_a_time(stack, md, provider, packages, refused_while_untracked)

    accepted = marker.MarkShipped(pb.MarkShippedRequest(package=packages[0].name), metadata=md).results[0]
    assert accepted.status.code == 0, accepted.status.message
    uploaded = eventually(lambda: _upload(marker, md, shop, pb.UPLOAD_STATE_UPLOADED), timeout=60)
    assert uploaded, _upload(marker, md, shop)
    [confirmation] = stack.temu.confirmations(mall)
    assert confirmation["send_type"] == 1
    assert sorted(confirmation["tracking_numbers"]) == sorted(n for p in shipped for n in p.tracking_numbers[:1])
    marked = stack.orders().GetOrder(opb.GetOrderRequest(name=order.name), metadata=md).order
    assert marked.state == order_pb2.ORDER_STATE_MARKED


@pytest.mark.parametrize("db, provider", [("postgres", "goodcang"), ("sqlite", "fba")], indirect=True)
def test_automatic_marking_on_a_provider_route_uploads_after_the_third_tracking_number_and_never_before(
        stack, provider):
    md = stack.md()
    mall, shop, [order] = synced(stack, quantity=3, seller_sku=SKU)
    _, marker = stubs(stack)
    marker.SetAutomaticMarking(pb.SetAutomaticMarkingRequest(shop=shop, enabled=True), metadata=md)
    provider.map_carrier(stack, md, shop)
    packages = pushed_in_three(stack, md, provider, order)

    def nothing_sent_yet(i: int) -> None:
        if i:
            assert eventually(lambda: _upload(marker, md, shop, pb.UPLOAD_STATE_WAITING_FOR_PACKAGES)), \
                _upload(marker, md, shop)
        assert stack.temu.confirmations(mall) == [] and stack.temu.refused_confirmations(mall) == []

    shipped = shipped_one_at_a_time(stack, md, provider, packages, nothing_sent_yet)
    uploaded = eventually(lambda: _upload(marker, md, shop, pb.UPLOAD_STATE_UPLOADED), timeout=5)
    assert uploaded and uploaded.automatic and uploaded.attempts == 1, \
        f"uploaded within 5 s of the last tracking number: {_upload(marker, md, shop)}"
    [confirmation] = stack.temu.confirmations(mall)
    assert confirmation["send_type"] == 1
    assert sorted(confirmation["tracking_numbers"]) == sorted(n for p in shipped for n in p.tracking_numbers[:1])


@pytest.mark.parametrize("provider", ["fba"], indirect=True)  # the route whose provider names its carrier
def test_an_unmapped_provider_channel_fails_the_upload_naming_it_and_its_mapping_sends_it_with_no_retry(
        stack, provider):
    md = stack.md()
    mall, shop, [order] = synced(stack, quantity=3, seller_sku=SKU)
    _, marker = stubs(stack)
    marker.SetAutomaticMarking(pb.SetAutomaticMarkingRequest(shop=shop, enabled=True), metadata=md)
    packages = pushed_in_three(stack, md, provider, order)
    shipped_one_at_a_time(stack, md, provider, packages, lambda i: None)

    failed = eventually(lambda: _upload(marker, md, shop, pb.UPLOAD_STATE_FAILED), timeout=60)
    assert failed and failed.reason == "NO_TEMU_CARRIER", _upload(marker, md, shop)
    assert provider.channel.split("/")[1] in failed.message and "MapTemuCarrier" in failed.message
    assert provider.provider_carrier in failed.message
    assert stack.temu.confirmations(mall) == [] and stack.temu.refused_confirmations(mall) == []

    provider.map_carrier(stack, md, shop)  # and nothing else: no RetryMarkShipped
    uploaded = eventually(lambda: _upload(marker, md, shop, pb.UPLOAD_STATE_UPLOADED), timeout=60)
    assert uploaded and uploaded.automatic, _upload(marker, md, shop)
    [confirmation] = stack.temu.confirmations(mall)
    assert confirmation["send_type"] == 1 and len(confirmation["tracking_numbers"]) == 3


def _upload(marker, md, shop, state=None):
    """The shop's one upload (in ``state``), as the queue shows it."""
    uploads = marker.ListMarkShipped(pb.ListMarkShippedRequest(shops=[shop], states=[state] if state else []),
                                     metadata=md).uploads
    return uploads[0] if uploads else None
