"""Stateful property test of shop authorization (issue acceptance 5)."""
from __future__ import annotations

from hypothesis import settings, strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from application.shops.check_token_expiry import CheckTokenExpiry
from application.shops.commands import AddProductTokenCommand, ReauthorizeShopCommand, SetShopStatusCommand
from domain.errors import DomainError
from domain.shop_kinds import AuthStatus, Region, ShopKind, TokenKind
from tests.fakes import InMemoryUnitOfWork
from tests.unit.application.shop_world import ADMIN, ShopWorld

MALLS = st.sampled_from([101, 102, 103])
REGIONS = st.sampled_from([Region.US, Region.EU])
DAYS = st.one_of(st.none(), st.floats(min_value=-5, max_value=120))


class ShopAuthorizationMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.world = ShopWorld()
        self.n = 0

    def _shop_ids(self) -> list[str]:
        return sorted(self.world.store.shops)

    @rule(mall=MALLS, region=REGIONS, local=st.booleans(), days=DAYS)
    def authorize(self, mall, region, local, days):
        self.n += 1
        kind = ShopKind.LOCAL if local else ShopKind.CROSS_BORDER
        token = self.world.token(mall, region=region, mall_type=100 if local else 1, days=days)
        try:
            self.world.authorize(f"shop {self.n}", mall, region, kind=kind, token=token)
        except DomainError:
            pass

    @rule(pick=st.integers(0, 50), days=DAYS, foreign=st.booleans())
    def add_product_token(self, pick, days, foreign):
        ids = self._shop_ids()
        if not ids:
            return
        shop = self.world.store.shops[ids[pick % len(ids)]]
        token = self.world.product_token(999 if foreign else shop.mall_id, days=days)
        try:
            self.world.shops.add_product_token(AddProductTokenCommand(ADMIN, shop.id, token))
        except DomainError:
            pass

    @rule(pick=st.integers(0, 50), days=DAYS)
    def reauthorize(self, pick, days):
        ids = self._shop_ids()
        if not ids:
            return
        shop = self.world.store.shops[ids[pick % len(ids)]]
        token = self.world.token(shop.mall_id, region=shop.region,
                                 mall_type=100 if shop.kind is ShopKind.LOCAL else 1, days=days)
        try:
            self.world.shops.reauthorize(ReauthorizeShopCommand(ADMIN, shop.id, None, token))
        except DomainError:
            pass

    @rule(pick=st.integers(0, 50), enabled=st.booleans())
    def enable_or_disable(self, pick, enabled):
        ids = self._shop_ids()
        if ids:
            self.world.shops.set_status(SetShopStatusCommand(ADMIN, ids[pick % len(ids)], enabled))

    @rule(days=st.floats(min_value=0, max_value=60))
    def time_passes(self, days):
        self.world.clock.advance(days=days)

    @rule()
    def expiry_job_runs(self):
        CheckTokenExpiry(lambda: InMemoryUnitOfWork(self.world.store), self.world.clock).execute()

    @invariant()
    def no_two_shops_share_a_temu_shop_and_region(self):
        keys = [(s.mall_id, s.region) for s in self.world.store.shops.values()]
        assert len(keys) == len(set(keys))

    @invariant()
    def authorized_means_every_required_token_is_present_and_valid(self):
        now = self.world.clock.now()
        for shop in self.world.store.shops.values():
            status = shop.effective_auth_status(now)
            creds = shop.credentials
            required = shop.required_token_kinds()
            if status is AuthStatus.AUTHORIZED:
                assert all(k in creds and not creds[k].is_expired(now) and not creds[k].revoked for k in required)
            if status is AuthStatus.PARTIAL:
                assert shop.kind is ShopKind.CROSS_BORDER and TokenKind.PRODUCT not in creds
                assert not creds[TokenKind.ORDER].is_expired(now)

    @invariant()
    def expired_exactly_when_a_held_required_token_is_past_expiry(self):
        now = self.world.clock.now()
        for shop in self.world.store.shops.values():
            held = [shop.credentials[k] for k in shop.required_token_kinds() if k in shop.credentials]
            past = any(c.is_expired(now) for c in held)
            assert (shop.effective_auth_status(now) is AuthStatus.EXPIRED) == past


TestShopAuthorization = ShopAuthorizationMachine.TestCase
TestShopAuthorization.settings = settings(max_examples=150, stateful_step_count=30, deadline=None)
