"""The channel's shared send rate: one slot per send, `interval` apart, whoever asks; a hold delays all.

Real time (the slots are wall-clock), on the test database: SQLite, or PostgreSQL (server clock,
the same machine here) when DUTYBOT_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

import itertools
import threading
import time

from services import send_slots
from storage.db import Database

SLACK = 0.1  # a reservation's own round trip, on a busy machine


def reserve(db: Database, channel: str = "telegram", interval: float = 0.5) -> float:
    with db.session() as s:
        return send_slots.reserve(s, channel=channel, interval=interval)


def hold(db: Database, seconds: float, channel: str = "telegram") -> None:
    with db.session() as s:
        send_slots.hold(s, channel=channel, seconds=seconds)


def test_idle_channel_sends_at_once_then_slots_are_spaced(db: Database) -> None:
    assert reserve(db) < SLACK  # first use creates the row; nobody is sending
    second, third = reserve(db), reserve(db)
    assert 0.5 - SLACK < second <= 0.5
    assert 1.0 - SLACK < third <= 1.0
    assert reserve(db, channel="zalo") < SLACK  # each channel has its own rate


def test_a_channel_that_fell_idle_sends_at_once_again(db: Database) -> None:
    assert reserve(db, interval=0.05) < SLACK
    time.sleep(0.1)
    assert reserve(db, interval=0.05) < SLACK  # no credit builds up, and no debt remains
    assert 0.05 - SLACK < reserve(db, interval=0.05) <= 0.05


def test_hold_pushes_every_later_reservation(db: Database) -> None:
    hold(db, 3.0)  # a 429 with retry_after=3 on a channel never used before
    assert 3.0 - SLACK < reserve(db) <= 3.0
    assert 3.5 - SLACK < reserve(db) <= 3.5
    hold(db, 1.0)  # a shorter hold never pulls reservations earlier
    assert 4.0 - SLACK < reserve(db) <= 4.0


def test_concurrent_reservations_get_distinct_evenly_spaced_slots(db: Database) -> None:
    threads, each, interval = 8, 5, 1.0
    start = threading.Barrier(threads)
    slots: list[float] = []
    lock = threading.Lock()

    def take() -> None:
        start.wait()
        for _ in range(each):
            before = time.time()
            wait = reserve(db, interval=interval)
            after = time.time()
            with lock:  # the slot on the wall clock, within the round trip
                slots.append((before + after) / 2 + wait)

    workers = [threading.Thread(target=take) for _ in range(threads)]
    began = time.time()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    slots.sort()
    assert len(slots) == threads * each
    gaps = [b - a for a, b in itertools.pairwise(slots)]
    # 40 slots 1 s apart, all taken within a fraction of a second: none shared, none skipped
    assert all(interval - 0.25 < g < interval + 0.25 for g in gaps), gaps
    assert slots[0] - began < SLACK  # the first went at once
