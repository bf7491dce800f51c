"""Queue depth and the age of the oldest waiting message, read from the broker at scrape time.

Redis: the messages waiting in each queue's list (not those a worker already fetched); the
oldest is the list's head, its age counted from when it became due (a delayed message from its
``eta``). The delay queues (``<queue>.DQ``) hold retries and "try again later" messages, which
wait by design: their depth is reported, not their age. The in-process broker reports the
same from its queues.
"""
from __future__ import annotations

import time
from collections.abc import Iterator

import dramatiq
from dramatiq.brokers.stub import StubBroker
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector


class QueueCollector(Collector):
    def __init__(self, broker: dramatiq.Broker) -> None:
        self._broker = broker

    def describe(self) -> list:
        return []  # NOTE: no broker call at registration

    def collect(self) -> Iterator[GaugeMetricFamily]:
        depth = GaugeMetricFamily("erp_queue_messages", "Messages waiting in the broker queue.", labels=("queue",))
        age = GaugeMetricFamily("erp_queue_oldest_message_age_seconds",
                                "Age of the oldest message waiting in the queue since it became due (0 when "
                                "empty).", labels=("queue",))
        now_ms = time.time() * 1000
        for queue, count, head in self._waiting():
            depth.add_metric([queue], count)
            if not queue.endswith(".DQ"):
                age.add_metric([queue], max(0.0, (now_ms - _due_ms(head)) / 1000) if head else 0.0)
        yield depth
        yield age

    def _waiting(self) -> Iterator[tuple[str, int, dramatiq.Message | None]]:
        broker = self._broker
        names = sorted(broker.get_declared_queues() | broker.get_declared_delay_queues())
        if isinstance(broker, StubBroker):
            for name in names:
                waiting = broker.queues[name].queue
                yield name, len(waiting), _decoded(waiting[0] if waiting else None)
            return
        client = broker.client
        for name in names:
            key = f"{broker.namespace}:{name}"
            with client.pipeline(transaction=False) as pipe:
                count, head_id = pipe.llen(key).lindex(key, 0).execute()
            yield name, count, _decoded(client.hget(f"{key}.msgs", head_id) if head_id else None)


def _decoded(data: bytes | None) -> dramatiq.Message | None:
    try:
        return dramatiq.Message.decode(data) if data else None
    except dramatiq.errors.DecodeError:
        return None


def _due_ms(message: dramatiq.Message) -> float:
    return message.options.get("eta") or message.message_timestamp
