"""Linking a Telegram and a Zalo account through the router, and choosing where reminders go."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlmodel import select

from config.settings import Settings
from handlers import account_links
from handlers.context import AppServices, ChannelCaps
from handlers.router import Router
from messages.types import Incoming, Reply, Sender
from services.account_links import delivery_account
from services.clock import ManualClock
from storage.db import Database
from storage.models import ChatAccount, Membership, Person, Unit

TG = ChannelCaps(name="telegram", text_limit=4096, supports_buttons=True, supports_html=True)
ZL = ChannelCaps(name="zalo", text_limit=2000, supports_buttons=False, supports_html=False)


@pytest.fixture
def router(db: Database, clock: ManualClock) -> Router:
    r = Router(AppServices(db=db, clock=clock, settings=Settings(admins=[])))
    account_links.register(r)
    return r


async def say(router: Router, channel: str, user: str, text: str) -> Reply:
    caps = TG if channel == "telegram" else ZL
    sender = Sender(channel=channel, external_id=user, chat_id=user, display_name=user)
    [reply] = await router.handle(Incoming(sender=sender, text=text), caps)
    return reply


def code_in(reply: Reply) -> str:
    match = re.search(r"<b>([A-Z0-9]{4}-[A-Z0-9]{4})</b>", reply.html)
    assert match, reply.html
    return match.group(1)


def person_of(db: Database, channel: str, user: str) -> Person:
    with db.session() as s:
        account = s.exec(
            select(ChatAccount).where(ChatAccount.channel == channel, ChatAccount.external_id == user)
        ).one()
        return s.get_one(Person, account.person_id)


def make_member(db: Database, channel: str, user: str, unit_name: str) -> int:
    person = person_of(db, channel, user)
    with db.session() as s:
        unit = Unit(name=unit_name, kind="so", key=unit_name.lower())
        s.add(unit)
        s.flush()
        s.add(Membership(person_id=person.id, unit_id=unit.id))
        assert unit.id is not None
        return unit.id


async def test_link_telegram_and_zalo_then_choose_channel(router: Router, db: Database) -> None:
    await say(router, "telegram", "t1", "/kenh")  # the Telegram user is known ...
    unit_id = make_member(db, "telegram", "t1", "Sở Ngoại vụ")  # ... and verified for a unit
    single = await say(router, "zalo", "z1", "/kenh")
    assert "/lienket" in single.html
    code = code_in(await say(router, "telegram", "t1", "/lienket"))
    linked = await say(router, "zalo", "z1", f"/lienket {code.lower()}")
    assert "Đã liên kết" in linked.html and "Telegram, Zalo" in linked.html
    tg, zl = person_of(db, "telegram", "t1"), person_of(db, "zalo", "z1")
    assert tg.id == zl.id and tg.preferred_channel == "zalo"  # chosen where linking finished
    with db.session() as s:
        assert [m.unit_id for m in s.exec(select(Membership).where(Membership.person_id == tg.id))] == [
            unit_id
        ]
        assert delivery_account(s, person_id=tg.id).channel == "zalo"  # type: ignore[arg-type, union-attr]
    # The Zalo account now passes member-only gates through the shared membership; /kenh offers both.
    status = await say(router, "zalo", "z1", "/kenh")
    assert "1. Gửi qua Telegram" in status.html and "2. Gửi qua Zalo" in status.html
    chosen = await say(router, "zalo", "z1", "1")
    assert "Telegram" in chosen.html
    with db.session() as s:
        assert delivery_account(s, person_id=tg.id).channel == "telegram"  # type: ignore[arg-type, union-attr]
        # A blocked Telegram account does not swallow reminders: the Zalo account gets them.
        account = s.exec(select(ChatAccount).where(ChatAccount.channel == "telegram")).one()
        account.active = False
        s.add(account)
    with db.session() as s:
        assert delivery_account(s, person_id=tg.id).channel == "zalo"  # type: ignore[arg-type, union-attr]


async def test_code_is_single_use_and_expires(router: Router, db: Database, clock: ManualClock) -> None:
    code = code_in(await say(router, "telegram", "t1", "/lienket"))
    assert "chính tài khoản" in (await say(router, "telegram", "t1", f"/lienket {code}")).html
    clock.advance(dt.timedelta(minutes=16))
    assert "hết hạn" in (await say(router, "zalo", "z1", f"/lienket {code}")).html
    code = code_in(await say(router, "telegram", "t1", "/lienket"))
    assert "Đã liên kết" in (await say(router, "zalo", "z1", f"/lienket {code}")).html
    assert "hết hạn" in (await say(router, "zalo", "z2", f"/lienket {code}")).html  # spent
    assert person_of(db, "zalo", "z2").id != person_of(db, "telegram", "t1").id


async def test_wrong_codes_lock_the_account(router: Router, clock: ManualClock) -> None:
    for _ in range(5):
        await say(router, "zalo", "z1", "/lienket AAAA-BBBB")
    code = code_in(await say(router, "telegram", "t1", "/lienket"))
    assert "quá nhiều lần" in (await say(router, "zalo", "z1", f"/lienket {code}")).html
    clock.advance(dt.timedelta(minutes=15, seconds=1))
    code = code_in(await say(router, "telegram", "t1", "/lienket"))
    assert "Đã liên kết" in (await say(router, "zalo", "z1", f"/lienket {code}")).html


async def test_members_of_different_units_cannot_link(router: Router, db: Database) -> None:
    await say(router, "telegram", "t1", "/kenh")
    await say(router, "zalo", "z1", "/kenh")
    make_member(db, "telegram", "t1", "Sở Ngoại vụ")
    make_member(db, "zalo", "z1", "Sở Tài chính")
    code = code_in(await say(router, "telegram", "t1", "/lienket"))
    assert "đơn vị khác nhau" in (await say(router, "zalo", "z1", f"/lienket {code}")).html
    assert person_of(db, "telegram", "t1").id != person_of(db, "zalo", "z1").id


async def test_member_on_zalo_keeps_membership_when_linking_from_telegram(
    router: Router, db: Database
) -> None:
    await say(router, "zalo", "z1", "/kenh")
    unit_id = make_member(db, "zalo", "z1", "Sở Ngoại vụ")
    code = code_in(await say(router, "telegram", "t9", "/link"))  # the new Telegram account asks
    reply = await say(router, "zalo", "z1", f"/lienket {code}")
    assert "Đã liên kết" in reply.html
    person = person_of(db, "telegram", "t9")
    assert person.id == person_of(db, "zalo", "z1").id
    with db.session() as s:
        member = s.exec(select(Membership).where(Membership.person_id == person.id)).one()
        assert member.unit_id == unit_id and member.active
    # A second Zalo account cannot join the same person.
    code = code_in(await say(router, "telegram", "t9", "/link"))
    assert "một tài khoản Zalo khác" in (await say(router, "zalo", "z2", f"/lienket {code}")).html


async def test_channel_argument_and_unknown_channel(router: Router) -> None:
    code = code_in(await say(router, "telegram", "t1", "/link"))
    await say(router, "zalo", "z1", f"/link {code}")
    assert "Telegram" in (await say(router, "telegram", "t1", "/channel telegram")).html
    assert "chưa có tài khoản" in (await say(router, "telegram", "t1", "/kenh viber")).html
