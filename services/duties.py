"""What a unit is responsible for, who is responsible for a topic, and a unit's upcoming deadlines.

The chat handlers and `dutybot ask` call these. A unit's duties are its own assignments, those of the
units merged into it (2025 reorganisation), and those given to every class it belongs to ("các sở, ban,
ngành" of its province), across active plans. Reads use plain column selects on indexed columns (no ORM
objects per row): "what is unit X responsible for" must answer in a few milliseconds with 100,000
assignments stored.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, false, or_
from sqlalchemy import select as columns
from sqlmodel import Session, col, select

from parsing.vntext import fold
from services import jurisdictions
from services.recurrence import DueRule, defaults_for, due_dates, next_due
from services.status import DueStatus, classify
from services.unit_classes import classes_of_unit, label
from services.units import follow_successor, predecessor_ids
from storage.models import (
    Assignment,
    Deadline,
    DeadlineParty,
    Jurisdiction,
    Occurrence,
    OccurrenceStatus,
    Plan,
    PlanStatus,
    Role,
    Unit,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Duty:
    assignment_id: int
    role: str  # "lead" | "support"
    duty: str
    section: str | None
    unit_text: str  # as the plan names the unit or class
    group_key: str | None  # set when the duty reaches the unit through a class
    flagged: bool  # the named unit was dissolved with no successor: an admin must reassign it
    source: str
    next_due: dt.date | None = None
    next_due_is_default: bool = False  # the day came from the reporting-regime default, not the text
    deadline_id: int | None = None


@dataclass(slots=True)
class PlanDuties:
    plan_id: int
    number: str | None
    title: str | None
    issuer: str | None
    issued_on: dt.date | None
    duties: list[Duty] = field(default_factory=list)


@dataclass(slots=True)
class UnitDuties:
    unit_id: int
    unit_name: str
    jurisdiction: str
    plans: list[PlanDuties]
    merged_from: list[str] = field(default_factory=list)  # predecessors whose duties are included

    @property
    def total(self) -> int:
        return sum(len(p.duties) for p in self.plans)


@dataclass(frozen=True, slots=True)
class _Scope:
    """The rows that reach a unit: its own ids (with predecessors) and its (class, jurisdiction) pairs."""

    unit_ids: list[int]
    classes: dict[int, list[str]]  # jurisdiction_id -> group keys

    def condition(self, unit_column: Any, group_column: Any) -> ColumnElement[bool]:
        parts: list[ColumnElement[bool]] = [col(unit_column).in_(self.unit_ids)]
        for jurisdiction_id, keys in self.classes.items():
            parts.append(and_(col(group_column).in_(keys), col(Plan.jurisdiction_id) == jurisdiction_id))
        return or_(*parts) if parts else false()


def _scope(session: Session, unit: Unit) -> _Scope:
    assert unit.id is not None
    ids = [unit.id, *predecessor_ids(session, unit_id=unit.id)]
    classes: dict[int, list[str]] = defaultdict(list)
    for key, jurisdiction_id in classes_of_unit(session, unit=unit):
        if key not in classes[jurisdiction_id]:
            classes[jurisdiction_id].append(key)
    return _Scope(unit_ids=ids, classes=dict(classes))


def _rows(session: Session, statement: Select[*tuple[Any, ...]]) -> Sequence[Row[Any]]:
    """Plain rows of a multi-column select (no ORM objects: the hot path reads thousands of rows)."""
    session.flush()
    return session.connection().execute(statement).all()


def _rule(row: Any) -> DueRule:
    return DueRule(recurrence=row.recurrence, due_date=row.due_date, month=row.due_month, day=row.due_day)


def _defaults(session: Session, cache: dict[int | None, dict[str, dict[str, int]]], jid: int | None) -> Any:
    if jid not in cache:
        jurisdiction = session.get(Jurisdiction, jid) if jid is not None else None
        cache[jid] = defaults_for(jurisdiction.settings if jurisdiction else None)
    return cache[jid]


def unit_duties(session: Session, *, unit_id: int, today: dt.date) -> UnitDuties:
    """The unit's duties across active plans: newest plan first, lead before support, class duties
    included (with the class phrase), each with its next deadline from the plan's deadlines that apply
    to the unit (same section first). A merged-away unit answers with its successor's duties."""
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise LookupError(f"no unit {unit_id}")
    unit = follow_successor(session, unit=unit)
    scope = _scope(session, unit)
    rows = _rows(
        session,
        columns(
            col(Assignment.id),
            col(Assignment.plan_id),
            col(Assignment.role),
            col(Assignment.duty),
            col(Assignment.section),
            col(Assignment.unit_text),
            col(Assignment.group_key),
            col(Assignment.flagged),
            col(Assignment.source),
            col(Assignment.position),
            col(Plan.number),
            col(Plan.title),
            col(Plan.issuer),
            col(Plan.issued_on),
            col(Plan.jurisdiction_id),
        )
        .join(Plan, col(Plan.id) == col(Assignment.plan_id))
        .where(
            col(Plan.status) == PlanStatus.active, scope.condition(Assignment.unit_id, Assignment.group_key)
        ),
    )
    plan_ids = sorted({r.plan_id for r in rows})
    upcoming = _next_due_by_plan(session, scope=scope, plan_ids=plan_ids, today=today)
    plans: dict[int, PlanDuties] = {}
    order = sorted(
        rows,
        key=lambda r: (
            -(r.issued_on or dt.date.min).toordinal(),
            -r.plan_id,
            r.role != Role.lead,
            r.position,
        ),
    )
    for r in order:
        plan = plans.get(r.plan_id)
        if plan is None:
            plan = plans[r.plan_id] = PlanDuties(r.plan_id, r.number, r.title, r.issuer, r.issued_on)
        candidates = upcoming.get(r.plan_id, [])
        same_section = [c for c in candidates if c[3] is not None and c[3] == r.section]
        best = min(same_section or candidates, default=None, key=lambda c: c[0])
        plan.duties.append(
            Duty(
                assignment_id=r.id,
                role=r.role,
                duty=r.duty,
                section=r.section,
                unit_text=r.unit_text,
                group_key=r.group_key,
                flagged=r.flagged,
                source=r.source,
                next_due=best[0] if best else None,
                next_due_is_default=best[1] if best else False,
                deadline_id=best[2] if best else None,
            )
        )
    merged = [u.name for u in session.exec(select(Unit).where(col(Unit.id).in_(scope.unit_ids[1:])))]
    jurisdiction = session.get(Jurisdiction, unit.jurisdiction_id) if unit.jurisdiction_id else None
    return UnitDuties(
        unit_id=unit_id if unit.id is None else unit.id,
        unit_name=unit.name,
        jurisdiction=jurisdictions.label(jurisdiction),
        plans=list(plans.values()),
        merged_from=merged,
    )


def _applying_deadlines(session: Session, *, scope: _Scope, plan_ids: list[int]) -> list[Any]:
    if not plan_ids:
        return []
    return list(
        _rows(
            session,
            columns(
                col(Deadline.id),
                col(Deadline.plan_id),
                col(Deadline.recurrence),
                col(Deadline.due_date),
                col(Deadline.due_month),
                col(Deadline.due_day),
                col(Deadline.section),
                col(Deadline.action),
                col(Deadline.recipient),
                col(Deadline.source),
                col(Deadline.unit_text),
                col(Plan.jurisdiction_id),
                col(Plan.number),
                col(Plan.title),
            )
            .distinct()
            .join(DeadlineParty, col(DeadlineParty.deadline_id) == col(Deadline.id))
            .join(Plan, col(Plan.id) == col(Deadline.plan_id))
            .where(
                col(Deadline.plan_id).in_(plan_ids),
                scope.condition(DeadlineParty.unit_id, DeadlineParty.group_key),
            ),
        )
    )


def _next_due_by_plan(
    session: Session, *, scope: _Scope, plan_ids: list[int], today: dt.date
) -> dict[int, list[tuple[dt.date, bool, int, str | None]]]:
    """plan_id -> [(next due, from default, deadline id, section)] for deadlines owed by the unit."""
    cache: dict[int | None, dict[str, dict[str, int]]] = {}
    found: dict[int, list[tuple[dt.date, bool, int, str | None]]] = defaultdict(list)
    for d in _applying_deadlines(session, scope=scope, plan_ids=plan_ids):
        nxt = next_due(_rule(d), today, _defaults(session, cache, d.jurisdiction_id))
        if nxt is not None:
            found[d.plan_id].append((nxt[0], nxt[1], d.id, d.section))
    return found


# --- deadlines ------------------------------------------------------------------------------------


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


_DONE = (OccurrenceStatus.submitted, OccurrenceStatus.confirmed)


def upcoming_deadlines(
    session: Session, *, unit_id: int, today: dt.date, horizon_days: int = 60, lookback_days: int = 31
) -> list[UpcomingDeadline]:
    """The unit's deadlines due from `lookback_days` ago (so missed ones show as quá hạn) to
    `horizon_days` ahead, plus undated ones, each with its status; soonest first, undated last."""
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise LookupError(f"no unit {unit_id}")
    unit = follow_successor(session, unit=unit)
    scope = _scope(session, unit)
    active_plans = [
        int(i)
        for i in session.exec(select(Plan.id).where(col(Plan.status) == PlanStatus.active))
        if i is not None
    ]
    rows = _applying_deadlines(session, scope=scope, plan_ids=active_plans)
    start, end = today - dt.timedelta(days=lookback_days), today + dt.timedelta(days=horizon_days)
    occurrences = {
        (o.deadline_id, o.due_on): o
        for o in session.exec(
            select(Occurrence).where(
                col(Occurrence.deadline_id).in_([r.id for r in rows]),
                col(Occurrence.unit_id).in_(scope.unit_ids),
            )
        )
    }
    cache: dict[int | None, dict[str, dict[str, int]]] = {}
    out: list[UpcomingDeadline] = []
    for r in rows:
        rule = _rule(r)
        dates = list(due_dates(rule, start, end, _defaults(session, cache, r.jurisdiction_id)))
        if not dates and r.recurrence == "once" and r.due_date is None:
            dates = [(None, False)]  # type: ignore[list-item]
        for due, is_default in dates:
            occurrence = occurrences.get((r.id, due)) if due else None
            done_on = None
            if occurrence is not None and occurrence.status in _DONE and occurrence.submitted_at is not None:
                done_on = occurrence.submitted_at.date()
            status = classify(due, today, done_on=done_on)
            out.append(
                UpcomingDeadline(
                    deadline_id=r.id,
                    plan_id=r.plan_id,
                    plan_number=r.number,
                    plan_title=r.title,
                    action=r.action,
                    recipient=r.recipient,
                    recurrence=r.recurrence,
                    due=due,
                    due_is_default=is_default,
                    status=status,
                    occurrence_status=occurrence.status if occurrence else None,
                    source=r.source,
                )
            )
    return sorted(out, key=lambda d: (d.due is None, d.due or dt.date.max, d.deadline_id))


# --- who is responsible for a topic ---------------------------------------------------------------

_STOPWORDS = frozenset(
    " ".join(
        (
            "ai don vi nao co quan nao phu trach chu tri chiu trach nhiem lam nhiem vu gi ve viec cong tac",
            "cua la the nao who is responsible for in charge of",
        )
    ).split()
)


@dataclass(frozen=True, slots=True)
class Responsible:
    unit_id: int | None  # None for a class of units
    group_key: str | None
    name: str  # the unit's name, or the class as the plans write it
    jurisdiction_id: int | None
    lead: int
    support: int
    assignment_ids: list[int]


def topic_words(topic: str) -> list[str]:
    return [w for w in fold(topic).split() if w not in _STOPWORDS]


def who_is_responsible(session: Session, *, topic: str, limit: int = 10) -> list[Responsible]:
    """Units (and classes) whose duties in active plans mention the topic, most lead duties first.
    Matches the whole folded phrase; when nothing has it, duties containing every word."""
    words = topic_words(topic)
    if not words:
        return []
    phrase = " ".join(words)
    base = (
        columns(
            col(Assignment.id),
            col(Assignment.unit_id),
            col(Assignment.group_key),
            col(Assignment.unit_text),
            col(Assignment.role),
            col(Plan.jurisdiction_id),
        )
        .join(Plan, col(Plan.id) == col(Assignment.plan_id))
        .where(col(Plan.status) == PlanStatus.active)
    )
    rows = _rows(session, base.where(col(Assignment.duty_key).contains(phrase, autoescape=True)))
    if not rows and len(words) > 1:
        rows = _rows(
            session, base.where(*(col(Assignment.duty_key).contains(w, autoescape=True) for w in words))
        )
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows:
        if r.unit_id is not None:
            unit = session.get(Unit, r.unit_id)
            current = follow_successor(session, unit=unit) if unit is not None else None
            key: tuple[Any, ...] = ("unit", current.id if current else r.unit_id)
            name = current.name if current else r.unit_text
            jid = current.jurisdiction_id if current else r.jurisdiction_id
        else:
            key = ("group", r.group_key or fold(r.unit_text), r.jurisdiction_id)
            name = r.unit_text if r.group_key is None else label(r.group_key)
            jid = r.jurisdiction_id
        entry = groups.setdefault(
            key, {"name": name, "jid": jid, "lead": 0, "support": 0, "ids": [], "group": r.group_key}
        )
        entry["lead" if r.role == Role.lead else "support"] += 1
        entry["ids"].append(r.id)
    ranked = sorted(
        groups.items(), key=lambda kv: (-kv[1]["lead"], -(kv[1]["lead"] + kv[1]["support"]), kv[1]["name"])
    )
    return [
        Responsible(
            unit_id=key[1] if key[0] == "unit" else None,
            group_key=entry["group"] if key[0] == "group" else None,
            name=entry["name"],
            jurisdiction_id=entry["jid"],
            lead=entry["lead"],
            support=entry["support"],
            assignment_ids=entry["ids"],
        )
        for key, entry in ranked[:limit]
    ]
