"""Whole conversations through the real python-telegram-bot Application and a fake Bot API over HTTP."""

from __future__ import annotations

import datetime as dt

from services.members import create_invite
from storage.models import ChatAccount, Membership, Unit
from tests.bot.conftest import ADMIN
from tests.bot.harness import Harness


def make_unit(h: Harness, name: str = "Sở Ngoại vụ") -> int:
    with h.app.services.db.session() as s:
        unit = Unit(name=name, kind="so", key=name.lower())
        s.add(unit)
        s.flush()
        assert unit.id is not None
        return unit.id


def make_invite(h: Harness, unit_id: int) -> str:
    with h.app.services.db.session() as s:
        _, code = create_invite(s, unit_id=unit_id, now=h.app.services.clock.now(), ttl=dt.timedelta(hours=1))
    return code


async def test_join_by_invite_deep_link_and_typed_code(bot: Harness) -> None:
    unit_id = make_unit(bot)
    code = make_invite(bot, unit_id)
    [welcome] = await bot.say(1001, "/start")
    assert "mã mời" in welcome.text
    [joined] = (await bot.say(1001, f"/start {code.replace('-', '')}"))[-1:]
    assert "Sở Ngoại vụ" in joined.text and "Đã xác minh" in joined.text
    # single use: another person typing the same code is refused
    [refused] = await bot.say(1002, code)
    assert "không đúng" in refused.text
    with bot.app.services.db.session() as s:
        members = s.exec(__import__("sqlmodel").select(Membership)).all()
    assert len(members) == 1


async def test_unregistered_and_non_admin_are_refused_and_nothing_changes(bot: Harness) -> None:
    [gate] = await bot.say(1003, "/stats")
    assert "quản trị viên" in gate.text
    [gate2] = await bot.say(1003, "/leave")
    assert "mã mời" in gate2.text
    [bad] = (await bot.tap(1003, "bc:go:1"))[-1:]
    assert "quản trị viên" in bad.text
    [unknown] = (await bot.tap(1003, "zz:\u00e9:1"))[-1:]
    assert "/help" in unknown.text
    assert bot.tg.calls_to("answerCallbackQuery")


async def test_language_switch_and_help(bot: Harness) -> None:
    [choose] = await bot.say(1004, "/lang")
    assert bot.buttons(choose) == ["lang:vi", "lang:en"]
    [done] = (await bot.tap(1004, "lang:en"))[-1:]
    assert done.text == "Language set to English."
    [helptext] = await bot.say(1004, "/help")
    assert "invite code" in helptext.text


async def test_admin_gets_admin_commands_and_menus_are_set(bot: Harness) -> None:
    [stats] = await bot.say(ADMIN, "/stats")
    assert "Thống kê" in stats.text
    scopes = {scope for scope, _lang in bot.tg.commands}
    assert any('"default"' in s for s in scopes)
    with bot.app.services.db.session() as s:
        assert s.exec(__import__("sqlmodel").select(ChatAccount)).first() is not None


async def test_admin_command_menu_in_the_admin_chat_scope(bot: Harness) -> None:
    await bot.say(ADMIN, "/help")
    await bot.bot.set_commands()
    admin_menus = [cmds for (scope, _), cmds in bot.tg.commands.items() if '"chat"' in scope]
    assert admin_menus and any(c["command"] == "broadcast" for c in admin_menus[0])
    default = [
        cmds for (scope, lang), cmds in bot.tg.commands.items() if '"default"' in scope and lang == "en"
    ]
    assert default and all(c["command"] != "broadcast" for c in default[0])
