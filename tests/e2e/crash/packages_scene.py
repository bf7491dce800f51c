"""Orders of a seller's shop, assigned to a warehouse and audited through the use cases a user
calls: their ``PackageAudited`` events wait in the outbox for the worker's relay."""
from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from adapters.persistence.engine import read_only
from adapters.persistence.package_tables import packages as package_table
from domain.package import PackageState
from application.packages.packing_commands import Caller
from domain.platform_order import Address
from domain.principal import Principal, Role
from tests.integration.persistence.builders import authorized_shop, random_line, random_order, stored_shop

OWNER = Principal("owner-crash", "Crash test seller", Role.SHOP_OWNER)
BUYER = Address(name="Ann Buyer", phone="+1 555 0199", country="US", state="TX", city="Austin",
                line1="1 Main St", post_code="78701")
BATCH = 500  # AuditOrders' and AssignFulfillment's most orders per call


def seller_shop(app) -> str:
    return stored_shop(app, authorized_shop(owner_id=OWNER.id)).id


def audited_packages(app, shop_id: str, count: int, warehouse_id: str, channel_id: str, seller_sku: str) -> list[str]:
    """``count`` one-unit orders with the buyer's address, one package each, audited."""
    orders = []
    for _ in range(count):
        order = random_order(shop_id, lines=(random_line(seller_sku, 1),))
        order.record_address(BUYER, order.created_at)
        orders.append(order)
    with app.uow() as uow:
        for order in orders:
            uow.orders.add(order)
        uow.commit()
    ids = tuple(o.id for o in orders)
    packages: list[str] = []
    for start in range(0, len(ids), BATCH):
        chunk = ids[start:start + BATCH]
        for result in app.packages.packing.assign(Caller(OWNER), chunk, warehouse_id, channel_id):
            assert result.error is None, result.error
        for result in app.packages.packing.audit(Caller(OWNER), chunk):
            assert result.error is None and not result.held_reason, (result.error, result.held_reason)
            packages.extend(result.package_ids)
    assert len(packages) == count
    return packages


def packages(app, package_ids: list[str]) -> list:
    return app.packages.views(tuple(package_ids))


def states(app, package_ids: list[str]) -> Counter:
    """How many of the packages are in each state (one query: the probe of a long wait)."""
    with read_only(app.engine).connect() as conn:  # SQLite: no write lock taken by a probe
        rows = conn.execute(sa.select(package_table.c.state, sa.func.count()).where(
            package_table.c.id.in_(package_ids)).group_by(package_table.c.state)).all()
    return Counter({PackageState(state): n for state, n in rows})


def settled(app, package_ids: list[str], state: PackageState) -> list | None:
    """Every package in ``state`` with its tracking numbers (and its label document, when labelled)."""
    if states(app, package_ids)[state] < len(package_ids):
        return None
    views = packages(app, package_ids)
    done = all(v.state is state and v.tracking_numbers and (v.has_label or state is not PackageState.LABELLED)
               for v in views)
    return views if done else None


def where_they_stand(app, package_ids: list[str]) -> str:
    """How many packages are in each state, and the provider's last words on a few."""
    views = packages(app, package_ids)
    words = Counter(v.last_message for v in views if v.last_message)
    return f"states {dict(Counter(v.state.value for v in views))}; last messages {words.most_common(3)}"
