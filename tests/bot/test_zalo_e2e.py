"""The chat issue's conversations on Zalo, end to end over HTTP, in polling and in webhook mode.

The real BotApp (router, every registered feature, the outbox delivery worker) talks to the fake Zalo
Bot API server; buttons are numbered choices answered by typing the number.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlmodel import select

from services.importer import import_plan
from services.members import create_invite
from services.unit_changes import ensure_unit
from storage.coordination import ProcessedEvent
from storage.models import Jurisdiction, Membership, Outbox, Plan
from tests.bot.zalo_harness import SECRET, ZALO_ADMIN, ZaloHarness, zalo_bot
from tests.services.test_importer import gold

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["polling", "webhook"])
async def zbot(request: pytest.FixtureRequest, database_url: str) -> AsyncIterator[ZaloHarness]:
    async with zalo_bot(database_url, request.param) as harness:
        yield harness


def make_unit(h: ZaloHarness, name: str = "Sở Ngoại vụ") -> int:
    with h.app.services.db.session() as s:
        province = s.exec(select(Jurisdiction).where(Jurisdiction.name == "Đồng Nai")).first()
        if province is None:
            province = Jurisdiction(name="Đồng Nai", level="province", key="dong nai")
            s.add(province)
            s.flush()
        assert province.id is not None
        unit = ensure_unit(s, name=name, jurisdiction_id=province.id)
        assert unit.id is not None
        return unit.id


def make_invite(h: ZaloHarness, unit_id: int) -> str:
    with h.app.services.db.session() as s:
        _, code = create_invite(s, unit_id=unit_id, now=h.app.services.clock.now(), ttl=dt.timedelta(hours=1))
    return code


def choice(text: str, label: str) -> str:
    """The number shown in front of `label` in a numbered-choices message."""
    match = re.search(rf"^(\d+)\. {re.escape(label)}", text, re.MULTILINE)
    assert match, f"no choice {label!r} in:\n{text}"
    return match.group(1)


async def join(h: ZaloHarness, user: str, unit_id: int) -> None:
    [joined] = await h.say(user, make_invite(h, unit_id))
    assert "Đã xác minh" in joined


# --- the conversation set ------------------------------------------------------------------------


async def test_join_by_invite_code(zbot: ZaloHarness) -> None:
    unit_id = make_unit(zbot)
    [welcome] = await zbot.say("z1001", "/start")
    assert "mã mời" in welcome and "<b>" not in welcome
    code = make_invite(zbot, unit_id)
    [joined] = await zbot.say("z1001", code)
    assert "Sở Ngoại vụ" in joined and "Đã xác minh" in joined
    [refused] = await zbot.say("z1002", code)  # single use
    assert "không đúng" in refused
    with zbot.app.services.db.session() as s:
        assert len(s.exec(select(Membership)).all()) == 1


async def test_join_by_request_approved_by_a_zalo_admin(zbot: ZaloHarness) -> None:
    make_unit(zbot, "Sở Tài chính")
    await zbot.say(ZALO_ADMIN, "/start")  # the admin's account exists: the request can reach them
    [pick] = await zbot.say("z2001", "/join Sở Tài chính")
    [asked] = await zbot.say("z2001", choice(pick, "Sở Tài chính (Đồng Nai)"))
    assert "Sở Tài chính" in asked
    request = await zbot.expect(ZALO_ADMIN, "z2001")  # queued notice, delivered by the worker
    number = re.search(r"^(\d+)\. ", request, re.MULTILINE)
    assert number, request
    [decided] = await zbot.say(ZALO_ADMIN, number.group(1))
    assert "Sở Tài chính" in decided
    await zbot.expect("z2001", "Sở Tài chính")
    with zbot.app.services.db.session() as s:
        assert len(s.exec(select(Membership).where(Membership.active == True)).all()) == 1  # noqa: E712


async def test_refusals_and_unknown_input(zbot: ZaloHarness) -> None:
    [gate] = await zbot.say("z3001", "/stats")
    assert "quản trị viên" in gate
    [gate2] = await zbot.say("z3001", "/leave")
    assert "mã mời" in gate2
    [unknown] = await zbot.say("z3001", "/khongco")
    assert "/help" in unknown


async def test_language_by_number_and_help(zbot: ZaloHarness) -> None:
    [menu] = await zbot.say("z4001", "/lang")
    assert "Trả lời bằng số" in menu
    [done] = await zbot.say("z4001", choice(menu, "English"))
    assert done == "Language set to English."
    [helptext] = await zbot.say("z4001", "/help")
    assert "invite code" in helptext


async def test_admin_commands(zbot: ZaloHarness) -> None:
    [stats] = await zbot.say(ZALO_ADMIN, "/stats")
    assert "Thống kê" in stats
    unit_id = make_unit(zbot)
    [invite] = await zbot.say(ZALO_ADMIN, "/invite Sở Ngoại vụ")
    code = re.search(r": ([A-Z0-9-]{8,})\n", invite)
    assert code, invite
    assert "t.me" not in invite  # Zalo has no deep links
    [joined] = await zbot.say("z5001", code.group(1))
    assert "Đã xác minh" in joined
    assert unit_id


async def test_files_on_zalo_are_explained(zbot: ZaloHarness) -> None:
    zbot.fake.push(zbot.fake.text_update("z6001", "", event="message.unsupported.received"))
    notice = await zbot.expect("z6001", "Zalo không chuyển tệp đính kèm")
    assert "link" in notice
    [export] = await zbot.say(ZALO_ADMIN, "/export")
    assert "Zalo không cho bot gửi tệp" in export


async def test_broadcast_with_429s_and_timeouts_reaches_everyone_once(zbot: ZaloHarness) -> None:
    unit_id = make_unit(zbot)
    members = [f"z7{n:03d}" for n in range(12)]
    for user in members:
        await join(zbot, user, unit_id)
    fake = zbot.fake
    [ask] = await zbot.say(ZALO_ADMIN, "/broadcast")
    assert "nội dung" in ask
    [audience] = await zbot.say(ZALO_ADMIN, "Họp giao ban thứ Hai lúc 8 giờ.")
    [preview] = await zbot.say(ZALO_ADMIN, choice(audience, "Tất cả"))
    assert "12 tài khoản" in preview
    fake.fail("sendMessage", "429", times=3, retry_after=0.1)
    fake.fail("sendMessage", "timeout", times=2, delay=1.0, after=2)
    fake.fail("sendMessage", "drop", after=3)
    fake.fail("sendMessage", "500", times=2)
    before = {u: len(fake.texts(u)) for u in members}
    await zbot.say(ZALO_ADMIN, choice(preview, "✅ Gửi"))
    report = await zbot.expect(ZALO_ADMIN, "đã gửi xong", within=30)
    assert "Đã gửi: 12" in report and "Lỗi: 0" in report
    for user in members:
        got = [t for t in fake.texts(user)[before[user] :] if "Họp giao ban" in t]
        assert len(got) == 1, (user, got)
    with zbot.app.services.db.session() as s:
        rows = s.exec(select(Outbox).where(Outbox.kind == "broadcast")).all()
    assert len(rows) == 12 and {r.status for r in rows} == {"sent"}
    assert any(r.attempts > 1 for r in rows)  # the faults really hit the broadcast


# --- webhook specifics -----------------------------------------------------------------------------


async def test_forged_secret_and_redelivery(database_url: str) -> None:
    async with zalo_bot(database_url, "webhook") as h:
        update = h.fake.text_update("z8001", "/start")
        assert await asyncio.to_thread(h.fake.post_webhook, update, secret="forged-secret-000") == 401
        await h.zalo.drain()  # nothing was started, so nothing can still be on its way
        assert h.fake.texts("z8001") == []
        with h.app.services.db.session() as s:
            assert s.exec(select(ProcessedEvent)).all() == []  # nothing was even claimed
        for _ in range(3):
            assert await asyncio.to_thread(h.fake.post_webhook, update, secret=SECRET) == 200
        await h.fake.wait_texts("z8001", 1)
        await h.zalo.drain()  # the three deliveries' tasks have all ended
        assert len(h.fake.texts("z8001")) == 1
        assert h.fake.conflicts == 0 and h.fake.method_calls("getUpdates") == []


async def test_admin_imports_a_plan_by_link(zbot: ZaloHarness) -> None:
    sample = REPO / "data" / "plans" / "003_e84c5a2c7a77fed5.txt"
    url = zbot.fake.host_file(sample.name, sample.read_bytes())
    await zbot.say(ZALO_ADMIN, "/help")
    [preview] = await zbot.say(ZALO_ADMIN, url)
    assert "Nhập kế hoạch này?" in preview
    with zbot.app.services.db.session() as s:
        assert s.exec(select(Plan)).first() is None  # nothing stored before the confirmation
    await zbot.say(ZALO_ADMIN, choice(preview, "✅ Nhập"))
    await zbot.expect(ZALO_ADMIN, "Đã nhập")
    with zbot.app.services.db.session() as s:
        assert len(s.exec(select(Plan)).all()) == 1


async def test_officer_joins_by_request_and_asks_duties(zbot: ZaloHarness) -> None:
    with zbot.app.services.db.session() as s:
        for stem in ("001", "002", "003", "004"):
            import_plan(
                s, parsed=gold(stem), source_name=stem, content_hash=stem, default_province="Đồng Nai"
            )
    await zbot.say(ZALO_ADMIN, "/help")
    [pick] = await zbot.say("z9001", "/join so tai chinh dong nai")
    [sent] = await zbot.say("z9001", re.findall(r"^(\d+)\. Sở Tài chính", pick, re.MULTILINE)[0])
    assert "Đã gửi yêu cầu" in sent
    request = await zbot.expect(ZALO_ADMIN, "Yêu cầu gia nhập")
    await zbot.say(ZALO_ADMIN, re.findall(r"^(\d+)\. ", request, re.MULTILINE)[0])
    await zbot.expect("z9001", "đã duyệt")
    for question in ("/nhiemvu", "đơn vị tôi phụ trách gì", "nhiem vu cua so tai chinh"):
        answers = await zbot.say("z9001", question)
        assert "Nhiệm vụ của Sở Tài chính" in answers[0] and "3935/KH-UBND" in answers[0], question
        assert "<b>" not in answers[0] and all(len(a) <= 2000 for a in answers)
    [who] = await zbot.say("z9001", "ai phụ trách viện trợ phi chính phủ")
    assert "Ai phụ trách" in who and "Liên hiệp" in who
    # Zalo has no buttons: the units come back as numbered choices, numbered once
    assert not re.search(r"^\d+\. \d+\. ", who, re.MULTILINE), who
    # units are named with their province (issue 13)
    number = re.findall(r"^(\d+)\. Liên hiệp các tổ chức hữu nghị \(tỉnh \w[\w ]*\)$", who, re.MULTILINE)[-1]
    [picked] = await zbot.say("z9001", number)
    assert "Nhiệm vụ của Liên hiệp các tổ chức hữu nghị" in picked, picked
