"""The push worker's use case over a real database and ``FakeCarrier``: labels made on a later
poll, the carrier down, refusals, a crash right after the purchase, a too-late void."""
from __future__ import annotations

import pytest

from application.packages.push_package import Done, Elsewhere, RetryLater
from domain.errors import PreconditionFailed, UpstreamUnavailable
from domain.package import PackageState
from domain.warehouse import WarehouseKind
from tests.fakes_carrier import ProcessKilled
from tests.integration.persistence.packages_world import OWNER, PackagesWorld


@pytest.fixture
def world(db) -> PackagesWorld:
    return PackagesWorld(db)


def audited_package(world) -> str:
    order = world.order(1)
    world.assign(order)
    [result] = world.packages.packing.audit(world.caller, (order.id,))
    return result.package_ids[0]


def test_a_label_made_on_a_later_poll_is_polled_until_it_has_its_tracking_number(world):
    world.gateway.carrier.polls_to_track = 2
    package_id = audited_package(world)
    first = world.push.execute(package_id)
    assert isinstance(first, RetryLater)
    assert world.package(package_id).state is PackageState.PUSHED
    assert "later poll" in world.package(package_id).last_message
    steps = [world.push.execute(package_id) for _ in range(3)]
    assert steps[-1] is Done.DONE
    view = world.package(package_id)
    assert view.state is PackageState.LABELLED and view.tracking_numbers and view.has_label
    assert sum(world.gateway.carrier.purchases.values()) == 1


def test_a_label_bought_with_its_document_is_kept_with_the_purchase_and_not_fetched_again(world):
    world.gateway.carrier.document_with_purchase = True
    package_id = audited_package(world)
    assert world.push.execute(package_id) is Done.DONE
    view = world.package(package_id)
    assert view.state is PackageState.LABELLED and view.tracking_numbers and view.has_label
    assert world.packages.get_label.execute(OWNER, package_id).content.startswith(b"%PDF-")
    assert world.gateway.carrier.downloads == 0
    assert sum(world.gateway.carrier.purchases.values()) == 1


class DownCarrier:
    def __getattr__(self, name):
        def down(*args, **kwargs):
            raise UpstreamUnavailable("The carrier answered 503 Service Unavailable.", retry_after_s=7)
        return down


def test_the_carrier_down_leaves_the_package_pushing_with_the_reason_and_a_retry(world):
    package_id = audited_package(world)
    real = world.gateway.carrier
    world.gateway.carrier = DownCarrier()
    step = world.push.execute(package_id)
    assert isinstance(step, RetryLater) and step.seconds == 7
    view = world.package(package_id)
    assert view.state is PackageState.PUSHING and "503" in view.last_message
    world.gateway.carrier = real
    assert world.push.execute(package_id) is Done.DONE
    assert world.package(package_id).state is PackageState.LABELLED


def test_a_refused_label_holds_the_package_with_the_carriers_words(world):
    world.gateway.carrier.refuse_next = "Address not found: 1 Main St"
    package_id = audited_package(world)
    assert world.push.execute(package_id) is Done.DONE
    view = world.package(package_id)
    assert view.state is PackageState.HELD and "Address not found" in view.hold_reason


def test_a_worker_killed_right_after_the_purchase_adopts_the_label_on_retry(world):
    package_id = audited_package(world)
    world.gateway.carrier.crash_after_buy = True
    with pytest.raises(ProcessKilled):
        world.push.execute(package_id)
    assert world.package(package_id).state is PackageState.PUSHING
    assert world.push.execute(package_id) is Done.DONE
    assert world.package(package_id).state is PackageState.LABELLED
    assert list(world.gateway.carrier.purchases.values()) == [1]


def test_the_first_push_buys_without_asking_and_a_retry_of_a_started_push_asks_first(world):
    first_id, crashed_id = audited_package(world), audited_package(world)
    assert world.push.execute(first_id) is Done.DONE
    assert world.gateway.carrier.finds == 0  # nothing was pushed before: no scan of the account's labels
    world.gateway.carrier.crash_after_buy = True
    with pytest.raises(ProcessKilled):
        world.push.execute(crashed_id)
    assert world.push.execute(crashed_id) is Done.DONE
    assert world.gateway.carrier.finds == 1
    assert sorted(world.gateway.carrier.purchases.values()) == [1, 1]


def test_a_second_delivery_of_a_labelled_package_does_nothing(world):
    package_id = audited_package(world)
    world.push_all([package_id])
    assert world.push.execute(package_id) is Done.DONE
    assert sum(world.gateway.carrier.purchases.values()) == 1


def test_a_void_the_carrier_refuses_says_why_and_the_package_keeps_its_label(world):
    package_id = audited_package(world)
    world.push_all([package_id])
    world.gateway.carrier.in_transit.add(world.package(package_id).provider_ref)
    with pytest.raises(PreconditionFailed) as refused:
        world.packages.void_label.execute(OWNER, package_id)
    assert refused.value.reason == "VOID_REFUSED" and "in transit" in refused.value.message
    view = world.package(package_id)
    assert view.state is PackageState.LABELLED and "in transit" in view.last_message


def test_after_a_void_a_new_audit_buys_a_new_label_under_a_new_reference(world):
    package_id = audited_package(world)
    world.push_all([package_id])
    world.packages.void_label.execute(OWNER, package_id)
    order_id = world.package(package_id).order_ids[0]
    [again] = world.packages.packing.audit(world.caller, (order_id,))
    assert again.error is None
    world.push_all([package_id])
    assert world.package(package_id).state is PackageState.LABELLED
    assert sorted(world.gateway.carrier.purchases) == [f"{package_id}-1", f"{package_id}-2"]


def test_a_push_meant_for_another_kinds_workers_is_handed_on_untouched(world):
    """Each warehouse kind has its own push workers: a worker for Amazon's packages, given an own
    warehouse's one, hands it on without marking it or calling anyone; its own kind's worker
    pushes it."""
    package_id = audited_package(world)
    step = world.push.execute(package_id, WarehouseKind.FBA)
    assert step == Elsewhere(WarehouseKind.OWN)
    assert world.package(package_id).state is PackageState.AUDITED
    assert sum(world.gateway.carrier.purchases.values()) == 0
    world.gateway.carrier.document_with_purchase = True
    assert world.push.execute(package_id, WarehouseKind.OWN) is Done.DONE
    assert world.package(package_id).state is PackageState.LABELLED
