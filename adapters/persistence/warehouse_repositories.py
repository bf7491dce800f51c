"""Warehouses and logistics channels in and out of the unit of work's session (ORM-mapped:
``mappers.py``). Few rows per owner, so lists are whole, sorted by name."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from adapters.persistence.errors import DatabaseErrors
from adapters.persistence.warehouse_tables import logistics_channels, warehouses
from domain.channel import LogisticsChannel
from domain.warehouse import Warehouse


class SqlWarehouseRepository:
    def __init__(self, session: Session, errors: DatabaseErrors) -> None:
        self._session, self._errors = session, errors

    def add(self, warehouse: Warehouse) -> None:
        self._session.add(warehouse)

    def get(self, warehouse_id: str) -> Warehouse | None:
        with self._errors.translated():
            return self._session.get(Warehouse, warehouse_id)

    def list_for(self, owner_id: str | None) -> list[Warehouse]:
        query = sa.select(Warehouse).order_by(warehouses.c.name, warehouses.c.id)
        if owner_id is not None:
            query = query.where(warehouses.c.owner_id == owner_id)
        with self._errors.translated():
            return list(self._session.scalars(query))


class SqlChannelRepository:
    """A channel handed out is tracked: the unit of work stores the events it records."""

    def __init__(self, session: Session, errors: DatabaseErrors, seen: list[object]) -> None:
        self._session, self._errors, self._seen = session, errors, seen

    def add(self, channel: LogisticsChannel) -> None:
        self._session.add(channel)
        self._seen.append(channel)

    def get(self, channel_id: str) -> LogisticsChannel | None:
        with self._errors.translated():
            channel = self._session.get(LogisticsChannel, channel_id)
        if channel is not None:
            self._seen.append(channel)
        return channel

    def of_warehouse(self, warehouse_id: str) -> list[LogisticsChannel]:
        query = (sa.select(LogisticsChannel).where(logistics_channels.c.warehouse_id == warehouse_id)
                 .order_by(logistics_channels.c.name, logistics_channels.c.id))
        with self._errors.translated():
            return list(self._session.scalars(query))

    def by_service(self, warehouse_id: str, service_token: str) -> LogisticsChannel | None:
        query = sa.select(LogisticsChannel).where(logistics_channels.c.warehouse_id == warehouse_id,
                                                  logistics_channels.c.service_token == service_token)
        with self._errors.translated():
            return self._session.scalars(query).first()
