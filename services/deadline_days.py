"""Deadlines whose plan gave no day, and an admin setting it: the one way to do both, from the chat
(/datngay, /hanbaocao's admin view, the buttons after an import) and the command line
(`plans set-day`), and the one count the admins' daily digest gives.

"No day" means the text named none and no admin has set one: such a deadline runs on the
jurisdiction's default day (services.recurrence, NĐ 09/2019) until an admin sets the real one.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from services.occurrences import OccurrenceError, drop_open_occurrences, materialize
from storage.enums import DueSource, PlanStatus, Recurrence
from storage.models import Deadline, Plan

NO_DAY_SOURCES = (DueSource.default,)  # with None: the text gave no day and the default applies


def get_deadline(session: Session, *, deadline_id: int) -> Deadline | None:
    return session.get(Deadline, deadline_id)


def undated(session: Session, *, plan_id: int | None = None, limit: int | None = None) -> list[Deadline]:
    """Deadlines of active plans with no day from the text or an admin, in plan order."""
    stmt = (
        select(Deadline)
        .join(Plan, col(Plan.id) == col(Deadline.plan_id))
        .where(
            col(Deadline.due_source).is_(None) | col(Deadline.due_source).in_(NO_DAY_SOURCES),
            Plan.status == PlanStatus.active,
        )
        .order_by(col(Deadline.plan_id), col(Deadline.position))
    )
    if plan_id is not None:
        stmt = stmt.where(Deadline.plan_id == plan_id)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(session.exec(stmt).all())


def set_deadline_day(
    session: Session,
    *,
    deadline_id: int,
    day: int,
    month: int | None,
    today: dt.date,
    year: int | None = None,
) -> Deadline:
    """An admin sets the day a plan left open ("định kỳ hằng năm" with no date); reminders follow
    at once. For periodic rules `month` is the month within the period (yearly: the calendar
    month; monthly: ignored); a one-off deadline needs the month and the year. The open
    occurrences on the old day go, the new ones are written now, so the next tick uses them.
    A refusal is an OccurrenceError whose key names the message."""
    deadline = session.get(Deadline, deadline_id)
    if deadline is None:
        raise OccurrenceError("deadlines.not_found")
    once = deadline.recurrence == Recurrence.once
    if once and (year is None or month is None):
        raise OccurrenceError("deadlines.day_needs_year")
    try:
        dt.date(year or 2024, month or 1, day)  # 2024: a leap year, 29/2 is a day of some years
    except ValueError as exc:
        raise OccurrenceError("deadlines.day_invalid") from exc
    if once:
        assert year is not None and month is not None
        deadline.due_date = dt.date(year, month, day)
    else:
        deadline.due_month = None if deadline.recurrence == Recurrence.monthly else month
        deadline.due_day = day
    deadline.due_source = DueSource.admin
    session.add(deadline)
    assert deadline.id is not None
    drop_open_occurrences(session, deadline_ids=[deadline.id])
    session.flush()
    materialize(session, today=today, deadline_ids=[deadline.id])
    return deadline
