"""AUTH-9 under load: many concurrent authorizations of one Temu shop make exactly one ERP shop."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from adapters.persistence.tables import shops
from domain.errors import AlreadyExists
from domain.shop_kinds import Region

from .builders import random_mall_id, random_shop

WRITERS = 50


@pytest.mark.parametrize("check_first", [True, False], ids=["check-then-insert", "insert-only"])
def test_fifty_concurrent_authorizations_of_one_shop_store_one_row_and_name_it_to_the_rest(db, check_first):
    mall_id = random_mall_id()
    start = threading.Barrier(WRITERS)

    def authorize(i: int) -> str:
        """As AuthorizeShop does: look for the shop, then insert; the unique key is the last guard."""
        shop = random_shop(name=f"Attempt {i}", mall_id=mall_id)
        start.wait()
        try:
            with db.uow() as uow:
                existing = uow.shops.get_by_mall(mall_id, Region.US) if check_first else None
                if existing is not None:
                    return f"SHOP_ALREADY_AUTHORIZED:{existing.name.value}"
                uow.shops.add(shop)
                uow.commit()
            return "stored"
        except AlreadyExists as error:
            return f"{error.reason}:{error.details.get('existing_shop_name')}"

    with ThreadPoolExecutor(WRITERS) as pool:
        outcomes = list(pool.map(authorize, range(WRITERS)))  # any other error, e.g. "locked", fails here

    with db.engine.connect() as conn:
        rows = conn.execute(sa.select(shops.c.name).where(shops.c.mall_id == mall_id)).all()
    assert len(rows) == 1
    assert outcomes.count("stored") == 1
    assert set(outcomes) - {"stored"} == {f"SHOP_ALREADY_AUTHORIZED:{rows[0].name.value}"}
