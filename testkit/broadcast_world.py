"""A world for broadcasts at scale, shared by the fault tests and the broadcast benchmarks: one unit,
thousands of officers with a Telegram account each (chat ids CHAT_BASE + i), an admin (chat
ADMIN_CHAT), a broadcast queued as the /broadcast flow queues it, and what became of its rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert
from sqlmodel import col, select

from handlers.broadcast import render
from services import broadcasts
from storage.db import Database
from storage.enums import Channel
from storage.models import Broadcast, ChatAccount, Membership, Outbox, Person, Unit
from storage.types import utcnow

CHAT_BASE = 10_000_000  # member i has chat id CHAT_BASE + i
ADMIN_CHAT = "999"


def seed_members(db: Database, members: int) -> int:
    """One unit, `members` officers with a Telegram account each, and an admin; returns the admin's
    account id (the broadcast's progress message goes there)."""
    now = utcnow()
    with db.session() as s:
        unit = Unit(name="Sở Thông tin và Truyền thông", kind="so", key="so thong tin va truyen thong")
        admin = Person(display_name="Admin", is_admin=True)
        s.add_all([unit, admin])
        s.flush()
        admin_account = ChatAccount(
            person_id=admin.id or 0, channel=Channel.telegram, external_id=ADMIN_CHAT, chat_id=ADMIN_CHAT
        )
        s.add(admin_account)
        s.flush()
        first = s.exec(select(Person.id).order_by(col(Person.id).desc())).first() or 0
        s.execute(
            insert(Person),
            [
                {"display_name": f"Cán bộ {i}", "lang": "vi", "is_admin": False, "created_at": now}
                for i in range(members)
            ],
        )
        ids = [
            pid
            for pid in s.exec(select(Person.id).where(col(Person.id) > first).order_by(col(Person.id)))
            if pid is not None
        ]
        add_telegram_members(s, person_ids=ids, unit_id=unit.id, chat_base=CHAT_BASE, now=now)
        return admin_account.id or 0


def add_telegram_members(
    s: Any, *, person_ids: list[int], unit_id: int | None, chat_base: int, now: dt.datetime
) -> None:
    """Telegram accounts (chat ids chat_base + i) and unit memberships for people, in two inserts."""
    s.execute(
        insert(ChatAccount),
        [
            {
                "person_id": pid,
                "channel": "telegram",
                "external_id": str(chat_base + i),
                "chat_id": str(chat_base + i),
                "active": True,
                "failed_codes": 0,
                "created_at": now,
            }
            for i, pid in enumerate(person_ids)
        ],
    )
    s.execute(
        insert(Membership),
        [
            {"person_id": pid, "unit_id": unit_id, "role": "officer", "active": True, "joined_at": now}
            for pid in person_ids
        ],
    )


def start_broadcast(db: Database, *, admin_account_id: int, text_: str = "Thông báo họp giao ban") -> int:
    """Create and queue a broadcast to everyone, as the /broadcast flow does; returns its id."""
    with db.session() as s:
        account = s.get_one(ChatAccount, admin_account_id)
        bc = broadcasts.create_broadcast(
            s,
            created_by=account.person_id,
            text=text_,
            audience=broadcasts.audience_all(),
            progress_account_id=admin_account_id,
            now=utcnow(),
        )
        broadcasts.start_broadcast(s, broadcast_id=bc.id or 0, now=utcnow(), render=render)
        return bc.id or 0


def outbox_rows(db: Database, broadcast_id: int) -> list[tuple[str, str, str | None]]:
    """(chat id, status, error) of every row of the broadcast."""
    with db.session() as s:
        rows = s.exec(
            select(ChatAccount.chat_id, Outbox.status, Outbox.error)
            .join(ChatAccount, col(ChatAccount.id) == col(Outbox.account_id))
            .where(Outbox.broadcast_id == broadcast_id)
        ).all()
    return [(c, st, e) for c, st, e in rows]


def broadcast_status(db: Database, broadcast_id: int) -> str:
    with db.session() as s:
        return s.get_one(Broadcast, broadcast_id).status
