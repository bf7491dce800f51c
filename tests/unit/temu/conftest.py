"""A scripted Temu for client unit tests: an httpx MockTransport that answers from a list."""
import json

import httpx
import pytest

from adapters.temu.config import TemuConfig
from adapters.temu.transport import TemuClient


class NoLimit:
    def __init__(self):
        self.throttled_keys: list[str] = []

    def acquire(self, app_key, background=False):
        pass

    def throttled(self, app_key):
        self.throttled_keys.append(app_key)


class ScriptedTemu:
    """Answers each request with the next scripted reply (the last one repeats); remembers every
    request and every backoff sleep."""

    app_key, app_secret = "unit-app-key", "unit-app-secret-0123456789"

    def __init__(self):
        self.replies: list = []
        self.requests: list[httpx.Request] = []
        self.sleeps: list[float] = []
        self.now = 1_750_000_000.3
        self.limiter = NoLimit()

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]
        if isinstance(reply, Exception):
            raise reply
        if isinstance(reply, httpx.Response):
            return reply
        return httpx.Response(200, json=reply)

    def bodies(self) -> list[dict]:
        return [json.loads(r.content) for r in self.requests]

    def client(self, max_retries=4) -> TemuClient:
        config = TemuConfig.for_base_url("http://temu.test", self.app_key, self.app_secret, max_retries=max_retries)
        http = httpx.Client(transport=httpx.MockTransport(self.handle))
        return TemuClient(config, http, self.limiter, sleep=self.sleeps.append, clock=lambda: self.now,
                          jitter=lambda: 0.5)


@pytest.fixture
def temu() -> ScriptedTemu:
    return ScriptedTemu()
