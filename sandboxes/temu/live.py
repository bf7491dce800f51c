"""Keeps the demo moving: new orders appear and existing ones advance on a timer."""
from __future__ import annotations

import random
import threading
from typing import Callable

from sandboxes.temu.registry import SandboxRegistry
from sandboxes.temu.seed import DemoSeed, demo_places

CANCEL_SHARE = 0.1


class LiveOrders:
    """Every ``every`` seconds: one new order (status 1 or 2) in a random demo mall, two
    unshipped orders there advanced (a few cancelled) and one shipped order delivered."""

    def __init__(self, registry: SandboxRegistry, seed: DemoSeed, every: float,
                 on_event: Callable[[str], None] | None = None, rng: random.Random | None = None) -> None:
        if every <= 0:
            raise ValueError("every must be a positive number of seconds.")
        self.registry, self.every = registry, every
        self.places = demo_places(seed)
        self.on_event = on_event or (lambda _: None)
        self.rng = rng or random.Random()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> "LiveOrders":
        self._thread = threading.Thread(target=self._run, name="sandbox-live-orders", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def tick(self) -> None:
        """One round of activity."""
        rng, registry = self.rng, self.registry
        mall_id, region_id = rng.choice(self.places)
        sn = registry.create_order(mall_id, region_id, status=rng.choice((1, 2)),
                                   lines=rng.choice((1, 1, 2)))
        self.on_event(f"new order {sn} (mall {mall_id}, region {region_id})")
        unshipped = registry.order_sns(mall_id, region_id, statuses=(1, 2))
        shipped = registry.order_sns(mall_id, region_id, statuses=(4,))
        for sn in rng.sample(unshipped, min(2, len(unshipped))):
            self._move(sn, cancel=rng.random() < CANCEL_SHARE)
        for sn in rng.sample(shipped, min(1, len(shipped))):
            self._move(sn, cancel=False)

    def _move(self, sn: str, cancel: bool) -> None:
        try:
            if cancel:
                self.registry.cancel_order(sn)
                self.on_event(f"order {sn} cancelled")
            else:
                self.on_event(f"order {sn} now status {self.registry.advance_order(sn)}")
        except ValueError:
            pass  # someone else (a test, the control API) moved it meanwhile

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.tick()
            except ValueError as error:  # e.g. the registry was reset without the demo
                self.on_event(f"live orders skipped a round: {error}")
