"""Platform events already handled, so a webhook redelivery is processed once.

The claim is a row in ProcessedEvent (unique per channel and event key) written before the event is
handled: it holds across restarts and between processes sharing the database. Rows older than the
platforms' redelivery window are pruned by a periodic job.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import bindparam, delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.sql.dml import ReturningInsert
from sqlmodel import Session, col

from storage.coordination import ProcessedEvent
from storage.types import UTCDateTime

KEEP = dt.timedelta(days=7)  # far beyond any redelivery window


def _claim(insert: Callable[[type[ProcessedEvent]], Any]) -> ReturningInsert[tuple[int]]:
    return (
        insert(ProcessedEvent)
        .values(
            channel=bindparam("channel"),
            event_key=bindparam("event_key"),
            created_at=bindparam("now", type_=UTCDateTime()),
        )
        .on_conflict_do_nothing(index_elements=["channel", "event_key"])
        .returning(col(ProcessedEvent.id))
    )


# Built once per dialect: it runs for every update, and building the statement (and its cache key)
# on each call cost more than executing it. Params: channel, event_key, now.
CLAIM = {"postgresql": _claim(pg_insert), "sqlite": _claim(sqlite_insert)}


def claim_event(session: Session, *, channel: str, key: str, now: dt.datetime) -> bool:
    """True the first time (channel, key) is seen; False for a redelivery.

    One INSERT ... ON CONFLICT DO NOTHING (no savepoint, no ORM flush). On PostgreSQL a concurrent
    claim of the same key waits for the first to commit, then loses. The router folds this same
    statement into its identity query on PostgreSQL (one round trip per update)."""
    statement = CLAIM[session.get_bind().dialect.name]
    params = {"channel": channel, "event_key": key, "now": now}
    return session.connection().execute(statement, params).first() is not None


def prune_events(session: Session, *, now: dt.datetime, keep: dt.timedelta = KEEP) -> int:
    result = session.execute(delete(ProcessedEvent).where(col(ProcessedEvent.created_at) < now - keep))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
