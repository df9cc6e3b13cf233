"""Numbers for /stats: units, members, plans, and deadline occurrences by derived status."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy import select as columns
from sqlmodel import Session, col, select

from services.charts import CATEGORIES, UnitCounts, worst_first
from services.occurrence_views import done_on
from services.status import classify
from storage.enums import OccurrenceStatus, PlanStatus
from storage.models import Membership, Occurrence, Plan, Unit
from storage.rows import plain_rows


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


def counts_by_unit(session: Session, *, today: dt.date, since: dt.date, until: dt.date) -> list[UnitCounts]:
    """Each active unit's occurrences due from `since` to `until`, by the status officers know:
    overdue, done late, due soon, in time, done on time (the picture of /stats, worst first)."""
    rows = plain_rows(
        session,
        columns(col(Occurrence.status), col(Occurrence.due_on), col(Occurrence.submitted_at), col(Unit.name))
        .join(Unit, col(Unit.id) == col(Occurrence.unit_id))
        .where(col(Unit.active), col(Occurrence.due_on) >= since, col(Occurrence.due_on) <= until),
    )
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        status = classify(r.due_on, today, done_on=done_on(r))
        if status.value in CATEGORIES:
            counts[r.name][status.value] += 1
    return worst_first([UnitCounts(name, c) for name, c in counts.items()])


def weekly_unit_counts(counts: dict[str, Counter[str]]) -> list[UnitCounts]:
    """The weekly digest's counts (services.digests.weekly_counts) as chart rows."""
    return worst_first([UnitCounts(name, {k: c[k] for k in CATEGORIES}) for name, c in counts.items()])
