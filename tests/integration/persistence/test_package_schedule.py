"""Packages in flight are looked at on a schedule stored on the package, over a real database:
the sweep pushes a package whose message was lost or whose worker died, a 3PL package waits
most of a day for its parcel to leave with checks no further apart than half an hour, two
schedulers hand out a package once, a route's refusal holds the package with the provider's
words, and a cancelled package (CancelPackage, or at the provider) is left alone until audited
again."""
from __future__ import annotations

import uuid
from datetime import timedelta
from types import SimpleNamespace

import pytest

from adapters.persistence.package_reader import SqlPackageReader
from adapters.queue.scheduler import Scheduler
from application.fulfillment.own_warehouse import OwnWarehouseRoute
from application.fulfillment.third_party import ThirdPartyRoute
from application.packages.facade import PackageUseCases
from application.packages.push_package import MAX_WAIT_S, WHOLE_EVERY, Done, PushPackage, RetryLater
from application.packages.sweep import SweepPackages
from application.ports.threepl import OutboundStatus
from bootstrap import _claim_job_slot
from bootstrap.fulfillment import RoutesByKind
from domain.errors import PreconditionFailed, UpstreamRejected, ValidationFailed
from domain.warehouse import WarehouseKind
from domain.package import UNATTENDED_AFTER, PackageState
from domain.warehouse import Warehouse, WarehouseKind
from tests.fakes_carrier import ProcessKilled
from tests.fakes_providers import FakeGateway, FakeThirdPartyWarehouse
from tests.integration.persistence.packages_world import OWNER, PackagesWorld
from tests.integration.persistence.test_provider_accounts import stored
from tests.integration.persistence.test_warehouse_repositories import enabled_channel

SKU = "MUG-1"


class Schedule:
    """A world with a 3PL warehouse next to the own one, its push worker and the sweep."""

    def __init__(self, db) -> None:
        self.world = world = PackagesWorld(db)
        self.threepl = FakeThirdPartyWarehouse(stock={SKU: 100})
        self.routes = RoutesByKind({
            WarehouseKind.OWN: world.routes.for_kind(WarehouseKind.OWN),
            WarehouseKind.THIRD_PARTY: ThirdPartyRoute(FakeGateway(self.threepl), lambda account_id: None)})
        self.push = PushPackage(db.uow, self.routes, world.clock)
        self.packages = PackageUseCases(db.uow, SqlPackageReader(db.engine), self.routes, world.clock)
        self.sweep = SweepPackages(db.uow, world.clock)
        self.warehouse = Warehouse.register_provided(
            id=str(uuid.uuid4()), owner_id=world.warehouse.owner_id, name="Goodcang LA", kind=WarehouseKind.THIRD_PARTY,
            provider_account_id=stored(db, owner=world.warehouse.owner_id), provider_warehouse_code="USLAX01",
            now=world.clock.now())
        self.channel = enabled_channel(self.warehouse.id, "UPS-GROUND")
        with db.uow() as unit:
            unit.warehouses.add(self.warehouse)
            unit.commit()
        with db.uow() as unit:
            unit.channels.add(self.channel)
            unit.commit()
        self.db = db

    def audited(self, *, third_party: bool = False) -> str:
        order = self.world.order(1, seller_sku=SKU)
        if third_party:
            self.world.packages.packing.assign(self.world.caller, (order.id,), self.warehouse.id, self.channel.id)
        else:
            self.world.assign(order)
        [result] = self.world.packages.packing.audit(self.world.caller, (order.id,))
        return result.package_ids[0]

    def next_check_at(self, package_id: str):
        with self.db.uow() as unit:
            return unit.packages.get(package_id).next_check_at

    def view(self, package_id: str):
        return self.world.package(package_id)


@pytest.fixture
def schedule(db) -> Schedule:
    return Schedule(db)


def test_a_package_whose_message_was_lost_is_pushed_by_the_sweep(schedule):
    package_id = schedule.audited()  # the relay's message never reaches a worker
    assert not schedule.sweep.execute()  # not due yet: its message may still be on its way
    schedule.world.clock.advance(seconds=UNATTENDED_AFTER.total_seconds() + 1)
    assert schedule.sweep.execute().push == [package_id]
    assert not schedule.sweep.execute()  # handed out once per lease
    for _ in range(5):
        if schedule.push.execute(package_id) is Done.DONE:
            break
    view = schedule.view(package_id)
    assert view.state is PackageState.LABELLED and view.tracking_numbers and view.has_label
    assert schedule.next_check_at(package_id) is None
    schedule.world.clock.advance(days=30)
    assert not schedule.sweep.execute()  # nothing left to ask: never handed out again


def test_a_package_left_pushing_by_a_killed_worker_is_resumed_by_the_sweep_and_bought_once(schedule):
    package_id = schedule.audited()
    schedule.world.gateway.carrier.crash_after_buy = True
    with pytest.raises(ProcessKilled):
        schedule.push.execute(package_id)
    assert schedule.view(package_id).state is PackageState.PUSHING
    schedule.world.clock.advance(minutes=5)
    assert schedule.sweep.execute().push == [package_id]
    assert schedule.push.execute(package_id) is Done.DONE
    assert schedule.view(package_id).state is PackageState.LABELLED
    assert list(schedule.world.gateway.carrier.purchases.values()) == [1]


def test_the_sweep_hands_out_the_oldest_due_first_and_at_most_its_batch(schedule):
    first, second, third = (schedule.audited() for _ in range(3))
    schedule.world.clock.advance(minutes=5)
    small = SweepPackages(schedule.db.uow, schedule.world.clock, batch=2)
    assert small.execute().push == [first, second]
    assert small.execute().push == [third]


def test_a_pushed_3pl_package_reaches_shipped_with_its_tracking_numbers_through_scheduled_checks_only(schedule):
    """Every self-sent message is lost: only the sweep's rounds move the package on, for most of a day."""
    package_id = schedule.audited(third_party=True)
    clock, looks, gaps = schedule.world.clock, 0, []
    started = clock.now()
    steps: list = []

    def round_() -> None:
        nonlocal looks
        due = schedule.next_check_at(package_id)
        gaps.append(due - clock.now())
        clock.advance(seconds=(due - clock.now()).total_seconds())
        due = schedule.sweep.execute()
        for due_id in due.push:
            looks += 1
            steps.append(schedule.push.execute(due_id))
        for group in due.track:  # once pushed, the 3PL package is followed in batch reads
            looks += len(group)
            schedule.push.track(group)

    while clock.now() - started < timedelta(hours=10):
        round_()
    accepted = schedule.view(package_id)
    assert accepted.state is PackageState.PUSHED and "ACCEPTED" in accepted.last_message  # still followed, long after the old four hours
    [code] = schedule.threepl.orders
    schedule.threepl.move(code, OutboundStatus.PICKING, "W")
    while clock.now() - started < timedelta(hours=20):
        round_()
    picking = schedule.view(package_id)
    assert picking.state is PackageState.PUSHED and "PICKING" in picking.last_message and "(W)" in picking.last_message
    schedule.threepl.move(code, OutboundStatus.SHIPPED, "D", ("1Z001", "1Z002"))
    round_()
    view = schedule.view(package_id)
    assert view.state is PackageState.SHIPPED and view.tracking_numbers == ("1Z001", "1Z002")
    assert schedule.next_check_at(package_id) is None
    assert max(gaps) == timedelta(seconds=MAX_WAIT_S)  # the wait grew to its cap and stayed there
    assert looks < 20 * 2 + 30  # at most every half hour once the waits are long
    assert any(isinstance(s, RetryLater) and s.by_sweep for s in steps)
    assert list(schedule.threepl.created.values()) == [1]  # one outbound order, however many looks


def test_due_3pl_packages_are_handed_out_in_groups_of_one_warehouse_and_read_in_one_batch(schedule):
    ids = [schedule.audited(third_party=True) for _ in range(5)]
    own = schedule.audited()
    for package_id in ids:
        schedule.push.execute(package_id)
    schedule.world.clock.advance(minutes=5)
    small = SweepPackages(schedule.db.uow, schedule.world.clock, group=3)
    due = small.execute()
    assert due.push == [own] and sorted(map(sorted, due.track)) == sorted([sorted(ids[:3]), sorted(ids[3:])])
    # each to its kind's workers (``packages.PUSH``, ``packages.TRACK``)
    assert due.kinds == {own: WarehouseKind.OWN} | {i: WarehouseKind.THIRD_PARTY for i in ids}
    schedule.threepl.reads.clear()
    for group in due.track:
        schedule.push.track(group)
    assert [len(batch) for batch in schedule.threepl.batch_reads] == [3, 2] and schedule.threepl.reads == []
    assert all(schedule.view(i).state is PackageState.PUSHED for i in ids)  # nothing shipped yet


def test_a_push_message_that_comes_after_the_push_reads_nothing_and_leaves_the_package_to_the_sweep(schedule):
    """The sweep's safety net sent a second push while the first waited behind the provider's
    rate: the late one must not read the provider (for Amazon, a whole pass of the change list
    for one package); the sweep's batch look follows the package."""
    package_id = schedule.audited(third_party=True)
    schedule.push.execute(package_id)
    due_at = schedule.next_check_at(package_id)
    schedule.threepl.reads.clear()
    schedule.threepl.batch_reads.clear()
    assert schedule.push.execute(package_id) is Done.DONE
    assert schedule.threepl.reads == [] and schedule.threepl.batch_reads == []
    assert schedule.view(package_id).state is PackageState.PUSHED and schedule.next_check_at(package_id) == due_at
    schedule.world.clock.advance(minutes=5)
    assert schedule.sweep.execute().track == [[package_id]]


def test_the_sweep_groups_3pl_packages_by_fifty_the_tracking_query_s_limit(schedule):
    ids = [schedule.audited(third_party=True) for _ in range(53)]
    for package_id in ids:
        schedule.push.execute(package_id)
    schedule.world.clock.advance(minutes=5)
    assert sorted(len(group) for group in schedule.sweep.execute().track) == [3, 50]


def test_a_shipped_3pl_package_is_recorded_from_the_batch_read_with_its_tracking_numbers(schedule):
    package_id = schedule.audited(third_party=True)
    schedule.push.execute(package_id)
    [code] = schedule.threepl.orders
    schedule.threepl.move(code, OutboundStatus.SHIPPED, "D", ("1Z001",))
    schedule.push.track([package_id])
    view = schedule.view(package_id)
    assert view.state is PackageState.SHIPPED and view.tracking_numbers == ("1Z001",)
    assert schedule.threepl.reads == []  # the order was never read alone


class UnreadableWarehouse(FakeThirdPartyWarehouse):
    def shipped(self, provider_order_ids):
        raise UpstreamRejected("Goodcang answered the tracking query with a body that is not JSON.")


def test_a_refused_batch_read_holds_no_package_and_each_is_looked_at_again(schedule):
    ids = [schedule.audited(third_party=True) for _ in range(2)]
    for package_id in ids:
        schedule.push.execute(package_id)
    unreadable = UnreadableWarehouse(stock={SKU: 9}, orders=schedule.threepl.orders)
    schedule.routes.for_kind(WarehouseKind.THIRD_PARTY)._warehouses = FakeGateway(unreadable)
    schedule.push.track(ids)
    for package_id in ids:
        view = schedule.view(package_id)
        assert view.state is PackageState.PUSHED and "not JSON" in view.last_message
        assert schedule.next_check_at(package_id) is not None


def looks_until_whole(schedule, package_id: str) -> None:
    """Batch looks until the whole one that reads the order alone (``WHOLE_EVERY``)."""
    for _ in range(WHOLE_EVERY):
        schedule.push.track([package_id])
        if schedule.next_check_at(package_id) is None:
            return


def test_two_schedulers_hand_out_a_due_package_once(schedule):
    ids = {schedule.audited() for _ in range(4)}
    schedule.world.clock.advance(minutes=5)
    sent: list[str] = []
    claim = _claim_job_slot(SimpleNamespace(uow=schedule.db.uow))

    def scheduler() -> Scheduler:
        return Scheduler(schedule_syncs=SimpleNamespace(execute=lambda: None), claim_job_slot=claim,
                         send_expiry_check=lambda: None, sweep_every_s=3600,
                         sweep_packages=lambda: sent.extend(schedule.sweep.execute().push))

    one, other = scheduler(), scheduler()
    one.tick()
    other.tick()
    one.tick()
    assert sorted(sent) == sorted(ids)


class RefusingWarehouse(FakeThirdPartyWarehouse):
    def create_outbound(self, request):
        raise ValidationFailed("Goodcang refused the order: address line 1 is longer than 100 characters.")


def test_a_refusal_raised_by_the_route_holds_the_package_with_the_providers_words(schedule):
    schedule.routes.for_kind(WarehouseKind.THIRD_PARTY)._warehouses = FakeGateway(RefusingWarehouse(stock={SKU: 9}))
    package_id = schedule.audited(third_party=True)
    assert schedule.push.execute(package_id) is Done.DONE
    view = schedule.view(package_id)
    assert view.state is PackageState.HELD
    assert "longer than 100 characters" in view.hold_reason and "refused by the provider" in view.hold_reason
    assert schedule.next_check_at(package_id) is None


def test_an_order_the_provider_no_longer_knows_holds_the_pushed_package_with_its_reference(schedule):
    package_id = schedule.audited(third_party=True)
    assert isinstance(schedule.push.execute(package_id), RetryLater)
    schedule.threepl.orders.clear()
    looks_until_whole(schedule, package_id)
    view = schedule.view(package_id)
    assert view.state is PackageState.HELD and view.provider_ref in view.hold_reason


def test_a_cancelled_3pl_package_is_back_to_audited_and_not_pushed_again_until_audited_again(schedule):
    package_id = schedule.audited(third_party=True)
    schedule.push.execute(package_id)
    [code] = schedule.threepl.orders
    schedule.packages.cancel_package.execute(OWNER, package_id)
    view = schedule.view(package_id)
    assert view.state is PackageState.AUDITED and not view.provider_ref
    assert schedule.threepl.orders[code].status is OutboundStatus.CANCELLED
    schedule.world.clock.advance(days=1)
    assert not schedule.sweep.execute()  # the user decides: audit again, or another warehouse
    [again] = schedule.world.packages.packing.audit(schedule.world.caller, view.order_ids)
    assert again.error is None
    schedule.push.execute(package_id)
    assert schedule.view(package_id).state is PackageState.PUSHED and len(schedule.threepl.orders) == 2


def test_a_cancel_the_warehouse_refuses_says_why_and_the_package_stays_there(schedule):
    package_id = schedule.audited(third_party=True)
    schedule.push.execute(package_id)
    schedule.threepl.cancel_refusal = "订单已进入仓库作业,不允许取消 (picking)"
    with pytest.raises(PreconditionFailed) as refused:
        schedule.packages.cancel_package.execute(OWNER, package_id)
    assert refused.value.reason == "CANCEL_REFUSED" and "不允许取消" in refused.value.message
    view = schedule.view(package_id)
    assert view.state is PackageState.PUSHED and "不允许取消" in view.last_message
    assert schedule.next_check_at(package_id) is not None  # still followed until it ships


def test_a_package_not_at_its_provider_is_not_cancelled_and_the_provider_is_not_called(schedule):
    package_id = schedule.audited(third_party=True)
    with pytest.raises(PreconditionFailed) as refused:
        schedule.packages.cancel_package.execute(OWNER, package_id)
    assert refused.value.reason == "PACKAGE_NOT_CANCELLABLE"
    assert schedule.threepl.orders == {}


def test_an_order_cancelled_in_the_providers_console_brings_the_package_back_for_the_user(schedule):
    package_id = schedule.audited(third_party=True)
    schedule.push.execute(package_id)
    [code] = schedule.threepl.orders
    schedule.threepl.move(code, OutboundStatus.CANCELLED, "X")
    looks_until_whole(schedule, package_id)
    view = schedule.view(package_id)
    assert view.state is PackageState.AUDITED and "cancelled" in view.last_message
    assert schedule.next_check_at(package_id) is None


def test_packages_a_batch_look_is_still_reading_are_not_handed_out_again_meanwhile(schedule):
    """A batch look reads its group at the provider's rate and records it at its end, minutes
    later (Amazon: 2 shipped orders a second, shared by the groups); the sweep's rounds meanwhile
    must not hand the same packages to a second look, which would read each of them twice."""
    ids = [schedule.audited(third_party=True) for _ in range(3)]
    for package_id in ids:
        schedule.push.execute(package_id)
    schedule.world.clock.advance(minutes=5)
    [group] = schedule.sweep.execute().track
    handed_again = []
    slow = schedule.threepl.shipped

    def shipped_minutes_later(codes):
        schedule.world.clock.advance(minutes=4)  # past the sweep's 2-minute lease
        handed_again.extend(i for g in schedule.sweep.execute().track for i in g)
        return slow(codes)
    schedule.threepl.shipped = shipped_minutes_later
    schedule.push.track(group)
    assert sorted(group) == sorted(ids) and handed_again == []
    schedule.world.clock.advance(minutes=5)  # recorded at its end: its next look is the look's own
    assert sorted(i for g in schedule.sweep.execute().track for i in g) == sorted(ids)
