"""Packages over a real database (SQLite, PostgreSQL): assign, split, merge, undo, audit, push
through the own-warehouse route (over ``FakeCarrier``), reprint, void and Temu's changes."""
from __future__ import annotations

import pytest

from application.packages.views import PackageFilter
from domain.errors import NotFound, PreconditionFailed, ValidationFailed
from domain.order_states import OrderState
from domain.package import PackageState
from domain.platform_order import TemuStatus
from tests.integration.persistence.builders import platform_order
from tests.integration.persistence.packages_world import OWNER, STRANGER, PackagesWorld


@pytest.fixture
def world(db) -> PackagesWorld:
    return PackagesWorld(db)


def test_an_order_assigned_split_and_audited_ships_as_two_labelled_packages(world):
    order = world.order(3)
    [assigned] = world.assign(order)
    assert assigned.error is None and world.order_state(order.id) is OrderState.ASSIGNED
    sn = order.lines[0].order_sn
    made = world.packages.packing.split(world.caller, order.id, [[(sn, 1)], [(sn, 2)]])
    assert len(made) == 2
    [audited] = world.packages.packing.audit(world.caller, (order.id,))
    assert audited.error is None and set(audited.package_ids) == set(made)
    assert world.order_state(order.id) is OrderState.AUDITED
    world.push_all(made)
    for package_id in made:
        view = world.package(package_id)
        assert view.state is PackageState.LABELLED and view.tracking_numbers and view.has_label
        label = world.packages.get_label.execute(OWNER, package_id)
        assert label.content.startswith(b"%PDF") or label.content
    assert world.order_state(order.id) is OrderState.SHIPPED
    assert sum(world.gateway.carrier.purchases.values()) == 2


def test_a_push_repeated_after_a_crash_buys_no_second_label(world):
    order = world.order(1)
    world.assign(order)
    [audited] = world.packages.packing.audit(world.caller, (order.id,))
    [package_id] = audited.package_ids
    world.push_all([package_id])
    with world.db.uow() as unit:  # as if the worker died after the carrier's answer
        package = unit.packages.get(package_id)
        package.state = PackageState.PUSHING
        unit.commit()
    world.push_all([package_id])
    assert sum(world.gateway.carrier.purchases.values()) == 1
    assert world.package(package_id).state is PackageState.LABELLED


def test_audit_refusals_name_the_order_and_the_field(world):
    no_channel = world.order(1)
    no_address = world.order(1, address=None)
    world.assign(no_address)
    cancelled = world.order(1)
    world.assign(cancelled)
    with world.db.uow() as unit:
        o = unit.orders.get(cancelled.id)
        o.apply_platform_update(platform_order(sn=o.parent_order_sn, status=TemuStatus.CANCELED,
                                               updated_at=o.temu_updated_at.replace(year=2027),
                                               lines=o.lines), o.created_at)
        unit.commit()
    results = world.packages.packing.audit(world.caller, (no_channel.id, no_address.id, cancelled.id, "nope",
                                                         no_channel.id))
    reasons = [r.error.reason for r in results]
    assert reasons == ["NO_WAREHOUSE_OR_CHANNEL", "ADDRESS_NOT_GIVEN", "ORDER_IS_FINAL", "ORDER_NOT_FOUND",
                       "DUPLICATE_ORDER"] or reasons[2] == "ORDER_NOT_TO_SHIP"
    assert no_channel.parent_order_sn in results[0].error.message


def test_a_line_without_a_seller_sku_holds_its_package_with_that_reason(world):
    order = world.order(1, seller_sku=" ")
    world.assign(order)
    [result] = world.packages.packing.audit(world.caller, (order.id,))
    assert result.error is None and "no seller SKU mapping" in result.held_reason
    assert world.package(result.package_ids[0]).state is PackageState.HELD


def test_merge_of_one_address_makes_one_package_and_undo_gives_each_its_own(world):
    a, b = world.order(1), world.order(2)
    world.assign(a, b)
    [merged] = world.packages.packing.merge(world.caller, (a.id, b.id))
    assert set(world.package(merged).order_ids) == {a.id, b.id}
    undone = world.packages.packing.undo(world.caller, a.id)
    assert len(undone) == 2
    assert all(world.package(p).state is PackageState.ASSIGNED for p in undone)


def test_a_merge_across_shops_or_a_split_that_invents_a_unit_is_refused(world):
    a = world.order(1)
    other_shop = world.shop.id
    with pytest.raises(ValidationFailed) as invented:
        world.packages.packing.split(world.caller, a.id, [[(a.lines[0].order_sn, 1)], [(a.lines[0].order_sn, 1)]])
    assert invented.value.reason == "SPLIT_UNITS_DO_NOT_MATCH"
    b = world.order(1, address=a.address.__class__(name="Else", city="Boise", line1="2 Elm", country="US"),
                    shop_id=other_shop)
    with pytest.raises(PreconditionFailed) as mixed:
        world.packages.packing.merge(world.caller, (a.id, b.id))
    assert mixed.value.reason == "MERGE_ACROSS_SHOPS_OR_ADDRESSES"


def test_a_shop_owner_cannot_touch_another_owners_orders(world):
    order = world.order(1)
    [result] = world.packages.packing.audit(world.caller.__class__(STRANGER), (order.id,))
    assert isinstance(result.error, NotFound)


def test_a_voided_label_takes_the_package_back_to_audited(world):
    order = world.order(1)
    world.assign(order)
    [audited] = world.packages.packing.audit(world.caller, (order.id,))
    world.push_all(audited.package_ids)
    world.packages.void_label.execute(OWNER, audited.package_ids[0])
    view = world.package(audited.package_ids[0])
    assert view.state is PackageState.AUDITED and not view.tracking_numbers
    assert world.order_state(order.id) is OrderState.AUDITED


def test_an_order_cancelled_on_temu_before_its_label_is_never_pushed(world):
    order = world.order(1)
    world.assign(order)
    [audited] = world.packages.packing.audit(world.caller, (order.id,))
    with world.db.uow() as unit:
        o = unit.orders.get(order.id)
        o.apply_platform_update(platform_order(sn=o.parent_order_sn, status=TemuStatus.CANCELED,
                                               updated_at=o.temu_updated_at.replace(year=2027), lines=o.lines),
                                o.created_at)
        unit.commit()
    world.push_all(audited.package_ids)
    assert world.package(audited.package_ids[0]).state is PackageState.CANCELLED
    assert not world.gateway.carrier.purchases


def test_a_repeated_audit_request_changes_nothing_twice(world):
    order = world.order(1)
    world.assign(order)
    first = world.packages.packing.audit(world.caller.__class__(OWNER, "7d1c1b0e-3d7e-4c55-9a4e-2f4f3f0c9a11"),
                                         (order.id,))
    again = world.packages.packing.audit(world.caller.__class__(OWNER, "7d1c1b0e-3d7e-4c55-9a4e-2f4f3f0c9a11"),
                                         (order.id,))
    assert first[0].package_ids == again[0].package_ids and again[0].error is None


def cancel_on_temu(world, order_id):
    with world.db.uow() as unit:
        o = unit.orders.get(order_id)
        o.apply_platform_update(platform_order(sn=o.parent_order_sn, status=TemuStatus.CANCELED,
                                               updated_at=o.temu_updated_at.replace(year=2027), lines=o.lines),
                                o.created_at)
        unit.commit()
    world.follow.execute(order_id)


def test_a_cancel_after_the_label_flags_the_package_to_stop_the_parcel(world):
    order = world.order(1)
    world.assign(order)
    [audited] = world.packages.packing.audit(world.caller, (order.id,))
    world.push_all(audited.package_ids)
    cancel_on_temu(world, order.id)
    view = world.package(audited.package_ids[0])
    assert view.state is PackageState.LABELLED and "STOP_PARCEL" in view.flags


def test_a_cancel_of_one_merged_order_gives_the_other_its_own_package_again(world):
    a, b = world.order(1), world.order(2)
    world.assign(a, b)
    [merged] = world.packages.packing.merge(world.caller, (a.id, b.id))
    cancel_on_temu(world, a.id)
    assert world.package(merged).state is PackageState.CANCELLED
    [own] = world.packages.list(OWNER, PackageFilter(order_id=b.id, states=(PackageState.ASSIGNED,)), 10, "").items
    assert own.order_ids == (b.id,) and sum(line.quantity for line in own.lines) == 2


def test_a_label_document_kept_twice_under_one_reference_keeps_the_first(world):
    order = world.order(1)
    world.assign(order)
    [result] = world.packages.packing.audit(world.caller, (order.id,))
    package_id = result.package_ids[0]
    with world.db.uow() as unit:
        first = unit.labels.put(package_id, "erp-ref-1", "application/pdf", b"%PDF-1.4 first")
        again = unit.labels.put(package_id, "erp-ref-1", "application/pdf", b"%PDF-1.4 second")
        unit.commit()
    with world.db.uow() as unit:
        assert again == first and unit.labels.get(first).content == b"%PDF-1.4 first"
