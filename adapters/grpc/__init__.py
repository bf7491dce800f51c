"""The gRPC edge: ``erp.v1.ShopService`` over the application's use cases.

Entry points: ``server_factory.create_server`` and ``graceful_stop``; servicers read the
caller with ``call_context.current_principal``. Generated code lives in ``adapters.grpc.gen``
(``python -m proto.generate``); only this package and tests import it.
"""
