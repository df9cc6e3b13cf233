"""The periodic jobs: the reminder tick (with the admins' digests) and the daily materialisation.

APScheduler 3's AsyncIOScheduler only *runs* the jobs; it holds nothing that matters. Jobs have
fixed ids and are derived from settings at start-up (`replace_existing`), so a restart rebuilds
exactly the same schedule, and what is due and what was sent lives in the database (occurrences,
the reminder ledger, the outbox). A tick missed while the bot was down is simply the next tick's
work. When several processes run, a database lease lets one of them tick at a time.

The composition root (bot/app.py, `periodic_jobs`) schedules these functions on its one
AsyncIOScheduler; the CLI calls `tick_once` and `materialize_once` directly.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import socket
from dataclasses import dataclass

from handlers.context import AppServices
from services import lease
from services.clock import local_today
from services.digests import DigestResult, run_digests
from services.occurrences import materialize
from services.reminders import TickResult, run_tick

log = logging.getLogger(__name__)

JOB_TICK = "reminders.tick"
JOB_MATERIALIZE = "occurrences.materialize"
LEASE = "reminders.tick"
MATERIALIZE_EVERY_HOURS = 6


def holder_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


@dataclass(slots=True)
class TickOutcome:
    ran: bool  # False when another process holds the lease
    reminders: TickResult | None = None
    digests: DigestResult | None = None


def tick_once(app: AppServices, *, holder: str | None = None) -> TickOutcome:
    """One scheduler tick: reminders, then digests, each in its own transaction, under the lease."""
    holder = holder or holder_id()
    now = app.clock.now()
    ttl = dt.timedelta(seconds=max(3 * app.settings.scheduler_tick_seconds, 60))
    with app.db.session() as session:
        if not lease.acquire(session, name=LEASE, holder=holder, now=now, ttl=ttl):
            log.debug("tick skipped: another process holds the lease")
            return TickOutcome(ran=False)
    with app.db.session() as session:
        reminders = run_tick(session, clock=app.clock, settings=app.settings)
    with app.db.session() as session:
        digests = run_digests(session, clock=app.clock, settings=app.settings)
    return TickOutcome(ran=True, reminders=reminders, digests=digests)


def materialize_once(app: AppServices) -> int:
    """Date the deadline rules over the horizon (idempotent)."""
    with app.db.session() as session:
        return materialize(session, today=local_today(app.clock))


_materialized_on: dict[int, dt.date] = {}  # id(app) -> last local day dated (an optimisation only)


async def reminders_tick(app: AppServices) -> None:
    """The periodic job: date the rules once per local day, then tick (reminders + digests).

    Everything it decides comes from the database, so it may run late, twice, or in several
    processes; failures are logged and the next run retries.
    """
    try:
        today = local_today(app.clock)
        if _materialized_on.get(id(app)) != today:
            await asyncio.to_thread(materialize_once, app)
            _materialized_on[id(app)] = today
        await asyncio.to_thread(tick_once, app)
    except Exception:
        log.exception("reminder tick failed")


async def materialize_occurrences(app: AppServices) -> None:
    try:
        await asyncio.to_thread(materialize_once, app)
    except Exception:
        log.exception("materialising occurrences failed")
