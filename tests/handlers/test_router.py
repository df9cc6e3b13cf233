"""The router's gates: identity, access levels, numbered choices, unknown input."""

from __future__ import annotations

import pytest

from config.settings import Settings
from handlers.context import AppServices, ChannelCaps, Request
from handlers.router import Access, Router
from messages.types import Button, Incoming, Reply, Sender
from services.clock import ManualClock
from storage.db import Database
from storage.models import Membership, Person, Unit

PLAIN = ChannelCaps(name="console", text_limit=4000, supports_buttons=False, supports_html=False)
RICH = ChannelCaps(name="telegram", text_limit=4096, supports_buttons=True, supports_html=True)


@pytest.fixture
def router(db: Database, clock: ManualClock) -> Router:
    app = AppServices(db=db, clock=clock, settings=Settings(admins=["console:boss"]))
    r = Router(app)

    @r.command("ping", access=Access.anyone)
    async def ping(req: Request) -> Reply:
        return Reply("pong", buttons=((Button("Again", "again:1"), Button("Stop", "stop")),))

    @r.callback("again", access=Access.anyone)
    async def again(req: Request) -> Reply:
        return Reply(f"again {req.args[0]}")

    @r.command("secret", access=Access.admin)
    async def secret(req: Request) -> Reply:
        return Reply("admin stuff")

    @r.command("duties")
    async def duties(req: Request) -> Reply:
        return Reply("your duties")

    return r


def msg(text: str, user: str = "u1") -> Incoming:
    return Incoming(sender=Sender(channel="console", external_id=user, chat_id=user), text=text)


async def test_numbered_choices_replace_buttons_on_plain_channels(router: Router) -> None:
    [reply] = await router.handle(msg("/ping"), PLAIN)
    assert reply.buttons == ()
    assert "1. Again" in reply.html and "2. Stop" in reply.html
    [answer] = await router.handle(msg("1"), PLAIN)
    assert answer.html == "again 1"


async def test_buttons_kept_where_supported(router: Router) -> None:
    [reply] = await router.handle(msg("/ping"), RICH)
    assert reply.buttons[0][0].data == "again:1"


async def test_admin_only_and_member_only(router: Router, db: Database) -> None:
    [denied] = await router.handle(msg("/secret"), PLAIN)
    assert "quản trị" in denied.html
    [ok] = await router.handle(msg("/secret", user="boss"), PLAIN)
    assert ok.html == "admin stuff"
    [gate] = await router.handle(msg("/duties"), PLAIN)
    assert "mã mời" in gate.html
    with db.session() as s:
        person = s.exec(__import__("sqlmodel").select(Person).where(Person.display_name == "u1")).one()
        unit = Unit(name="Sở Ngoại vụ", kind="so", key="so ngoai vu")
        s.add(unit)
        s.flush()
        s.add(Membership(person_id=person.id, unit_id=unit.id))
    [allowed] = await router.handle(msg("/duties"), PLAIN)
    assert allowed.html == "your duties"


async def test_unknown_command_and_bad_callback(router: Router) -> None:
    [reply] = await router.handle(msg("/nonsense"), PLAIN)
    assert "/help" in reply.html
    bad = Incoming(sender=Sender(channel="console", external_id="u1", chat_id="u1"), callback="zz:9")
    [reply] = await router.handle(bad, PLAIN)
    assert "/help" in reply.html


def test_callback_data_limit() -> None:
    with pytest.raises(ValueError):
        Button("x", "a" * 65)
