"""Deadline rules -> dated `Occurrence` rows per owing unit, and the rows that go with their rule.

Each Deadline row is a rule ("trước ngày 15/11 hằng năm", "định kỳ hàng quý"); `materialize` writes one
Occurrence per (deadline, owing unit, due date) over a horizon, so the reminder tick, the unit's list
and the digests all read plain rows. A rule with no day uses the jurisdiction's default
(services.recurrence: NĐ 09/2019 reporting periods unless the province configured otherwise); such
deadlines are marked `due_source = "default"` and the admins are asked to set the real day
(services.deadline_days). What a unit sees of them is services.occurrence_views; the two-step
close is services.closing.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, insert
from sqlalchemy import select as columns
from sqlmodel import Session, col, delete, select

from services.clock import local_date
from services.recurrence import DueRule, defaults_for, due_dates
from services.units import units_owing
from storage.enums import DueSource, OccurrenceStatus, PlanStatus
from storage.models import Deadline, Jurisdiction, Occurrence, Plan, Reminder, Snooze, Unit

log = logging.getLogger(__name__)

HORIZON_DAYS = 400  # far enough that every yearly rule has its next occurrence
LOOKBACK_DAYS = 45  # a rule is dated from its plan's issue, but never further back than this
OPEN_STATES = (OccurrenceStatus.open, OccurrenceStatus.returned)
DONE_STATES = (OccurrenceStatus.submitted, OccurrenceStatus.confirmed)


class OccurrenceError(Exception):
    """A refused workflow step; `key` names a message in messages/texts/deadlines.py."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


# --- rules -> occurrences --------------------------------------------------------------------------


def rule_of(deadline: Deadline) -> DueRule:
    return DueRule(
        recurrence=deadline.recurrence,
        due_date=deadline.due_date,
        month=deadline.due_month,
        day=deadline.due_day,
    )


def _jurisdiction_settings(session: Session, plan: Plan) -> dict[str, object] | None:
    if plan.jurisdiction_id is None:
        return None
    jurisdiction = session.get(Jurisdiction, plan.jurisdiction_id)
    return jurisdiction.settings if jurisdiction is not None else None


def in_force_from(plan: Plan, today: dt.date) -> dt.date:
    """The first day a plan's deadlines can fall due: the day it was issued. Not the day it was
    imported: a yearly report due 15/11 of a plan issued years ago and imported on 22/11 was owed
    on 15/11 all the same, and shows "quá hạn" until the unit says it was sent. A plan whose
    header gives no date counts from its import."""
    if plan.issued_on is not None:
        return plan.issued_on
    return local_date(plan.imported_at) if plan.imported_at else today


def period_of(recurrence: str, due: dt.date) -> tuple[int, int]:
    """The reporting period a due date belongs to (one occurrence per unit and period)."""
    months = {"monthly": 1, "quarterly": 3, "semiannual": 6, "yearly": 12}.get(recurrence)
    if months is None:  # once: the date itself
        return (due.toordinal(), 0)
    return (due.year, (due.month - 1) // months)


def materialize(
    session: Session,
    *,
    today: dt.date,
    horizon_days: int = HORIZON_DAYS,
    lookback_days: int = LOOKBACK_DAYS,
    deadline_ids: Iterable[int] | None = None,
    plan_id: int | None = None,
) -> int:
    """Write the missing occurrences of every active plan's deadlines (or of the given deadlines, or
    of one plan's); returns how many were added.

    Idempotent (the (deadline, unit, due_on) key is unique), so the scheduler runs it at start-up and
    daily, and importers may call it after an import.
    """
    stmt = (
        select(Deadline, Plan)
        .join(Plan, col(Plan.id) == col(Deadline.plan_id))
        .where(Plan.status == PlanStatus.active)
    )
    if deadline_ids is not None:
        stmt = stmt.where(col(Deadline.id).in_(list(deadline_ids)))
    if plan_id is not None:
        stmt = stmt.where(Deadline.plan_id == plan_id)
    end = today + dt.timedelta(days=horizon_days)
    added = 0
    for deadline, plan in session.exec(stmt).all():
        start = max(in_force_from(plan, today), today - dt.timedelta(days=lookback_days))
        defaults = defaults_for(_jurisdiction_settings(session, plan))
        dates = list(due_dates(rule_of(deadline), start, end, defaults))
        if not dates:
            continue
        if any(used_default for _, used_default in dates) and deadline.due_source is None:
            deadline.due_source = DueSource.default  # the admins are asked to set the real day
            session.add(deadline)
        units = units_owing(session, deadline=deadline)
        if not units:
            continue
        # One occurrence per unit and period: when an admin moves the day, a period that already
        # has its occurrence (maybe done) does not get a second one on the new day.
        taken = {
            (unit_id, period_of(deadline.recurrence, due))
            for unit_id, due in session.exec(
                select(col(Occurrence.unit_id), col(Occurrence.due_on)).where(
                    Occurrence.deadline_id == deadline.id, Occurrence.due_on >= start - dt.timedelta(days=366)
                )
            ).all()
        }
        rows = [
            {"deadline_id": deadline.id, "unit_id": unit.id, "due_on": due}
            for unit in units
            for due, _ in dates
            if (unit.id, period_of(deadline.recurrence, due)) not in taken
        ]
        if rows:
            session.execute(insert(Occurrence), rows)
            added += len(rows)
    session.flush()
    if added:
        log.info("materialised %d occurrences", added)
    return added


def facts() -> Select[*tuple[Any, ...]]:
    """Occurrences with what a message says of them, one row each: (id, due_on, action, recipient,
    source, number, name, jurisdiction_id): the deadline's words, its plan's number, the owing
    unit's name and jurisdiction. The one join of the four tables (reminders, re-checks, digests);
    callers add their filter and order."""
    return (
        columns(
            col(Occurrence.id),
            col(Occurrence.due_on),
            col(Deadline.action),
            col(Deadline.recipient),
            col(Deadline.source),
            col(Plan.number),
            col(Unit.name),
            col(Unit.jurisdiction_id),
        )
        .join(Deadline, col(Deadline.id) == col(Occurrence.deadline_id))
        .join(Plan, col(Plan.id) == col(Deadline.plan_id))
        .join(Unit, col(Unit.id) == col(Occurrence.unit_id))
    )


# --- occurrences that go ---------------------------------------------------------------------------


def _occurrence_ids(session: Session, deadline_ids: list[int], *, only_open: bool) -> list[int]:
    statement = select(Occurrence.id).where(col(Occurrence.deadline_id).in_(deadline_ids))
    if only_open:
        statement = statement.where(
            col(Occurrence.status).in_([OccurrenceStatus.open, OccurrenceStatus.returned])
        )
    return [i for i in session.exec(statement) if i is not None]


def _delete_occurrences(session: Session, occurrence_ids: list[int]) -> None:
    if not occurrence_ids:
        return
    session.exec(delete(Reminder).where(col(Reminder.occurrence_id).in_(occurrence_ids)))
    session.exec(delete(Snooze).where(col(Snooze.occurrence_id).in_(occurrence_ids)))
    session.exec(delete(Occurrence).where(col(Occurrence.id).in_(occurrence_ids)))


def drop_occurrences(session: Session, *, deadline_ids: list[int]) -> None:
    """Deadlines that go take every occurrence with them (reminders and snoozes too)."""
    _delete_occurrences(session, _occurrence_ids(session, deadline_ids, only_open=False))


def drop_open_occurrences(session: Session, *, deadline_ids: list[int]) -> None:
    """A deadline's day changed: open occurrences on the old day go (the scheduler makes new ones)."""
    _delete_occurrences(session, _occurrence_ids(session, deadline_ids, only_open=True))


def drop_unowed_occurrences(session: Session, *, deadline_ids: list[int]) -> int:
    """Open occurrences of active units that no longer owe their deadline go, with their reminders and
    snoozes (e.g. the recipient, once resolved, is no longer its own debtor through a class); the
    daily `materialize` only adds occurrences, so without this they would keep reminding. Submitted
    and confirmed ones stay as history; those of merged-away units are left (reminders skip
    inactive units). Returns how many went."""
    if not deadline_ids:
        return 0
    stale: list[int] = []
    for deadline in session.exec(select(Deadline).where(col(Deadline.id).in_(deadline_ids))).all():
        owing = {unit.id for unit in units_owing(session, deadline=deadline)}
        rows = session.exec(
            select(Occurrence.id, Occurrence.unit_id)
            .join(Unit, col(Unit.id) == col(Occurrence.unit_id))
            .where(
                Occurrence.deadline_id == deadline.id,
                col(Occurrence.status).in_([OccurrenceStatus.open, OccurrenceStatus.returned]),
                col(Unit.active),
            )
        ).all()
        stale += [occurrence_id for occurrence_id, unit_id in rows if occurrence_id and unit_id not in owing]
    _delete_occurrences(session, stale)
    if stale:
        log.info("dropped %d occurrences of units that no longer owe their deadline", len(stale))
    return len(stale)


# --- what a unit sees ------------------------------------------------------------------------------


# --- the two-step close ----------------------------------------------------------------------------
