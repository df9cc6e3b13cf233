"""One holder at a time; an expired lease passes to another process."""

from __future__ import annotations

import datetime as dt

from services import lease
from storage.db import Database

T0 = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
TTL = dt.timedelta(seconds=90)


def take(db: Database, holder: str, now: dt.datetime) -> bool:
    with db.session() as s:
        return lease.acquire(s, name="tick", holder=holder, now=now, ttl=TTL)


def test_only_one_holder_until_expiry(db: Database) -> None:
    assert take(db, "a", T0)
    assert not take(db, "b", T0 + dt.timedelta(seconds=30))
    assert take(db, "a", T0 + dt.timedelta(seconds=60))  # renewal
    assert not take(db, "b", T0 + dt.timedelta(seconds=120))
    assert take(db, "b", T0 + dt.timedelta(seconds=151))  # a stopped renewing
    assert not take(db, "a", T0 + dt.timedelta(seconds=152))


def test_release_hands_over_at_once(db: Database) -> None:
    assert take(db, "a", T0)
    with db.session() as s:
        lease.release(s, name="tick", holder="a")
    assert take(db, "b", T0 + dt.timedelta(seconds=1))
