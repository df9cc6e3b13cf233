"""The persistent delivery queue: enqueue once (idempotent by `dedup_key`), deliver later.

Broadcasts, reminders, digests and notices all go through here, so one worker per channel applies
the platform's rate limits, retries and blocked-user handling in one place (bot/delivery.py).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from handlers.types import Reply
from storage.models import ChatAccount, Outbox
from storage.types import utcnow


def enqueue(
    session: Session,
    *,
    account: ChatAccount,
    reply: Reply,
    kind: str,
    dedup_key: str,
    broadcast_id: int | None = None,
    not_before: dt.datetime | None = None,
) -> Outbox | None:
    """Queue `reply` for `account`; return None when a row with `dedup_key` already exists."""
    existing = session.exec(select(Outbox).where(Outbox.dedup_key == dedup_key)).first()
    if existing is not None:
        return None
    assert account.id is not None
    row = Outbox(
        dedup_key=dedup_key,
        account_id=account.id,
        channel=account.channel,
        kind=kind,
        broadcast_id=broadcast_id,
        payload=reply.to_payload(),
        not_before=not_before or utcnow(),
    )
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:  # another process queued it between our check and insert
        return None
    return row
