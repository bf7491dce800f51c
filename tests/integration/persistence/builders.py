"""Random aggregates for the persistence tests, built through the domain's own commands."""
from __future__ import annotations

import random
import time
import uuid
from datetime import datetime, timedelta, timezone

from domain.order import Order, OrderId
from domain.platform_order import Label, OrderLine, PlatformOrder, TemuStatus
from domain.shop import PrincipalId, Shop, ShopId, ShopName
from domain.shop_kinds import Region, ShopKind, TokenKind
from domain.sync import SyncKind, SyncRun, Window
from domain.token import ORDER_REQUIRED_SCOPES, MallType, TokenInfo, TokenText

NOW = datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
US_REGION_ID = 211


def random_mall_id() -> int:
    return random.randint(10**9, 10**12)


def order_token_info(mall_id: int, expires_at: datetime | None = NOW + timedelta(days=90),
                     extra_scopes: tuple[str, ...] = ()) -> TokenInfo:
    return TokenInfo(mall_id=mall_id, mall_type=MallType.SEMI, region_id=US_REGION_ID,
                     scopes=frozenset((*ORDER_REQUIRED_SCOPES, *extra_scopes)), expires_at=expires_at)


def random_shop(*, name: str | None = None, mall_id: int | None = None, owner_id: str = "owner-1",
                expires_at: datetime | None = NOW + timedelta(days=90), now: datetime = NOW,
                extra_scopes: tuple[str, ...] = ()) -> Shop:
    """A cross-border US shop after step 1 (PARTIAL), authorized at ``now``; its order token
    has the order interfaces and ``extra_scopes``."""
    mall_id = mall_id or random_mall_id()
    return Shop.authorize(
        id=ShopId(str(uuid.uuid4())), name=ShopName(name or f"Shop {uuid.uuid4().hex[:8]}"),
        kind=ShopKind.CROSS_BORDER, region=Region.US, owner_id=PrincipalId(owner_id),
        info=order_token_info(mall_id, expires_at, extra_scopes), fingerprint=uuid.uuid4().hex[:12], now=now)


def authorized_shop(**kw: object) -> Shop:
    """A cross-border shop with both tokens (AUTHORIZED); the product token expires last."""
    shop = random_shop(**kw)
    info = TokenInfo(mall_id=shop.mall_id, mall_type=MallType.SEMI, region_id=US_REGION_ID,
                     scopes=frozenset({"bg.goods.list.get"}), expires_at=NOW + timedelta(days=200))
    shop.add_product_token(info, uuid.uuid4().hex[:12], NOW)
    return shop


def random_line(seller_sku: str | None = None, quantity: int = 1) -> OrderLine:
    return OrderLine(
        order_sn=f"{random.randint(10**9, 10**10)}", goods_id=random.randint(1, 10**9), sku_id=None,
        product_sku_id=random.randint(1, 10**9), seller_sku=seller_sku or f"SKU-{uuid.uuid4().hex[:6]}",
        goods_name="Ceramic mug 350 ml", spec="Blue", original_quantity=quantity,
        cancelled_before_shipment=0, quantity=quantity, status=TemuStatus.UN_SHIPPING,
        labels=(Label("isCustomized", 0),), warnings=("address changed",))


def platform_order(*, sn: str | None = None, status: int = TemuStatus.UN_SHIPPING,
                   created_at: datetime = NOW, updated_at: datetime | None = None,
                   lines: tuple[OrderLine, ...] | None = None, ship_by: datetime | None = None) -> PlatformOrder:
    return PlatformOrder(
        parent_order_sn=sn or f"PO-211-{random.randint(10**15, 10**16)}", status=status,
        region_id=US_REGION_ID, site_id=100, created_at=created_at, updated_at=updated_at or created_at,
        ship_by=ship_by, lines=lines or (random_line(),), labels=(Label("hasShippingFee", 1),))


def random_order(shop_id: str, **snapshot: object) -> Order:
    return Order(id=OrderId(str(uuid.uuid4())), shop_id=shop_id, snapshot=platform_order(**snapshot), now=NOW)


def sync_run(shop_id: str, *, kind: SyncKind = SyncKind.INCREMENTAL, slot_start: datetime = NOW,
             now: datetime = NOW) -> SyncRun:
    """A new run over the 15 minutes before ``slot_start``."""
    end = int(slot_start.timestamp()) - 1
    return SyncRun(id=str(uuid.uuid4()), shop_id=shop_id, kind=kind, slot_start=slot_start,
                   window=Window(end - 900, end), now=now)


def stored_shop(db, shop: Shop | None = None) -> Shop:
    """``shop`` (default: a random one) committed with its order token in the vault."""
    shop = shop or random_shop()
    with db.uow() as uow:
        uow.shops.add(shop)
        uow.vault.put(shop.id, TokenKind.ORDER, TokenText(f"order-token-{shop.id}"))
        uow.commit()
    return shop


def backend_gone(admin_engine, pid: int, wait_s: float = 10) -> bool:
    """Whether PostgreSQL's process ``pid`` ended (it ends shortly after its client hangs up)."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        with admin_engine.connect() as conn:
            if not conn.exec_driver_sql(f"SELECT count(*) FROM pg_stat_activity WHERE pid = {pid}").scalar_one():
                return True
        time.sleep(0.05)
    return False
