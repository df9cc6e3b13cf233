"""The delivery worker on the real Bot (recording request layer): outcomes, crash recovery, rates."""

from __future__ import annotations

import time

import pytest
from sqlmodel import select
from telegram import Bot

from bot.channels.telegram import TelegramChannel
from bot.delivery import INTERRUPTED, DeliveryWorker, TokenBucket
from handlers.types import Reply
from services.clock import SystemClock
from services.members import ensure_account
from services.outbox import enqueue
from storage.db import Database
from storage.models import ChatAccount, Outbox
from tests.fakes.recording_request import RecordingRequest


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
            "parameters": {"retry_after": 30},
        },
    )
    await worker(db, channel).drain()
    with db.session() as s:
        row = s.exec(select(Outbox).where(Outbox.dedup_key == "t:429")).one()
    assert row.status == "pending" and row.attempts == 1
    assert (row.not_before - row.created_at).total_seconds() >= 29  # retry_after honoured

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
    w = worker(db, channel)
    moved = next(r for r in w._claim() if r.chat_id == "901")
    await w._deliver(moved)
    with db.session() as s:
        assert s.exec(select(ChatAccount).where(ChatAccount.external_id == "901")).one().chat_id == "-100123"
        assert s.exec(select(Outbox).where(Outbox.dedup_key == "t:moved")).one().status == "sent"


async def test_token_bucket_paces_sends() -> None:
    bucket = TokenBucket(rate=50, capacity=1)
    start = time.monotonic()
    for _ in range(11):
        await bucket.acquire()
    assert time.monotonic() - start >= 0.18  # 10 waits of 1/50 s
