"""The last look at a queued reminder before it is sent (bot/delivery.py): its window must be open
now, its items still due and not reminded since, and its words made for today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from config.settings import Settings
from messages.reminders import reminder_reply
from messages.types import Reply
from services.clock import VN_TZ
from services.occurrences import OPEN_STATES
from services.reminder_policy import ESCALATE_KEY, NUDGE_PREFIX, ReminderPolicy, load_context
from services.reminders import Candidates, occurrence_info, reminder_item
from services.workdays import WorkCalendar
from storage.models import (
    Occurrence,
    Person,
    Reminder,
    Unit,
)
from storage.rows import plain_rows


@dataclass(frozen=True, slots=True)
class Recheck:
    """What to do with a queued reminder now: send `reply` (its text made for today), send it
    `later` (at `not_before`: the window is closed), or drop it (`reason`: nothing is due any more)."""

    action: str  # "send" | "later" | "drop"
    reply: Reply | None = None
    not_before: dt.datetime | None = None
    reason: str = ""


def next_window(policy: ReminderPolicy, calendar: WorkCalendar, local: dt.datetime) -> dt.datetime:
    """When the reminder window of `policy` next opens, from `local` (now, Asia/Ho_Chi_Minh)."""
    day = local.date()
    if not (calendar.is_working_day(day) and local.time() < policy.reminder_time):
        day = calendar.next_working_day(day + dt.timedelta(days=1))
    return dt.datetime.combine(day, policy.reminder_time, tzinfo=VN_TZ).astimezone(dt.UTC)


def recheck_reminder(session: Session, *, outbox_id: int, now: dt.datetime, settings: Settings) -> Recheck:
    """A queued reminder, looked at again just before it is sent (bot/delivery.py). It was rendered
    by the tick for the day it was queued; a process that stops and one that starts later may send
    it on another day, at another hour. So: each jurisdiction's window must be open now (working
    day, after the reminder time, outside quiet hours), else it waits for the next opening; its
    items are those still open and not reminded since by a newer message; and its text is made
    again for today ("còn 4 ngày", not the queued "còn 5 ngày")."""
    ledger = session.exec(select(Reminder).where(Reminder.outbox_id == outbox_id)).all()
    if not ledger:
        return Recheck("send")  # not a tick's message: nothing to check against
    local = now.astimezone(VN_TZ)
    today = local.date()
    ctx = load_context(session, settings=settings)
    occ_ids = sorted({r.occurrence_id for r in ledger})
    rows = plain_rows(
        session,
        sa_select(
            col(Occurrence.id),
            col(Occurrence.unit_id),
            col(Occurrence.due_on),
            col(Occurrence.status),
            col(Unit.jurisdiction_id),
        )
        .join(Unit, col(Unit.id) == col(Occurrence.unit_id))
        .where(col(Occurrence.id).in_(occ_ids)),
    )
    if all(r.offset_key.startswith(NUDGE_PREFIX) for r in ledger):
        # a collector's nudge goes when the collector asked, as written, unless the report came since
        if any(status in OPEN_STATES for _o, _u, _d, status, _j in rows):
            return Recheck("send")
        return Recheck("drop", reason="no longer due (reported)")
    jids = {jid if jid in ctx.policies else None for *_, jid in rows}
    closed = [jid for jid in jids if not ctx.policies[jid].window_open(local, ctx.schedule(jid).calendar)]
    if closed:
        opening = max(next_window(ctx.policies[j], ctx.schedule(j).calendar, local) for j in closed)
        return Recheck("later", not_before=opening, reason="outside the reminder window")
    person_id = ledger[0].person_id
    newer = {  # a later message of the tick already carries these occurrences
        o
        for o, out in plain_rows(
            session,
            select(col(Reminder.occurrence_id), col(Reminder.outbox_id)).where(
                col(Reminder.occurrence_id).in_(occ_ids),
                Reminder.person_id == person_id,
                col(Reminder.outbox_id) > outbox_id,
            ),
        )
        if out is not None
    }
    occ: Candidates = {
        oid: (unit_id, due, jid, None, None)
        for oid, unit_id, due, status, jid in rows
        if oid is not None and status in OPEN_STATES and oid not in newer
    }
    if not occ:
        return Recheck("drop", reason="no longer due (reported, or reminded since)")
    info = occurrence_info(session, sorted(occ))
    escalated = {r.occurrence_id for r in ledger if r.offset_key == ESCALATE_KEY}
    late = {r.occurrence_id for r in ledger if r.late}
    items = [
        replace(
            reminder_item(oid, info[oid], occ, ctx=ctx, today=today),
            escalated=oid in escalated,
            late=oid in late,
        )
        for oid in sorted(occ)
    ]
    person = session.get(Person, person_id)
    return Recheck("send", reply=reminder_reply(person.lang if person else "vi", items=items, today=today))
