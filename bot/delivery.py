"""The delivery worker: sends queued Outbox rows through one channel at that platform's rate.

At-most-once, crash-safe: a row is marked `sending` (with `claimed_by` / `claimed_at`) and that is
COMMITTED before the request goes out; the result is recorded afterwards. If the process dies in
between, nobody knows whether the message arrived, so rows left in `sending` by a dead worker are
recorded `failed` with "interrupted mid-send" instead of being resent (resending could deliver twice,
and a broadcast must never reach anyone twice). A graceful stop finishes the sends already in flight.

Several processes: a running worker advertises that it is alive with a lease "delivery:<worker id>"
(services/lease.py, renewed every `lease_ttl / 3`, wall-clock time). Recovery, at start and every few
seconds, fails only the `sending` rows whose claimer holds no live lease, so a process that starts
never fails the rows a live peer is sending, and a SIGKILLed peer's rows are recovered by the
survivors within `lease_ttl`. (`drain()`, the one-shot mode of tests and the CLI, takes no lease.)

The rows are claimed and settled by services.outbox_rows (one UPDATE claims a batch; on PostgreSQL
with FOR UPDATE SKIP LOCKED so several workers share the queue).

Rates: the channel's rate (Telegram 30/s) is one rate for ALL processes, kept in the database
(services/send_slots.py): every send, one at a time per process, reserves the channel's next slot
and waits for it, so N processes configured with the platform's full rate send at that rate
together; a 429 holds the channel for its retry_after in every process. The minimum interval per
chat (1/s) is kept in each process (bot.pacing). Pacing runs on real wall time, like the liveness
lease, whatever clock the worker schedules with; its waits are `sleep`'s (a test makes a process
that wakes late). The broadcast's progress message is sent and edited from here, ending in a report
(bot.broadcast_progress).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import logging
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from sqlalchemy.exc import OperationalError

from bot.broadcast_progress import BroadcastProgress
from bot.channels.base import (
    ChannelAdapter,
    ChatMoved,
    DeliveryError,
    PermanentFailure,
    RateLimited,
    RecipientBlocked,
    RetryLater,
)
from bot.pacing import ChatPacer
from bot.waits import unless_stopped
from config.settings import Settings
from messages.types import Reply
from services import lease, outbox_rows, reminder_recheck, send_slots
from services.clock import Clock
from services.outbox_rows import LEASE_PREFIX, Claimed
from storage.db import Database
from storage.enums import DeliveryStatus

log = logging.getLogger(__name__)

# Slots are evenly spaced, but requests reach the platform a few milliseconds early or late; one
# that lands early makes `rate` + 1 sends in some 1-second window, which Telegram (and the fake Bot
# API) refuses with 429. So `rate` consecutive slots span 1 s plus this much: 2 % under the rate.
WINDOW_SLACK = 0.02
REPLY_WITHIN = 60.0  # seconds a reply keeps being retried in place before it is queued
MAX_LATE = 0.01  # half of it: a send later than this after its slot takes another slot


def _wall_now() -> dt.datetime:
    """Liveness is about real time across processes, whatever clock the worker schedules with."""
    return dt.datetime.now(dt.UTC)


class DeliveryWorker:
    def __init__(
        self,
        *,
        db: Database,
        channel: ChannelAdapter,
        clock: Clock,
        rate_per_second: float,
        per_chat_interval: float,
        batch_size: int = 100,
        max_attempts: int = 8,
        idle_sleep: float = 0.5,
        progress_every: float = 2.0,
        progress_channels: Mapping[str, ChannelAdapter] | None = None,
        worker_id: str | None = None,
        lease_ttl: float = 15.0,
        settings: Settings | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.db = db
        self._sleep_for = sleep
        self.settings = settings  # reminders are re-checked against it before sending (None: never)
        self.channel = channel
        self.clock = clock
        # The platform's rate for the bot, shared by every process (services/send_slots.py): each
        # process is configured with the full rate, not a share of it.
        self.interval = (1.0 + WINDOW_SLACK) / rate_per_second if rate_per_second > 0 else 0.0
        self._gate = asyncio.Lock()  # one slot reserved (and waited for) at a time in this process
        self.pacer = ChatPacer(per_chat_interval)
        self.batch_size = batch_size
        self.max_attempts = max_attempts
        self.idle_sleep = idle_sleep
        self.worker_id = worker_id or f"{channel.name}-{uuid.uuid4().hex[:8]}"
        self._batches = itertools.count(1)
        self._stopping = asyncio.Event()
        self.lease_ttl = lease_ttl
        self.progress = BroadcastProgress(
            db=db,
            clock=clock,
            channels=dict(progress_channels or {channel.name: channel}),
            every=progress_every,
            own=channel,
            take_slot=self._take_slot,
            worker_id=self.worker_id,
        )

    # --- life cycle ------------------------------------------------------------------------------

    def recover(self) -> int:
        """Rows a dead worker left in `sending` may or may not have arrived: record them failed.

        A worker is alive while its lease "delivery:<id>" has not expired; rows of live workers
        (this one included) are left alone.
        """
        with self.db.session() as session:
            count = outbox_rows.recover_interrupted(session, channel=self.channel.name, now=_wall_now())
        if count:
            log.warning(
                "%s: %d message(s) were interrupted mid-send; recorded as failed", self.worker_id, count
            )
        return count

    def _renew_lease(self) -> None:
        with self.db.session() as session:
            lease.acquire(
                session,
                name=LEASE_PREFIX + self.worker_id,
                holder=self.worker_id,
                now=_wall_now(),
                ttl=dt.timedelta(seconds=self.lease_ttl),
            )

    async def _keep_alive(self) -> None:
        """Renew the liveness lease and recover dead peers' rows, until stopped."""
        while not self._stopping.is_set():
            try:
                self._renew_lease()
                self.recover()
            except Exception:  # the database restarting: try again next round
                log.warning("%s: lease renewal failed", self.worker_id, exc_info=True)
            await self._sleep(self.lease_ttl / 3)

    async def run(self) -> None:
        """Deliver until `stop()`; a stop lets the sends in flight finish and gives the rest of the
        batch back to the queue (`pending`, unsent), so it does not wait out the shared rate.

        A database error (PostgreSQL restarting) is logged and retried after `idle_sleep`: the pool
        pings connections before use, so the next round reconnects."""
        self._renew_lease()  # before recovering: our own claims are never "dead"
        keep_alive = asyncio.create_task(self._keep_alive(), name=f"{self.worker_id}-lease")
        try:
            while not self._stopping.is_set():
                try:
                    sent = await self.run_once()
                except OperationalError:
                    log.warning("%s: database unavailable; retrying", self.worker_id, exc_info=True)
                    sent = 0
                if sent == 0:
                    await self._sleep(self.idle_sleep)
        finally:
            self._stopping.set()
            await keep_alive
            try:
                with self.db.session() as session:
                    lease.release(session, name=LEASE_PREFIX + self.worker_id, holder=self.worker_id)
            except Exception:  # the database gone: the lease expires by itself
                log.warning("%s: lease not released", self.worker_id, exc_info=True)

    def stop(self) -> None:
        self._stopping.set()

    async def run_once(self) -> int:
        """Claim one batch of due rows, send them at the allowed rate; returns how many were claimed."""
        rows = self._claim()
        if rows:
            await asyncio.gather(*(self._deliver(row) for row in rows))
        await self.progress.update(force_ids={r.broadcast_id for r in rows if r.broadcast_id})
        return len(rows)

    async def drain(self, *, within: float = 60.0) -> None:
        """Send until nothing is due (tests, the CLI); rows waiting for `not_before` end the drain."""
        deadline = time.monotonic() + within
        while await self.run_once():
            if time.monotonic() > deadline:
                raise TimeoutError("outbox not drained")

    # --- claiming --------------------------------------------------------------------------------

    def _claim(self) -> list[Claimed]:
        token = f"{self.worker_id}/{next(self._batches)}"
        with self.db.session() as session:
            outbox_rows.claim(
                session, channel=self.channel.name, now=self.clock.now(), token=token, limit=self.batch_size
            )
        with self.db.session() as session:  # the claim is committed before anything is sent
            return outbox_rows.claimed(session, token=token)

    # --- sending ---------------------------------------------------------------------------------

    async def _deliver(self, row: Claimed) -> None:
        try:
            reply = Reply.from_payload(row.payload)
        except OSError as exc:  # a queued file (a submitted report) is gone from disk
            await self._persist(self._finish, row, DeliveryStatus.failed, f"file unreadable: {exc}")
            return
        if row.kind == "reminder" and self.settings is not None:  # the last look before it goes out
            check = await self._recheck(row)
            if check.action == "later":
                await self._persist(self._postpone, row, check.not_before, check.reason)
                return
            if check.action == "drop":
                await self._persist(self._finish, row, DeliveryStatus.skipped, check.reason)
                return
            reply = check.reply or reply
        chat_id = row.chat_id
        for _ in range(3):  # a moved chat is retried at its new id
            async with self.pacer.turn(chat_id):
                if not await self._take_slot():  # stopping: never sent, so back to the queue
                    await self._persist(self._release, row)
                    return
                try:
                    await self.channel.send(chat_id, reply)
                except ChatMoved as exc:
                    chat_id = exc.new_chat_id
                    await self._persist(self._move_chat, row.account_id, chat_id)
                    continue
                except RetryLater as exc:
                    if isinstance(exc, RateLimited):  # the platform wants the whole bot to slow down
                        await self._persist(self._hold, exc.seconds)
                    await self._persist(self._retry, row, exc.seconds, str(exc))
                except RecipientBlocked as exc:
                    await self._persist(self._finish, row, DeliveryStatus.blocked, str(exc), True)
                except PermanentFailure as exc:
                    await self._persist(self._finish, row, DeliveryStatus.failed, str(exc))
                except Exception as exc:  # a bug or an unmapped error: do not resend blindly
                    log.exception("%s: sending outbox row %d failed", self.worker_id, row.id)
                    await self._persist(
                        self._finish, row, DeliveryStatus.failed, f"{type(exc).__name__}: {exc}"
                    )
                else:
                    await self._persist(self._finish, row, DeliveryStatus.sent, None)
                return
        await self._persist(self._finish, row, DeliveryStatus.failed, "chat moved too many times")

    # --- interactive replies ---------------------------------------------------------------------

    async def send_reply(self, chat_id: str, reply: Reply, *, within: float = REPLY_WITHIN) -> bool:
        """An answer to what a user just wrote, sent through the same pacing as queued messages: the
        chat's turn (1/s per chat), the channel's shared slot (Telegram's 30/s for every process),
        and a 429 holds the whole channel for its retry_after and is tried again. A burst of
        officers typing at once therefore delays replies instead of dropping them. A reply still
        refused after `within` seconds (a long retry_after, the platform down) goes to the outbox
        and is sent by this worker when the channel allows it: no answer is lost. True when sent.
        """
        deadline = time.monotonic() + within
        while True:
            async with self.pacer.turn(chat_id):
                if not await self._take_slot():  # stopping: the outbox keeps it for the next start
                    return self._queue_reply(chat_id, reply)
                try:
                    if reply.edit_message_id and await self.channel.edit(
                        chat_id, reply.edit_message_id, reply
                    ):
                        return True
                    await self.channel.send(chat_id, reply)
                    return True
                except RetryLater as exc:
                    if isinstance(exc, RateLimited):  # every process pauses this channel's sends
                        await self._persist(self._hold, exc.seconds)
                    wait, held = exc.seconds, isinstance(exc, RateLimited)
                    log.info("%s: reply to chat %s refused (%s); retrying", self.worker_id, chat_id, exc)
                except DeliveryError as exc:  # blocked, refused for good: nothing more to do
                    log.warning("%s: reply to chat %s not delivered: %s", self.worker_id, chat_id, exc)
                    return False
            if time.monotonic() + wait > deadline:
                return self._queue_reply(chat_id, reply)
            if not held and await self._sleep(wait):  # 5xx, timeouts (a 429 is waited in the slot)
                return self._queue_reply(chat_id, reply)

    def _queue_reply(self, chat_id: str, reply: Reply) -> bool:
        """A reply that could not go out now is queued for this channel's worker (files and edits
        cannot be queued: an edit is sent as a new message, a file is logged as lost)."""
        if reply.file is not None:
            log.warning("%s: file reply to chat %s not delivered", self.worker_id, chat_id)
            return False
        with self.db.session() as session:
            queued = outbox_rows.queue_reply(session, channel=self.channel.name, chat_id=chat_id, reply=reply)
        if not queued:
            log.warning("%s: reply to unknown chat %s not queued", self.worker_id, chat_id)
            return False
        log.info("%s: reply to chat %s queued for later", self.worker_id, chat_id)
        return False

    async def _take_slot(self) -> bool:
        """Wait for this send's slot of the channel's rate; False when the worker stops first.

        The slot comes from the database, shared with every other process. A slot this process
        wakes up for more than MAX_LATE after (it was busy: a long query, a CPU shared with other
        processes) passes unused and another is reserved, at most twice: sent that late, the
        message would land within 1 s of the `rate`-th message after it, which went on time."""
        async with self._gate:
            for _ in range(3):
                wait = await self._reserve()
                if wait is None:
                    return False
                due = time.monotonic() + wait
                if wait > 0 and await self._sleep(wait):
                    return False
                late = time.monotonic() - due
                if late <= MAX_LATE:
                    break
                log.debug("%s: woke %.0f ms after its slot; taking another", self.worker_id, late * 1000)
            return True

    async def _reserve(self) -> float | None:
        """Seconds until this send's slot; None when the worker stops first. A database error is
        waited out like one while recording (the row is claimed, nothing was sent yet)."""
        delay = 0.2
        while not self._stopping.is_set():
            try:
                with self.db.session() as session:
                    return send_slots.reserve(session, channel=self.channel.name, interval=self.interval)
            except OperationalError:
                log.warning("%s: database unavailable while pacing; retrying", self.worker_id)
                await self._sleep(delay)
                delay = min(delay * 2, 5.0)
        return None

    async def _sleep(self, seconds: float) -> bool:
        """Sleep `seconds`, cut short by `stop()`; True when stopped."""
        if not self._stopping.is_set():
            await unless_stopped(self._sleep_for(seconds), self._stopping)
        return self._stopping.is_set()

    def _hold(self, seconds: float) -> None:
        with self.db.session() as session:
            send_slots.hold(session, channel=self.channel.name, seconds=seconds)

    async def _persist(self, write: Callable[..., None], *args: Any, within: float = 300.0) -> None:
        """Record an outcome, waiting out a database restart: the message has already gone out, and
        a row left in `sending` would later be failed as interrupted although it arrived."""
        deadline = time.monotonic() + within
        delay = 0.2
        while True:
            try:
                write(*args)
                return
            except OperationalError:
                if time.monotonic() > deadline:
                    raise
                log.warning("%s: database unavailable while recording; retrying", self.worker_id)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)

    async def _recheck(self, row: Claimed) -> reminder_recheck.Recheck:
        """A queued reminder checked against the window and today (services.reminders); a database
        error sends it as queued rather than holding the queue."""
        assert self.settings is not None
        try:
            with self.db.session() as session:
                return reminder_recheck.recheck_reminder(
                    session, outbox_id=row.id, now=self.clock.now(), settings=self.settings
                )
        except OperationalError:
            log.warning("%s: reminder %d not re-checked (database)", self.worker_id, row.id)
            return reminder_recheck.Recheck("send")

    def _postpone(
        self, row: Claimed, not_before: dt.datetime | None, reason: str, attempts: int | None = None
    ) -> None:
        with self.db.session() as session:
            outbox_rows.postpone(
                session, row=row, not_before=not_before or self.clock.now(), reason=reason, attempts=attempts
            )

    def _release(self, row: Claimed) -> None:
        with self.db.session() as session:
            outbox_rows.release(session, row=row)

    def _finish(
        self, row: Claimed, status: DeliveryStatus, error: str | None, block_account: bool = False
    ) -> None:
        with self.db.session() as session:
            outbox_rows.finish(
                session,
                row=row,
                status=status,
                error=error,
                now=self.clock.now(),
                block_account=block_account,
            )

    def _retry(self, row: Claimed, seconds: float, reason: str) -> None:
        if row.attempts + 1 >= self.max_attempts:
            self._finish(row, DeliveryStatus.failed, f"gave up after {row.attempts + 1} attempts: {reason}")
            return
        later = self.clock.now() + dt.timedelta(seconds=max(seconds, 0.0))
        self._postpone(row, later, reason, attempts=row.attempts + 1)

    def _move_chat(self, account_id: int, chat_id: str) -> None:
        with self.db.session() as session:
            outbox_rows.move_chat(session, account_id=account_id, chat_id=chat_id)
