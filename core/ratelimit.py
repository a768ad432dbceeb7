"""Counting requests per key in the cache, to refuse those over a limit.

Windows are fixed and aligned to the clock (a 15-minute window runs :00–:15, :15–:30, …), so
one atomic counter per key and window is enough and the wait until the next one is known."""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class RateLimit:
    scope: str
    limit: int
    window_seconds: int

    def _key(self, value: str) -> tuple[str, float]:
        """The counter's key for `value` in the current window, and when the window ends."""
        now = time.time()
        start = int(now // self.window_seconds) * self.window_seconds
        # Hashed: the value may be an e-mail, and cache keys must stay short and plain.
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        return f"ratelimit:{self.scope}:{digest}:{start}", start + self.window_seconds - now

    def count(self, value: str) -> None:
        key, remaining = self._key(value)
        cache.add(key, 0, timeout=math.ceil(remaining) + 1)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=math.ceil(remaining) + 1)

    def wait_minutes(self, value: str) -> int:
        """0 while `value` is under the limit, else the whole minutes until it is counted
        afresh."""
        key, remaining = self._key(value)
        if cache.get(key, 0) < self.limit:
            return 0
        return max(1, math.ceil(remaining / 60))


def client_ip(request) -> str:
    """The address of the person, not of our own proxy.

    With TRUSTED_PROXY_COUNT proxies in front of the app, each appends the address it was called
    from to X-Forwarded-For, so the client is that many entries from the end; entries before it
    are whatever the client sent and are not trusted."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
