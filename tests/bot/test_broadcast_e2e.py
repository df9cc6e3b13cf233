"""A broadcast to 1,000 members over the fake Bot API: 429s, blocked users, 5xx, and a restart midway.

Each member must get the announcement exactly once, blocked members are marked inactive, and the
report the admin ends up with has the right numbers.
"""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from bot.app import BotApp
from storage.models import Broadcast, ChatAccount, Membership, Outbox, Person, Unit
from testkit.fakes.telegram_server import FakeTelegram
from tests.bot.conftest import ADMIN, make_settings
from tests.bot.harness import Harness

MEMBERS = 1000
FIRST = 10_000
BLOCKED = {FIRST + i for i in range(0, 1000, 50)}  # 20 members blocked the bot
LIMITED = {FIRST + i for i in range(7, 1000, 97)}  # 11 members answered 429 once
FLAKY = {FIRST + 3, FIRST + 503}  # a 502 once
TEXT = "Họp giao ban <quý I> & báo cáo trước 15/3"


def seed_members(app: BotApp) -> None:
    with app.services.db.session() as s:
        unit = Unit(name="Sở Tài chính", kind="so", key="so tai chinh")
        s.add(unit)
        s.flush()
        for i in range(MEMBERS):
            person = Person(display_name=f"Member {i}")
            s.add(person)
            s.flush()
            s.add(
                ChatAccount(
                    person_id=person.id or 0,
                    channel="telegram",
                    external_id=str(FIRST + i),
                    chat_id=str(FIRST + i),
                )
            )
            s.add(Membership(person_id=person.id or 0, unit_id=unit.id or 0))


async def start(tg: FakeTelegram, database_url: str) -> Harness:
    app = BotApp.build(make_settings(database_url, tg))
    telegram = app.add_telegram()
    await telegram.start_polling(poll_timeout=1)
    await app.start(idle_sleep=0.05, rate_per_second=250.0, batch_size=40, progress_every=0.2)
    return Harness(tg, app, telegram)


def copies(tg: FakeTelegram, chat: int) -> int:
    return sum(1 for text in tg.texts_to(chat) if "Họp giao ban &lt;quý I&gt; &amp; báo cáo" in text)


@pytest.mark.slow
async def test_broadcast_to_1000_with_faults_and_restart(tg: FakeTelegram, database_url: str) -> None:
    h = await start(tg, database_url)
    seed_members(h.app)
    for chat in BLOCKED:
        tg.block(chat)
    for chat in LIMITED:
        tg.fail("sendMessage", status=429, retry_after=1, chat_id=chat)
    for chat in FLAKY:
        tg.fail("sendMessage", status=502, retry_after=None, chat_id=chat)

    await h.say(ADMIN, "/broadcast")
    await h.say(ADMIN, TEXT)
    [preview] = await h.tap(ADMIN, "bc:aud:all")
    assert f"{MEMBERS} " in preview.text and "&lt;quý I&gt;" in preview.text
    go = next(d for d in h.buttons(preview) if d.startswith("bc:go:"))
    await h.tap(ADMIN, go)

    # stop in the middle of the broadcast, as a deploy or a crash-free restart would
    await tg.wait_for(lambda: len(tg.calls_to("sendMessage")) >= 300, within=30)
    await h.app.stop()
    with h.app.services.db.session() as s:
        left = s.exec(select(Outbox).where(Outbox.status == "pending")).all()
    h.app.services.db.dispose()
    assert 0 < len(left) < MEMBERS  # really stopped midway

    h2 = await start(tg, database_url)
    try:
        with h2.app.services.db.session() as s:
            bc = s.exec(select(Broadcast)).one()
        await tg.wait_for(lambda: _finished(h2, bc.id or 0), within=60)
        await tg.wait_for(lambda: "Đã gửi:" in tg.last_to(ADMIN).text or _report_sent(tg), within=10)
    finally:
        await h2.app.stop()
        h2.app.services.db.dispose()

    for i in range(MEMBERS):
        chat = FIRST + i
        assert copies(tg, chat) == (0 if chat in BLOCKED else 1), chat
    report = next(m.text for m in reversed(tg.messages[str(ADMIN)]) if "Đã gửi:" in m.text)
    numbers = dict(re.findall(r"(Tổng|Đã gửi|Lỗi|Đã chặn bot): (\d+)", report))
    assert numbers == {
        "Tổng": "1000",
        "Đã gửi": str(MEMBERS - len(BLOCKED)),
        "Lỗi": "0",
        "Đã chặn bot": str(len(BLOCKED)),
    }
    with h2.app.services.db.session() as s:
        inactive = s.exec(select(ChatAccount).where(ChatAccount.active == False)).all()  # noqa: E712
    h2.app.services.db.dispose()
    assert {int(a.chat_id) for a in inactive} == BLOCKED


def _finished(h: Harness, broadcast_id: int) -> bool:
    with h.app.services.db.session() as s:
        return s.get_one(Broadcast, broadcast_id).status == "done"


def _report_sent(tg: FakeTelegram) -> bool:
    return any("Đã gửi:" in m.text for m in tg.messages.get(str(ADMIN), []))
