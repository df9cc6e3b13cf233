"""The two-step close, as officers know it: the owing unit reports a deadline done (`mark_submitted`,
with an optional note or link), the unit that receives the reports (or an admin) confirms it
(`confirm`) or sends it back (`send_back`, which reopens it and resumes reminders); and a member's
"nhắc lại sau" (`snooze`). Who may act is checked here, on every call."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from services.occurrences import DONE_STATES, OPEN_STATES, OccurrenceError
from services.units import follow_successor
from storage.enums import OccurrenceStatus
from storage.models import Deadline, Membership, Occurrence, Person, Snooze, Unit


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
    if occ.status == OccurrenceStatus.confirmed:
        raise OccurrenceError("deadlines.already_confirmed")
    if occ.status in OPEN_STATES:
        occ.status = OccurrenceStatus.submitted
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
    if occ.status != OccurrenceStatus.submitted:
        raise OccurrenceError("deadlines.not_submitted")
    occ.status = OccurrenceStatus.confirmed
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
    occ.status = OccurrenceStatus.returned
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
