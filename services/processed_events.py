"""Platform events already handled, so a webhook redelivery is processed once.

The claim is a row in ProcessedEvent (unique per channel and event key) written before the event is
handled: it holds across restarts and between processes sharing the database. Rows older than the
platforms' redelivery window are pruned by a periodic job.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from storage.models import ProcessedEvent

KEEP = dt.timedelta(days=7)  # far beyond any redelivery window


def claim_event(session: Session, *, channel: str, key: str, now: dt.datetime) -> bool:
    """True the first time (channel, key) is seen; False for a redelivery."""
    try:
        with session.begin_nested():
            session.add(ProcessedEvent(channel=channel, event_key=key, created_at=now))
    except IntegrityError:
        return False
    return True


def prune_events(session: Session, *, now: dt.datetime, keep: dt.timedelta = KEEP) -> int:
    result = session.execute(delete(ProcessedEvent).where(col(ProcessedEvent.created_at) < now - keep))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
