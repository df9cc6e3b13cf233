"""The channel's shared send rate: one slot per send, `interval` apart, whoever asks; a hold delays all.

On the test database (SQLite, or PostgreSQL when DUTYBOT_TEST_DATABASE_URL is set), with the time
said by the test (`now`), so every wait is exact; the database's own clock is the default, and the
delivery tests (tests/bot/test_delivery.py, tests/bot/test_shared_rate.py) run on it.
"""

from __future__ import annotations

import itertools
import threading

import pytest

from services import send_slots
from storage.db import Database

T = 1_750_000_000.0  # an epoch second: the movable "now" of these tests


def reserve(db: Database, now: float, channel: str = "telegram", interval: float = 0.5) -> float:
    with db.session() as s:
        return send_slots.reserve(s, channel=channel, interval=interval, now=now)


def hold(db: Database, seconds: float, now: float, channel: str = "telegram") -> None:
    with db.session() as s:
        send_slots.hold(s, channel=channel, seconds=seconds, now=now)


def test_idle_channel_sends_at_once_then_slots_are_spaced(db: Database) -> None:
    assert reserve(db, T) == 0.0  # first use creates the row; nobody is sending
    assert reserve(db, T) == pytest.approx(0.5)
    assert reserve(db, T + 0.2) == pytest.approx(0.8)  # the third slot is at T + 1.0
    assert reserve(db, T, channel="zalo") == 0.0  # each channel has its own rate


def test_a_channel_that_fell_idle_sends_at_once_again(db: Database) -> None:
    assert reserve(db, T, interval=0.05) == 0.0
    assert reserve(db, T + 0.1, interval=0.05) == 0.0  # no credit builds up, and no debt remains
    assert reserve(db, T + 0.1, interval=0.05) == pytest.approx(0.05)


def test_hold_pushes_every_later_reservation(db: Database) -> None:
    hold(db, 3.0, T)  # a 429 with retry_after=3 on a channel never used before
    assert reserve(db, T) == pytest.approx(3.0)
    assert reserve(db, T) == pytest.approx(3.5)
    hold(db, 1.0, T)  # a shorter hold never pulls reservations earlier
    assert reserve(db, T) == pytest.approx(4.0)
    hold(db, 10.0, T + 1.0)  # a longer one pushes them to its end
    assert reserve(db, T + 1.0) == pytest.approx(10.0)


def test_without_a_time_the_database_clock_is_now(db: Database) -> None:
    """Production passes no `now`: the slots are the database's wall clock (the server's on
    PostgreSQL), so a channel used a moment ago at a real time is idle or nearly so."""
    with db.session() as s:
        assert send_slots.reserve(s, channel="telegram", interval=0.5) == 0.0
        assert 0.0 < send_slots.reserve(s, channel="telegram", interval=0.5) <= 0.5


def test_concurrent_reservations_get_distinct_evenly_spaced_slots(db: Database) -> None:
    threads, each, interval = 8, 5, 1.0
    start = threading.Barrier(threads)
    slots: list[float] = []
    lock = threading.Lock()

    def take() -> None:
        start.wait()
        for _ in range(each):
            wait = reserve(db, T, interval=interval)
            with lock:
                slots.append(T + wait)

    workers = [threading.Thread(target=take) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    slots.sort()
    # 40 slots, all asked for at once: none shared, none skipped, the first at once
    assert slots == pytest.approx([T + k * interval for k in range(threads * each)])
    assert all(g == pytest.approx(interval) for g in (b - a for a, b in itertools.pairwise(slots)))
