"""The demo's own warehouse (``make run``): a carrier account on the carrier sandbox and two
channels, one printing 4x6 PDF labels and one ZPL, set up through the use cases a user calls."""
from __future__ import annotations

from dataclasses import dataclass

from application.warehouses.commands import AddCarrierAccountCommand, EnableChannelCommand, RegisterWarehouseCommand
from application.warehouses.facade import WarehouseUseCases
from domain.principal import Principal
from domain.warehouse import LabelFormat, PostalAddress, TemuCarrier, WarehouseKind

DEMO_ADDRESS = PostalAddress(name="Demo Warehouse", company="Demo Seller LLC", street1="100 Harbor Blvd",
                             city="Long Beach", state="CA", zip="90802", country="US", phone="+1 562 555 0100")
US_REGION_ID = 211  # Temu's US region
# (service token, label format, the Temu carrier id and name the tracking numbers are reported as)
DEMO_CHANNELS = (("usps_ground_advantage", LabelFormat.PDF_4X6, 5001, "USPS"),
                 ("ups_ground", LabelFormat.ZPL, 5002, "UPS"))


@dataclass(frozen=True, slots=True)
class DemoWarehouse:
    warehouse_id: str
    carrier_account_id: str
    channel_ids: tuple[str, ...]


def seed_demo_warehouse(warehouses: WarehouseUseCases, owner: Principal, carrier_url: str,
                        api_token: str) -> DemoWarehouse:
    account = warehouses.add_carrier_account.execute(AddCarrierAccountCommand(
        owner, "Carrier sandbox", "shippo", api_token, carrier_url))
    warehouse = warehouses.register_warehouse.execute(RegisterWarehouseCommand(
        owner, "Demo own warehouse (Long Beach)", WarehouseKind.OWN, address=DEMO_ADDRESS,
        carrier_account_id=account.id))
    channels = tuple(warehouses.enable_channel.execute(EnableChannelCommand(
        owner, warehouse.id, token, label_format, temu_carriers=(TemuCarrier(US_REGION_ID, carrier_id, name),))).id
        for token, label_format, carrier_id, name in DEMO_CHANNELS)
    return DemoWarehouse(warehouse.id, account.id, channels)
