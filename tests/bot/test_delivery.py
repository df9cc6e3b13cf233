"""The delivery worker on the real Bot (recording request layer): outcomes, crash recovery, rates."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select
from telegram import Bot

from bot.channels.telegram_out import TelegramChannel
from bot.delivery import DeliveryWorker
from messages.types import Reply
from services import send_slots
from services.clock import SystemClock
from services.members import ensure_account
from services.outbox import enqueue
from services.outbox_rows import INTERRUPTED
from storage.coordination import SendSlot
from storage.db import Database
from storage.models import ChatAccount, Outbox
from testkit.fakes.recording_request import RecordingRequest
from testkit.fakes.serving import wait_until


@pytest.fixture
async def channel() -> TelegramChannel:
    request = RecordingRequest()
    bot = Bot("123:TEST", request=request, get_updates_request=RecordingRequest())
    await bot.initialize()
    return TelegramChannel(bot)


def queue(db: Database, n: int) -> None:
    with db.session() as s:
        for i in range(n):
            account = ensure_account(s, channel="telegram", external_id=str(500 + i))
            enqueue(s, account=account, reply=Reply(f"hello {i}"), kind="notice", dedup_key=f"t:{i}")


def worker(db: Database, channel: TelegramChannel, **kw: object) -> DeliveryWorker:
    options: dict = {"rate_per_second": 1000.0, "per_chat_interval": 0.0} | kw
    return DeliveryWorker(db=db, channel=channel, clock=SystemClock(), **options)


async def test_sends_each_row_once_and_records_it(db: Database, channel: TelegramChannel) -> None:
    queue(db, 5)
    await worker(db, channel).drain()
    await worker(db, channel).drain()  # a second worker finds nothing to do
    assert len(channel.bot.request.sent()) == 5
    with db.session() as s:
        assert {o.status for o in s.exec(select(Outbox))} == {"sent"}


async def test_rows_left_sending_by_a_crash_are_failed_not_resent(
    db: Database, channel: TelegramChannel
) -> None:
    queue(db, 3)
    crashed = worker(db, channel)
    claimed = crashed._claim()  # claimed and committed, then the process "dies" before sending
    assert len(claimed) == 3
    fresh = worker(db, channel)
    assert fresh.recover() == 3
    await fresh.drain()
    assert channel.bot.request.sent() == []
    with db.session() as s:
        rows = s.exec(select(Outbox)).all()
    assert {(o.status, o.error) for o in rows} == {("failed", INTERRUPTED)}


async def test_blocked_moved_and_rate_limited(db: Database, channel: TelegramChannel) -> None:
    request = channel.bot.request
    queue(db, 1)
    request.answers["sendMessage"] = (
        403,
        {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"},
    )
    await worker(db, channel).drain()
    with db.session() as s:
        assert s.exec(select(Outbox)).one().status == "blocked"
        assert s.exec(select(ChatAccount)).one().active is False

    with db.session() as s:
        account = ensure_account(s, channel="telegram", external_id="900")
        enqueue(s, account=account, reply=Reply("x"), kind="notice", dedup_key="t:429")
    request.answers["sendMessage"] = (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests",
            "parameters": {"retry_after": 2},
        },
    )
    await worker(db, channel).drain()
    told_at = time.monotonic()
    with db.session() as s:
        row = s.exec(select(Outbox).where(Outbox.dedup_key == "t:429")).one()
    assert row.status == "pending" and row.attempts == 1
    assert (row.not_before - row.created_at).total_seconds() >= 2  # retry_after honoured

    with db.session() as s:
        account = ensure_account(s, channel="telegram", external_id="901")
        enqueue(s, account=account, reply=Reply("y"), kind="notice", dedup_key="t:moved")
    del request.answers["sendMessage"]
    request.once["sendMessage"] = [
        (
            400,
            {
                "ok": False,
                "error_code": 400,
                "description": "migrated",
                "parameters": {"migrate_to_chat_id": -100123},
            },
        )
    ]
    w = worker(db, channel)  # another worker (process): the 429 held the whole channel for it too
    moved = next(r for r in w._claim() if r.chat_id == "901")
    await w._deliver(moved)
    assert time.monotonic() - told_at > 1.5
    with db.session() as s:
        assert s.exec(select(ChatAccount).where(ChatAccount.external_id == "901")).one().chat_id == "-100123"
        assert s.exec(select(Outbox).where(Outbox.dedup_key == "t:moved")).one().status == "sent"


async def test_claim_skips_a_chat_another_worker_is_sending_to(
    db: Database, channel: TelegramChannel
) -> None:
    with db.session() as s:
        busy = ensure_account(s, channel="telegram", external_id="700")
        other = ensure_account(s, channel="telegram", external_id="701")
        enqueue(s, account=busy, reply=Reply("first"), kind="notice", dedup_key="c:1")
        enqueue(s, account=busy, reply=Reply("second"), kind="notice", dedup_key="c:2")
        enqueue(s, account=other, reply=Reply("other"), kind="notice", dedup_key="c:3")
    a, b = worker(db, channel, batch_size=1), worker(db, channel)
    claimed = a._claim()
    assert [r.chat_id for r in claimed] == ["700"]  # "first" is being sent by a
    assert [r.chat_id for r in b._claim()] == ["701"]  # b leaves "second" alone meanwhile
    await a._deliver(claimed[0])
    assert [r.chat_id for r in b._claim()] == ["700"]  # "first" is recorded: "second" is free again
    assert [p["text"] for p in channel.bot.request.sent()] == ["first"]


async def test_a_database_error_while_pacing_is_waited_out(
    db: Database, channel: TelegramChannel, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows are claimed (`sending`) when the slot cannot be reserved: nothing is sent until it
    can, then each goes out once. (On PostgreSQL the same is tested by restarting the server,
    tests/faults/test_postgres_restart.py.)"""
    if not db.url.startswith("sqlite"):
        pytest.skip("a renamed table is an OperationalError on SQLite only")
    refused = 0
    reserve = send_slots.reserve

    def counted(session: Session, **kw: Any) -> float:
        nonlocal refused
        try:
            return reserve(session, **kw)
        except OperationalError:
            refused += 1
            raise

    monkeypatch.setattr(send_slots, "reserve", counted)
    queue(db, 3)
    with db.engine.begin() as conn:  # the send_slot table is unreachable: every reservation fails
        conn.execute(text("ALTER TABLE send_slot RENAME TO send_slot_away"))
    draining = asyncio.create_task(worker(db, channel).drain())
    await wait_until(lambda: refused >= 3)  # waited out twice (0.2 s, 0.4 s), still refused
    assert channel.bot.request.sent() == []
    with db.session() as s:
        assert {o.status for o in s.exec(select(Outbox))} == {"sending"}
    with db.engine.begin() as conn:
        conn.execute(text("ALTER TABLE send_slot_away RENAME TO send_slot"))
    await draining
    assert sorted(p["text"] for p in channel.bot.request.sent()) == ["hello 0", "hello 1", "hello 2"]
    with db.session() as s:
        assert {o.status for o in s.exec(select(Outbox))} == {"sent"}


async def test_stop_gives_unsent_rows_back_to_the_queue(db: Database, channel: TelegramChannel) -> None:
    """With the rate shared by every process a batch can take long to send; a stop does not wait
    for it: what was not sent goes back to `pending` and another worker sends it, once."""
    queue(db, 6)
    slow = worker(db, channel, rate_per_second=2.0)
    running = asyncio.create_task(slow.run())
    await wait_until(lambda: len(channel.bot.request.sent()) >= 1)  # the next slot is 0.51 s away
    slow.stop()
    await running
    sent_first = [p["text"] for p in channel.bot.request.sent()]
    assert 1 <= len(sent_first) < 6
    with db.session() as s:
        statuses = sorted(o.status for o in s.exec(select(Outbox)))
    assert statuses == ["pending"] * (6 - len(sent_first)) + ["sent"] * len(sent_first)
    await worker(db, channel).drain()
    assert sorted(p["text"] for p in channel.bot.request.sent()) == [f"hello {i}" for i in range(6)]


async def test_a_slot_woken_for_too_late_passes_unused(db: Database, channel: TelegramChannel) -> None:
    """A process busy when its slot comes (here: its first wait ends 0.3 s late) does not send in
    it: the `rate`-th message after would land within the same second. It takes a fresh slot."""
    queue(db, 1)
    waits: list[float] = []

    async def wakes_late_once(seconds: float) -> None:
        waits.append(seconds)
        await asyncio.sleep(seconds + (0.3 if len(waits) == 1 else 0.0))

    began = time.time()
    with db.session() as s:
        send_slots.hold(s, channel="telegram", seconds=0.2)
    await worker(db, channel, rate_per_second=10.0, sleep=wakes_late_once).drain()
    assert len(channel.bot.request.sent()) == 1
    assert 0.0 < waits[0] <= 0.2  # the first slot, at +0.2 s, was waited for ...
    with db.session() as s:
        next_at = s.exec(select(SendSlot.next_at)).one()
    # ... and passed unused: a second slot was reserved after the late wake-up (+0.5 s); one slot
    # alone would leave next_at at +0.2 s + 0.102 s
    assert next_at - began > 0.5
