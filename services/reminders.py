"""The reminder tick: decide what is due now, record it in the ledger, queue one message per member.

Run by the scheduler every `settings.scheduler_tick_seconds` (and by `dutybot reminders tick`). It is
stateless: everything it needs is in the database, so it may run any number of times, in any
process, after any downtime, and sends each reminder exactly once:

1. Only jurisdictions whose reminder window is open act (a working day, from the reminder time until
   quiet hours); elsewhere the tick does nothing and the next one catches up.
2. Candidate occurrences are the open ones whose first reminder day can have come: due within the
   longest offset (plus slack for holidays) or already overdue. For each, the *latest* slot that has
   come (services.reminder_policy.Schedule) is what is wanted; older missed ones are superseded, so a
   restart after downtime sends one (late) reminder, not a backlog. Leaders also want the
   escalation slot. Snoozes hold a person's slots back until the snooze day.
3. Wanted (occurrence, person, offset_key) triples already in the ledger are dropped. The rest are
   written to the ledger (`Reminder`, unique on the triple) and, in the same transaction, one
   Outbox row per person gathering all their items, with a dedup key derived from the ledger ids.
   The intent is recorded before anything is sent; the delivery worker claims outbox rows before
   sending, so neither a crash nor a concurrent tick can produce a second copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Table
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from config.settings import Settings
from messages.reminders import ReminderItem, reminder_reply
from messages.types import Reply
from services.account_links import Target, delivery_targets
from services.clock import VN_TZ, Clock
from services.gcpause import gc_paused
from services.occurrences import OPEN_STATES, facts
from services.outbox import Queued, enqueue_many
from services.reminder_policy import (
    ESCALATE_KEY,
    SNOOZE_PREFIX,
    ReminderContext,
    Slot,
    any_window_may_open,
    load_context,
    load_policies,
)
from services.status import classify
from storage.bulk import insert_rows
from storage.enums import MemberRole
from storage.models import Membership, Occurrence, Person, Reminder, Snooze, Unit
from storage.rows import plain_rows

log = logging.getLogger(__name__)

LATE_AFTER = dt.timedelta(hours=1)  # a reminder queued later than this after its planned time is "late"
HOLIDAY_SLACK_DAYS = 21  # a reminder day moves earlier over weekends and Tết: look this much further
CHUNK = 2000
LEDGER: Table = Reminder.__table__  # type: ignore[attr-defined]


@dataclass(slots=True)
class TickResult:
    now: dt.datetime
    open_jurisdictions: int = 0
    candidates: int = 0  # open occurrences looked at
    reminders: int = 0  # ledger rows written
    late: int = 0
    escalations: int = 0
    skipped_stale: int = 0
    messages: int = 0  # outbox rows queued
    message_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Want:
    occurrence_id: int
    person_id: int
    key: str
    day: dt.date
    escalation: bool


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


Candidates = dict[int, tuple[int, dt.date, int | None, Slot | None, Slot | None]]


@gc_paused()
def run_tick(session: Session, *, clock: Clock, settings: Settings) -> TickResult:
    """One pass of the reminder scheduler (see the module docstring). Commit is the caller's."""
    now = clock.now().astimezone(dt.UTC)
    local = now.astimezone(VN_TZ)
    today = local.date()
    result = TickResult(now=now)
    policies = load_policies(session, settings=settings)
    if not any_window_may_open(policies, local):
        return result
    ctx = load_context(session, settings=settings, policies=policies)
    open_jids = {
        jid for jid, policy in ctx.policies.items() if policy.window_open(local, ctx.schedule(jid).calendar)
    }
    result.open_jurisdictions = len(open_jids)
    if not open_jids:
        return result
    lead = max(p.max_lead_days for p in ctx.policies.values()) + HOLIDAY_SLACK_DAYS
    occ = _candidates(session, ctx=ctx, open_jids=open_jids, today=today, lead=lead)
    result.candidates = len(occ)
    if not occ:
        return result
    accounts = delivery_targets(session)
    wants = _wanted(session, ctx=ctx, occ=occ, accounts=accounts, today=today)
    wants = _not_in_ledger(session, wants, today=today, lead=lead)
    wants = _drop_stale(session, wants, ctx=ctx, occ=occ, today=today, result=result)
    if not wants:
        return result
    _record_and_queue(
        session, wants, ctx=ctx, occ=occ, accounts=accounts, now=now, today=today, result=result
    )
    log.info(
        "tick %s: %d reminders (%d late, %d escalations) in %d messages",
        local.isoformat(timespec="minutes"),
        result.reminders,
        result.late,
        result.escalations,
        result.messages,
    )
    return result


def _candidates(
    session: Session, *, ctx: ReminderContext, open_jids: set[int | None], today: dt.date, lead: int
) -> Candidates:
    """Open occurrences of active units whose jurisdiction's window is open and that have a slot
    today: occurrence id -> (unit, due, jurisdiction, regular slot, escalation slot)."""
    window = (
        select(col(Occurrence.id), col(Occurrence.unit_id), col(Occurrence.due_on), col(Unit.jurisdiction_id))
        .join(Unit, col(Unit.id) == col(Occurrence.unit_id))
        .where(
            col(Occurrence.status).in_(OPEN_STATES),
            Occurrence.due_on <= today + dt.timedelta(days=lead),
            col(Unit.active),
        )
    )
    occ: Candidates = {}
    for oid, unit_id, due, jid in plain_rows(session, window):
        if (jid if jid in ctx.policies else None) not in open_jids:
            continue
        schedule = ctx.schedule(jid)
        slot = schedule.latest(due, today)
        escalation = schedule.escalation(due, today)
        if oid is not None and (slot is not None or escalation is not None):
            occ[oid] = (unit_id, due, jid, slot, escalation)
    return occ


def _wanted(
    session: Session, *, ctx: ReminderContext, occ: Candidates, accounts: dict[int, Target], today: dt.date
) -> list[_Want]:
    """What each reachable member of each candidate's unit should get: the slot (or a snooze's end),
    and the escalation for leaders; a snooze still running holds everything back."""
    units = {unit_id for unit_id, *_ in occ.values()}
    members: dict[int, list[tuple[int, bool]]] = defaultdict(list)
    for unit_id, person_id, role in plain_rows(
        session,
        select(col(Membership.unit_id), col(Membership.person_id), col(Membership.role)).where(
            col(Membership.active)
        ),
    ):
        if unit_id in units:
            members[unit_id].append((person_id, role == MemberRole.leader))
    snoozes: dict[tuple[int, int], dt.date] = {}
    for part in _chunks(sorted(occ)):  # by candidate: the unique (occurrence, person) index serves it
        snoozes.update(
            ((o, p), until)
            for o, p, until in plain_rows(
                session,
                select(col(Snooze.occurrence_id), col(Snooze.person_id), col(Snooze.until)).where(
                    col(Snooze.occurrence_id).in_(part)
                ),
            )
        )
    wants: list[_Want] = []
    for oid, (unit_id, _due, jid, slot, escalation) in occ.items():
        calendar = ctx.schedule(jid).calendar
        for person_id, leader in members.get(unit_id, ()):
            if person_id not in accounts:
                continue
            chosen, esc = slot, escalation if leader else None
            until = snoozes.get((oid, person_id))
            if until is not None:
                if until > today:
                    continue  # snoozed: nothing for this person, escalation included
                snooze_slot = Slot(calendar.next_working_day(until), f"{SNOOZE_PREFIX}{until.isoformat()}")
                if chosen is None or chosen.day < snooze_slot.day:
                    chosen = snooze_slot if snooze_slot.day <= today else None
            if chosen is not None:
                wants.append(_Want(oid, person_id, chosen.key, chosen.day, False))
            if esc is not None:
                wants.append(_Want(oid, person_id, esc.key, esc.day, True))
    return wants


def _not_in_ledger(session: Session, wants: list[_Want], *, today: dt.date, lead: int) -> list[_Want]:
    """Drop what the ledger already holds (one query over the same window, recent rows + escalations)."""
    if not wants:
        return wants
    regular = [w.day for w in wants if not w.escalation]
    cutoff = dt.datetime.combine(min(regular, default=today), dt.time(0), tzinfo=VN_TZ).astimezone(dt.UTC)
    done = {
        (o, p, k)
        for o, p, k in plain_rows(
            session,
            select(col(Reminder.occurrence_id), col(Reminder.person_id), col(Reminder.offset_key))
            .join(Occurrence, col(Occurrence.id) == col(Reminder.occurrence_id))
            .where(
                col(Occurrence.status).in_(OPEN_STATES),
                Occurrence.due_on <= today + dt.timedelta(days=lead),
                (col(Reminder.planned_for) >= cutoff) | (col(Reminder.offset_key) == ESCALATE_KEY),
            ),
        )
    }
    return [w for w in wants if (w.occurrence_id, w.person_id, w.key) not in done]


def _drop_stale(
    session: Session,
    wants: list[_Want],
    *,
    ctx: ReminderContext,
    occ: Candidates,
    today: dt.date,
    result: TickResult,
) -> list[_Want]:
    """A slot missed long ago (the bot was down) is not sent late to someone already told of that
    occurrence; someone never told (a new member) still hears of it once."""
    stale = [
        w
        for w in wants
        if ctx.schedule(occ[w.occurrence_id][2]).calendar.working_days_between(w.day, today)
        > ctx.policies.get(occ[w.occurrence_id][2], ctx.policies[None]).catch_up_working_days
    ]
    if not stale:
        return wants
    told: set[tuple[int, int]] = set()
    for part in _chunks(sorted({w.occurrence_id for w in stale})):
        told.update(
            (o, p)
            for o, p in plain_rows(
                session,
                select(col(Reminder.occurrence_id), col(Reminder.person_id)).where(
                    col(Reminder.occurrence_id).in_(part)
                ),
            )
        )
    skip = {id(w) for w in stale if (w.occurrence_id, w.person_id) in told}
    result.skipped_stale = len(skip)
    return [w for w in wants if id(w) not in skip]


def _record_and_queue(
    session: Session,
    wants: list[_Want],
    *,
    ctx: ReminderContext,
    occ: Candidates,
    accounts: dict[int, Target],
    now: dt.datetime,
    today: dt.date,
    result: TickResult,
) -> None:
    rows = []
    plans: dict[tuple[int | None, dt.date], dt.datetime] = {}  # shared objects: converted once on insert
    for w in wants:
        jid = occ[w.occurrence_id][2]
        planned = plans.get((jid, w.day))
        if planned is None:
            planned = plans[(jid, w.day)] = ctx.schedule(jid).planned_at(w.day, VN_TZ)
        rows.append(
            {
                "occurrence_id": w.occurrence_id,
                "person_id": w.person_id,
                "offset_key": w.key,
                "planned_for": planned,
                "late": now - planned > LATE_AFTER,
                "created_at": now,
            }
        )
    by_person: dict[int, list[tuple[_Want, bool]]] = defaultdict(list)
    for w, row in zip(wants, rows, strict=True):
        by_person[w.person_id].append((w, bool(row["late"])))
    try:
        # One transaction holds both the ledger rows and the messages: the intent is recorded
        # before anything can be sent (the delivery worker only sees committed outbox rows), and a
        # crash before the commit leaves neither. The messages are inserted first only so each
        # ledger row can carry its outbox id in the same INSERT (no second pass over the ledger).
        with session.begin_nested():
            queued, keys = _messages(
                session, by_person, ctx=ctx, occ=occ, accounts=accounts, now=now, today=today
            )
            written = enqueue_many(session, items=queued)
            outbox_of = {
                (w.occurrence_id, w.person_id, w.key): written.get(key)
                for key, entries in keys.items()
                for w in entries
            }
            for w, row in zip(wants, rows, strict=True):
                row["outbox_id"] = outbox_of.get((w.occurrence_id, w.person_id, w.key))
            # The ledger, set-based. If a concurrent tick recorded any of these triples first, the
            # unique key fails the whole batch: this tick backs off, the next one sees those rows.
            connection = session.connection()
            for part in _chunks(rows):
                insert_rows(connection, LEDGER, part)
    except IntegrityError:
        log.warning("another tick recorded these reminders first; leaving them to it")
        return
    result.reminders = len(rows)
    result.late = sum(1 for r in rows if r["late"])
    result.escalations = sum(1 for w in wants if w.escalation)
    result.messages = len(written)
    result.message_ids = sorted(written.values())


def _messages(
    session: Session,
    by_person: dict[int, list[tuple[_Want, bool]]],
    *,
    ctx: ReminderContext,
    occ: Candidates,
    accounts: dict[int, Target],
    now: dt.datetime,
    today: dt.date,
) -> tuple[list[Queued], dict[str, list[_Want]]]:
    """The morning message of each person, rendered once per distinct (language, items)."""
    occ_ids = sorted({w.occurrence_id for entries in by_person.values() for w, _ in entries})
    info = occurrence_info(session, occ_ids)
    langs = {p: lang for p, lang in plain_rows(session, select(col(Person.id), col(Person.lang)))}
    # One item per occurrence (what every member of its unit reads), flagged per person only by
    # escalation and lateness; one rendering per distinct (language, items): the members of a unit
    # share theirs.
    base: dict[int, ReminderItem] = {}
    variants: dict[tuple[int, bool, bool], ReminderItem] = {}
    rendered: dict[tuple[object, ...], Reply] = {}
    queued: list[Queued] = []
    keys: dict[str, list[_Want]] = {}
    for person_id, entries in by_person.items():
        flags: dict[int, tuple[bool, bool]] = {}
        for w, late in entries:
            escalated, was_late = flags.get(w.occurrence_id, (False, False))
            flags[w.occurrence_id] = (escalated or w.escalation, was_late or late)
        wanted = tuple(sorted((oid, escalated, late) for oid, (escalated, late) in flags.items()))
        lang = langs.get(person_id) or "vi"
        reply = rendered.get((lang, wanted))
        if reply is None:
            items = []
            for variant in wanted:
                item = variants.get(variant)
                if item is None:
                    oid, escalated, late = variant
                    plain = base.get(oid)
                    if plain is None:
                        plain = base[oid] = reminder_item(oid, info[oid], occ, ctx=ctx, today=today)
                    if escalated or late:
                        plain = replace(plain, escalated=escalated, late=late)
                    item = variants[variant] = plain
                items.append(item)
            reply = rendered[(lang, wanted)] = reminder_reply(lang, items=items, today=today)
        triples = sorted(f"{w.occurrence_id}:{w.key}" for w, _ in entries)
        digest = hashlib.sha256("|".join(triples).encode()).hexdigest()[:20]
        key = f"reminder:{person_id}:{today.isoformat()}:{digest}"
        keys[key] = [w for w, _ in entries]
        target = accounts[person_id]
        queued.append(
            Queued(
                account_id=target.account_id,
                channel=target.channel,
                reply=reply,
                kind="reminder",
                dedup_key=key,
                not_before=now,
                created_at=now,
            )
        )
    return queued, keys


_Info = tuple[dt.date, str, str | None, str, str | None, str]


def occurrence_info(session: Session, occ_ids: list[int]) -> dict[int, _Info]:
    """What a reminder says of each occurrence: (due, action, recipient, sentence, plan, unit)."""
    info: dict[int, _Info] = {}
    for part in _chunks(occ_ids):
        stmt = facts().where(col(Occurrence.id).in_(part))
        for oid, due, action, recipient, source, number, unit_name, _jid in plain_rows(session, stmt):
            info[oid or 0] = (due, action, recipient, source, number, unit_name)
    return info


def reminder_item(
    oid: int,
    info: tuple[dt.date, str, str | None, str, str | None, str],
    occ: Candidates,
    *,
    ctx: ReminderContext,
    today: dt.date,
) -> ReminderItem:
    due, action, recipient, source, number, unit_name = info
    calendar = ctx.schedule(occ[oid][2]).calendar
    return ReminderItem(
        occurrence_id=oid,
        unit_name=unit_name,
        due_on=due,
        status=classify(due, today).value,
        action=action,
        recipient=recipient,
        plan_number=number,
        text=source,
        late_working_days=calendar.working_days_between(due, today) if today > due else 0,
    )


# --- the last look before sending -----------------------------------------------------------------
