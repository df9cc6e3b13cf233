"""Per-person token buckets for expensive queries (/nhiemvu, "ai phụ trách ...", /export).

One person may ask `burst` expensive questions at once and then `rate_per_minute` a minute; a bucket
refills continuously. Buckets live in the memory of one process: with N bot processes behind one
webhook a person may get up to N times the allowance in the worst case. That is acceptable because the
limit protects the database from one runaway client, not a security boundary (docs/deployment.md).
Time comes from a Clock so tests can move it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from services.clock import Clock


@dataclass(slots=True)
class _Bucket:
    tokens: float
    stamp: float


@dataclass(frozen=True, slots=True)
class Verdict:
    allowed: bool
    retry_after: float  # seconds until the next token; 0 when allowed


class RateLimiter:
    """`check(key)` spends a token for `key` or says how long to wait; keys are person ids."""

    def __init__(self, clock: Clock, *, rate_per_minute: float, burst: int, max_keys: int = 100_000) -> None:
        if rate_per_minute <= 0 or burst < 1:
            raise ValueError("rate_per_minute must be > 0 and burst >= 1")
        self.clock = clock
        self.rate = rate_per_minute / 60.0  # tokens per second
        self.burst = float(burst)
        self.max_keys = max_keys
        self._buckets: dict[object, _Bucket] = {}
        self._lock = threading.Lock()  # handlers may run in worker threads

    def _now(self) -> float:
        return self.clock.now().timestamp()

    def check(self, key: object) -> Verdict:
        now = self._now()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= self.max_keys:
                    self._forget_full(now)
                bucket = self._buckets[key] = _Bucket(self.burst, now)
            bucket.tokens = min(self.burst, bucket.tokens + max(0.0, now - bucket.stamp) * self.rate)
            bucket.stamp = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return Verdict(True, 0.0)
            return Verdict(False, (1.0 - bucket.tokens) / self.rate)

    def _forget_full(self, now: float) -> None:
        """Drop buckets that have refilled completely: forgetting them changes nothing."""
        full = [k for k, b in self._buckets.items() if b.tokens + (now - b.stamp) * self.rate >= self.burst]
        for k in full:
            del self._buckets[k]
