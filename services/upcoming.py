"""A unit's upcoming deadlines for the command line (`dutybot deadlines`), read from the dated
occurrences with the status every other view gives (services.occurrence_views): the command line
and the chat never disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session, col, select

from services.duty_queries import applying_deadlines, unit_subject
from services.occurrence_views import views
from services.occurrences import OPEN_STATES, materialize
from services.status import DueStatus
from storage.models import (
    Occurrence,
)


@dataclass(frozen=True, slots=True)
class UpcomingDeadline:
    deadline_id: int
    plan_id: int
    plan_number: str | None
    plan_title: str | None
    action: str
    recipient: str | None
    recurrence: str
    due: dt.date | None  # None: the plan gives no day and no admin set one
    due_is_default: bool
    status: DueStatus
    occurrence_status: str | None  # the workflow state, when the reminders engine tracks this date
    source: str


def upcoming_deadlines(
    session: Session, *, unit_id: int, today: dt.date, horizon_days: int = 60, lookback_days: int = 31
) -> list[UpcomingDeadline]:
    """The unit's deadlines due from `lookback_days` ago to `horizon_days` ahead (and any older one
    still not reported), plus undated ones, each with its status; soonest first, undated last.

    Read from the dated occurrences, as /hanbaocao, /nhiemvu and the reminders read them (the unit's
    deadlines are dated first, so a database filled by the command line alone answers the same),
    with the status of `occurrences.views`: the command line and the chat never disagree."""
    subject = unit_subject(session, unit_id)
    rows = applying_deadlines(session, scope=subject.scope)
    by_id = {r.id: r for r in rows}
    materialize(session, today=today, deadline_ids=list(by_id))
    start, end = today - dt.timedelta(days=lookback_days), today + dt.timedelta(days=horizon_days)
    dated = session.exec(
        select(Occurrence).where(
            Occurrence.unit_id == subject.unit_id,
            col(Occurrence.deadline_id).in_(list(by_id)),
            Occurrence.due_on <= end,
            (col(Occurrence.due_on) >= start) | col(Occurrence.status).in_(OPEN_STATES),
        )
    ).all()
    out = [
        UpcomingDeadline(
            deadline_id=v.deadline_id,
            plan_id=by_id[v.deadline_id].plan_id,
            plan_number=v.plan_number,
            plan_title=v.plan_title,
            action=v.action,
            recipient=v.recipient,
            recurrence=v.recurrence,
            due=v.due_on,
            due_is_default=v.day_is_default,
            status=v.status,
            occurrence_status=v.state,
            source=v.text,
        )
        for v in views(session, dated, today=today)
    ]
    out += [  # no day at all: a one-off deadline the text left open, until an admin sets it
        UpcomingDeadline(
            deadline_id=r.id,
            plan_id=r.plan_id,
            plan_number=r.number,
            plan_title=r.title,
            action=r.action,
            recipient=r.recipient,
            recurrence=r.recurrence,
            due=None,
            due_is_default=False,
            status=DueStatus.no_deadline,
            occurrence_status=None,
            source=r.source,
        )
        for r in rows
        if r.recurrence == "once" and r.due_date is None
    ]
    return sorted(out, key=lambda d: (d.due is None, d.due or dt.date.max, d.deadline_id))
