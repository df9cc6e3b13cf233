"""A bot process for the crash test: one reminder tick, then the real delivery worker sends the queue
through the real Telegram channel to the fake Bot API server, and exits when nothing is left.

    python -m tests.services.crash_runner <database url> <bot api base url> <token> <iso time>
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys

from telegram import Bot

from bot.channels.telegram_out import TelegramChannel
from bot.delivery import DeliveryWorker
from bot.scheduler import materialize_once, tick_once
from config.settings import Settings
from handlers.context import AppServices
from services.clock import ManualClock
from storage.db import Database


async def main(url: str, base_url: str, token: str, when: str) -> None:
    clock = ManualClock(dt.datetime.fromisoformat(when))
    app = AppServices(db=Database(url), clock=clock, settings=Settings(database_url=url))
    materialize_once(app)
    outcome = tick_once(app, holder=f"crash-runner-{id(app)}")
    print(f"tick: {outcome.reminders.messages if outcome.reminders else 0} messages queued", flush=True)
    bot = Bot(token, base_url=base_url.rstrip("/"))
    await bot.initialize()
    worker = DeliveryWorker(
        db=app.db,
        channel=TelegramChannel(bot),
        clock=clock,
        rate_per_second=40,
        per_chat_interval=0,
        batch_size=5,
    )
    print(f"recovered: {worker.recover()}", flush=True)
    await worker.drain(within=120)
    await bot.shutdown()
    print("drained", flush=True)


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
