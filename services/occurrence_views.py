"""What a unit sees of its deadlines: each occurrence with its deadline's words, its plan and its
status (`OccurrenceView`), THE occurrence of each deadline that matters today, the unit's list,
and the reports awaiting confirmation. Read-only; the rows are written by services.occurrences and
closed by services.closing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlmodel import Session, col, select

from services.clock import local_date
from services.occurrences import DONE_STATES, OPEN_STATES, OccurrenceError
from services.status import DueStatus, classify
from storage.enums import DueSource, OccurrenceStatus
from storage.models import Deadline, Occurrence, Plan, Unit


@dataclass(frozen=True, slots=True)
class OccurrenceView:
    """One dated deadline of one unit, ready to render."""

    id: int
    deadline_id: int
    unit_id: int
    unit_name: str
    due_on: dt.date
    state: str  # OccurrenceStatus
    status: DueStatus  # the category officers know
    action: str
    recipient: str | None
    plan_number: str | None
    plan_title: str | None
    text: str
    recurrence: str
    day_is_default: bool
    note: str | None
    returned_reason: str | None
    submitted_on: dt.date | None


class _Closable(Protocol):
    """An occurrence, or a plain row with its status and submission time."""

    @property
    def status(self) -> str: ...
    @property
    def submitted_at(self) -> dt.datetime | None: ...


def done_on(occ: _Closable) -> dt.date | None:
    if occ.status in DONE_STATES and occ.submitted_at is not None:
        return local_date(occ.submitted_at)
    return None


def views(session: Session, occurrences: Sequence[Occurrence], *, today: dt.date) -> list[OccurrenceView]:
    deadline_ids = {o.deadline_id for o in occurrences}
    unit_ids = {o.unit_id for o in occurrences}
    deadlines = {d.id: d for d in session.exec(select(Deadline).where(col(Deadline.id).in_(deadline_ids)))}
    plan_ids = {d.plan_id for d in deadlines.values()}
    plans = {p.id: p for p in session.exec(select(Plan).where(col(Plan.id).in_(plan_ids)))}
    units = {u.id: u for u in session.exec(select(Unit).where(col(Unit.id).in_(unit_ids)))}
    out = []
    for occ in occurrences:
        d = deadlines[occ.deadline_id]
        p = plans[d.plan_id]
        assert occ.id is not None
        out.append(
            OccurrenceView(
                id=occ.id,
                deadline_id=occ.deadline_id,
                unit_id=occ.unit_id,
                unit_name=units[occ.unit_id].name,
                due_on=occ.due_on,
                state=occ.status,
                status=classify(occ.due_on, today, done_on=done_on(occ)),
                action=d.action,
                recipient=d.recipient,
                plan_number=p.number,
                plan_title=p.title,
                text=d.source,
                recurrence=d.recurrence,
                day_is_default=d.due_source == DueSource.default,
                note=occ.note,
                returned_reason=occ.returned_reason,
                submitted_on=local_date(occ.submitted_at) if occ.submitted_at else None,
            )
        )
    return out


def _urgency(occ: Occurrence, today: dt.date) -> tuple[int, int]:
    """How much an occurrence matters today (lower first): still open and due by today (the oldest
    first: a missed report stays in view until it is reported), then the next one due, then past
    ones already reported (the latest first)."""
    if occ.status in OPEN_STATES and occ.due_on <= today:
        return (0, occ.due_on.toordinal())
    if occ.due_on >= today:
        return (1, occ.due_on.toordinal())
    return (2, -occ.due_on.toordinal())


def current_occurrences(
    session: Session, *, unit_id: int, today: dt.date, deadline_ids: Iterable[int]
) -> dict[int, OccurrenceView]:
    """THE occurrence of each deadline that the unit must act on today, with its status: what
    /nhiemvu, /hanbaocao, `dutybot deadlines`, /stats and the reminders all agree on. A report due
    15/11 and not reported is still "quá hạn" on 22/11, not "trong hạn" for next year's 15/11."""
    ids = sorted(set(deadline_ids))
    if not ids:
        return {}
    rows = session.exec(
        select(Occurrence).where(Occurrence.unit_id == unit_id, col(Occurrence.deadline_id).in_(ids))
    ).all()
    chosen: dict[int, Occurrence] = {}
    for occ in rows:
        current = chosen.get(occ.deadline_id)
        if current is None or _urgency(occ, today) < _urgency(current, today):
            chosen[occ.deadline_id] = occ
    return {v.deadline_id: v for v in views(session, list(chosen.values()), today=today)}


def unit_occurrences(
    session: Session,
    *,
    unit_id: int,
    today: dt.date,
    ahead_days: int = 92,
    closed_days: int = 31,
) -> list[OccurrenceView]:
    """The unit's deadlines worth showing: everything still open up to ~a quarter ahead (overdue
    first), the next occurrence of every rule further out (so a yearly November report is visible in
    March), awaiting confirmation, and what was closed in the last month."""
    rows = session.exec(
        select(Occurrence)
        .where(
            Occurrence.unit_id == unit_id,
            (col(Occurrence.status) != OccurrenceStatus.confirmed)
            | (Occurrence.due_on >= today - dt.timedelta(days=closed_days)),
        )
        .order_by(col(Occurrence.due_on), col(Occurrence.id))
    ).all()
    soon = today + dt.timedelta(days=ahead_days)
    shown: list[Occurrence] = []
    later_rules: set[int] = set()
    for row in rows:
        if row.due_on <= soon:
            shown.append(row)
        elif row.deadline_id not in later_rules:
            later_rules.add(row.deadline_id)
            if not any(s.deadline_id == row.deadline_id and s.due_on > today for s in shown):
                shown.append(row)
    return views(session, shown, today=today)


def awaiting_confirmation(session: Session, *, today: dt.date, limit: int = 50) -> list[OccurrenceView]:
    """Submitted reports the admins have not confirmed or sent back yet."""
    rows = session.exec(
        select(Occurrence)
        .where(Occurrence.status == OccurrenceStatus.submitted)
        .order_by(col(Occurrence.submitted_at))
        .limit(limit)
    ).all()
    return views(session, rows, today=today)


def get_view(session: Session, *, occurrence_id: int, today: dt.date) -> OccurrenceView:
    occ = session.get(Occurrence, occurrence_id)
    if occ is None:
        raise OccurrenceError("deadlines.not_found")
    return views(session, [occ], today=today)[0]


def plan_numbers(session: Session, *, plan_ids: set[int]) -> dict[int, str | None]:
    rows = session.exec(select(col(Plan.id), col(Plan.number)).where(col(Plan.id).in_(plan_ids))).all()
    return {pid: number for pid, number in rows if pid is not None}


def unit_name(session: Session, *, unit_id: int) -> str:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise OccurrenceError("deadlines.not_found")
    return unit.name
