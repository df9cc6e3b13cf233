"""The persistent delivery queue: enqueue once (idempotent by `dedup_key`), deliver later.

Broadcasts, reminders, digests and notices all go through here, so one worker per channel applies
the platform's rate limits, retries and blocked-user handling in one place (bot/delivery.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from messages.types import Reply
from storage.bulk import insert_rows
from storage.enums import DeliveryStatus
from storage.models import ChatAccount, Outbox
from storage.types import utcnow

OUTBOX: Table = Outbox.__table__  # type: ignore[attr-defined]


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


@dataclass(frozen=True, slots=True)
class Queued:
    """One message for `enqueue_many`: who gets it (account id + channel), what, and its dedup key."""

    account_id: int
    channel: str
    reply: Reply
    kind: str
    dedup_key: str
    not_before: dt.datetime
    created_at: dt.datetime | None = None


def enqueue_many(session: Session, *, items: Sequence[Queued], chunk: int = 2000) -> dict[str, int]:
    """Set-based `enqueue` for the scheduler's morning batches: one INSERT per chunk instead of a
    query and a savepoint per message. Keys already queued are skipped; returns dedup_key -> id of
    the rows written now."""
    written: dict[str, int] = {}
    payloads: dict[int, dict[str, Any]] = {}  # one payload per distinct Reply object, serialised once
    now = utcnow()
    for i in range(0, len(items), chunk):
        part = items[i : i + chunk]
        keys = [item.dedup_key for item in part]
        existing = set(session.exec(select(Outbox.dedup_key).where(col(Outbox.dedup_key).in_(keys))).all())
        rows = [
            {
                "dedup_key": item.dedup_key,
                "account_id": item.account_id,
                "channel": item.channel,
                "kind": item.kind,
                "payload": _payload(payloads, item.reply),
                "status": DeliveryStatus.pending,
                "attempts": 0,
                "not_before": item.not_before,
                "created_at": item.created_at or now,
            }
            for item in part
            if item.dedup_key not in existing
        ]
        if not rows:
            continue
        # RETURNING matched by dedup key (no row-order guarantee needed, so SQLite and PostgreSQL
        # batch it instead of one statement per row).
        returned = insert_rows(session.connection(), OUTBOX, rows, returning=("id", "dedup_key"))
        written.update({key: oid for oid, key in returned})
    return written


def _payload(payloads: dict[int, dict[str, Any]], reply: Reply) -> dict[str, Any]:
    """The members of a unit share one rendered Reply: one payload dict for all of them (insert_rows
    then serialises it once)."""
    payload = payloads.get(id(reply))
    if payload is None:
        payload = payloads[id(reply)] = reply.to_payload()
    return payload
