"""The ``PushRequest`` of a package: its lines, the warehouse and channel it leaves with, and
the address of its orders as Temu gave it (read at push time, so a changed address is used)."""
from __future__ import annotations

from application.packages.address_codes import country_code, state_code
from application.ports.fulfillment import PushLine, PushRequest
from application.ports.unit_of_work import UnitOfWork
from domain.errors import PreconditionFailed
from domain.order import Order
from domain.package import Package
from domain.platform_order import Address
from domain.warehouse import PostalAddress, WarehouseKind


def push_request(uow: UnitOfWork, package: Package, orders: list[Order]) -> PushRequest:
    warehouse = uow.warehouses.get(package.warehouse_id or "")
    channel = uow.channels.get(package.channel_id or "")
    if warehouse is None or channel is None:
        raise PreconditionFailed(f"Package {package.id} has lost its warehouse or channel: assign it again.",
                                 reason="NO_WAREHOUSE_OR_CHANNEL", subject=f"packages/{package.id}")
    first = orders[0]
    if first.address is None:
        raise PreconditionFailed(f"Order {first.parent_order_sn} has no address yet.", reason="ADDRESS_NOT_GIVEN",
                                 subject=f"orders/{first.id}")
    return PushRequest(
        package_id=package.id, reference=package.reference, warehouse_kind=warehouse.kind,
        account_id=warehouse.account_id,
        ship_from=warehouse.address if warehouse.kind is WarehouseKind.OWN else None,
        ship_to=postal(first.address), lines=tuple(PushLine(line.seller_sku, line.quantity) for line in package.lines),
        channel_code=channel.service_token, label_format=channel.label_format,
        warehouse_code=warehouse.provider_warehouse_code, displayable_order_id=first.parent_order_sn)


def postal(address: Address) -> PostalAddress:
    """Temu's receiving address as carriers want it (line 3 and the district folded into line 2)."""
    street2 = ", ".join(part for part in (address.line2, address.line3, address.district) if part)
    country = country_code(address.country)
    return PostalAddress(name=address.name, street1=address.line1, city=address.city, zip=address.post_code,
                         country=country, state=state_code(country, address.state), street2=street2,
                         phone=address.phone, email=address.email)
