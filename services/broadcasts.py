"""Announcements from admins to many members: who gets one, queueing, and the delivery report.

A broadcast is queued as one Outbox row per active chat account with the dedup key
`bc:<broadcast_id>:<account_id>`, so starting it twice (a double tap, a retry after a crash) queues
nobody twice; the delivery worker (bot/delivery.py) sends at the platform's rate and the report is
counted from the rows themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from messages.types import Reply
from services.account_links import delivery_accounts
from services.outbox import enqueue
from services.unit_classes import members_of_class
from storage.enums import BroadcastStatus, DeliveryStatus, Level
from storage.models import Broadcast, ChatAccount, Jurisdiction, Membership, Outbox, Person, Unit


@dataclass(frozen=True, slots=True)
class Report:
    total: int
    pending: int
    sending: int
    sent: int
    failed: int
    blocked: int

    @property
    def finished(self) -> bool:
        return self.pending == 0 and self.sending == 0

    @property
    def done_count(self) -> int:
        return self.sent + self.failed + self.blocked


def audience_all() -> dict[str, Any]:
    return {"all": True}


def audience_jurisdiction(jurisdiction_id: int) -> dict[str, Any]:
    return {"jurisdiction": jurisdiction_id}


def audience_group(group_key: str, jurisdiction_id: int) -> dict[str, Any]:
    return {"group": group_key, "jurisdiction": jurisdiction_id}


def audience_units(unit_ids: list[int]) -> dict[str, Any]:
    return {"units": sorted(set(unit_ids))}


def _jurisdiction_tree(session: Session, root_id: int) -> set[int]:
    ids, frontier = {root_id}, [root_id]
    while frontier:
        children = session.exec(
            select(Jurisdiction.id).where(col(Jurisdiction.parent_id).in_(frontier))
        ).all()
        frontier = [c for c in children if c is not None and c not in ids]
        ids.update(frontier)
    return ids


def audience_unit_ids(session: Session, audience: dict[str, Any]) -> list[int] | None:
    """The units an audience reaches; None means everyone (members of any unit)."""
    if audience.get("all"):
        return None
    if "group" in audience:  # a class of units within a jurisdiction ("các sở, ban, ngành" of Đồng Nai)
        units = members_of_class(
            session, group_key=str(audience["group"]), jurisdiction_id=int(audience["jurisdiction"])
        )
        return [u.id for u in units if u.id is not None]
    if "units" in audience:
        return [int(u) for u in audience["units"]]
    if "jurisdiction" in audience:
        tree = _jurisdiction_tree(session, int(audience["jurisdiction"]))
        rows = session.exec(
            select(Unit.id).where(col(Unit.jurisdiction_id).in_(tree), col(Unit.active).is_(True))
        ).all()
        return [u for u in rows if u is not None]
    raise ValueError(f"unknown audience {audience!r}")


def audience_accounts(session: Session, audience: dict[str, Any]) -> list[tuple[ChatAccount, Person]]:
    """One delivery account per person with an active membership in the audience's units."""
    unit_ids = audience_unit_ids(session, audience)
    members = select(Membership.person_id).where(col(Membership.active).is_(True))
    if unit_ids is not None:
        members = members.where(col(Membership.unit_id).in_(unit_ids))
    person_ids = set(session.exec(members).all())
    accounts = delivery_accounts(session, person_ids=person_ids)
    people = {p.id: p for p in session.exec(select(Person).where(col(Person.id).in_(list(accounts)))).all()}
    return [(accounts[pid], people[pid]) for pid in sorted(accounts, key=lambda pid: accounts[pid].id or 0)]


def create_broadcast(
    session: Session,
    *,
    created_by: int,
    text: str,
    audience: dict[str, Any],
    progress_account_id: int | None,
    now: dt.datetime,
) -> Broadcast:
    audience_unit_ids(session, audience)  # validates
    bc = Broadcast(
        created_by=created_by,
        text=text,
        audience=audience,
        progress_account_id=progress_account_id,
        created_at=now,
    )
    session.add(bc)
    session.flush()
    return bc


def start_broadcast(
    session: Session, *, broadcast_id: int, now: dt.datetime, render: Callable[[Broadcast, str], Reply]
) -> int:
    """Queue the broadcast for its audience (idempotent); `render(broadcast, lang)` builds each message."""
    bc = session.get_one(Broadcast, broadcast_id)
    if bc.status not in (BroadcastStatus.draft, BroadcastStatus.sending):
        return 0
    queued = 0
    for account, person in audience_accounts(session, bc.audience or {}):
        row = enqueue(
            session,
            account=account,
            reply=render(bc, person.lang),
            kind="broadcast",
            dedup_key=f"bc:{bc.id}:{account.id}",
            broadcast_id=bc.id,
            not_before=now,
        )
        queued += row is not None
    bc.status = BroadcastStatus.sending
    bc.total = session.exec(
        select(func.count()).select_from(Outbox).where(Outbox.broadcast_id == bc.id)
    ).one()
    session.add(bc)
    if bc.total == 0:
        bc.status, bc.finished_at = BroadcastStatus.done, now
    return queued


def confirm_draft(
    session: Session,
    *,
    broadcast_id: int,
    progress_account_id: int | None,
    now: dt.datetime,
    render: Callable[[Broadcast, str], Reply],
) -> int | None:
    """The admin's confirmation of a draft: queued for its audience, the progress reported to the
    account that confirmed. None when it is not a draft (sent, cancelled, or no such broadcast)."""
    bc = session.get(Broadcast, broadcast_id)
    if bc is None or bc.status != BroadcastStatus.draft:
        return None
    bc.progress_account_id = progress_account_id
    return start_broadcast(session, broadcast_id=broadcast_id, now=now, render=render)


def jurisdiction_name(session: Session, *, jurisdiction_id: int) -> str | None:
    jurisdiction = session.get(Jurisdiction, jurisdiction_id)
    return jurisdiction.name if jurisdiction is not None else None


def cancel_broadcast(session: Session, *, broadcast_id: int) -> bool:
    bc = session.get(Broadcast, broadcast_id)
    if bc is None or bc.status != BroadcastStatus.draft:
        return False
    bc.status = BroadcastStatus.cancelled
    session.add(bc)
    return True


def report(session: Session, *, broadcast_id: int) -> Report:
    counts = dict(
        session.exec(
            select(Outbox.status, func.count())
            .where(Outbox.broadcast_id == broadcast_id)
            .group_by(col(Outbox.status))
        ).all()
    )
    get = lambda s: int(counts.get(s, 0))  # noqa: E731
    return Report(
        total=sum(int(v) for v in counts.values()),
        pending=get(DeliveryStatus.pending),
        sending=get(DeliveryStatus.sending),
        sent=get(DeliveryStatus.sent),
        failed=get(DeliveryStatus.failed),
        blocked=get(DeliveryStatus.blocked),
    )


def finish_if_complete(session: Session, *, broadcast_id: int, now: dt.datetime) -> Report | None:
    """Mark a sending broadcast done once no row is left; returns the report to whoever won the race."""
    rep = report(session, broadcast_id=broadcast_id)
    if not rep.finished:
        return None
    result = session.execute(
        update(Broadcast)
        .where(col(Broadcast.id) == broadcast_id, col(Broadcast.status) == BroadcastStatus.sending)
        .values(status=BroadcastStatus.done, finished_at=now)
    )
    return rep if result.rowcount == 1 else None  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class ProgressTarget:
    """Where a broadcast's progress message goes: the admin who confirmed it."""

    channel: str
    chat_id: str
    lang: str


def progress_target(session: Session, *, broadcast: Broadcast) -> ProgressTarget:
    assert broadcast.progress_account_id is not None
    account = session.get_one(ChatAccount, broadcast.progress_account_id)
    person = session.get_one(Person, account.person_id)
    return ProgressTarget(account.channel, account.chat_id, person.lang or "vi")


def set_progress_message(session: Session, *, broadcast_id: int, message_id: str | None) -> None:
    """The message edited with the progress (a new one is sent when it cannot be edited)."""
    session.execute(
        update(Broadcast).where(col(Broadcast.id) == broadcast_id).values(progress_message_id=message_id)
    )


def active_broadcasts(session: Session) -> list[Broadcast]:
    return list(session.exec(select(Broadcast).where(Broadcast.status == BroadcastStatus.sending)).all())


def provinces(session: Session) -> list[Jurisdiction]:
    return list(session.exec(select(Jurisdiction).where(Jurisdiction.level == Level.province)).all())


def jurisdiction_choices(session: Session, *, limit: int = 30) -> list[Jurisdiction]:
    """Jurisdictions that have units, largest first (a province before its communes)."""
    with_units = select(Unit.jurisdiction_id).where(col(Unit.active).is_(True))
    return list(
        session.exec(
            select(Jurisdiction)
            .where(col(Jurisdiction.id).in_(with_units))
            .order_by(col(Jurisdiction.level).desc(), col(Jurisdiction.name))
            .limit(limit)
        ).all()
    )
