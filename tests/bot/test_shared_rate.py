"""Two delivery workers, each configured with the platform's full rate, share it through the database.

Each worker has its own Bot, as two processes would, and they talk to one fake Bot API. Paced apart
they would offer twice the limit; sharing the channel's slots, every send of either takes its own
slot of the one ledger, none closer than the rate's interval to another, so together they send at
the rate, to every member exactly once, and both take part. Zalo's workers, built from
ZALO_RATE_PER_SECOND by the app, share their own channel's rate the same way.

What is asserted is the ledger (the slots the database handed out), not arrival times at the fake
server: those depend on how busy the machine is (bench/bench_broadcast.py measures them, with the
server enforcing Telegram's limits).
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from typing import Any

import pytest
from sqlmodel import Session, col, select
from telegram import Bot

from bot.app import BotApp
from bot.channels.telegram_out import TelegramChannel
from bot.delivery import WINDOW_SLACK, DeliveryWorker
from messages.types import Reply
from services import send_slots
from services.clock import SystemClock
from services.members import ensure_account
from services.outbox import enqueue
from storage.coordination import SendSlot
from storage.db import Database
from storage.models import Outbox
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
from tests.bot.zalo_harness import zalo_settings

MEMBERS = 100
RATE = 20.0  # each worker's configured rate: the platform's, for the whole bot


@pytest.fixture
def slots(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[float]]:
    """Every slot reserved, per channel: the ledger row's `next_at` right after the reservation
    (the row is locked until the commit), less the interval."""
    taken: dict[str, list[float]] = {}
    reserve = send_slots.reserve

    def recorded(session: Session, *, channel: str, interval: float, **kw: Any) -> float:
        wait = reserve(session, channel=channel, interval=interval, **kw)
        next_at = session.exec(select(SendSlot.next_at).where(SendSlot.channel == channel)).one()
        taken.setdefault(channel, []).append(next_at - interval)
        return wait

    monkeypatch.setattr(send_slots, "reserve", recorded)
    return taken


def assert_shared(slots: list[float], rate: float, at_least: int) -> None:
    """One slot per send, whoever sent it, and no two closer than the rate allows."""
    interval = (1 + WINDOW_SLACK) / rate
    assert len(slots) >= at_least
    gaps = [b - a for a, b in itertools.pairwise(sorted(slots))]
    assert min(gaps) >= interval - 1e-6, min(gaps)


async def test_two_workers_at_the_full_rate_share_it(db: Database, slots: dict[str, list[float]]) -> None:
    admin = seed_members(db, MEMBERS)
    bc = start_broadcast(db, admin_account_id=admin)
    with FakeTelegram() as tg:
        tg.enforce_rate(per_second=None, per_chat_interval=1.0)
        bots = [Bot(tg.token, base_url=tg.base_url) for _ in range(2)]
        workers = []
        for name, bot in zip("ab", bots, strict=True):
            await bot.initialize()
            workers.append(
                DeliveryWorker(
                    db=db,
                    channel=TelegramChannel(bot),
                    clock=SystemClock(),
                    rate_per_second=RATE,
                    per_chat_interval=1.0,
                    batch_size=20,
                    idle_sleep=0.05,
                    worker_id=name,
                )
            )
        tasks = [asyncio.create_task(w.run()) for w in workers]
        try:  # 100 messages at 20/s: 5 s
            await wait_until(lambda: broadcast_status(db, bc) == "done", within=60)
        finally:
            for w in workers:
                w.stop()
            await asyncio.gather(*tasks)
            for bot in bots:
                await bot.shutdown()
        calls = [c for c in tg.calls_to("sendMessage") if str(c.params["chat_id"]) != ADMIN_CHAT]
        got = Counter({chat: len(m) for chat, m in tg.messages.items() if chat != ADMIN_CHAT})

    assert broadcast_status(db, bc) == "done"
    assert [c for c in calls if c.status == 429] == []  # one message a second per chat, at most
    assert got == Counter({str(CHAT_BASE + i): 1 for i in range(MEMBERS)})  # nobody twice, nobody missed
    rows = outbox_rows(db, bc)
    assert Counter(status for _, status, _ in rows) == {"sent": MEMBERS}
    assert_shared(slots["telegram"], RATE, MEMBERS)  # together, at the rate of one
    assert senders(db) == {"a", "b"}


def senders(db: Database) -> set[str]:
    """The workers that claimed (and so sent) the queued rows."""
    with db.session() as s:
        return {by.split("/")[0] for by in s.exec(select(col(Outbox.claimed_by))).all() if by}


async def test_zalo_workers_share_the_configured_rate(db: Database, slots: dict[str, list[float]]) -> None:
    zalo_rate, messages = 10.0, 20
    with db.session() as s:
        for i in range(messages):
            account = ensure_account(s, channel="zalo", external_id=f"z{i}")
            enqueue(s, account=account, reply=Reply(f"tin {i}"), kind="notice", dedup_key=f"z:{i}")
    with FakeZaloServer() as fake:
        settings = zalo_settings(db.url, fake).model_copy(update={"zalo_rate_per_second": zalo_rate})
        apps = [BotApp.build(settings) for _ in "ab"]
        workers = [
            app.make_worker(app.add_zalo(), worker_id=name, batch_size=5)
            for app, name in zip(apps, "ab", strict=True)
        ]
        await asyncio.gather(*(w.drain() for w in workers))
        for app in apps:
            await app.stop()
            app.services.db.dispose()
        assert sorted(m.chat_id for m in fake.all_texts()) == sorted(f"z{i}" for i in range(messages))
    # each worker alone would send at 10/s, the two together at 20/s; shared, they send at 10/s
    assert_shared(slots["zalo"], zalo_rate, messages)
    assert senders(db) == {"a", "b"}
