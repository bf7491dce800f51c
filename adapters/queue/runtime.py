"""The services the actors call, set once by the composition root (``bootstrap.py``)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_services: "Services | None" = None


@dataclass
class Services:
    run_sync: Any  # application.orders.run_sync.RunSync
    schedule_syncs: Any  # application.orders.start_sync.ScheduleSyncs
    check_token_expiry: Any  # application.shops.check_token_expiry.CheckTokenExpiry
    fetch_addresses: Any  # application.orders.fetch_addresses.FetchAddresses
    resume_runs: Any  # application.orders.start_sync.ResumeWaitingRuns
    push_package: Any = None  # application.packages.push_package.PushPackage
    sweep_packages: Any = None  # application.packages.sweep.SweepPackages (the scheduler's)
    follow_temu: Any = None  # application.packages.follow_temu.FollowTemu
    prune_events: Any = None  # application.events.read_events.PruneEvents
    send_upload: Any = None  # application.mark_shipped.send.SendUpload
    auto_mark: Any = None  # application.mark_shipped.marking.AutoMark
    reconcile: Any = None  # application.mark_shipped.marking.Reconcile
    carrier_mapped: Any = None  # application.mark_shipped.marking.CarrierMapped


def configure(services: Services) -> None:
    global _services
    _services = services


def services() -> Services:
    if _services is None:
        raise RuntimeError("adapters.queue.runtime.configure() was not called by the composition root")
    return _services
