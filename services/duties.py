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

from sqlalchemy import (
    JSON,
    ColumnElement,
    Integer,
    Row,
    Select,
    String,
    and_,
    bindparam,
    cast,
    column,
    literal,
    or_,
    text,
    union_all,
)
from sqlalchemy import select as columns
from sqlalchemy.sql import Executable
from sqlmodel import Session, col, select

from parsing.vntext import fold
from services import jurisdictions
from services.recurrence import DueRule, defaults_for, due_dates, next_due
from services.status import DueStatus, classify
from services.unit_classes import classes_for, label
from services.units import follow_successor
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


@dataclass(slots=True)
class Duty:
    assignment_id: int
    role: str  # "lead" | "support"
    duty: str
    section: str | None
    unit_text: str  # as the plan names the unit or class
    group_key: str | None  # set when the duty reaches the unit through a class
    flagged: bool  # the named unit was dissolved with no successor: an admin must reassign it
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

    def params(self) -> dict[str, list[Any]]:
        """Bind values for `_reaches`: own unit ids, class keys, and "key:jurisdiction" pairs."""
        return {
            "unit_ids": self.unit_ids,
            "group_keys": sorted({k for keys in self.classes.values() for k in keys}),
            "pairs": [f"{k}:{jid}" for jid, keys in self.classes.items() for k in keys],
            "class_places": sorted(self.classes),
        }


def _reaches(unit_column: Any, group_column: Any) -> ColumnElement[bool]:
    """Rows that reach the scope's unit, as one statement shape whatever the scope (so SQLAlchemy
    compiles it once): named units by id, classes by key and the plan's jurisdiction."""
    pair = col(group_column) + literal(":") + cast(col(Plan.jurisdiction_id), String)
    return or_(
        col(unit_column).in_(bindparam("unit_ids", expanding=True)),
        and_(
            col(group_column).in_(bindparam("group_keys", expanding=True)),
            pair.in_(bindparam("pairs", expanding=True)),
        ),
    )


def _duty_select() -> Select[*tuple[Any, ...]]:
    return columns(
        col(Assignment.id),
        col(Assignment.plan_id),
        col(Assignment.role),
        col(Assignment.duty),
        col(Assignment.section),
        col(Assignment.unit_text),
        col(Assignment.group_key),
        col(Assignment.flagged),
        col(Assignment.position),
    )


# Two branches, not one OR: with an OR across the join SQLite walks every active plan's assignments.
# Named units start from ix_assignment_unit_id; classes probe ix_assignment_group_plan with the active
# plans of the class's jurisdictions (then the exact key:jurisdiction pair is checked).
_ACTIVE_IN_CLASS_PLACES = (
    select(Plan.id)
    .where(
        col(Plan.status) == PlanStatus.active,
        col(Plan.jurisdiction_id).in_(bindparam("class_places", expanding=True)),
    )
    .scalar_subquery()
)
_PAIR = col(Assignment.group_key) + literal(":") + cast(col(Plan.jurisdiction_id), String)
_DUTY_ROWS = union_all(
    _duty_select()
    .join(Plan, col(Plan.id) == col(Assignment.plan_id))
    .where(
        col(Plan.status) == PlanStatus.active,
        col(Assignment.unit_id).in_(bindparam("unit_ids", expanding=True)),
    ),
    _duty_select()
    .join(Plan, col(Plan.id) == col(Assignment.plan_id))
    .where(
        col(Assignment.group_key).in_(bindparam("group_keys", expanding=True)),
        col(Assignment.plan_id).in_(_ACTIVE_IN_CLASS_PLACES),
        _PAIR.in_(bindparam("pairs", expanding=True)),
    ),
)
_PLAN_ROWS = columns(
    col(Plan.id), col(Plan.number), col(Plan.title), col(Plan.issuer), col(Plan.issued_on)
).where(col(Plan.id).in_(bindparam("plan_ids", expanding=True)))
_DEADLINE_ROWS = (
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
    .where(col(Plan.status) == PlanStatus.active, _reaches(DeadlineParty.unit_id, DeadlineParty.group_key))
)


_CHAIN = text(
    """
    WITH RECURSIVE chain(id) AS (
        SELECT CAST(:unit_id AS INTEGER)
        UNION
        SELECT unit.id FROM unit JOIN chain ON unit.successor_id = chain.id
    )
    SELECT unit.id, unit.name, unit.kind, unit.jurisdiction_id, unit.successor_id
    FROM unit JOIN chain ON unit.id = chain.id
    """
)
_UP = text(
    """
    WITH RECURSIVE up(id, depth) AS (
        SELECT CAST(:jurisdiction_id AS INTEGER), 0
        UNION ALL
        SELECT jurisdiction.parent_id, up.depth + 1 FROM jurisdiction JOIN up ON jurisdiction.id = up.id
        WHERE jurisdiction.parent_id IS NOT NULL AND up.depth < 8
    )
    SELECT jurisdiction.id, jurisdiction.name, jurisdiction.level, jurisdiction.settings
    FROM jurisdiction JOIN up ON jurisdiction.id = up.id ORDER BY up.depth
    """
).columns(column("id", Integer), column("name", String), column("level", String), column("settings", JSON))


@dataclass(frozen=True, slots=True)
class _Subject:
    """The unit a question is about, resolved in two round trips: itself (after its successors), the
    units merged into it, its jurisdiction chain (for classes and default due days)."""

    unit_id: int
    name: str
    scope: _Scope
    merged_from: list[str]
    jurisdictions: list[Any]  # rows (id, name, level, settings), own jurisdiction first


def _subject(session: Session, unit_id: int) -> _Subject:
    session.flush()
    connection = session.connection()
    chain = connection.execute(_CHAIN, {"unit_id": unit_id}).all()
    me = next((r for r in chain if r.id == unit_id), None)
    if me is None:
        raise LookupError(f"no unit {unit_id}")
    if me.successor_id is not None:  # merged away: answer as the unit that carries its duties now
        unit = session.get(Unit, unit_id)
        assert unit is not None
        current = follow_successor(session, unit=unit)
        if current.id != unit_id and current.id is not None:
            return _subject(session, current.id)
    ups = connection.execute(_UP, {"jurisdiction_id": me.jurisdiction_id}).all() if me.jurisdiction_id else []
    classes: dict[int, list[str]] = defaultdict(list)
    if ups:
        pairs = classes_for(
            kind=me.kind, jurisdiction_id=ups[0].id, level=ups[0].level, ancestor_ids=[r.id for r in ups[1:]]
        )
        for key, jurisdiction_id in pairs:
            if key not in classes[jurisdiction_id]:
                classes[jurisdiction_id].append(key)
    return _Subject(
        unit_id=unit_id,
        name=me.name,
        scope=_Scope(unit_ids=[r.id for r in chain], classes=dict(classes)),
        merged_from=sorted(r.name for r in chain if r.id != unit_id),
        jurisdictions=list(ups),
    )


def _rows(
    session: Session, statement: Executable, params: dict[str, Any] | None = None
) -> Sequence[Row[Any]]:
    """Plain rows of a multi-column select (no ORM objects: the hot path reads thousands of rows)."""
    session.flush()
    return session.connection().execute(statement, params or {}).all()


def _rule(row: Any) -> DueRule:
    return DueRule(recurrence=row.recurrence, due_date=row.due_date, month=row.due_month, day=row.due_day)


def _defaults_cache(subject: _Subject) -> dict[int | None, dict[str, dict[str, int]]]:
    return {row.id: defaults_for(row.settings) for row in subject.jurisdictions}


def _defaults(session: Session, cache: dict[int | None, dict[str, dict[str, int]]], jid: int | None) -> Any:
    if jid not in cache:
        jurisdiction = session.get(Jurisdiction, jid) if jid is not None else None
        cache[jid] = defaults_for(jurisdiction.settings if jurisdiction else None)
    return cache[jid]


def unit_duties(session: Session, *, unit_id: int, today: dt.date) -> UnitDuties:
    """The unit's duties across active plans: newest plan first, lead before support, class duties
    included (with the class phrase), each with its next deadline from the plan's deadlines that apply
    to the unit (same section first). A merged-away unit answers with its successor's duties."""
    subject = _subject(session, unit_id)
    scope = subject.scope
    rows = _rows(session, _DUTY_ROWS, scope.params())
    plan_ids = sorted({r.plan_id for r in rows})
    upcoming = _next_due_by_plan(session, subject=subject, plan_ids=plan_ids, today=today)
    # Newest plan first: plans come from their own small query, ordered, then filled in.
    plan_rows = _rows(session, _PLAN_ROWS, {"plan_ids": plan_ids}) if plan_ids else []
    plans: dict[int, PlanDuties] = {
        p.id: PlanDuties(p.id, p.number, p.title, p.issuer, p.issued_on)
        for p in sorted(plan_rows, key=lambda p: (p.issued_on or dt.date.min, p.id), reverse=True)
    }
    order = sorted(rows, key=lambda r: (r.role != Role.lead, r.position))
    for r in order:
        plan = plans[r.plan_id]
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
                next_due=best[0] if best else None,
                next_due_is_default=best[1] if best else False,
                deadline_id=best[2] if best else None,
            )
        )
    return UnitDuties(
        unit_id=subject.unit_id,
        unit_name=subject.name,
        jurisdiction=jurisdictions.label(subject.jurisdictions[0]) if subject.jurisdictions else "-",
        plans=list(plans.values()),
        merged_from=subject.merged_from,
    )


def _applying_deadlines(session: Session, *, scope: _Scope) -> Sequence[Row[Any]]:
    """Deadlines of active plans owed by the scope's unit (named, through a predecessor, or a class)."""
    return _rows(session, _DEADLINE_ROWS, scope.params())


def _next_due_by_plan(
    session: Session, *, subject: _Subject, plan_ids: list[int], today: dt.date
) -> dict[int, list[tuple[dt.date, bool, int, str | None]]]:
    """plan_id -> [(next due, from default, deadline id, section)] for deadlines owed by the unit."""
    cache = _defaults_cache(subject)
    found: dict[int, list[tuple[dt.date, bool, int, str | None]]] = defaultdict(list)
    if not plan_ids:
        return found
    wanted = set(plan_ids)
    for d in _applying_deadlines(session, scope=subject.scope):
        if d.plan_id not in wanted:
            continue
        nxt = next_due(_rule(d), today, _defaults(session, cache, d.jurisdiction_id))
        if nxt is not None:
            found[d.plan_id].append((nxt[0], nxt[1], d.id, d.section))
    return found


@dataclass(frozen=True, slots=True)
class DutySource:
    assignment_id: int
    source: str  # the sentence the duty was taken from
    section: str | None
    plan_id: int
    plan_number: str | None
    plan_title: str | None
    source_name: str  # the imported file


def duty_source(session: Session, *, assignment_id: int) -> DutySource | None:
    """The sentence a duty came from, for "Xem nguồn" (kept out of the duty list to keep it light)."""
    assignment = session.get(Assignment, assignment_id)
    if assignment is None or assignment.id is None:
        return None
    plan = session.get(Plan, assignment.plan_id)
    assert plan is not None
    return DutySource(
        assignment_id=assignment.id,
        source=assignment.source,
        section=assignment.section,
        plan_id=assignment.plan_id,
        plan_number=plan.number,
        plan_title=plan.title,
        source_name=plan.source_name,
    )


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
    subject = _subject(session, unit_id)
    scope = subject.scope
    rows = _applying_deadlines(session, scope=scope)
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
    cache = _defaults_cache(subject)
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
    unit_ids = {r.unit_id for r in rows if r.unit_id is not None}
    units = (
        {u.id: u for u in session.exec(select(Unit).where(col(Unit.id).in_(unit_ids)))} if unit_ids else {}
    )
    currents: dict[int, Unit] = {}
    for r in rows:
        if r.unit_id is not None:
            unit = units.get(r.unit_id)
            current = None
            if unit is not None:
                current = currents.get(r.unit_id)
                if current is None:
                    current = currents[r.unit_id] = (
                        unit if unit.successor_id is None else follow_successor(session, unit=unit)
                    )
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
