"""Numbers for /stats: units, members, plans, and deadline occurrences by derived status."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.models import Membership, Occurrence, OccurrenceStatus, Plan, PlanStatus, Unit


@dataclass(frozen=True, slots=True)
class Stats:
    units: int
    members: int
    plans: int
    occurrences: dict[str, int]  # open_on_time / open_overdue / submitted / confirmed


def _count(session: Session, stmt: object) -> int:
    return int(session.exec(stmt).one())  # type: ignore[call-overload]


def collect(session: Session, *, today: dt.date) -> Stats:
    units = _count(session, select(func.count()).select_from(Unit).where(col(Unit.active).is_(True)))
    members = _count(
        session,
        select(func.count(func.distinct(Membership.person_id))).where(col(Membership.active).is_(True)),
    )
    plans = _count(session, select(func.count()).select_from(Plan).where(Plan.status == PlanStatus.active))
    counts: Counter[str] = Counter()
    for status, due_on, n in session.exec(
        select(col(Occurrence.status), col(Occurrence.due_on), func.count()).group_by(
            col(Occurrence.status), col(Occurrence.due_on)
        )
    ).all():
        if status in (OccurrenceStatus.open, OccurrenceStatus.returned):
            counts["open_overdue" if due_on < today else "open_on_time"] += n
        else:
            counts[str(status)] += n
    keys = ("open_on_time", "open_overdue", "submitted", "confirmed")
    return Stats(units=units, members=members, plans=plans, occurrences={k: counts.get(k, 0) for k in keys})
