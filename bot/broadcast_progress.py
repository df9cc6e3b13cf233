"""A broadcast's progress message: sent to the admin who started it when the broadcast begins,
edited as its rows are sent (at most every `every` seconds), and ending in the report. Run by the
delivery worker after each batch it sends."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Mapping

from bot.channels.base import ChannelAdapter
from messages.i18n import t
from messages.types import Reply
from services import broadcasts
from services.clock import Clock
from storage.db import Database
from storage.models import Broadcast

log = logging.getLogger(__name__)


class BroadcastProgress:
    def __init__(
        self,
        *,
        db: Database,
        clock: Clock,
        channels: Mapping[str, ChannelAdapter],
        every: float,
        own: ChannelAdapter,
        take_slot: Callable[[], Awaitable[bool]],
        worker_id: str,
    ) -> None:
        self.db = db
        self.clock = clock
        self.channels = channels  # the admin may have started it from another platform
        self.every = every
        self.own = own  # a new message on the worker's own channel takes one of its send slots
        self.take_slot = take_slot
        self.worker_id = worker_id
        self._at: dict[int, float] = {}

    async def update(self, force_ids: set[int | None]) -> None:
        """Every active broadcast whose message is due (or that a batch just touched)."""
        with self.db.session() as session:
            active = [bc for bc in broadcasts.active_broadcasts(session) if bc.progress_account_id]
        for bc in active:
            assert bc.id is not None
            due = time.monotonic() - self._at.get(bc.id, 0.0) >= self.every
            if bc.id in force_ids or due:
                await self._progress(bc)

    async def _progress(self, bc: Broadcast) -> None:
        assert bc.id is not None and bc.progress_account_id is not None
        with self.db.session() as session:
            final = broadcasts.finish_if_complete(session, broadcast_id=bc.id, now=self.clock.now())
            rep = final or broadcasts.report(session, broadcast_id=bc.id)
            target = broadcasts.progress_target(session, broadcast=bc)
        channel = self.channels.get(target.channel)
        if channel is None:
            return
        now = time.monotonic()
        if final is None and now - self._at.get(bc.id, 0.0) < self.every:
            return
        self._at[bc.id] = now
        key = "broadcast.report" if final is not None else "broadcast.progress"
        reply = Reply(
            t(
                target.lang,
                key,
                id=bc.id,
                done=rep.done_count,
                total=rep.total,
                sent=rep.sent,
                failed=rep.failed,
                blocked=rep.blocked,
            )
        )
        try:
            if bc.progress_message_id and await channel.edit(target.chat_id, bc.progress_message_id, reply):
                return
            if channel is self.own and not await self.take_slot():  # a new message counts
                return
            message_id = await channel.send(target.chat_id, reply)
        except Exception:
            log.warning(
                "%s: progress message for broadcast %d not delivered", self.worker_id, bc.id, exc_info=True
            )
            return
        with self.db.session() as session:
            broadcasts.set_progress_message(session, broadcast_id=bc.id, message_id=message_id)
