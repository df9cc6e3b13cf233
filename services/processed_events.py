"""Platform events already handled, so a webhook redelivery is processed once.

The claim is a row in ProcessedEvent (unique per channel and event key) written before the event is
handled: it holds across restarts and between processes sharing the database. Rows older than the
platforms' redelivery window are pruned by a periodic job.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col

from storage.models import ProcessedEvent

KEEP = dt.timedelta(days=7)  # far beyond any redelivery window


def claim_event(session: Session, *, channel: str, key: str, now: dt.datetime) -> bool:
    """True the first time (channel, key) is seen; False for a redelivery.

    One INSERT ... ON CONFLICT DO NOTHING (no savepoint, no ORM flush): it runs for every update.
    On PostgreSQL a concurrent claim of the same key waits for the first to commit, then loses."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(ProcessedEvent)
        .values(channel=channel, event_key=key, created_at=now)
        .on_conflict_do_nothing(index_elements=["channel", "event_key"])
        .returning(col(ProcessedEvent.id))
    )
    return session.connection().execute(statement).first() is not None


def prune_events(session: Session, *, now: dt.datetime, keep: dt.timedelta = KEEP) -> int:
    result = session.execute(delete(ProcessedEvent).where(col(ProcessedEvent.created_at) < now - keep))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
