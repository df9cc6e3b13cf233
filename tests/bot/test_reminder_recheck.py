"""A queued reminder is checked again before it goes out (issue 13, item 8).

A reminder queued on Friday evening as the process stopped must not go out on Saturday at 07:53
with Friday's "còn 6 ngày": the next process's worker holds it until the window opens (Monday
08:00) and sends it with Monday's wording, or drops it when a newer reminder carries it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest
from sqlmodel import select

from bot.delivery import DeliveryWorker
from config.settings import Settings
from messages.types import Reply
from services import occurrences as occ_svc
from services.clock import VN_TZ, ManualClock
from services.reminders import run_tick
from storage.db import Database
from storage.enums import DeliveryStatus
from storage.models import Outbox
from tests.services import world

SETTINGS = Settings(_env_file=None)  # type: ignore[call-arg]
DUE = dt.date(2026, 3, 12)  # a Thursday


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=VN_TZ)


class Recorder:
    """A channel that records what it is asked to send (the style guide's recording channel)."""

    name = "telegram"
    text_limit = 4096
    supports_buttons = True
    supports_html = True

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        self.sent.append((chat_id, reply.html))
        return str(len(self.sent))

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> bool:
        return False

    async def set_chat_menu(self, chat_id: str, commands: Sequence[tuple[str, str]] | None) -> None:
        return None


@pytest.fixture
def channel() -> Recorder:
    return Recorder()


def world_with_one_report(db: Database) -> None:
    with db.session() as s:
        prov = world.province(s)
        unit = world.unit(s, "Sở Ngoại vụ", prov)
        world.member(s, unit, "Chị A")
        plan = world.plan(s, "5/KH-UBND", prov, dt.date(2026, 1, 1))
        world.deadline(s, plan, [unit], recurrence="once", due_date=DUE)
        occ_svc.materialize(s, today=dt.date(2026, 3, 1))


def queue_on_friday_evening(db: Database, clock: ManualClock) -> None:
    clock.set(at(dt.date(2026, 3, 6), 20, 50))  # Friday, before quiet hours
    with db.session() as s:
        assert run_tick(s, clock=clock, settings=SETTINGS).messages == 1
    with db.session() as s:
        [row] = s.exec(select(Outbox)).all()
        assert "còn 6 ngày" in (row.payload or {})["html"]


def worker(db: Database, channel: Recorder, clock: ManualClock) -> DeliveryWorker:
    return DeliveryWorker(
        db=db, channel=channel, clock=clock, rate_per_second=1000.0, per_chat_interval=0.0, settings=SETTINGS
    )


def texts(channel: Recorder) -> list[str]:
    return [html for _, html in channel.sent]


async def test_not_sent_on_saturday_morning_then_sent_with_todays_words(
    db: Database, channel: Recorder
) -> None:
    clock = ManualClock(at(dt.date(2026, 3, 6), 8))
    world_with_one_report(db)
    queue_on_friday_evening(db, clock)
    clock.set(at(dt.date(2026, 3, 7), 7, 53))  # Saturday: the next process starts
    await worker(db, channel, clock).drain()
    assert texts(channel) == []
    with db.session() as s:
        [row] = s.exec(select(Outbox)).all()
    assert row.status == DeliveryStatus.pending and row.attempts == 0
    assert row.not_before == at(dt.date(2026, 3, 9), 8).astimezone(dt.UTC)  # Monday 08:00
    clock.set(at(dt.date(2026, 3, 9), 8, 0))
    await worker(db, channel, clock).drain()
    [sent] = texts(channel)
    assert "còn 3 ngày" in sent and "còn 6 ngày" not in sent


async def test_dropped_when_reported_or_carried_by_a_newer_reminder(db: Database, channel: Recorder) -> None:
    clock = ManualClock(at(dt.date(2026, 3, 6), 8))
    world_with_one_report(db)
    queue_on_friday_evening(db, clock)
    clock.set(at(dt.date(2026, 3, 9), 8, 5))  # Monday: the tick queues the d-3 reminder first
    with db.session() as s:
        assert run_tick(s, clock=clock, settings=SETTINGS).messages == 1
    await worker(db, channel, clock).drain()
    [sent] = texts(channel)  # one reminder of one deadline on one morning
    assert "còn 3 ngày" in sent
    with db.session() as s:
        statuses = sorted(o.status for o in s.exec(select(Outbox)).all())
    assert statuses == [DeliveryStatus.sent, DeliveryStatus.skipped]
