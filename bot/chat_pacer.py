"""The minimum interval between two messages to one chat (Telegram: about one a second), kept in each
process; the channel's overall rate is shared by every process through the database
(services/send_slots.py)."""

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
