"""Telling people something outside their own conversation: a unit's members, one person, the
admins. The one way to notify, through the outbox.

Going through the queue means the platform's rate limits and blocked-user handling apply. Each
person hears a notice once, on the account that gets their reminders (`delivery_targets`: their
preferred platform while it works), in their own language; `dedup_prefix` names the event, so the
same notice queued twice is sent once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from sqlmodel import Session, col, select

from messages.types import Reply
from services.account_links import delivery_targets
from services.outbox import Queued, enqueue_many
from storage.models import Membership, Person

Build = Callable[[str], Reply]  # the notice in a language


def notify_people(
    session: Session,
    *,
    person_ids: Iterable[int],
    build: Build,
    dedup_prefix: str,
    now: dt.datetime,
    kind: str = "notice",
) -> int:
    """Queue `build(lang)` for each person (built once per language); returns how many were queued."""
    ids = sorted(set(person_ids))
    if not ids:
        return 0
    targets = delivery_targets(session, person_ids=ids)
    langs = dict(session.exec(select(col(Person.id), col(Person.lang)).where(col(Person.id).in_(ids))).all())
    built: dict[str, Reply] = {}
    items = []
    for person_id in ids:
        target = targets.get(person_id)
        if target is None:
            continue
        lang = langs.get(person_id) or "vi"
        if lang not in built:
            built[lang] = build(lang)
        items.append(
            Queued(
                account_id=target.account_id,
                channel=target.channel,
                reply=built[lang],
                kind=kind,
                dedup_key=f"{dedup_prefix}:{person_id}",
                not_before=now,
                created_at=now,
            )
        )
    return len(enqueue_many(session, items=items))


def notify_person(
    session: Session, *, person_id: int, build: Build, dedup_prefix: str, now: dt.datetime
) -> int:
    return notify_people(session, person_ids=[person_id], build=build, dedup_prefix=dedup_prefix, now=now)


def notify_admins(session: Session, *, build: Build, dedup_prefix: str, now: dt.datetime) -> int:
    """Every admin (join requests, errors)."""
    admins = session.exec(select(col(Person.id)).where(col(Person.is_admin).is_(True))).all()
    return notify_people(
        session,
        person_ids=[p for p in admins if p is not None],
        build=build,
        dedup_prefix=dedup_prefix,
        now=now,
    )


def notify_unit(
    session: Session,
    *,
    unit_id: int,
    build: Build,
    dedup_prefix: str,
    now: dt.datetime,
    kind: str = "notice",
) -> int:
    """Every active member of a unit."""
    members = session.exec(
        select(col(Membership.person_id)).where(Membership.unit_id == unit_id, col(Membership.active))
    ).all()
    return notify_people(
        session, person_ids=members, build=build, dedup_prefix=dedup_prefix, now=now, kind=kind
    )
