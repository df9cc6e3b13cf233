"""Issue 12 end to end, on Telegram (buttons), Zalo and the console (typed commands): an admin imports a
real plan with known extraction errors, fixes three of them (a missing unit, a wrong role, a deadline
date), confirms; officers of the affected units see the corrected duties and deadlines; re-importing
the same file keeps the corrections; a later correction (/sua) tells the members concerned.

The three fixes come from the difference between today's extraction and the plan's gold file
(tests/services/gold_corrections.three_fixes), with stand-ins of the same kind where the extractor no
longer makes that error, so the test drives the same path whatever the extractor does.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections.abc import AsyncIterator

import pytest
from sqlmodel import select

from bot.app import BotApp
from bot.channels.console import ConsoleChannel, ConsoleSession
from config.settings import Settings
from messages.render import esc
from parsing.document import parse_file
from services.corrections import apply_corrections
from services.members import create_invite
from services.units import resolve_unit
from storage.models import Assignment, Deadline, Plan, PlanCorrection
from testkit.fakes.telegram_server import SentMessage
from tests.bot.conftest import ADMIN
from tests.bot.harness import Harness
from tests.bot.zalo_harness import ZALO_ADMIN, ZaloHarness, zalo_bot
from tests.services.gold_corrections import FIXTURES, Fix, three_fixes

STEM = "f069c23c942c1ec6"  # UBND tỉnh Đồng Nai, 182/KH-UBND: units as headings, errors of all kinds
PLAN = FIXTURES / f"{STEM}.md"
MAX_TAPS = 3


def fixes() -> tuple[Fix, Fix, Fix]:
    gold = json.loads((FIXTURES / f"{STEM}.gold.json").read_text(encoding="utf-8"))
    corrected = apply_corrections(parse_file(PLAN), [])
    missing, role, date = three_fixes(gold, corrected, dt.date.today())
    return missing, role, date


def next_due(due: str, today: dt.date) -> dt.date:
    """The next date of a yearly "MM-DD" (or a one-off date) from today."""
    if len(due) == 10:
        return dt.date.fromisoformat(due)
    month, day = map(int, due.split("-"))
    this_year = dt.date(today.year, month, day)
    return this_year if this_year >= today else dt.date(today.year + 1, month, day)


def unit_id(app: BotApp, name: str) -> int:
    """The unit named so in the plan's jurisdiction (whatever the extractor read from the header)."""
    with app.services.db.session() as s:
        plan = s.exec(select(Plan)).one()
        unit = resolve_unit(s, name=name, jurisdiction_id=plan.jurisdiction_id)
        assert unit is not None and unit.id is not None, name
        return unit.id


def invite(app: BotApp, name: str) -> str:
    with app.services.db.session() as s:
        _, code = create_invite(
            s, unit_id=unit_id(app, name), now=app.services.clock.now(), ttl=dt.timedelta(hours=1)
        )
    return code


def owing_unit(app: BotApp, fix: Fix) -> str:
    """A unit named in the fixed deadline's parties (the one whose officer checks its date)."""
    with app.services.db.session() as s:
        plan = s.exec(select(Plan)).one()
        deadlines = s.exec(select(Deadline).where(Deadline.plan_id == plan.id)).all()
        recurrence, due = fix.due
        month, day = (int(due[5:7]), int(due[8:])) if recurrence == "once" else map(int, due.split("-"))  # type: ignore[index, union-attr]
        fixed = next(d for d in deadlines if d.due_day == day and (d.due_month == month or d.due_date))
        return fixed.unit_text.split(";")[0].strip()


def assert_stored(app: BotApp, missing: Fix, role: Fix, date: Fix) -> None:
    """What the database holds after the fixes (and after a re-import of the same file)."""
    with app.services.db.session() as s:
        rows = s.exec(select(Assignment)).all()
        assert any(a.unit_text == missing.unit and a.role == missing.role for a in rows)
        flipped = [a for a in rows if a.unit_text == role.unit and a.duty == role.duty]
        assert flipped and all(a.role == role.role for a in flipped)
        assert len(s.exec(select(PlanCorrection)).all()) == 3
        recurrence, due = date.due
        deadline = s.exec(select(Deadline).where(Deadline.recurrence == recurrence)).all()
        assert any(
            (d.due_date and d.due_date.isoformat() == due) or (f"{d.due_month:02d}-{d.due_day:02d}" == due)
            for d in deadline
            if d.due_day or d.due_date
        )


def duty_line(text: str, duty: str) -> str:
    """The line of a duty list that shows `duty`."""
    prefix = esc(duty[:40])
    return next(line for line in text.splitlines() if prefix in line)


# --- Telegram --------------------------------------------------------------------------------------


async def press(h: Harness, screen: SentMessage, ending: str) -> SentMessage:
    """Tap the button of `screen` whose data ends with `ending`; the screen it leads to (the same
    message edited, or a new one)."""
    data = next((d for d in h.buttons(screen) if d.endswith(ending)), None)
    assert data is not None, f"no button ending {ending!r} in {h.buttons(screen)}"
    new = await h.tap(ADMIN, data, message_id=screen.message_id)
    return new[-1] if new else screen


def group_of(h: Harness, row: int) -> int:
    """The d-number of the unit holding row `row`, as the overview's button shows it."""
    from services.plan_review import review
    from services.review_drafts import Draft
    from storage.models import ChatAccount, ConversationState

    with h.app.services.db.session() as s:
        account = s.exec(select(ChatAccount).where(ChatAccount.external_id == str(ADMIN))).one()
        state = s.get_one(ConversationState, account.id)
        draft = Draft.from_json((state.data or {})["rv"])
        rv = review(s, draft, default_province="Đồng Nai")
        group = rv.group_of(row)
        assert group is not None
        return group.number


async def all_duties(h: Harness, user: int) -> str:
    [page] = await h.say(user, "/nhiemvu")
    text = page.text
    while nxt := [d for d in h.buttons(page) if d.startswith("duty:page:") and "▶" in str(page.reply_markup)]:
        more = await h.tap(user, nxt[-1], message_id=page.message_id)
        page = more[-1] if more else page
        if page.text in text:
            break
        text += "\n" + page.text
    return text


async def test_telegram_three_fixes_with_at_most_three_taps_each(bot: Harness) -> None:
    missing, role, date = fixes()
    await bot.say(ADMIN, "/help")
    [home] = await bot.send_file(ADMIN, PLAN.name, PLAN.read_bytes())
    assert "Đọc được từ" in home.text and "Cần xem" in home.text
    assert home.text.index("Cần xem") < home.text.index("Theo đơn vị")  # doubts first
    assert all(len(d.encode()) <= 64 for d in bot.buttons(home))

    # Each fix counted from the overview (the preview itself, or its 🏠 button).
    # A wrong role: its unit, the row, switch.
    screen, taps = home, 0
    for ending in (f":c:xem d{group_of(bot, role.row)}", f":c:xem {role.row}", f":c:vai {role.row}"):
        screen = await press(bot, screen, ending)
        taps += 1
    became = "thành phối hợp" if role.role == "support" else "thành chủ trì"
    assert taps <= MAX_TAPS and screen.text.startswith("✔") and became in screen.text

    # A missing unit: the duty's unit, the row, "add a lead unit"; then the name is typed.
    screen, taps = await press(bot, screen, ":c:xem"), 0
    word = "chu tri" if missing.role == "lead" else "phoi hop"
    for ending in (
        f":c:xem d{group_of(bot, missing.row)}",
        f":c:xem {missing.row}",
        f":i:them {missing.row} {word} {{}}",
    ):
        screen = await press(bot, screen, ending)
        taps += 1
    assert taps <= MAX_TAPS and "Gõ tên đơn vị" in screen.text
    [done] = await bot.say(ADMIN, missing.unit)
    assert done.text.startswith("✔ thêm") and esc(missing.unit) in done.text

    # A deadline date: the deadline, "date / recurrence"; then the date is typed.
    screen, taps = await press(bot, done, ":c:xem"), 0
    for ending in (f":c:xem h{date.deadline}", f":i:han h{date.deadline} {{}}"):
        screen = await press(bot, screen, ending)
        taps += 1
    assert taps <= MAX_TAPS and "Gõ ngày" in screen.text
    [done] = await bot.say(ADMIN, date.when)
    assert done.text.startswith("✔ thời hạn")

    await press(bot, done, ":c:nhap")
    await bot.tg.wait_for(lambda: any("Đã nhập" in m for m in bot.tg.texts_to(ADMIN)))
    assert_stored(bot.app, missing, role, date)

    # officers of the affected units see the corrected duties and deadlines
    for officer, name in ((4001, missing.unit), (4002, role.unit), (4003, owing_unit(bot.app, date))):
        [joined] = await bot.say(officer, invite(bot.app, name))
        assert "Đã xác minh" in joined.text
    assert esc(missing.duty[:40]) in await all_duties(bot, 4001)
    label = "[Phối hợp]" if role.role == "support" else "[Chủ trì]"
    assert label in duty_line(await all_duties(bot, 4002), role.duty)
    [deadlines] = await bot.say(4003, "/hanbaocao")
    assert f"{next_due(date.due[1] or '', dt.date.today()):%d/%m/%Y}" in deadlines.text

    # the same file again: the corrections are re-applied, and kept
    [again] = await bot.send_file(ADMIN, PLAN.name, PLAN.read_bytes())
    assert "Đã áp dụng lại 3 sửa đổi" in again.text
    await press(bot, again, ":c:nhap")
    await bot.tg.wait_for(lambda: sum("Đã nhập" in m for m in bot.tg.texts_to(ADMIN)) >= 2)
    assert_stored(bot.app, missing, role, date)

    # after it went live: /sua, remove the added duty; its unit's officer is told
    [menu] = await bot.say(ADMIN, "/sua")
    plan_button = next(d for d in bot.buttons(menu) if d.startswith("sua:"))
    live = await press(bot, menu, plan_button)
    assert "Sửa kế hoạch" in live.text
    added = next_row_of(bot, missing.unit)
    screen = await press(bot, live, f":c:xem d{group_of(bot, added)}")
    screen = await press(bot, screen, f":c:xem {added}")
    screen = await press(bot, screen, f":c:xoa {added}")
    saved = await press(bot, screen, ":c:nhap")
    assert "Đã lưu 1 sửa đổi" in saved.text and "1 người" in saved.text
    await bot.tg.wait_for(lambda: any("vừa được quản trị viên sửa" in m for m in bot.tg.texts_to(4001)))
    notice = next(m for m in bot.tg.texts_to(4001) if "vừa được quản trị viên sửa" in m)
    assert "Không còn giao" in notice and esc(missing.duty[:40]) in notice
    assert not any("vừa được quản trị viên sửa" in m for m in bot.tg.texts_to(4002))


def next_row_of(h: Harness, unit: str) -> int:
    from services.plan_review import review
    from services.review_drafts import Draft
    from storage.models import ChatAccount, ConversationState

    with h.app.services.db.session() as s:
        account = s.exec(select(ChatAccount).where(ChatAccount.external_id == str(ADMIN))).one()
        draft = Draft.from_json((s.get_one(ConversationState, account.id).data or {})["rv"])
        rv = review(s, draft, default_province="Đồng Nai")
        return next(r.id for r in rv.corrected.rows if r.item.unit == unit)


# --- Zalo ------------------------------------------------------------------------------------------


@pytest.fixture
async def zbot(database_url: str) -> AsyncIterator[ZaloHarness]:
    async with zalo_bot(database_url, "polling") as harness:
        yield harness


async def test_zalo_three_fixes_by_typed_commands(zbot: ZaloHarness) -> None:
    missing, role, date = fixes()
    url = zbot.fake.host_file(PLAN.name, PLAN.read_bytes())
    await zbot.say(ZALO_ADMIN, "/help")
    preview = await zbot.say(ZALO_ADMIN, url, replies=2)  # the overview is over 2000 characters
    text = "\n".join(preview)
    assert all(len(part) <= 2000 for part in preview)
    assert "Cần xem" in text and "thêm 12 chủ trì" in text  # the commands are in the preview's help
    assert "<b>" not in text

    [shown] = await zbot.say(ZALO_ADMIN, f"xem {role.row}")
    assert f"vai {role.row}" in shown  # the row's commands, with its number
    [done] = await zbot.say(ZALO_ADMIN, f"vai {role.row}")
    assert done.startswith("✔")
    word = "chủ trì" if missing.role == "lead" else "phối hợp"
    [done] = await zbot.say(ZALO_ADMIN, f"thêm {missing.row} {word} {missing.unit}")
    assert done.startswith("✔ thêm")
    [done] = await zbot.say(ZALO_ADMIN, f"hạn h{date.deadline} {date.when}")
    assert done.startswith("✔ thời hạn")
    [bad] = await zbot.say(ZALO_ADMIN, "xoá 9999")
    assert "Không có nhiệm vụ 9999" in bad
    await zbot.say(ZALO_ADMIN, "nhập")
    await zbot.expect(ZALO_ADMIN, "Đã nhập")
    assert_stored(zbot.app, missing, role, date)

    for officer, name in (
        ("z4001", missing.unit),
        ("z4002", role.unit),
        ("z4003", owing_unit(zbot.app, date)),
    ):
        [joined] = await zbot.say(officer, invite(zbot.app, name))
        assert "Đã xác minh" in joined
    duties = "\n".join(await zbot.say("z4001", "/nhiemvu"))
    assert missing.duty[:40] in duties
    duties = "\n".join(await zbot.say("z4002", "/nhiemvu"))
    label = "[Phối hợp]" if role.role == "support" else "[Chủ trì]"
    assert label in next(line for line in duties.splitlines() if role.duty[:40] in line)
    deadlines = "\n".join(await zbot.say("z4003", "/hanbaocao"))
    assert f"{next_due(date.due[1] or '', dt.date.today()):%d/%m/%Y}" in deadlines

    preview = await zbot.say(ZALO_ADMIN, url, replies=2)  # the same file again
    assert "Đã áp dụng lại 3 sửa đổi" in "\n".join(preview)
    await zbot.say(ZALO_ADMIN, "nhập")
    await zbot.fake.wait_for(lambda: sum("Đã nhập" in t for t in zbot.fake.texts(ZALO_ADMIN)) >= 2)
    assert_stored(zbot.app, missing, role, date)


# --- the console -----------------------------------------------------------------------------------


async def test_console_three_fixes_by_typed_commands(database_url: str) -> None:
    missing, role, date = fixes()
    app = BotApp.build(Settings(_env_file=None, database_url=database_url, admins=["console:boss"]))  # type: ignore[call-arg]
    out = io.StringIO()
    channel = ConsoleChannel(out=out)
    boss = ConsoleSession(app.dispatch, channel, user="boss")
    try:

        async def say(session: ConsoleSession, line: str) -> str:
            start = len(out.getvalue())
            await session.say(line)
            return out.getvalue()[start:].removeprefix(f"[to {session.sender.chat_id}] ")

        preview = await say(boss, f"file: {PLAN}")
        assert "Cần xem" in preview and "gộp 12 13" in preview and "1. ✅ Nhập" in preview
        word = "chu tri" if missing.role == "lead" else "phoi hop"
        for line in (
            f"vai {role.row}",
            f"them {missing.row} {word} {missing.unit}",
            f"han h{date.deadline} {date.when}",
        ):
            assert (await say(boss, line)).startswith("✔"), line
        undo = await say(boss, "hoàn tác")  # take the date back, and do it again
        assert undo.startswith("↩")
        assert (await say(boss, f"han h{date.deadline} {date.when}")).startswith("✔")
        assert "Đã nhập" in await say(boss, "nhap")
        assert_stored(app, missing, role, date)

        for user, name in (("o1", missing.unit), ("o2", role.unit), ("o3", owing_unit(app, date))):
            officer = ConsoleSession(app.dispatch, channel, user=user)
            assert "Đã xác minh" in await say(officer, invite(app, name))
            if user == "o1":
                assert missing.duty[:40] in await say(officer, "/nhiemvu")
            if user == "o2":
                duties = await say(officer, "/nhiemvu")
                label = "[Phối hợp]" if role.role == "support" else "[Chủ trì]"
                assert label in next(line for line in duties.splitlines() if role.duty[:40] in line)
            if user == "o3":
                due = next_due(date.due[1] or "", dt.date.today())
                assert f"{due:%d/%m/%Y}" in await say(officer, "/hanbaocao")

        again = await say(boss, f"file: {PLAN}")
        assert "Đã áp dụng lại 3 sửa đổi" in again
        assert "Đã nhập" in await say(boss, "1")  # the numbered choice works as well as the word
        assert_stored(app, missing, role, date)
        assert not re.search(r"<(?:b|i|code)>", out.getvalue())
    finally:
        app.services.db.dispose()
