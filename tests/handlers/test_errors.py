"""A handler that breaks: the user gets a clear answer, admins get one brief notice, serving goes on."""

from __future__ import annotations

from sqlmodel import select

from config.settings import Settings
from handlers.context import AppServices, ChannelCaps, Request
from handlers.registry import build_router
from handlers.router import Access
from messages.types import Incoming, Reply, Sender
from services.clock import ManualClock
from storage.db import Database
from storage.models import Outbox

PLAIN = ChannelCaps(name="console", text_limit=4000, supports_buttons=False, supports_html=False)


def msg(text: str, user: str) -> Incoming:
    return Incoming(sender=Sender(channel="console", external_id=user, chat_id=user), text=text)


async def test_errors_are_reported_to_admins_once(db: Database, clock: ManualClock) -> None:
    router = build_router(AppServices(db=db, clock=clock, settings=Settings(admins=["console:boss"])))

    @router.command("boom", access=Access.anyone)
    async def boom(req: Request) -> Reply:
        raise RuntimeError("disk <full>")

    await router.handle(msg("/help", "boss"), PLAIN)  # the admin is known
    for _ in range(2):
        [reply] = await router.handle(msg("/boom", "u1"), PLAIN)
        assert "lỗi" in reply.html
    [ok] = await router.handle(msg("/help", "u1"), PLAIN)
    assert "/lang" in ok.html
    with db.session() as s:
        notices = s.exec(select(Outbox).where(Outbox.kind == "notice")).all()
    assert len(notices) == 1  # the same error within a minute is sent once
    assert "disk &lt;full&gt;" in notices[0].payload["html"]  # type: ignore[index]
