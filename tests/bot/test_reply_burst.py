"""40 officers type their invite codes within a second: every one gets the confirmation (issue 13, 3).

The fake Bot API enforces Telegram's limits (30 messages/s, 1/s per chat) by answering 429 with
retry_after, and refuses a few more sends outright with 429 on top: direct replies go through the
delivery worker's paced, retried path, so the burst delays some answers and loses none.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from bot.app import BotApp
from services.members import create_invite
from storage.models import Membership, Unit
from testkit.fakes.telegram_server import FakeTelegram
from tests.bot.conftest import make_settings

OFFICERS = 40


async def test_a_burst_of_officers_all_get_their_confirmation(tg: FakeTelegram, database_url: str) -> None:
    settings = make_settings(database_url, tg)
    settings.telegram_rate_per_second = 30.0  # Telegram's real limits, as in production
    settings.telegram_per_chat_interval = 1.0
    app = BotApp.build(settings)
    with app.services.db.session() as s:
        unit = Unit(name="Sở Nội vụ", kind="so", key="so noi vu")
        s.add(unit)
        s.flush()
        now = dt.datetime.now(dt.UTC)
        codes = [
            create_invite(s, unit_id=unit.id or 0, now=now, ttl=dt.timedelta(hours=1))[1]
            for _ in range(OFFICERS)
        ]
    telegram = app.add_telegram()
    await telegram.start_polling(poll_timeout=1)
    await app.start(idle_sleep=0.05)
    try:
        tg.enforce_rate(per_second=30, per_chat_interval=1.0)
        tg.fail("sendMessage", status=429, retry_after=1, times=3)  # and a few refusals on top
        users = range(5001, 5001 + OFFICERS)
        for user, code in zip(users, codes, strict=True):
            tg.push_text(user, code)

        def confirmed() -> list[int]:
            return [u for u in users if any("Đã xác minh" in text for text in tg.texts_to(u))]

        await tg.wait_for(lambda: len(confirmed()) == OFFICERS, within=60)
    finally:
        await app.stop()  # closes the pool; the look below opens one connection more
    refused = [c for c in tg.calls_to("sendMessage") if c.status == 429]
    assert refused, "the fake server should have refused some sends with 429"
    assert sorted(confirmed()) == list(users)
    assert all(len(tg.texts_to(u)) == 1 for u in users)  # once each
    try:
        with app.services.db.session() as s:
            assert len(s.exec(select(Membership)).all()) == OFFICERS
    finally:
        app.services.db.dispose()


async def test_on_zalo_replies_refused_with_429_still_arrive(database_url: str) -> None:
    """The same path on Zalo: a burst of officers while the platform answers 429 more times than
    the channel's own short retry would survive; every one is confirmed."""
    from tests.bot.zalo_harness import zalo_bot

    async with zalo_bot(database_url, "polling") as bot:
        with bot.app.services.db.session() as s:
            unit = Unit(name="Sở Nội vụ", kind="so", key="so noi vu")
            s.add(unit)
            s.flush()
            now = dt.datetime.now(dt.UTC)
            codes = [
                create_invite(s, unit_id=unit.id or 0, now=now, ttl=dt.timedelta(hours=1))[1]
                for _ in range(8)
            ]
        bot.fake.fail("sendMessage", "429", times=30, retry_after=0.2)  # more than 3 tries each
        users = [f"z{i}" for i in range(8)]
        for user, code in zip(users, codes, strict=True):
            bot.fake.say(user, code)
        for user in users:
            await bot.expect(user, "Đã xác minh", within=30)
