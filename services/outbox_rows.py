"""The delivery worker's side of the outbox (bot/delivery.py): claiming rows, recording what became
of each send, and the rows a dead worker left in `sending`.

At-most-once: a row is marked `sending` (with `claimed_by` / `claimed_at`) and that is committed
before the request goes out. Claiming is one UPDATE ... WHERE id IN (SELECT ... LIMIT n): on SQLite
writers are serialised so it is atomic; on PostgreSQL the sub-select uses FOR UPDATE SKIP LOCKED so
several workers share the queue; a row whose account already has a row in `sending` (another process
is sending to that chat right now) is left for a later claim.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, exists, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from messages.types import Reply
from services import outbox
from storage.coordination import Lease
from storage.enums import DeliveryStatus
from storage.models import ChatAccount, Outbox

INTERRUPTED = "interrupted mid-send"
LEASE_PREFIX = "delivery:"  # a live worker holds the lease "delivery:<worker id>"


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    account_id: int
    chat_id: str
    payload: dict[str, object]
    attempts: int
    broadcast_id: int | None
    kind: str = ""


def recover_interrupted(session: Session, *, channel: str, now: dt.datetime) -> int:
    """Rows a dead worker left in `sending` may or may not have arrived: record them failed. A worker
    is alive while its lease has not expired; rows of live workers are left alone."""
    live = set(
        session.exec(
            select(Lease.holder).where(col(Lease.name).startswith(LEASE_PREFIX), col(Lease.expires_at) > now)
        ).all()
    )
    stuck = session.exec(
        select(Outbox.id, Outbox.claimed_by).where(
            col(Outbox.channel) == channel, col(Outbox.status) == DeliveryStatus.sending
        )
    ).all()
    dead = [i for i, by in stuck if (by or "").rsplit("/", 1)[0] not in live]
    count = 0
    for start in range(0, len(dead), 500):
        result = session.execute(
            update(Outbox)
            .where(
                col(Outbox.id).in_(dead[start : start + 500]), col(Outbox.status) == DeliveryStatus.sending
            )
            .values(status=DeliveryStatus.failed, error=INTERRUPTED)
        )
        count += int(result.rowcount or 0)  # type: ignore[attr-defined]
    session.execute(  # forget workers that are long gone
        delete(Lease).where(
            col(Lease.name).startswith(LEASE_PREFIX), col(Lease.expires_at) < now - dt.timedelta(hours=1)
        )
    )
    return count


def claim(session: Session, *, channel: str, now: dt.datetime, token: str, limit: int) -> None:
    """Mark up to `limit` due rows of the channel `sending` by `token` (commit before sending)."""
    busy = aliased(Outbox)  # a row being sent to the same account, by any process
    due = (
        select(Outbox.id)
        .where(
            col(Outbox.channel) == channel,
            col(Outbox.status) == DeliveryStatus.pending,
            col(Outbox.not_before) <= now,
            ~exists().where(
                col(busy.account_id) == col(Outbox.account_id), col(busy.status) == DeliveryStatus.sending
            ),
        )
        .order_by(col(Outbox.not_before), col(Outbox.id))
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    session.execute(
        update(Outbox)
        .where(col(Outbox.id).in_(due.scalar_subquery()))
        .values(status=DeliveryStatus.sending, claimed_by=token, claimed_at=now)
        .execution_options(synchronize_session=False)
    )


def claimed(session: Session, *, token: str) -> list[Claimed]:
    """The rows claimed by `token`, with the chat each goes to."""
    rows = session.exec(
        select(Outbox, ChatAccount)
        .join(ChatAccount, col(ChatAccount.id) == col(Outbox.account_id))
        .where(Outbox.claimed_by == token, Outbox.status == DeliveryStatus.sending)
        .order_by(col(Outbox.id))
    ).all()
    return [
        Claimed(o.id or 0, a.id or 0, a.chat_id, dict(o.payload or {}), o.attempts, o.broadcast_id, o.kind)
        for o, a in rows
    ]


def postpone(
    session: Session, *, row: Claimed, not_before: dt.datetime, reason: str, attempts: int | None = None
) -> None:
    """Back to the queue until `not_before`; a postponed reminder is no attempt (nothing was sent),
    a retry counts one (`attempts`)."""
    session.execute(
        update(Outbox)
        .where(col(Outbox.id) == row.id)
        .values(
            status=DeliveryStatus.pending,
            attempts=row.attempts if attempts is None else attempts,
            not_before=not_before,
            claimed_by=None,
            claimed_at=None,
            error=reason,
        )
    )


def release(session: Session, *, row: Claimed) -> None:
    """Give an unsent row back to the queue, as it was before the claim."""
    session.execute(
        update(Outbox)
        .where(col(Outbox.id) == row.id, col(Outbox.status) == DeliveryStatus.sending)
        .values(status=DeliveryStatus.pending, claimed_by=None, claimed_at=None)
    )


def finish(
    session: Session,
    *,
    row: Claimed,
    status: DeliveryStatus,
    error: str | None,
    now: dt.datetime,
    block_account: bool = False,
) -> None:
    """What became of a send; a recipient who blocked the bot has their account set inactive."""
    session.execute(
        update(Outbox)
        .where(col(Outbox.id) == row.id)
        .values(
            status=status,
            error=error,
            attempts=row.attempts + 1,
            sent_at=now if status == DeliveryStatus.sent else None,
        )
    )
    if block_account:
        session.execute(
            update(ChatAccount)
            .where(col(ChatAccount.id) == row.account_id)
            .values(active=False, blocked_at=now)
        )


def move_chat(session: Session, *, account_id: int, chat_id: str) -> None:
    """The platform moved the chat (a Telegram group became a supergroup)."""
    session.execute(update(ChatAccount).where(col(ChatAccount.id) == account_id).values(chat_id=chat_id))


def queue_reply(session: Session, *, channel: str, chat_id: str, reply: Reply) -> bool:
    """A reply that could not go out now, queued for the channel's worker; False for an unknown chat."""
    account = session.exec(
        select(ChatAccount).where(ChatAccount.channel == channel, ChatAccount.chat_id == chat_id)
    ).first()
    if account is None:
        return False
    outbox.enqueue(
        session,
        account=account,
        reply=Reply(reply.html, buttons=reply.buttons),
        kind="reply",
        dedup_key=f"reply:{uuid.uuid4().hex}",
    )
    return True
