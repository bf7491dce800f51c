"""``SandboxRegistry``: everything the sandbox knows, and the in-process control API.

Tests, the demo seed and the HTTP control API (``/sandbox/…``) all drive the sandbox through
this class. It is thread-safe: the HTTP server's threads, a live-order thread and the test
thread may use it at once.
"""
from __future__ import annotations

import random
import threading
from typing import Any

from sandboxes.temu import catalog
from sandboxes.kit.clock import SandboxClock
from sandboxes.temu.faults import FaultBook
from sandboxes.temu.latency import Latency
from sandboxes.temu.logistics_controls import LogisticsControls
from sandboxes.temu.model import App, Mall, Token
from sandboxes.temu.order_controls import OrderControls
from sandboxes.temu.orderbook import OrderBook
from sandboxes.temu.shipments import ShipmentBook
from sandboxes.temu.tokens import TokenBook, new_token_value
from sandboxes.temu.traffic import CallLog, CallRecord, RateLimiter, summarize

FIRST_MALL_ID = 100001


class SandboxRegistry(OrderControls, LogisticsControls):
    """Apps, malls, tokens, orders, shipments, faults and the call log of one sandbox.

    The books (``apps``, ``malls``, ``tokens``, ``order_book``, ``shipment_book``, ``fault_book``,
    ``call_book``, ``limiter``) are read by the gateway under ``lock``; everyone else uses the methods.
    """

    def __init__(self, clock: SandboxClock | None = None) -> None:
        self.clock = clock or SandboxClock()
        self.lock = threading.RLock()
        self.apps: dict[str, App] = {}
        self.malls: dict[int, Mall] = {}
        self.tokens = TokenBook()
        self.order_book = OrderBook()
        self.shipment_book = ShipmentBook()
        self.fault_book = FaultBook()
        self.call_book = CallLog()
        self.limiter = RateLimiter()
        self.latency = Latency()
        self._rng = random.Random(0)

    # -- apps, malls, tokens ---------------------------------------------------------------

    def add_app(self, app_key: str, app_secret: str, qps: int = 20) -> None:
        """Register a developer app; adding a known key updates its secret and quota."""
        if not _text(app_key) or not _text(app_secret):
            raise ValueError("app_key and app_secret must be non-empty strings.")
        if isinstance(qps, bool) or not isinstance(qps, int) or qps < 1:
            raise ValueError(f"qps must be a positive integer (Temu's default is 20), got {qps!r}.")
        with self.lock:
            self.apps[app_key] = App(app_key, app_secret, qps)

    def add_mall(self, mall_type: int, name: str = "", mall_id: int | None = None) -> int:
        """Register a shop (``mall_type`` 1 semi-managed, 100 local) and return its mall id."""
        if mall_type not in catalog.MALL_TYPES:
            raise ValueError(f"mall_type must be 1 (semi-managed) or 100 (local), got {mall_type!r}.")
        with self.lock:
            if mall_id is None:
                mall_id = max([FIRST_MALL_ID - 1, *self.malls]) + 1
            elif isinstance(mall_id, bool) or not isinstance(mall_id, int) or mall_id <= 0:
                raise ValueError(f"mall_id must be a positive integer, got {mall_id!r}.")
            if mall_id in self.malls:
                raise ValueError(f"Mall {mall_id} already exists: omit mall_id to get a new one.")
            self.malls[mall_id] = Mall(mall_id, mall_type, name or f"Sandbox mall {mall_id}")
            return mall_id

    def issue_token(self, mall_id: int, *, gateway: str, region_id: int, kind: str, app_key: str,
                    scopes: list[str] | None = None, expired_time: Any = ...,
                    token: str | None = None) -> str:
        """Issue an access token and return its text.

        ``kind`` is order, product or local; ``scopes`` default to the kind's usual API
        types. ``expired_time`` defaults to now + 365 days; None means Temu reports no
        expiry. A new token of the same (mall, gateway, kind, app) replaces the old one,
        which from then on answers 3000034.
        """
        with self.lock:
            mall = self._checked_token_target(mall_id, gateway, region_id, kind, app_key)
            expiry = self.clock.now() + catalog.TOKEN_LIFETIME_SECONDS if expired_time is ... \
                else expired_time
            if expiry is not None and (isinstance(expiry, bool) or not isinstance(expiry, int)):
                raise ValueError(f"expired_time must be Unix seconds or null, got {expiry!r}.")
            if scopes is not None and not all(_text(s) for s in scopes):
                raise ValueError("scopes must be a list of API type names.")
            if token is not None and (not _text(token) or any(c.isspace() for c in token)):
                raise ValueError("token must be a non-empty string without spaces.")
            value = token or new_token_value()
            self.tokens.issue(Token(
                value=value, app_key=app_key, mall_id=mall.mall_id, gateway=gateway,
                region_id=region_id, kind=kind,
                scopes=tuple(catalog.DEFAULT_SCOPES[kind] if scopes is None else scopes),
                expired_time=expiry))
            return value

    def revoke_token(self, token: str) -> None:
        """The seller revokes a token: later calls with it answer 3000034."""
        with self.lock:
            self.tokens.revoke(token)

    def _checked_token_target(self, mall_id: int, gateway: str, region_id: int, kind: str,
                              app_key: str) -> Mall:
        mall = self._mall(mall_id)
        if gateway not in catalog.GATEWAYS:
            raise ValueError(f"gateway must be one of {', '.join(catalog.GATEWAYS)}, got {gateway!r}.")
        if kind not in catalog.TOKEN_KINDS:
            raise ValueError(f"kind must be order, product or local, got {kind!r}.")
        if app_key not in self.apps:
            raise ValueError(f"Unknown app {app_key!r}: add it first with add_app.")
        if (kind == "local") != (mall.mall_type == catalog.MALL_LOCAL):
            raise ValueError(f"Mall {mall_id} is {'local' if mall.mall_type == 100 else 'semi'}: "
                             "local malls get 'local' tokens, semi malls 'order'/'product' ones.")
        if isinstance(region_id, bool) or not isinstance(region_id, int) or region_id <= 0:
            raise ValueError(f"region_id must be a positive integer, got {region_id!r}.")
        if kind != "product" and (gateway not in catalog.ORDER_GATEWAYS
                                  or not catalog.serves_region(gateway, region_id)):
            article = "An" if kind == "order" else "A"
            raise ValueError(f"{article} {kind} token for region {region_id} belongs on the "
                             f"{catalog.order_gateway_of(region_id)!r} gateway, not {gateway!r}.")
        return mall

    # -- faults, calls, reset --------------------------------------------------------------

    def inject_fault(self, *, error_code: int, type: str | None = None,
                     access_token: str | None = None, after_calls: int = 0,
                     times: int | None = None, error_msg: str | None = None) -> str:
        """After ``after_calls`` successful calls matching ``type``/``access_token`` (None:
        any), answer ``error_code`` with Temu's text for it (or ``error_msg``) ``times``
        times (None: forever). Returns the fault id."""
        if isinstance(error_code, bool) or not isinstance(error_code, int):
            raise ValueError(f"error_code must be an integer such as 4000000, got {error_code!r}.")
        with self.lock:
            return self.fault_book.inject(error_code=error_code, type=type,
                                          access_token=access_token, after_calls=after_calls,
                                          times=times, error_msg=error_msg)

    def clear_faults(self) -> None:
        with self.lock:
            self.fault_book.clear()

    def faults(self) -> list[dict[str, Any]]:
        """Injected faults with how often each has fired."""
        with self.lock:
            return [f.to_json() for f in self.fault_book.all()]

    def call_log(self, app_key: str | None = None) -> list[CallRecord]:
        """Every gateway call (accepted or refused), oldest first, optionally of one app."""
        return self.call_book.records(app_key)

    def stats(self, app_key: str | None = None) -> dict[str, int]:
        """Counts over ``call_log(app_key)``, including the peak calls let through per second."""
        return summarize(self.call_log(app_key))

    def reset(self) -> None:
        """Forget everything (apps, malls, tokens, orders, shipments, faults, calls) and return to real
        time. Call-log listeners stay attached."""
        with self.lock:
            self.apps.clear()
            self.malls.clear()
            self.tokens.clear()
            self.order_book.clear()
            self.shipment_book.clear()
            self.fault_book.clear()
            self.latency.thaw()
            self.call_book.clear()
            self.limiter.clear()
            self.clock.reset()
            self._rng = random.Random(0)

    def summary(self) -> dict[str, Any]:
        """What the sandbox holds, for people: apps (no secrets), malls, token and order counts."""
        with self.lock:
            return {
                "clock": {"now": self.clock.now(), "offset": self.clock.offset},
                "apps": [{"app_key": a.key, "qps": a.qps} for a in self.apps.values()],
                "malls": [{"mall_id": m.mall_id, "mall_type": m.mall_type, "name": m.name}
                          for m in self.malls.values()],
                "tokens": len(self.tokens.all()), "orders": len(self.order_book),
                "confirmations": len(self.shipment_book.confirmations),
                "faults": len(self.fault_book.all()),
            }


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
