"""The mark-shipped use cases the API calls, composed once."""
from __future__ import annotations

from application.mark_shipped.marking import AutomaticMarking, MarkShipped, RetryMarkShipped
from application.mark_shipped.temu_warehouses import TemuCarrierMapping, TemuWarehouseBindings
from application.mark_shipped.tracking import UpdateTracking
from application.mark_shipped.views import UploadFilter, UploadReader
from application.paging import page_size
from application.ports.clock import Clock
from application.ports.readers import Page
from application.ports.temu_logistics import LogisticsDirectory, TrackingUploader
from application.ports.unit_of_work import UnitOfWorkFactory
from domain.principal import Principal

MAX_PAGE_SIZE = 500


class MarkShippedUseCases:
    def __init__(self, uow: UnitOfWorkFactory, reader: UploadReader, clock: Clock,
                 temu: LogisticsDirectory | TrackingUploader) -> None:
        self.mark = MarkShipped(uow, clock)
        self.retry = RetryMarkShipped(uow, clock)
        self.automatic = AutomaticMarking(uow, clock)
        self.temu_warehouses = TemuWarehouseBindings(uow, temu, clock)
        self.update_tracking = UpdateTracking(uow, temu, clock)
        self.temu_carriers = TemuCarrierMapping(uow, temu, clock)
        self._reader = reader

    def list(self, principal: Principal, flt: UploadFilter, size: int, page_token: str) -> Page:
        flt = UploadFilter(owner_id=None if principal.is_admin else principal.id, shop_ids=flt.shop_ids,
                           states=flt.states, changed_after=flt.changed_after, changed_before=flt.changed_before)
        return self._reader.list(flt, page_size(size, MAX_PAGE_SIZE), page_token)
