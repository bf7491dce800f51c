"""The mark-shipped gate (issue 12, MARK-2) on random platform orders: single, split or merged,
with tracking numbers arriving or not, units lost or doubled, carriers mapped or not.

Whatever the packages look like, an upload plan exists only when every package of the platform
order (and of the orders merged with it) is tracked, every unit is in exactly one package and
every channel names Temu's carrier; then the plan holds every package once, all the units, and
the sendType of its shape. A refusal for missing tracking names exactly the untracked packages.
"""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings, strategies as st

from domain.errors import PreconditionFailed
from domain.mark_shipped import SendType, plan_upload
from domain.order import Order
from domain.package import Package, PackageLine
from domain.platform_order import Address, OrderLine, PlatformOrder, TemuStatus
from domain.warehouse import TemuCarrier
from tests.unit.domain.order_builders import T0

HOME = Address(name="A", city="Austin", line1="1 Main")


def order(n: int, quantities: tuple[int, ...], address: Address = HOME) -> Order:
    lines = tuple(OrderLine(f"{n}-{k}", 10 + k, 20 + k, 3, "SKU", "Mug", "", q, 0, q, TemuStatus.UN_SHIPPING)
                  for k, q in enumerate(quantities))
    o = Order(id=f"o{n}", shop_id="s1", snapshot=PlatformOrder(f"PO-{n}", 2, 211, 100, T0, T0, None, lines), now=T0)
    o.record_address(address, T0)
    return o


def package(pid: str, lines: list[tuple[Order, str, int]], tracked: bool, channel: str = "c1") -> Package:
    p = Package(id=pid, shop_id="s1", lines=tuple(PackageLine(o.id, sn, "SKU", q) for o, sn, q in lines),
                warehouse_id="w1", channel_id=channel, now=T0)
    if tracked:
        p.tracking_numbers = (f"TRK-{pid}",)
    return p


def carriers(mapped: bool):
    return lambda channel, region: TemuCarrier(211, 7) if mapped and channel == "c1" and region == 211 else None


@st.composite
def platform_orders(draw):
    """Orders and their packages: one order split over 1-4 packages, or 2-3 orders merged in one."""
    merged = draw(st.booleans())
    quantities = draw(st.lists(st.tuples(*[st.integers(1, 3)] * 2), min_size=2 if merged else 1,
                               max_size=3 if merged else 1))
    orders = [order(n, q) for n, q in enumerate(quantities)]
    units = [(o, line.order_sn) for o in orders for line in o.lines for _ in range(line.quantity)]
    cuts = 1 if merged else draw(st.integers(1, min(4, len(units))))
    parts: list[list] = [[] for _ in range(cuts)]
    for i, unit in enumerate(units):
        parts[(i if i < cuts else draw(st.integers(0, cuts - 1)))].append(unit)
    tracked = draw(st.lists(st.booleans(), min_size=cuts, max_size=cuts))
    packages = []
    for k, part in enumerate(parts):
        counted: dict = {}
        for o, sn in part:
            counted[(o, sn)] = counted.get((o, sn), 0) + 1
        packages.append(package(f"p{k}", [(o, sn, q) for (o, sn), q in counted.items()], tracked[k]))
    return orders, packages


@settings(max_examples=100, deadline=None)
@given(platform_orders(), st.booleans(), st.sampled_from(["none", "lose", "double", "address"]), st.data())
def test_a_plan_exists_only_for_a_whole_tracked_platform_order(drawn, mapped, tamper, data):
    orders, packages = drawn
    if tamper in ("lose", "double"):
        k = data.draw(st.integers(0, len(packages) - 1))
        line = packages[k].lines[0]
        changed = replace(line, quantity=line.quantity + (1 if tamper == "double" else -1))
        packages[k].lines = tuple(l for l in (changed, *packages[k].lines[1:]) if l.quantity > 0)
        packages = [p for p in packages if p.lines]  # a package left empty is no package
    if tamper == "address" and len(orders) > 1:
        orders[-1].record_address(Address(name="B", city="Boise"), T0)
    by_id = {o.id: o for o in orders}
    start = data.draw(st.sampled_from(orders)).id
    untracked = [p.id for p in packages if not p.tracking_numbers]
    broken = tamper in ("lose", "double") or (tamper == "address" and len(orders) > 1)

    try:
        plan = plan_upload(start, by_id, packages, carriers(mapped))
    except PreconditionFailed as refused:
        if untracked:
            assert refused.reason == "NOT_ALL_PACKAGES_TRACKED"
            assert refused.details["missing_packages"].split(",") == untracked
            for pid in untracked:
                assert pid in refused.message
        else:
            assert broken or not mapped, refused
        return

    assert not untracked and mapped and not broken
    assert sorted(p.package_id for p in plan.parcels) == sorted(p.id for p in packages)
    assert set(plan.order_ids) == set(by_id)
    for o in orders:
        for line in o.lines:
            sent = sum(i.quantity for p in plan.parcels for i in p.items if i.order_sn == line.order_sn)
            assert sent == line.quantity
    expected = (SendType.MERGED if len(orders) > 1 else SendType.SPLIT if len(packages) > 1 else SendType.SINGLE)
    assert plan.send_type is expected
    assert all(p.carrier_id == 7 for p in plan.parcels)


def test_the_refusal_names_the_packages_still_waiting():
    o = order(1, (3,))
    packages = [package("p1", [(o, "1-0", 1)], True), package("p2", [(o, "1-0", 1)], False),
                package("p3", [(o, "1-0", 1)], False)]
    with pytest.raises(PreconditionFailed) as refused:
        plan_upload(o.id, {o.id: o}, packages, carriers(True))
    assert refused.value.reason == "NOT_ALL_PACKAGES_TRACKED"
    assert "p2, p3" in refused.value.message


def test_a_channel_without_temu_carrier_is_refused_before_any_call():
    o = order(1, (1,))
    with pytest.raises(PreconditionFailed) as refused:
        plan_upload(o.id, {o.id: o}, [package("p1", [(o, "1-0", 1)], True, channel="c9")], carriers(True))
    assert refused.value.reason == "NO_TEMU_CARRIER"
    assert "c9" in refused.value.message and "211" in refused.value.message


def test_a_cancelled_or_voided_package_is_not_part_of_the_upload():
    o = order(1, (2,))
    old = package("p0", [(o, "1-0", 2)], False)
    old.cancel(T0)
    plan = plan_upload(o.id, {o.id: o}, [old, package("p1", [(o, "1-0", 2)], True)], carriers(True))
    assert [p.package_id for p in plan.parcels] == ["p1"] and plan.send_type is SendType.SINGLE


def test_a_local_shops_package_without_a_bound_temu_warehouse_is_refused_saying_what_to_bind():
    from domain.mark_shipped import TemuWarehouses
    o = order(1, (2,))
    packages = [package("p1", [(o, "1-0", 1)], True), package("p2", [(o, "1-0", 1)], True, channel="c2")]
    mapped = lambda channel, region: TemuCarrier(211, 7)  # noqa: E731
    bound = {("w1", "c1"): "WH-CHANNEL", ("w1", "c2"): None}
    by_warehouse = TemuWarehouses(lambda w, c: bound[(w, c)] or "WH-WAREHOUSE", required=True, shop_id="s1")
    plan = plan_upload("o1", {"o1": o}, packages, mapped, by_warehouse)
    assert [p.temu_warehouse_id for p in plan.parcels] == ["WH-CHANNEL", "WH-WAREHOUSE"]
    with pytest.raises(PreconditionFailed) as refused:
        plan_upload("o1", {"o1": o}, packages, mapped, TemuWarehouses(lambda w, c: bound[(w, c)], True, "s1"))
    assert refused.value.reason == "TEMU_WAREHOUSE_NOT_BOUND" and refused.value.details["channel_id"] == "c2"
    assert all(words in refused.value.message for words in ("w1", "c2", "s1", "BindTemuWarehouse"))
    cross_border = TemuWarehouses(lambda w, c: None, required=False)
    assert all(p.temu_warehouse_id is None for p in plan_upload("o1", {"o1": o}, packages, mapped, cross_border).parcels)


@pytest.mark.parametrize("state, attempts, leaves", [
    ("WAITING_FOR_PACKAGES", 0, True), ("READY", 0, True), ("FAILED", 2, True), ("UPLOADING", 0, True),
    ("UPLOADING", 1, False), ("RETRYING", 1, False), ("UPLOADED", 1, False), ("CONFLICT", 1, False)])
def test_an_upload_leaves_the_queue_as_shipped_elsewhere_only_when_nothing_of_ours_may_be_at_temu(
        state, attempts, leaves):
    from domain.upload import Upload, UploadState
    upload = Upload(id="up-o1", shop_id="s1", order_id="o1", now=T0)
    upload.state, upload.attempts = UploadState(state), attempts
    assert upload.shipped_elsewhere(T0) is leaves
    assert upload.state is (UploadState.UPLOADED_ELSEWHERE if leaves else UploadState(state))
