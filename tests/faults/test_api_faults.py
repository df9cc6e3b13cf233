"""The fake Bot API and Zalo servers misbehave (429 with retry_after, 403 blocked, 5xx, timeouts,
dropped connections) while a broadcast goes out through the real channel and delivery worker.

After each run every member got the message exactly once, or its row is recorded `blocked`/`failed`
with the reason. The faults strike before the server processed the request (as a 429, a 5xx or a
refused connection do), so a retry is safe; see docs/deployment.md for the case where a response is
lost after Telegram sent the message.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import pytest
from sqlmodel import select
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.channels.telegram_out import TelegramChannel
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_api import ZaloBotApi
from bot.delivery import DeliveryWorker
from config.settings import Settings
from services.clock import SystemClock
from storage.db import Database
from storage.models import ChatAccount
from testkit.broadcast_world import (
    ADMIN_CHAT,
    CHAT_BASE,
    broadcast_status,
    outbox_rows,
    seed_members,
    start_broadcast,
)
from testkit.fakes.serving import wait_until
from testkit.fakes.telegram_server import FakeTelegram
from testkit.fakes.zalo_server import FakeZaloServer

MEMBERS = 40


async def run_until_done(db: Database, worker: DeliveryWorker, bc: int, within: float = 45) -> None:
    task = asyncio.create_task(worker.run())
    try:
        await wait_until(lambda: broadcast_status(db, bc) == "done", within)
    finally:
        worker.stop()
        await task


def chat(i: int) -> str:
    return str(CHAT_BASE + i)


@pytest.mark.slow
async def test_telegram_faults_each_member_once_or_recorded(db: Database) -> None:
    admin = seed_members(db, MEMBERS)
    bc = start_broadcast(db, admin_account_id=admin)
    with FakeTelegram() as tg:
        tg.fail("sendMessage", status=429, retry_after=1, times=3)
        tg.fail("sendMessage", status=502, times=2)
        tg.fail("sendMessage", status=500, times=1, chat_id=chat(7))
        tg.drop("sendMessage", times=2)
        tg.stall("sendMessage", 1.5, times=1)  # longer than the client's read timeout
        tg.block(chat(3))
        tg.fail(
            "sendMessage", status=400, times=1, chat_id=chat(5), description="Bad Request: chat not found"
        )
        tg.fail("sendMessage", status=400, times=1, chat_id=chat(6), description="Bad Request: can't parse")
        bot = Bot(tg.token, base_url=tg.base_url, request=HTTPXRequest(read_timeout=0.7))
        await bot.initialize()
        worker = DeliveryWorker(
            db=db,
            channel=TelegramChannel(bot),
            clock=SystemClock(),
            rate_per_second=200,
            per_chat_interval=0,
            batch_size=10,
            idle_sleep=0.05,
            max_attempts=8,
        )
        await run_until_done(db, worker, bc)
        await bot.shutdown()
        statuses = Counter(c.status for c in tg.calls_to("sendMessage"))
        got = Counter({c: len(m) for c, m in tg.messages.items() if c != ADMIN_CHAT})

    assert statuses[429] == 3 and statuses[502] == 2 and statuses[599] == 2 and statuses[504] == 1
    rows = {c: (s, e) for c, s, e in outbox_rows(db, bc)}
    assert rows[chat(3)][0] == "blocked" and "blocked" in (rows[chat(3)][1] or "")
    assert rows[chat(5)][0] == "blocked"  # "chat not found": the account is gone
    assert rows[chat(6)] == ("failed", "Can't parse")  # PTB drops the "Bad Request: " prefix
    for i in range(MEMBERS):
        status, error = rows[chat(i)]
        if status == "sent":
            assert got[chat(i)] == 1, (i, got[chat(i)])
        else:
            assert got[chat(i)] == 0 and error, (i, status, error)
    assert Counter(s for s, _ in rows.values()) == {"sent": MEMBERS - 3, "blocked": 2, "failed": 1}
    with db.session() as s:
        blocked = s.exec(select(ChatAccount).where(ChatAccount.chat_id == chat(3))).one()
    assert blocked.active is False


@pytest.mark.slow
async def test_retries_give_up_and_record_the_reason(db: Database) -> None:
    admin = seed_members(db, 3)
    bc = start_broadcast(db, admin_account_id=admin)
    with FakeTelegram() as tg:
        tg.fail("sendMessage", status=502, times=100, chat_id=chat(1))  # never recovers
        bot = Bot(tg.token, base_url=tg.base_url)
        await bot.initialize()
        worker = DeliveryWorker(
            db=db,
            channel=TelegramChannel(bot),
            clock=SystemClock(),
            rate_per_second=200,
            per_chat_interval=0,
            max_attempts=2,
            idle_sleep=0.05,
        )
        await run_until_done(db, worker, bc, within=30)
        await bot.shutdown()
    rows = {c: (s, e) for c, s, e in outbox_rows(db, bc)}
    assert rows[chat(1)][0] == "failed" and "gave up after 2 attempts" in (rows[chat(1)][1] or "")
    assert rows[chat(0)][0] == rows[chat(2)][0] == "sent"


@pytest.mark.slow
async def test_zalo_faults_each_member_once_or_recorded(db: Database) -> None:
    admin = seed_members(db, 20)
    with db.session() as s:  # the members are Zalo users this time
        for account in s.exec(select(ChatAccount)).all():
            account.channel = "zalo"
            s.add(account)
    bc = start_broadcast(db, admin_account_id=admin)
    with FakeZaloServer() as zl:
        zl.fail("sendMessage", "429", times=2, retry_after=1)
        zl.fail("sendMessage", "500", times=2)
        zl.fail("sendMessage", "timeout", times=1, delay=1.2)
        zl.fail("sendMessage", "drop", times=2, after=5)
        zl.block(chat(4))
        api = ZaloBotApi(zl.token, base_url=zl.base_url, timeout=0.8)
        channel = ZaloChannel(
            api,
            dispatch=None,  # type: ignore[arg-type]  # outbound only
            settings=Settings(_env_file=None),  # type: ignore[call-arg]
            db=db,
            rate_per_second=200,
        )
        worker = DeliveryWorker(
            db=db,
            channel=channel,
            clock=SystemClock(),
            rate_per_second=200,
            per_chat_interval=0,
            batch_size=5,
            idle_sleep=0.05,
        )
        await run_until_done(db, worker, bc)
        await channel.aclose()
        await api.aclose()
        got = Counter(s.chat_id for s in zl.all_texts())
    rows = {c: (s, e) for c, s, e in outbox_rows(db, bc)}
    assert rows[chat(4)][0] == "blocked"
    for i in range(20):
        status, error = rows[chat(i)]
        assert (status == "sent" and got[chat(i)] == 1) or (status != "sent" and got[chat(i)] == 0 and error)
    assert sum(1 for s, _ in rows.values() if s == "sent") == 19
