"""The whole bot (BotApp: router, delivery worker) on Zalo against the fake Zalo server, in polling
or webhook mode: say something as a Zalo user, wait for what the bot answers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import Any

from bot.app import BotApp
from bot.channels.zalo import ZaloChannel
from bot.webserver import build_webserver
from config.settings import Settings
from testkit.fakes.serving import serve_asgi
from testkit.fakes.zalo_server import FakeZaloServer

ZALO_ADMIN = "zadmin"
SECRET = "zalo-webhook-secret-123"


def zalo_settings(database_url: str, fake: FakeZaloServer, **extra: Any) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        zalo_token=fake.token,  # type: ignore[arg-type]
        zalo_api_base_url=fake.base_url,
        zalo_webhook_secret=SECRET,  # type: ignore[arg-type]
        admins=[f"zalo:{ZALO_ADMIN}"],
        zalo_rate_per_second=1000.0,
        document_links_allow_private=True,  # the fake file host is on loopback
        **extra,
    )


@dataclass
class ZaloHarness:
    fake: FakeZaloServer
    app: BotApp
    zalo: ZaloChannel
    mode: str

    async def say(self, user: str, text: str, *, replies: int = 1, name: str = "") -> list[str]:
        """Send `text` as Zalo user `user`; wait for `replies` new messages to that chat."""
        before = len(self.fake.texts(user))
        self.fake.say(user, text, name=name or f"Cán bộ {user}")
        return (await self.fake.wait_texts(user, before + replies))[before:]

    async def expect(self, user: str, needle: str, within: float = 10.0) -> str:
        """Wait until a message to `user` contains `needle` (queued messages come from the worker)."""
        await self.fake.wait_for(lambda: any(needle in t for t in self.fake.texts(user)), within)
        return next(t for t in self.fake.texts(user) if needle in t)


@asynccontextmanager
async def zalo_bot(database_url: str, mode: str, **settings: Any) -> AsyncIterator[ZaloHarness]:
    async with AsyncExitStack() as stack:
        fake = stack.enter_context(FakeZaloServer(max_poll_seconds=0.3))
        app = BotApp.build(zalo_settings(database_url, fake, **settings))
        zalo = app.add_zalo(poll_timeout=1, backoff_base=0.01, backoff_max=0.2)
        if mode == "polling":
            await zalo.start_polling()
        else:
            base = await stack.enter_async_context(serve_asgi(build_webserver([zalo.webhook_route()])))
            await zalo.start_webhook(f"{base}/zalo/webhook")
        await app.start(idle_sleep=0.05, per_chat_interval=0.0)
        try:
            yield ZaloHarness(fake, app, zalo, mode)
        finally:
            await app.stop()
            app.services.db.dispose()
