"""Pacing within one process: the minimum interval between two messages to one chat (Telegram: about
one a second), and a channel's own pace for the parts of a long message (Zalo). The channel's
overall rate is shared by every process through the database (services/send_slots.py)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator


class ChatPacer:
    """At most one message per `interval` seconds to the same chat, within this process.

    A send holds its chat's `turn` from before its channel slot until its outcome is recorded, and
    the interval counts from the end of the turn: two messages to one chat are spaced as the platform
    sees them even when the first one waited long for its slot.
    """

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._next: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    @contextlib.asynccontextmanager
    async def turn(self, chat_id: str) -> AsyncIterator[None]:
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        async with lock:
            delay = self._next.get(chat_id, 0.0) - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            try:
                yield
            finally:
                self._next[chat_id] = time.monotonic() + self.interval
        if len(self._next) > 10_000:  # forget chats whose interval has long passed
            cutoff = time.monotonic()
            self._next = {k: v for k, v in self._next.items() if v > cutoff}
            self._locks = {k: v for k, v in self._locks.items() if k in self._next or v.locked()}


class RatePacer:
    """At most `rate` sends per second for this channel; a 429 pauses all of them."""

    def __init__(self, rate_per_second: float) -> None:
        self.interval = 1.0 / rate_per_second if rate_per_second > 0 else 0.0
        self._next = 0.0
        self._lock = asyncio.Lock()

    async def wait(self) -> None:
        async with self._lock:
            now = asyncio.get_running_loop().time()
            if self._next > now:
                await asyncio.sleep(self._next - now)
                now = self._next
            self._next = now + self.interval

    def pause(self, seconds: float) -> None:
        self._next = max(self._next, asyncio.get_running_loop().time() + seconds)
