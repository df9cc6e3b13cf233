"""Nudging the units still missing from a collection ("📣 nhắc"): each missing unit's members are
reminded once a day at most, recorded in the reminder ledger (so the tick does not repeat it the
same morning), at the collector's request, outside quiet hours."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table
from sqlalchemy import select as columns
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from messages.types import Reply
from services.account_links import delivery_targets
from services.collector import check_receiver
from services.occurrences import OPEN_STATES
from services.outbox import Queued, enqueue_many
from services.reminder_policy import NUDGE_PREFIX
from services.status import DueStatus, classify
from storage.bulk import insert_rows
from storage.models import (
    Membership,
    Occurrence,
    Person,
    Reminder,
    Unit,
)
from storage.rows import plain_rows

LEDGER: Table = Reminder.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class NudgeTarget:
    """One message of a nudge: the unit's occurrence, for one of its members."""

    occurrence_id: int
    person_id: int
    unit_name: str
    status: DueStatus


@dataclass(slots=True)
class NudgeResult:
    missing_units: int = 0  # units still missing when the nudge was asked
    units: int = 0  # units of which someone was nudged now
    people: int = 0  # members nudged now (one message each)
    already: int = 0  # members already nudged today for this collection: not again
    unreachable: int = 0  # missing units with no member the bot can reach


def nudge(
    session: Session,
    *,
    deadline_id: int,
    due_on: dt.date,
    person_id: int,
    now: dt.datetime,
    today: dt.date,
    build: Callable[[str, NudgeTarget], Reply],
    not_before: dt.datetime | None = None,
) -> NudgeResult:
    """One reminder to each member of each unit still missing, at most once a day per member and
    occurrence: the ledger (`Reminder`, offset "nudge:<day>") is written with the messages in one
    transaction, so a second tap, a second collector or a second process nudges nobody twice."""
    check_receiver(session, person_id=person_id, deadline_id=deadline_id)
    missing = plain_rows(
        session,
        columns(col(Occurrence.id), col(Occurrence.unit_id), col(Occurrence.due_on), col(Unit.name))
        .join(Unit, col(Unit.id) == col(Occurrence.unit_id))
        .where(
            col(Occurrence.deadline_id) == deadline_id,
            col(Occurrence.due_on) == due_on,
            col(Occurrence.status).in_(OPEN_STATES),
            col(Unit.active),
        ),
    )
    result = NudgeResult(missing_units=len(missing))
    if not missing:
        return result
    by_unit = {r.unit_id: r for r in missing}
    members = plain_rows(
        session,
        columns(col(Membership.unit_id), col(Membership.person_id)).where(
            col(Membership.unit_id).in_(sorted(by_unit)), col(Membership.active)
        ),
    )
    targets = delivery_targets(session, person_ids={m.person_id for m in members})
    key = f"{NUDGE_PREFIX}{today.isoformat()}"
    done = {
        (o, p)
        for o, p in plain_rows(
            session,
            columns(col(Reminder.occurrence_id), col(Reminder.person_id)).where(
                col(Reminder.occurrence_id).in_([r.id for r in missing]), col(Reminder.offset_key) == key
            ),
        )
    }
    langs = dict(
        plain_rows(
            session,
            columns(col(Person.id), col(Person.lang)).where(
                col(Person.id).in_([m.person_id for m in members])
            ),
        )
    )
    ledger: list[dict[str, Any]] = []
    queued: list[Queued] = []
    reached: set[int] = set()
    reachable: set[int] = set()
    for m in members:
        target = targets.get(m.person_id)
        if target is None:
            continue
        occ = by_unit[m.unit_id]
        reachable.add(m.unit_id)
        if (occ.id, m.person_id) in done:
            result.already += 1
            continue
        item = NudgeTarget(occ.id, m.person_id, occ.name, classify(occ.due_on, today))
        ledger.append(
            {
                "occurrence_id": occ.id,
                "person_id": m.person_id,
                "offset_key": key,
                "planned_for": now,
                "late": False,
                "created_at": now,
            }
        )
        queued.append(
            Queued(
                account_id=target.account_id,
                channel=target.channel,
                reply=build(langs.get(m.person_id) or "vi", item),
                kind="reminder",
                dedup_key=f"{key}:{occ.id}:{m.person_id}",
                not_before=not_before or now,
                created_at=now,
            )
        )
        reached.add(m.unit_id)
    result.unreachable = len(by_unit) - len(reachable)
    if not ledger:
        return result
    try:
        with session.begin_nested():
            written = enqueue_many(session, items=queued)
            for row in ledger:
                row["outbox_id"] = written.get(f"{key}:{row['occurrence_id']}:{row['person_id']}")
            insert_rows(session.connection(), LEDGER, ledger)
    except IntegrityError:  # another tap recorded the same nudges first: theirs stand
        result.already += len(ledger)
        return result
    result.units = len(reached)
    result.people = len(ledger)
    return result
