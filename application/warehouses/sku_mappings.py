"""SKU mappings set and deleted in batches (FUL-3)."""
from __future__ import annotations

from application.idempotency import RequestIds, request_hash
from application.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from application.warehouses.commands import MAX_SKU_BATCH, DeleteSkuMappingsCommand, SetSkuMappingsCommand
from domain.errors import FieldViolation, ValidationFailed
from domain.principal import Principal
from domain.sku_mapping import SkuMapping


def _check_batch(uow: UnitOfWork, principal: Principal, mappings: tuple[SkuMapping, ...]) -> None:
    """1 to ``MAX_SKU_BATCH`` mappings, each the caller's to set (an administrator's: anyone's), each
    shop one of the mapping owner's, no key twice. Every bad item is named (``mappings[i].field``)."""
    if not 1 <= len(mappings) <= MAX_SKU_BATCH:
        raise ValidationFailed(f"Send 1 to {MAX_SKU_BATCH} mappings per call (this one has {len(mappings)}).",
                               [FieldViolation("mappings", f"1 to {MAX_SKU_BATCH} items")])
    violations, seen, shops = [], {}, {}
    for i, m in enumerate(mappings):
        if not principal.can_see_shop(m.owner_id):
            violations.append(FieldViolation(f"mappings[{i}].owner", "a shop owner sets only their own mappings"))
        if m.key in seen:
            violations.append(FieldViolation(f"mappings[{i}]", f"the same Temu SKU as mappings[{seen[m.key]}]"))
        seen.setdefault(m.key, i)
        if m.shop_id:
            if m.shop_id not in shops:
                shops[m.shop_id] = uow.shops.get(m.shop_id)
            shop = shops[m.shop_id]
            if shop is None or shop.owner_id != m.owner_id:
                violations.append(FieldViolation(f"mappings[{i}].shop", "no such shop of the mapping's owner"))
    if violations:
        raise ValidationFailed(f"{len(violations)} problem(s) in the batch, nothing was changed: "
                               + "; ".join(f"{v.field} {v.description}" for v in violations[:5]) + ".", violations)


class SetSkuMappings:
    """All or nothing: a batch with a bad item changes nothing and names every bad item. Setting a
    mapping again replaces the seller SKU it names."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    def execute(self, cmd: SetSkuMappingsCommand) -> int:
        ids = RequestIds("SetSkuMappings", cmd.principal.id, cmd.request_id,
                         request_hash(*(f"{m.key}>{m.seller_sku}" for m in cmd.mappings)))
        with self._uow() as uow:
            if ids.replayed(uow) is not None:
                return len(cmd.mappings)
            _check_batch(uow, cmd.principal, cmd.mappings)
            uow.sku_mappings.put_all(cmd.mappings)
            ids.remember(uow, str(len(cmd.mappings)))
            uow.commit()
        return len(cmd.mappings)


class DeleteSkuMappings:
    """Returns how many of the named mappings existed; deleting one twice is no error."""

    def __init__(self, uow: UnitOfWorkFactory) -> None:
        self._uow = uow

    def execute(self, cmd: DeleteSkuMappingsCommand) -> int:
        with self._uow() as uow:
            _check_batch(uow, cmd.principal, cmd.mappings)
            deleted = sum(uow.sku_mappings.delete(*m.key) for m in cmd.mappings)
            uow.commit()
        return deleted
