"""How much of GetShop's cost is ours to cut (issue 8, acceptance 4): the real server in its own
process, with GetShop's servicer answering a constant Shop (no read, no mapping) and/or the API
key accepted without being read, each against Health measured in the same run.

    .venv/bin/python -m bench.shop_rpc_floor --seconds 5 --rounds 3 [--db URL]

Variants: ``as is``; ``no shop read`` (the servicer returns one prebuilt Shop); ``no key read``
(authentication returns one principal); ``neither``: what is left is the call interceptor
(request id, call context, access log and metrics, admission, the rate check) and the inline
dispatch on the event loop, over what gRPC itself costs a Health call. The variants replace
parts of the server in the bench's own server process only: they exist to measure.
"""
from __future__ import annotations

import argparse
import sys
import tempfile

import grpc

from adapters.grpc.gen.erp.v1 import shop_service_pb2_grpc
from adapters.persistence.keyring import Keyring
from bench.harness import report, run_loads, server_process
from bench import shop_rpc_load
from bench.shop_rpc_load import get_shop_load, seed

VARIANTS = {"as is": "", "no shop read": "stubshop", "no key read": "nokey", "neither": "stubshop+nokey"}


def serve(variant: set[str]) -> int:
    """In the server's process: ``server.py serve`` itself, with the variant's parts replaced
    first."""
    import server
    from adapters.grpc.gen.erp.v1 import shop_pb2
    from adapters.grpc.shop_servicer import ShopServicer
    from application.authenticate import Authenticate
    from domain.principal import Principal, Role

    if "stubshop" in variant:
        answer = shop_pb2.Shop(name="shops/bench", display_name="Bench shop")
        ShopServicer.GetShop = lambda self, request, context: answer
    if "nokey" in variant:
        principal = Principal("bench", "bench", Role.ADMIN)
        Authenticate.execute = lambda self, api_key: principal
    return server.main(["serve"])


def main() -> int:
    args = _parser().parse_args()
    if args.serve is not None:
        return serve(set(filter(None, args.serve.split("+"))))
    tmp = tempfile.mkdtemp(prefix="erp-bench-")
    url = f"sqlite:///{tmp}/bench.db" if args.db == "sqlite" else args.db
    keyring = Keyring.generate("k1")
    key, ids = seed(url, keyring, args.shops)

    def plan(channel: grpc.aio.Channel) -> list:
        return [get_shop_load(shop_service_pb2_grpc.ShopServiceStub(channel), ids, (("x-api-key", key),))]

    for name, variant in VARIANTS.items():
        command = ("-m", "bench.shop_rpc_floor", "--serve", variant)
        with server_process(url, keyring, args.port, args.servers, command=command) as address:
            runs = run_loads(address, plan, args.seconds, args.concurrency, args.rounds)
        report(f"GetShop {name}: backend={'sqlite' if args.db == 'sqlite' else 'postgresql'} "
               f"concurrency={args.concurrency} seconds={args.seconds} rounds={args.rounds}", runs)
    return 0


def _parser() -> argparse.ArgumentParser:
    p = shop_rpc_load._parser()
    p.add_argument("--serve", help=argparse.SUPPRESS)
    return p


if __name__ == "__main__":
    sys.exit(main())
