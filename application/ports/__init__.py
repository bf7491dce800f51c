"""Ports: what the application needs from the outside world, named by role. Import each from
its module; this package re-exports nothing.

- ``clock``: ``Clock``.
- ``temu``: ``TemuAccess``, ``TokenInspector``, ``OrderSource`` and the ``OrderPage`` it answers.
- ``temu_logistics``: ``LogisticsDirectory`` (carriers, Temu warehouses) and ``TrackingUploader``
  (confirm shipments, read them back, correct tracking), what Temu answers, the refusal reasons;
  ``temu_shipments``: what an upload sends (``ShipmentConfirmation``, ``Parcel``, ``TrackingChange``…).
- ``repositories``: the repositories of shops, orders, sync runs and states, the token vault,
  request ids, principals and job slots.
- ``unit_of_work``: ``UnitOfWork`` (one transaction over every repository), its factory.
- ``readers``: ``ShopReader``, ``OrderReader``, the shop views, filters and ``Page``;
  ``ApiKeyLookup`` (the caller of a key, read on every call).

Adapters implement them (``SqlAlchemyUnitOfWork``, ``TemuTokenInspector``…); unit tests use the
``InMemory…``/``Fake…`` doubles in ``tests/fakes.py`` that implement the same protocols.
"""
