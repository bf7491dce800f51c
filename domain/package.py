"""The package: the unit that ships (FUL-3). Lines of one or more platform orders, the warehouse
and logistics channel it leaves with, and what the provider said about it.

A package moves through commands named by the business; the rules across packages and orders
(every unit in exactly one package, one shop and address per merged package...) are in
``domain.packing``, which creates, replaces and audits packages.

States: DRAFT (no warehouse or channel yet) → ASSIGNED → AUDITED → PUSHING → PUSHED (the
provider has it) → LABELLED (own warehouse: label bought, tracking known) or SHIPPED (tracking
known). HELD waits for a person (``hold_reason``). VOIDED packages were replaced by a split, a
merge or an undo before they left; CANCELLED ones belong to an order Temu cancelled before its
label: neither is active, neither is ever pushed.

A package in flight (AUDITED to LABELLED, until nothing is left to ask its provider) carries
``next_check_at``: when the push worker should look at it next. Entering such a state makes it
due ``UNATTENDED_AFTER`` later, so a package whose message was lost or whose worker died is
picked up by the sweep (``application.packages.sweep``); the push worker moves it on after each
look (``check_again``) and clears it when nothing is left to ask.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from domain.errors import PreconditionFailed
from domain.events import (
    Event, PackageAudited, PackageCancelled, PackageFlagged, PackageHeld, PackagePushed, PackageTracked,
    PackageVoided,
)


class PackageState(str, Enum):
    DRAFT = "DRAFT"
    ASSIGNED = "ASSIGNED"
    HELD = "HELD"
    AUDITED = "AUDITED"
    PUSHING = "PUSHING"
    PUSHED = "PUSHED"
    LABELLED = "LABELLED"
    SHIPPED = "SHIPPED"
    VOIDED = "VOIDED"
    CANCELLED = "CANCELLED"


INACTIVE = frozenset({PackageState.VOIDED, PackageState.CANCELLED})
BEFORE_AUDIT = frozenset({PackageState.DRAFT, PackageState.ASSIGNED, PackageState.HELD})
BEFORE_PUSH = BEFORE_AUDIT | {PackageState.AUDITED}
LEFT = frozenset({PackageState.PUSHING, PackageState.PUSHED, PackageState.LABELLED, PackageState.SHIPPED})
IN_FLIGHT = frozenset({PackageState.AUDITED, PackageState.PUSHING, PackageState.PUSHED, PackageState.LABELLED})
UNATTENDED_AFTER = timedelta(minutes=2)  # a package in flight nobody looked at for this long is looked at again

FLAG_STOP_PARCEL = "STOP_PARCEL"  # Temu cancelled the order after the label: stop the parcel
FLAG_ADDRESS_CHANGED = "ADDRESS_CHANGED_AFTER_PUSH"  # ship to the new address by hand


@dataclass(frozen=True, slots=True)
class PackageLine:
    """Units of one child order (``orderSn``) of one platform order."""

    order_id: str
    order_sn: str
    seller_sku: str
    quantity: int


@dataclass(frozen=True, slots=True)
class PackageRule:
    """A rule on one package's state: the states a command needs, the reason it is refused."""

    reason: str
    sentence: str
    allowed: frozenset[PackageState]

    def check(self, package: Package, *, order: str = "") -> None:
        """``order``: the order (id) the caller named, when it acted through one."""
        if package.state not in self.allowed:
            whose = f"Order {order}: its package" if order else "Package"
            raise PreconditionFailed(
                f"{whose} {package.id} is {package.state.value}: {self.sentence}.", reason=self.reason,
                subject=f"orders/{order}" if order else f"packages/{package.id}", state=package.state.value,
                package=package.id)


NOTHING_PUSHED_BEFORE_AUDIT = PackageRule(
    "PACKAGE_NOT_AUDITED", "only an audited package is pushed", frozenset({PackageState.AUDITED, PackageState.PUSHING}))
ONLY_A_PUSHING_PACKAGE_GETS_A_PUSH_RESULT = PackageRule(
    "PACKAGE_NOT_PUSHING", "only a package being pushed gets the provider's answer", frozenset({PackageState.PUSHING}))
ONLY_A_PACKAGE_AT_THE_PROVIDER_IS_REFUSED = PackageRule(
    "PACKAGE_NOT_PUSHING", "only a package being pushed or pushed is refused by the provider",
    frozenset({PackageState.PUSHING, PackageState.PUSHED}))
ONLY_A_PUSHED_PACKAGE_GETS_TRACKING = PackageRule(
    "PACKAGE_NOT_PUSHED", "only a pushed package gets tracking",
    frozenset({PackageState.PUSHED, PackageState.LABELLED, PackageState.SHIPPED}))
ONLY_A_LABELLED_PACKAGE_IS_VOIDED = PackageRule(
    "PACKAGE_NOT_LABELLED", "only a pushed or labelled package, not yet shipped, has a label to void",
    frozenset({PackageState.PUSHED, PackageState.LABELLED}))
ONLY_A_PACKAGE_AT_ITS_PROVIDER_IS_CANCELLED = PackageRule(
    "PACKAGE_NOT_CANCELLABLE", "only a package its provider has, not yet shipped, is cancelled there",
    frozenset({PackageState.PUSHED, PackageState.LABELLED}))
ONLY_A_PACKAGE_BEFORE_AUDIT_IS_CHANGED = PackageRule(
    "PACKAGE_ALREADY_AUDITED", "a package is split, merged or re-assigned only before it is pushed",
    BEFORE_PUSH)


class Package:
    def __init__(self, *, id: str, shop_id: str, lines: tuple[PackageLine, ...], warehouse_id: str | None,
                 channel_id: str | None, now: datetime) -> None:
        self.id = id
        self.shop_id = shop_id
        self.lines = lines
        self.warehouse_id = warehouse_id
        self.channel_id = channel_id
        self.state = PackageState.ASSIGNED if warehouse_id and channel_id else PackageState.DRAFT
        self.hold_reason = ""
        self.flags: tuple[str, ...] = ()
        self.tracking_numbers: tuple[str, ...] = ()
        self.carrier = ""
        self.provider_ref = ""
        self.label_id = ""  # the stored label document (``LabelStore``), "" until fetched
        self.last_message = ""  # the provider's last word: a refusal, an outage, its status
        self.push_attempt = 1  # bumped by a void: the next push is a new one at the provider
        self.audited_at: datetime | None = None
        self.next_check_at: datetime | None = None  # in flight: when to look at it next (see the module)
        self.check_attempt = 0  # looks since its state last changed: the wait grows with it
        self.created_at = now
        self.updated_at = now
        self.version = 1
        self.events: list[Event] = []

    # -- queries -------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.state not in INACTIVE

    @property
    def order_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(line.order_id for line in self.lines))

    @property
    def reference(self) -> str:
        """What the provider keys this push by: the same after a crash, new after a void."""
        return f"{self.id}-{self.push_attempt}"

    # -- before the push -----------------------------------------------------------------------

    def assign(self, warehouse_id: str, channel_id: str, now: datetime) -> None:
        """A (new) warehouse and channel; takes back an audit."""
        ONLY_A_PACKAGE_BEFORE_AUDIT_IS_CHANGED.check(self)
        self.warehouse_id, self.channel_id = warehouse_id, channel_id
        self.hold_reason = ""
        self._move(PackageState.ASSIGNED, now)

    def audit(self, now: datetime) -> None:
        """Checked by ``packing.audit``; re-auditing an audited package pushes it again."""
        self.hold_reason = ""
        self.audited_at = now
        self._move(PackageState.AUDITED, now)
        self.events.append(PackageAudited(self.id, self.shop_id))

    def hold(self, reason: str, now: datetime) -> None:
        self.hold_reason = reason
        self._move(PackageState.HELD, now)
        self.events.append(PackageHeld(self.id, self.shop_id, reason))

    def replace(self, now: datetime) -> None:
        """Replaced by other packages (split, merge, undo) before it left."""
        ONLY_A_PACKAGE_BEFORE_AUDIT_IS_CHANGED.check(self)
        self._move(PackageState.VOIDED, now)

    # -- the push ------------------------------------------------------------------------------

    def start_push(self, now: datetime) -> None:
        """Committed before the provider is called: a crash after it is retried as a push that
        asks the provider first (``reference``), never as a new one."""
        NOTHING_PUSHED_BEFORE_AUDIT.check(self)
        self._move(PackageState.PUSHING, now)

    def record_push(self, provider_ref: str, now: datetime, *, message: str = "") -> None:
        ONLY_A_PUSHING_PACKAGE_GETS_A_PUSH_RESULT.check(self)
        self.provider_ref = provider_ref
        self.last_message = message
        self._move(PackageState.PUSHED, now)
        self.events.append(PackagePushed(self.id, self.shop_id, provider_ref))

    def record_upstream_problem(self, message: str, now: datetime) -> None:
        """The provider is down or slow: the push is retried; the user sees why it waits."""
        self.last_message = message
        self.updated_at = now

    def record_look(self, now: datetime) -> None:
        """The provider reports nothing new: ``updated_at`` is the last look, where the next
        batch read of changes starts."""
        self.updated_at = now

    def record_refusal(self, message: str, now: datetime) -> None:
        """The provider refused the package for a reason a person must fix."""
        ONLY_A_PACKAGE_AT_THE_PROVIDER_IS_REFUSED.check(self)
        self.last_message = message
        self.hold(f"refused by the provider: {message}", now)

    def record_tracking(self, numbers: tuple[str, ...], carrier: str, now: datetime, *, labelled: bool) -> None:
        ONLY_A_PUSHED_PACKAGE_GETS_TRACKING.check(self)
        if not numbers:
            return
        if numbers == self.tracking_numbers and (self.state is PackageState.SHIPPED
                                                 or (labelled and self.state is PackageState.LABELLED)):
            return
        self.tracking_numbers, self.carrier = numbers, carrier
        self._move(PackageState.LABELLED if labelled else PackageState.SHIPPED, now)
        self.events.append(PackageTracked(self.id, self.shop_id, numbers[0]))

    def correct_tracking(self, old: str, new: str, now: datetime) -> None:
        """Temu took ``new`` in place of the wrong ``old`` (mark shipped's UpdateTracking); no event:
        the platform order is uploaded already."""
        self.tracking_numbers = tuple(new if n == old else n for n in self.tracking_numbers)
        self.updated_at = now

    def record_label(self, label_id: str, now: datetime) -> None:
        self.label_id = label_id
        self.updated_at = now
        self.checks_done()

    # -- when to look again --------------------------------------------------------------------

    def look_under_way(self, until: datetime) -> None:
        """A worker's batch look, which may take minutes, has it: not to be handed out again
        before ``until`` unless the look sets its next time first. Not a look of its own."""
        if self.state in IN_FLIGHT:
            self.next_check_at = until

    def check_again(self, at: datetime) -> None:
        """Nothing final yet: look at it again at ``at`` (one more look in this state)."""
        if self.state in IN_FLIGHT:
            self.next_check_at = at
            self.check_attempt += 1

    def checks_done(self) -> None:
        """Nothing left to ask the provider (shipped, labelled with its document, held...)."""
        self.next_check_at = None

    def void(self, now: datetime, rule: PackageRule = ONLY_A_LABELLED_PACKAGE_IS_VOIDED) -> None:
        """The provider voided the label, or cancelled its order (``rule``: the one the user's
        command checks): back to AUDITED, waiting for a new audit (or another warehouse), not
        pushed by itself; the next push is a new one."""
        rule.check(self)
        self.tracking_numbers, self.carrier, self.provider_ref, self.label_id = (), "", "", ""
        self.push_attempt += 1
        self._move(PackageState.AUDITED, now)
        self.checks_done()
        self.events.append(PackageVoided(self.id, self.shop_id))

    # -- Temu's changes ------------------------------------------------------------------------

    def cancel(self, now: datetime) -> None:
        """The order was cancelled (or shipped) on Temu before this package left: never pushed."""
        self._move(PackageState.CANCELLED, now)
        self.events.append(PackageCancelled(self.id, self.shop_id))

    def flag(self, code: str, now: datetime) -> None:
        if code not in self.flags:
            self.flags = (*self.flags, code)
            self.updated_at = now
            self.events.append(PackageFlagged(self.id, self.shop_id, code))

    def _move(self, to: PackageState, now: datetime) -> None:
        if to is not self.state:
            self.check_attempt = 0
        self.next_check_at = now + UNATTENDED_AFTER if to in IN_FLIGHT else None
        self.state = to
        self.updated_at = now
