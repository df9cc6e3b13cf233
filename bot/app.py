"""The composition root: settings -> database -> services -> router -> channels -> workers -> jobs.

`BotApp` owns every long-running piece; `dutybot run` builds one, starts it and waits for a signal.
Channels register themselves with `add_channel` (Telegram here; the Zalo adapter does the same), and
each channel gets one delivery worker. Periodic jobs (the reminders tick ...) run on an APScheduler
AsyncIOScheduler; add them in `periodic_jobs` below.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot import scheduler as reminder_jobs
from bot.channels.base import ChannelAdapter
from bot.channels.telegram import TelegramBot
from bot.channels.zalo import ZaloChannel
from bot.channels.zalo_api import HttpClient, ZaloBotApi
from bot.delivery import DeliveryWorker
from config.settings import Settings
from handlers.context import AppServices, ChannelCaps
from handlers.errors import tell_admins
from handlers.registry import build_router, menu
from handlers.router import Router
from messages.i18n import LANGS
from messages.types import Incoming, Reply
from services.clock import Clock, SystemClock
from services.members import accounts_of, admin_accounts
from storage.db import Database
from storage.models import Person

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PeriodicJob:
    """A job run every `seconds`; `run(app)` must be idempotent (the database says what is due)."""

    name: str
    seconds: float
    run: Callable[[AppServices], Awaitable[None]]


def periodic_jobs(app: AppServices) -> list[PeriodicJob]:
    """THE place for periodic work: the reminder tick (reminders, escalations, digests; it also dates
    the deadline rules once a day) and a 6-hourly re-dating of the rules (bot/scheduler.py)."""
    jobs = reminder_jobs
    return [
        PeriodicJob(jobs.JOB_TICK, app.settings.scheduler_tick_seconds, jobs.reminders_tick),
        PeriodicJob(jobs.JOB_MATERIALIZE, jobs.MATERIALIZE_EVERY_HOURS * 3600, jobs.materialize_occurrences),
    ]


def build_services(settings: Settings, *, clock: Clock | None = None, migrate: bool = True) -> AppServices:
    db = Database(settings.database_url)
    if migrate:
        db.migrate()
    return AppServices(db=db, clock=clock or SystemClock(), settings=settings)


def _rate(settings: Settings, channel: str) -> tuple[float, float]:
    if channel == "telegram":
        return settings.telegram_rate_per_second, settings.telegram_per_chat_interval
    if channel == "zalo":
        return settings.zalo_rate_per_second, 1.0
    return 1000.0, 0.0


@dataclass
class BotApp:
    services: AppServices
    router: Router
    channels: dict[str, ChannelAdapter] = field(default_factory=dict)
    workers: list[DeliveryWorker] = field(default_factory=list)
    scheduler: AsyncIOScheduler | None = None
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)
    _workers: dict[str, DeliveryWorker] = field(default_factory=dict)  # by channel name
    _stoppers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    _closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.services.admin_changed = self.refresh_chat_menus

    @classmethod
    def build(cls, settings: Settings, *, clock: Clock | None = None) -> BotApp:
        services = build_services(settings, clock=clock)
        return cls(services=services, router=build_router(services))

    async def dispatch(self, incoming: Incoming, caps: ChannelCaps) -> list[Reply]:
        return await self.router.handle(incoming, caps)

    def add_channel(
        self,
        channel: ChannelAdapter,
        *,
        stop: Callable[[], Awaitable[None]] | None = None,
        close: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        """Register a channel; its delivery worker starts with `start()`.

        `stop` ends its inbound side (no new updates); `close` releases its HTTP client, and runs only
        after the delivery workers have finished their in-flight sends.
        """
        self.channels[channel.name] = channel
        if stop is not None:
            self._stoppers.append(stop)
        if close is not None:
            self._closers.append(close)

    def telegram_menus(self) -> list[tuple[str | None, list[tuple[str, str]], list[str] | None]]:
        """Default menu (Vietnamese), one per language, and each admin's own (their chat scope)."""
        default = self.services.settings.default_lang
        menus: list[tuple[str | None, list[tuple[str, str]], list[str] | None]] = [
            (None, menu(self.router, default, admin_menu=False), None)
        ]
        menus += [(lang, menu(self.router, lang, admin_menu=False), None) for lang in LANGS]
        with self.services.db.session() as session:
            for account in admin_accounts(session):
                if account.channel == "telegram":
                    lang = session.get_one(Person, account.person_id).lang
                    menus.append((None, menu(self.router, lang, admin_menu=True), [account.chat_id]))
        return menus

    async def refresh_chat_menus(self, person_id: int) -> None:
        """A person became or stopped being an admin (`AppServices.admin_changed`): each of their
        chats gets the admin menu in their language, or loses its own menu and sees the default
        again, at once rather than at the next start-up (`telegram_menus`). Menus are per process
        and cosmetic: the router checks admin rights on every call whatever a menu shows."""
        with self.services.db.session() as session:
            person = session.get(Person, person_id)
            if person is None:
                return
            chats = [(a.channel, a.chat_id) for a in accounts_of(session, person_id=person_id)]
            commands = menu(self.router, person.lang, admin_menu=True) if person.is_admin else None
        for channel_name, chat_id in chats:
            channel = self.channels.get(channel_name)
            if channel is not None:
                await channel.set_chat_menu(chat_id, commands)

    def make_worker(self, channel: ChannelAdapter, **overrides: Any) -> DeliveryWorker:
        rate, per_chat = _rate(self.services.settings, channel.name)
        options: dict[str, Any] = {"rate_per_second": rate, "per_chat_interval": per_chat} | overrides
        return DeliveryWorker(
            db=self.services.db,
            channel=channel,
            clock=self.services.clock,
            progress_channels=self.channels,
            settings=self.services.settings,
            **options,
        )

    def worker_for(self, channel_name: str) -> DeliveryWorker:
        """The channel's delivery worker (made here before `start` when a reply comes first)."""
        worker = self._workers.get(channel_name)
        if worker is None:
            worker = self._workers[channel_name] = self.make_worker(self.channels[channel_name])
        return worker

    async def send_reply(self, channel_name: str, chat_id: str, reply: Reply) -> None:
        """An interactive answer, through the channel's delivery worker: paced and retried like every
        queued message (bot/delivery.py `send_reply`), so a burst delays replies, never drops them."""
        await self.worker_for(channel_name).send_reply(chat_id, reply)

    async def start(self, **worker_overrides: Any) -> None:
        """Start one delivery worker per channel and the periodic jobs."""
        for channel in self.channels.values():
            worker = self._workers.get(channel.name)
            if worker is None or worker_overrides:
                worker = self._workers[channel.name] = self.make_worker(channel, **worker_overrides)
            self.workers.append(worker)
            self._tasks.append(asyncio.create_task(worker.run(), name=f"delivery-{channel.name}"))
        jobs = periodic_jobs(self.services)
        if jobs:
            self.scheduler = AsyncIOScheduler(timezone="UTC")
            for job in jobs:
                self.scheduler.add_job(
                    job.run,
                    "interval",
                    seconds=job.seconds,
                    args=[self.services],
                    id=job.name,
                    max_instances=1,
                    coalesce=True,
                    replace_existing=True,
                )
            self.scheduler.start()

    async def stop(self) -> None:
        """Inbound first (no new work), then the workers finish what they are sending, then close."""
        for stopper in self._stoppers:
            await stopper()
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
        for worker in self.workers:
            worker.stop()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        self.workers.clear()
        self._workers.clear()
        for close in self._closers:
            await close()
        # last: the workers above may still have written their outcomes
        self.services.db.dispose()

    def add_telegram(self, **requests: Any) -> TelegramBot:
        """The Telegram channel (token from settings); `requests` may replace the HTTP layer (tests)."""

        async def on_error(summary: str) -> None:
            tell_admins(self.services, summary)

        tg = TelegramBot(
            settings=self.services.settings,
            dispatch=self.dispatch,
            db=self.services.db,
            menus=self.telegram_menus,
            on_error=on_error,
            send_reply=lambda chat_id, reply: self.send_reply("telegram", chat_id, reply),
            **requests,
        )
        self.add_channel(tg.channel, stop=tg.stop_inbound, close=tg.shutdown)
        return tg

    def add_zalo(self, *, client: HttpClient | None = None, **options: Any) -> ZaloChannel:
        """The Zalo channel (token and ZALO_API_BASE_URL from settings); `client` may replace the
        HTTP layer (tests). Start it with `start_polling()` or `start_webhook(url)` + its route."""
        s = self.services.settings
        assert s.zalo_token is not None
        api = ZaloBotApi(s.zalo_token.get_secret_value(), base_url=s.zalo_api_base_url, client=client)
        secret = options.pop("webhook_secret", None) or (
            s.zalo_webhook_secret.get_secret_value() if s.zalo_webhook_secret else None
        )
        zalo = ZaloChannel(
            api,
            dispatch=self.dispatch,
            settings=s,
            db=self.services.db,
            webhook_secret=secret,
            rate_per_second=s.zalo_rate_per_second,
            send_reply=lambda chat_id, reply: self.send_reply("zalo", chat_id, reply),
            **options,
        )

        async def close() -> None:  # once the delivery worker has finished sending
            await zalo.aclose()
            await api.aclose()

        self.add_channel(zalo, stop=zalo.stop_inbound, close=close)
        return zalo
