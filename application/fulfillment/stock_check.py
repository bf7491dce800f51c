"""The stock check before a push, for providers that report stock (FUL-1, FUL-2): a package
whose SKU has too few units there is refused before any order is created, the SKU named."""
from __future__ import annotations

from typing import Mapping

from application.ports.fulfillment import PushRequest
from domain.errors import UpstreamRejected


def refuse_short_stock(request: PushRequest, available: Mapping[str, int], where: str) -> None:
    needed: dict[str, int] = {}
    for line in request.lines:
        needed[line.seller_sku] = needed.get(line.seller_sku, 0) + line.quantity
    short = [(sku, qty, available.get(sku, 0)) for sku, qty in needed.items() if available.get(sku, 0) < qty]
    if short:
        what = "; ".join(f"SKU {sku} needs {qty}, {where} has {have} sellable" for sku, qty, have in short)
        # UpstreamRejected: the push worker records it on the package as the provider's refusal.
        raise UpstreamRejected(f"Package {request.package_id} cannot be pushed: {what}. Restock it there or "
                               "assign the order to another warehouse.", reason="OUT_OF_STOCK",
                               seller_sku=short[0][0], package_id=request.package_id)
