"""Fixtures for the Telegram path: a fake Bot API server and the real Application polling it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from bot.app import BotApp
from config.settings import Settings
from testkit.fakes.telegram_server import FakeTelegram
from tests.bot.harness import Harness

ADMIN = 1


@pytest.fixture
def tg() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


def make_settings(database_url: str, tg: FakeTelegram, **extra: object) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        database_url=database_url,
        telegram_token=tg.token,  # type: ignore[arg-type]
        telegram_api_base_url=tg.base_url,
        admins=[f"telegram:{ADMIN}"],
        telegram_rate_per_second=1000.0,
        telegram_per_chat_interval=0.0,
        **extra,
    )


@pytest.fixture
async def bot(tg: FakeTelegram, database_url: str) -> AsyncIterator[Harness]:
    app = BotApp.build(make_settings(database_url, tg))
    telegram = app.add_telegram()
    await telegram.start_polling(poll_timeout=1)
    await app.start(idle_sleep=0.05)
    try:
        yield Harness(tg, app, telegram)
    finally:
        await app.stop()
        app.services.db.dispose()
