"""Deadline rules -> dated `Occurrence` rows per owing unit, and the two-step close.

Each Deadline row is a rule ("trước ngày 15/11 hằng năm", "định kỳ hàng quý"); `materialize` writes one
Occurrence per (deadline, owing unit, due date) over a horizon, so the reminder tick, the unit's list
and the digests all read plain rows. A rule with no day uses the jurisdiction's default
(services.recurrence: NĐ 09/2019 reporting periods unless the province configured otherwise); such
deadlines are marked `due_source = "default"` and the admins are asked to set the real day
(`set_deadline_day`).

The close is two-step, as officers know it: the unit reports the deadline done (`mark_submitted`,
with an optional note or link), the assigner's admin confirms it (`confirm`) or sends it back
(`send_back`, which reopens it and resumes reminders).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Select, insert
from sqlalchemy import select as columns
from sqlmodel import Session, col, delete, select

from services.clock import VN_TZ
from services.recurrence import DueRule, defaults_for, due_dates
from services.status import DueStatus, classify
from services.units import follow_successor, units_owing
from storage.models import (
    Deadline,
    DueSource,
    Jurisdiction,
    Membership,
    Occurrence,
    OccurrenceStatus,
    Person,
    Plan,
    PlanStatus,
    Reminder,
    Snooze,
    Unit,
)

log = logging.getLogger(__name__)

HORIZON_DAYS = 400  # far enough that every yearly rule has its next occurrence
LOOKBACK_DAYS = 45  # a rule is dated from its plan's issue, but never further back than this
OPEN_STATES = (OccurrenceStatus.open.value, OccurrenceStatus.returned.value)
DONE_STATES = (OccurrenceStatus.submitted.value, OccurrenceStatus.confirmed.value)


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
    return plan.imported_at.astimezone(VN_TZ).date() if plan.imported_at else today


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
        .where(Plan.status == PlanStatus.active.value)
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
            deadline.due_source = DueSource.default.value  # the admins are asked to set the real day
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
        return occ.submitted_at.astimezone(VN_TZ).date()
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
                day_is_default=d.due_source == DueSource.default.value,
                note=occ.note,
                returned_reason=occ.returned_reason,
                submitted_on=occ.submitted_at.astimezone(VN_TZ).date() if occ.submitted_at else None,
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
            (col(Occurrence.status) != OccurrenceStatus.confirmed.value)
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
        .where(Occurrence.status == OccurrenceStatus.submitted.value)
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


# --- the two-step close ----------------------------------------------------------------------------


def _member_of(session: Session, *, person_id: int, unit_id: int) -> bool:
    row = session.exec(
        select(Membership.id).where(
            Membership.person_id == person_id, Membership.unit_id == unit_id, col(Membership.active)
        )
    ).first()
    return row is not None


def may_act(session: Session, *, person_id: int, unit_id: int) -> bool:
    """The owing unit's side: its members (and admins) submit, snooze, read its reports."""
    person = session.get(Person, person_id)
    return person is not None and (
        person.is_admin or _member_of(session, person_id=person_id, unit_id=unit_id)
    )


def owed_by_member(session: Session, *, occurrence_id: int, person_id: int) -> Occurrence:
    """The occurrence, when the person may act for the unit that owes it (a member, or an admin)."""
    occ = session.get(Occurrence, occurrence_id)
    if occ is None:
        raise OccurrenceError("deadlines.not_found")
    if not may_act(session, person_id=person_id, unit_id=occ.unit_id):
        raise OccurrenceError("deadlines.not_yours")
    return occ


def may_close(session: Session, *, person_id: int, occurrence: Occurrence) -> bool:
    """The receiving side: admins, and the active members of the unit the deadline's reports go to
    (the unit that now carries the named recipient's work, after mergers)."""
    return may_receive(session, person_id=person_id, deadline_id=occurrence.deadline_id)


def may_receive(session: Session, *, person_id: int, deadline_id: int) -> bool:
    """Admins, or an active member of the unit that receives the deadline's reports now."""
    person = session.get(Person, person_id)
    if person is None:
        return False
    if person.is_admin:
        return True
    deadline = session.get(Deadline, deadline_id)
    if deadline is None or deadline.recipient_unit_id is None:
        return False
    recipient = session.get(Unit, deadline.recipient_unit_id)
    if recipient is None:
        return False
    receiving = follow_successor(session, unit=recipient)
    return receiving.id is not None and _member_of(session, person_id=person_id, unit_id=receiving.id)


def mark_submitted(
    session: Session,
    *,
    occurrence_id: int,
    person_id: int,
    note: str | None,
    now: dt.datetime,
) -> Occurrence:
    """Step 1: the unit says it reported. Reminders stop; an admin confirms or sends it back.

    Submitting again only updates the note (a late link), never the submission time.
    """
    occ = owed_by_member(session, occurrence_id=occurrence_id, person_id=person_id)
    if occ.status == OccurrenceStatus.confirmed.value:
        raise OccurrenceError("deadlines.already_confirmed")
    if occ.status in OPEN_STATES:
        occ.status = OccurrenceStatus.submitted.value
        occ.submitted_at = now
        occ.submitted_by = person_id
        occ.returned_reason = None
    if note:
        occ.note = note.strip()[:1000]
    session.add(occ)
    session.flush()
    return occ


def confirm(session: Session, *, occurrence_id: int, admin_id: int, now: dt.datetime) -> Occurrence:
    """Step 2: the assigner accepts the report: an admin, or a member of the receiving unit
    (`admin_id` names either; `may_close`)."""
    occ = _for_admin(session, occurrence_id=occurrence_id, admin_id=admin_id)
    if occ.status != OccurrenceStatus.submitted.value:
        raise OccurrenceError("deadlines.not_submitted")
    occ.status = OccurrenceStatus.confirmed.value
    occ.confirmed_at = now
    occ.confirmed_by = admin_id
    session.add(occ)
    session.flush()
    return occ


def send_back(
    session: Session, *, occurrence_id: int, admin_id: int, reason: str | None = None
) -> Occurrence:
    """The assigner (an admin or a member of the receiving unit) refuses the report: the deadline
    is open again and reminders resume."""
    occ = _for_admin(session, occurrence_id=occurrence_id, admin_id=admin_id)
    if occ.status not in DONE_STATES:
        raise OccurrenceError("deadlines.not_submitted")
    occ.status = OccurrenceStatus.returned.value
    occ.submitted_at = None
    occ.submitted_by = None
    occ.confirmed_at = None
    occ.confirmed_by = None
    occ.returned_reason = (reason or "").strip()[:500] or None
    session.add(occ)
    session.flush()
    return occ


def _for_admin(session: Session, *, occurrence_id: int, admin_id: int) -> Occurrence:
    occ = session.get(Occurrence, occurrence_id)
    if occ is None:
        raise OccurrenceError("deadlines.not_found")
    if not may_close(session, person_id=admin_id, occurrence=occ):
        raise OccurrenceError("deadlines.receivers_only")
    return occ


def snooze(session: Session, *, occurrence_id: int, person_id: int, days: int, today: dt.date) -> dt.date:
    """ "Nhắc lại sau": no reminder of this occurrence to this person before today + days."""
    owed_by_member(session, occurrence_id=occurrence_id, person_id=person_id)
    if days not in (1, 3):
        raise OccurrenceError("deadlines.snooze_invalid")
    until = today + dt.timedelta(days=days)
    row = session.exec(
        select(Snooze).where(Snooze.occurrence_id == occurrence_id, Snooze.person_id == person_id)
    ).first()
    if row is None:
        row = Snooze(occurrence_id=occurrence_id, person_id=person_id, until=until)
    else:
        row.until = until
    session.add(row)
    session.flush()
    return until
