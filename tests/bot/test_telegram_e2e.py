"""Whole conversations through the real python-telegram-bot Application and a fake Bot API over HTTP."""

from __future__ import annotations

import datetime as dt
import json

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


def _chat_scope(chat_id: int) -> str:
    return json.dumps({"type": "chat", "chat_id": chat_id}, sort_keys=True)


def _scoped_calls(h: Harness, method: str, chat_id: int) -> list[dict[str, object]]:
    return [
        c.params for c in h.tg.calls_to(method) if (c.params.get("scope") or {}).get("chat_id") == chat_id
    ]


async def test_promotion_and_demotion_refresh_the_chat_menu_while_running(bot: Harness) -> None:
    """Menus are set at start-up; a person promoted (or demoted) later gets (or loses) the admin
    menu of their own chat at once: setMyCommands / deleteMyCommands with BotCommandScopeChat."""
    officer = 1005
    await bot.say(officer, "/help", language_code="en")  # known to the bot (and English)
    assert (_chat_scope(officer), "") not in bot.tg.commands

    [done] = await bot.say(ADMIN, f"/promote telegram:{officer}")
    assert "đã là quản trị viên" in done.text
    [call] = _scoped_calls(bot, "setMyCommands", officer)
    assert call["scope"] == {"type": "chat", "chat_id": officer}
    menu = {c["command"]: c["description"] for c in bot.tg.commands[(_chat_scope(officer), "")]}
    assert {"nhiemvu", "broadcast", "promote", "demote"} <= menu.keys()
    assert menu["broadcast"] == "Send an announcement"  # in the officer's language
    [notice] = (await bot.wait_messages(officer, 2))[1:]
    assert notice.text.startswith("You are now an admin")
    [stats] = await bot.say(officer, "/stats")
    assert "Statistics" in stats.text

    [done] = await bot.say(ADMIN, f"/demote telegram:{officer}")
    assert "không còn là quản trị viên" in done.text
    [call] = _scoped_calls(bot, "deleteMyCommands", officer)
    assert call["scope"] == {"type": "chat", "chat_id": officer}
    assert (_chat_scope(officer), "") not in bot.tg.commands  # the default menu of its language again
    assert len(_scoped_calls(bot, "setMyCommands", officer)) == 1
    [notice] = (await bot.wait_messages(officer, 4))[3:]
    assert notice.text == "Your admin rights have been taken away."
    [refused] = await bot.say(officer, "/stats")
    assert refused.text == "This command is for admins only."

    # An admin of the ADMINS setting is refused (the router would restore them on their next message).
    [refused] = await bot.say(ADMIN, f"/demote telegram:{ADMIN}")
    assert "ADMINS" in refused.text
    assert not _scoped_calls(bot, "deleteMyCommands", ADMIN)
