"""A channel's Temu carrier mapped after its uploads were refused for want of it (issue 12, item
6, the 3PL and FBA routes): the mapping is an event in the outbox, and its handler sends that
channel's refused uploads (automatic marking) and no other's; over a real database."""
from __future__ import annotations

import threading

import sqlalchemy as sa

from adapters.persistence.tables import outbox
from application.mark_shipped.marking import AutoMark, CarrierMapped, RetryMarkShipped
from domain.channel import LogisticsChannel
from domain.upload import UploadState, upload_id
from domain.warehouse import LabelFormat, TemuCarrier
from tests.integration.persistence.packages_world import PackagesWorld
from tests.integration.persistence.test_warehouse_repositories import new_id, stored_own_warehouse


def unmapped_channel(world: PackagesWorld) -> tuple[str, str]:
    """(warehouse, channel): a channel naming no Temu carrier, as a provider's adopted one."""
    warehouse = stored_own_warehouse(world.db, world.caller.principal.id, name=f"W {new_id()[:6]}")
    channel = LogisticsChannel.enable(id=new_id(), warehouse_id=warehouse.id, name="Unmapped", carrier="usps",
                                      service_token="usps_ground_advantage", label_format=LabelFormat.PDF_4X6,
                                      temu_carriers=(), now=world.clock.now())
    with world.db.uow() as uow:
        uow.channels.add(channel)
        uow.commit()
    return warehouse.id, channel.id


def tracked_order(world: PackagesWorld, warehouse_id: str, channel_id: str) -> str:
    order = world.order(1)
    world.packages.packing.assign(world.caller, (order.id,), warehouse_id, channel_id)
    [result] = world.packages.packing.audit(world.caller, (order.id,))
    world.push_all(result.package_ids)
    AutoMark(world.db.uow, world.clock).execute(result.package_ids[0])  # the PackageTracked handler
    return upload_id((order.id,))


def upload(world: PackagesWorld, uid: str):
    with world.db.uow() as uow:
        return uow.uploads.get(uid)


def test_mapping_a_channel_sends_its_refused_uploads_and_leaves_other_channels_alone(db):
    world = PackagesWorld(db)
    with db.uow() as uow:
        uow.uploads.set_automatic(world.shop.id, True, world.clock.now())
        uow.commit()
    (w1, mapped), (w2, other) = unmapped_channel(world), unmapped_channel(world)
    first, second = tracked_order(world, w1, mapped), tracked_order(world, w2, other)
    for uid in (first, second):
        refused = upload(world, uid)
        assert (refused.state, refused.reason) == (UploadState.FAILED, "NO_TEMU_CARRIER"), refused.message

    with db.uow() as uow:
        uow.channels.get(mapped).map_temu_carrier(TemuCarrier(211, 5001, "USPS"), world.clock.now(), world.shop.id)
        uow.commit()
    with db.engine.connect() as conn:
        [payload] = conn.execute(sa.select(outbox.c.payload).where(outbox.c.event_type == "TemuCarrierMapped")
                                 ).scalars().all()
    assert payload == {"channel_id": mapped, "shop_id": world.shop.id, "region_id": 211, "temu_carrier_id": 5001}

    CarrierMapped(db.uow, world.clock).execute(mapped)
    CarrierMapped(db.uow, world.clock).execute(mapped)  # the message again: nothing more
    sent = upload(world, first)
    assert (sent.state, sent.automatic) == (UploadState.UPLOADING, True)
    with db.engine.connect() as conn:
        requested = conn.execute(sa.select(outbox.c.payload).where(outbox.c.event_type == "UploadRequested")
                                 ).scalars().all()
    assert [p["upload_id"] for p in requested] == [first]
    assert upload(world, second).state is UploadState.FAILED


def test_a_persons_retry_while_the_handler_holds_the_upload_waits_for_it_and_is_not_refused_as_a_conflict(db):
    """The person presses retry the moment they map the carrier, while ``CarrierMapped`` has the
    same upload in hand: the retry waits for it and answers, it is not ABORTED."""
    world = PackagesWorld(db)
    warehouse, channel = unmapped_channel(world)
    uid = tracked_order(world, warehouse, channel)
    with db.uow() as uow:
        uow.channels.get(channel).map_temu_carrier(TemuCarrier(211, 5001, "USPS"), world.clock.now(), world.shop.id)
        uow.commit()
    held, release = threading.Event(), threading.Event()

    def handler_holding_the_upload() -> None:
        with db.uow() as uow:
            in_hand = uow.uploads.get_for_update(uid)
            in_hand.reopen(world.clock.now())
            held.set()
            release.wait(10)
            uow.commit()

    handler = threading.Thread(target=handler_holding_the_upload)
    handler.start()
    assert held.wait(10)
    threading.Timer(0.3, release.set).start()
    view = RetryMarkShipped(db.uow, world.clock).execute(world.caller.principal, uid)
    handler.join(10)
    assert view.state is UploadState.UPLOADING
    assert upload(world, uid).state is UploadState.UPLOADING
