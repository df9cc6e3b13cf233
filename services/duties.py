"""What a unit is responsible for, who is responsible for a topic, and a unit's upcoming deadlines.

The chat handlers and `dutybot ask` call these. A unit's duties are its own assignments, those of the
units merged into it (2025 reorganisation), and those given to every class it belongs to ("các sở, ban,
ngành" of its province), across active plans. Reads use plain column selects on indexed columns (no ORM
objects per row): "what is unit X responsible for" must answer in a few milliseconds with 100,000
assignments stored.
"""

from __future__ import annotations

import datetime as dt
import functools
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
    case,
    cast,
    column,
    exists,
    func,
    literal,
    literal_column,
    or_,
    table,
    text,
    union_all,
)
from sqlalchemy import select as columns
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from parsing.vntext import fold
from services import jurisdictions
from services.occurrence_views import current_occurrences, views
from services.occurrences import OPEN_STATES, materialize
from services.recurrence import DueRule, defaults_for, next_due
from services.status import DueStatus, classify
from services.unit_classes import classes_for, label
from services.units import follow_successor
from storage.models import (
    Assignment,
    Deadline,
    DeadlineParty,
    Jurisdiction,
    Occurrence,
    Plan,
    PlanStatus,
    Role,
    Unit,
)
from storage.rows import plain_rows

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
    next_status: DueStatus | None = None  # of that occurrence: quá hạn until reported


@dataclass(slots=True)
class PlanDuties:
    plan_id: int
    number: str | None
    title: str | None
    issuer: str | None
    issued_on: dt.date | None
    duties: list[Duty] = field(default_factory=list)
    # The unit's earliest deadline in this plan that stands in no section of the listed duties
    # (a report owed by the unit that no duty of the page carries); shown once under the plan.
    other_due: dt.date | None = None
    other_due_is_default: bool = False
    other_status: DueStatus | None = None


@dataclass(slots=True)
class UnitDuties:
    """One page of a unit's duties (`offset` into the full ordered list) and how many there are."""

    unit_id: int
    unit_name: str
    jurisdiction: str
    plans: list[PlanDuties]  # the page's duties, grouped by plan in answer order
    total: int  # all of the unit's duties, not only this page's
    offset: int = 0
    merged_from: list[str] = field(default_factory=list)  # predecessors whose duties are included

    @property
    def shown(self) -> int:
        return sum(len(p.duties) for p in self.plans)


@dataclass(frozen=True, slots=True)
class _Scope:
    """The rows that reach a unit: its own ids (with predecessors) and its (class, jurisdiction) pairs."""

    unit_ids: list[int]
    classes: dict[int, list[str]]  # jurisdiction_id -> group keys

    def params(self) -> dict[str, list[Any]]:
        """Bind values for `_owes` and the duty rows: own unit ids, class keys, "key:jurisdiction" pairs."""
        return {
            "unit_ids": self.unit_ids,
            "group_keys": sorted({k for keys in self.classes.values() for k in keys}),
            "pairs": [f"{k}:{jid}" for jid, keys in self.classes.items() for k in keys],
            "class_places": sorted(self.classes),
        }


def _owes() -> ColumnElement[bool]:
    """Deadline parties that make the scope's unit owe their deadline, as one statement shape whatever
    the scope (so SQLAlchemy compiles it once): named units by id; classes by key and the plan's
    jurisdiction, unless the unit (or a unit merged into it) is the deadline's recipient: a class
    party does not make the recipient report to itself, while a unit named explicitly owes the
    deadline whoever receives it. The same rule, seen from a deadline, is services.units.units_owing
    (which dates occurrences and so reminders); the two must agree."""
    pair = col(DeadlineParty.group_key) + literal(":") + cast(col(Plan.jurisdiction_id), String)
    return or_(
        col(DeadlineParty.unit_id).in_(bindparam("unit_ids", expanding=True)),
        and_(
            col(DeadlineParty.group_key).in_(bindparam("group_keys", expanding=True)),
            pair.in_(bindparam("pairs", expanding=True)),
            or_(
                col(Deadline.recipient_unit_id).is_(None),
                col(Deadline.recipient_unit_id).not_in(bindparam("unit_ids", expanding=True)),
            ),
        ),
    )


def _duty_select() -> Select[*tuple[Any, ...]]:
    """What the answer is ordered by (narrow: the sort of a few hundred rows stays cheap)."""
    return columns(
        col(Assignment.id),
        col(Assignment.plan_id),
        col(Assignment.role),
        col(Assignment.position),
        col(Plan.issued_on),
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
_OWN = aliased(Assignment)
# A duty a plan gives the unit by name and, in the same words, to a class it belongs to ("Sở Ngoại
# vụ ... ; các sở, ban, ngành ...") is one duty: the class row is left out where the named one exists.
_ALSO_NAMED = (
    exists()
    .where(
        col(_OWN.plan_id) == col(Assignment.plan_id),
        col(_OWN.duty_key) == col(Assignment.duty_key),
        col(_OWN.unit_id).in_(bindparam("unit_ids", expanding=True)),
    )
    .correlate(Assignment)
)
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
        ~_ALSO_NAMED,
    ),
)
# One page of the answer in its order (newest plan first, lead before support, the plan's order),
# with the count of all rows alongside: the database sorts the few hundred narrow rows, then only the
# page's rows are joined to their text and plan.
_ALL_DUTIES = _DUTY_ROWS.subquery("duties")


def _answer_order(rows: Any) -> list[Any]:
    return [
        rows.c.issued_on.desc().nulls_last(),
        rows.c.plan_id.desc(),
        case((rows.c.role == Role.lead.value, 0), else_=1),
        rows.c.position,
        rows.c.id,
    ]


_PAGE = (
    columns(_ALL_DUTIES, func.count().over().label("total"))
    .order_by(*_answer_order(_ALL_DUTIES))
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
    .subquery("page")
)
_PAGE_ROWS = (
    columns(
        _PAGE.c.id,
        _PAGE.c.plan_id,
        _PAGE.c.role,
        _PAGE.c.total,
        col(Assignment.duty),
        col(Assignment.section),
        col(Assignment.unit_text),
        col(Assignment.group_key),
        col(Assignment.flagged),
        col(Plan.number),
        col(Plan.title),
        col(Plan.issuer),
        col(Plan.issued_on),
    )
    .join(Assignment, col(Assignment.id) == _PAGE.c.id)
    .join(Plan, col(Plan.id) == _PAGE.c.plan_id)
    .order_by(*_answer_order(_PAGE))
)
_COUNT_ROWS = columns(func.count()).select_from(_ALL_DUTIES)
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
    .where(col(Plan.status) == PlanStatus.active, _owes())
)
_DEADLINE_ROWS_IN_PLANS = _DEADLINE_ROWS.where(
    col(Deadline.plan_id).in_(bindparam("plan_ids", expanding=True))
)


# The unit with the units merged into it (the chain of successors ending at it), and its jurisdiction
# with that jurisdiction's ancestors, own first: one statement, rows told apart by `what`.
_SUBJECT = text(
    """
    WITH RECURSIVE chain(id) AS (
        SELECT CAST(:unit_id AS INTEGER)
        UNION
        SELECT unit.id FROM unit JOIN chain ON unit.successor_id = chain.id
    ),
    up(id, depth) AS (
        SELECT unit.jurisdiction_id, 0 FROM unit
        WHERE unit.id = :unit_id AND unit.jurisdiction_id IS NOT NULL
        UNION ALL
        SELECT jurisdiction.parent_id, up.depth + 1 FROM jurisdiction JOIN up ON jurisdiction.id = up.id
        WHERE jurisdiction.parent_id IS NOT NULL AND up.depth < 8
    )
    SELECT 'unit' AS what, unit.id, unit.name, unit.kind, unit.jurisdiction_id, unit.successor_id,
           NULL AS level, NULL AS settings, 0 AS depth
    FROM unit JOIN chain ON unit.id = chain.id
    UNION ALL
    SELECT 'jurisdiction', jurisdiction.id, jurisdiction.name, NULL, NULL, NULL,
           jurisdiction.level, jurisdiction.settings, up.depth
    FROM jurisdiction JOIN up ON jurisdiction.id = up.id
    ORDER BY what DESC, depth
    """
).columns(
    column("what", String),
    column("id", Integer),
    column("name", String),
    column("kind", String),
    column("jurisdiction_id", Integer),
    column("successor_id", Integer),
    column("level", String),
    column("settings", JSON),
    column("depth", Integer),
)


@dataclass(frozen=True, slots=True)
class _Subject:
    """The unit a question is about, resolved in one round trip: itself (after its successors), the
    units merged into it, its jurisdiction chain (for classes and default due days)."""

    unit_id: int
    name: str
    scope: _Scope
    merged_from: list[str]
    jurisdictions: list[Any]  # rows (id, name, level, settings), own jurisdiction first


def _subject(session: Session, unit_id: int) -> _Subject:
    session.flush()
    connection = session.connection()
    rows = connection.execute(_SUBJECT, {"unit_id": unit_id}).all()
    chain = [r for r in rows if r.what == "unit"]
    me = next((r for r in chain if r.id == unit_id), None)
    if me is None:
        raise LookupError(f"no unit {unit_id}")
    if me.successor_id is not None:  # merged away: answer as the unit that carries its duties now
        unit = session.get(Unit, unit_id)
        assert unit is not None
        current = follow_successor(session, unit=unit)
        if current.id != unit_id and current.id is not None:
            return _subject(session, current.id)
    ups = [r for r in rows if r.what == "jurisdiction"]  # own jurisdiction first
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


def _rule(row: Any) -> DueRule:
    return DueRule(recurrence=row.recurrence, due_date=row.due_date, month=row.due_month, day=row.due_day)


def _defaults_cache(subject: _Subject) -> dict[int | None, dict[str, dict[str, int]]]:
    return {row.id: defaults_for(row.settings) for row in subject.jurisdictions}


def _defaults(session: Session, cache: dict[int | None, dict[str, dict[str, int]]], jid: int | None) -> Any:
    if jid not in cache:
        jurisdiction = session.get(Jurisdiction, jid) if jid is not None else None
        cache[jid] = defaults_for(jurisdiction.settings if jurisdiction else None)
    return cache[jid]


ALL = 2**31 - 1  # `limit` for the whole list (the CLI prints it all)


def unit_duties(
    session: Session, *, unit_id: int, today: dt.date, offset: int = 0, limit: int = ALL
) -> UnitDuties:
    """One page of the unit's duties across active plans: newest plan first, lead before support,
    class duties included (with the class phrase), each with its next deadline from the plan's
    deadlines that apply to the unit and stand in the duty's section (a deadline elsewhere in the
    plan is given once per plan, not pinned to every duty). A merged-away unit answers with its
    successor's duties. The chat shows one message-sized page at a time, so only that page's rows
    and its plans' deadlines are read; `total` counts all of them. LookupError: no such unit."""
    subject = _subject(session, unit_id)
    params = subject.scope.params()
    rows = plain_rows(session, _PAGE_ROWS, {**params, "offset": max(offset, 0), "limit": max(limit, 0)})
    # past the end of the list (a stale button), the count comes alone
    total = rows[0].total if rows else (plain_rows(session, _COUNT_ROWS, params)[0][0] if offset > 0 else 0)
    plan_ids = sorted({r.plan_id for r in rows})
    upcoming = _next_due_by_plan(session, subject=subject, plan_ids=plan_ids, today=today)
    plans: dict[int, PlanDuties] = {}
    for r in rows:  # already in answer order
        plan = plans.get(r.plan_id)
        if plan is None:
            plan = plans[r.plan_id] = PlanDuties(r.plan_id, r.number, r.title, r.issuer, r.issued_on)
        same_section = [c for c in upcoming.get(r.plan_id, []) if _same_section(c[3], r.section)]
        best = min(same_section, default=None, key=lambda c: c[0])
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
                next_status=best[4] if best else None,
            )
        )
    for plan in plans.values():
        sections = [d.section for d in plan.duties]
        loose = [
            c for c in upcoming.get(plan.plan_id, []) if not any(_same_section(c[3], s) for s in sections)
        ]
        first = min(loose, default=None, key=lambda c: c[0])
        if first is not None:
            plan.other_due, plan.other_due_is_default, plan.other_status = first[0], first[1], first[4]
    return UnitDuties(
        unit_id=subject.unit_id,
        unit_name=subject.name,
        jurisdiction=jurisdictions.label(subject.jurisdictions[0]) if subject.jurisdictions else "-",
        plans=list(plans.values()),
        total=total,
        offset=offset,
        merged_from=subject.merged_from,
    )


def _applying_deadlines(session: Session, *, scope: _Scope) -> Sequence[Row[Any]]:
    """Deadlines of active plans owed by the scope's unit (named, through a predecessor, or a class)."""
    return plain_rows(session, _DEADLINE_ROWS, scope.params())


def _same_section(a: str | None, b: str | None) -> bool:
    """A deadline belongs to the duty of its own numbered item; a part-level paragraph ("III")
    is an item of its own, not a parent of "III.3"."""
    return bool(a) and a == b


def _next_due_by_plan(
    session: Session, *, subject: _Subject, plan_ids: list[int], today: dt.date
) -> dict[int, list[tuple[dt.date, bool, int, str | None, DueStatus]]]:
    """plan_id -> [(due, from default, deadline id, section, status)] for deadlines owed by the unit:
    each deadline's current occurrence (`occurrences.current_occurrences`, the one rule every view
    uses: an unreported past one stays "quá hạn"), or, for a rule not dated yet, its next due day."""
    cache = _defaults_cache(subject)
    found: dict[int, list[tuple[dt.date, bool, int, str | None, DueStatus]]] = defaultdict(list)
    if not plan_ids:
        return found
    rows = plain_rows(session, _DEADLINE_ROWS_IN_PLANS, {**subject.scope.params(), "plan_ids": plan_ids})
    current = current_occurrences(
        session, unit_id=subject.unit_id, today=today, deadline_ids=[d.id for d in rows]
    )
    for d in rows:
        view = current.get(d.id)
        if view is not None:
            found[d.plan_id].append((view.due_on, view.day_is_default, d.id, d.section, view.status))
            continue
        nxt = next_due(_rule(d), today, _defaults(session, cache, d.jurisdiction_id))
        if nxt is not None:
            found[d.plan_id].append((nxt[0], nxt[1], d.id, d.section, classify(nxt[0], today)))
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
    role: Role
    unit_text: str  # the unit as the plan names it


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
        role=Role(assignment.role),
        unit_text=assignment.unit_text,
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


def upcoming_deadlines(
    session: Session, *, unit_id: int, today: dt.date, horizon_days: int = 60, lookback_days: int = 31
) -> list[UpcomingDeadline]:
    """The unit's deadlines due from `lookback_days` ago to `horizon_days` ahead (and any older one
    still not reported), plus undated ones, each with its status; soonest first, undated last.

    Read from the dated occurrences, as /hanbaocao, /nhiemvu and the reminders read them (the unit's
    deadlines are dated first, so a database filled by the command line alone answers the same),
    with the status of `occurrences.views`: the command line and the chat never disagree."""
    subject = _subject(session, unit_id)
    rows = _applying_deadlines(session, scope=subject.scope)
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


def topic_words(topic: str) -> list[str]:
    return [w for w in fold(topic).split() if w not in _STOPWORDS]


_REGCONFIG: ColumnElement[Any] = literal_column(
    "'simple'::regconfig"
)  # as in the migration's index expression


_FTS = table("assignment_fts", column("rowid", Integer))  # SQLite's FTS5 index (see the migration)
# PostgreSQL's stored tsvector of duty_key under the GIN index (revision 0003; not a model field)
_DUTY_TSV: ColumnElement[Any] = literal_column("assignment.duty_tsv")


@functools.cache
def _matched(dialect: str, *, phrase: bool) -> Select[*tuple[Any, ...]]:
    """Per unit / class / unplaced name: lead and all duties of active plans whose folded text has
    the words (bound as "words", see `_match_words`) next to each other (`phrase`) or anywhere, as
    whole words, found through the full-text index the migration builds (FTS5 on SQLite, a GIN
    tsvector index on PostgreSQL). Built once per dialect and mode: every "ai phụ trách" runs it."""
    statement = columns(
        col(Assignment.unit_id),
        col(Assignment.group_key),
        # the plan's own wording, only for rows placed neither on a unit nor on a class
        case(
            (
                and_(col(Assignment.unit_id).is_(None), col(Assignment.group_key).is_(None)),
                col(Assignment.unit_text),
            )
        ).label("unit_text"),
        case((col(Assignment.unit_id).is_(None), col(Plan.jurisdiction_id))).label("jurisdiction_id"),
        func.sum(case((col(Assignment.role) == Role.lead.value, 1), else_=0)).label("lead"),
        func.count().label("total"),
        func.min(col(Assignment.id)).label("first"),
    )
    if dialect == "postgresql":
        vector = _DUTY_TSV
        tsquery = func.phraseto_tsquery if phrase else func.plainto_tsquery
        statement = statement.select_from(Assignment).where(
            vector.op("@@")(tsquery(_REGCONFIG, bindparam("words", type_=String)))
        )
    else:
        # From the index's matches to their rows (never the other way round: SQLite may otherwise
        # walk every plan's rows and run the match once per plan).
        statement = statement.select_from(_FTS.join(Assignment, col(Assignment.id) == _FTS.c.rowid)).where(
            literal_column("assignment_fts").op("MATCH")(bindparam("words", type_=String))
        )
    return (
        statement.join(Plan, col(Plan.id) == col(Assignment.plan_id))
        .where(col(Plan.status) == PlanStatus.active)
        .group_by(literal_column("1"), literal_column("2"), literal_column("3"), literal_column("4"))
    )


def _match_words(dialect: str, words: list[str], *, phrase: bool) -> dict[str, str]:
    """The bound value of `_matched`: plain words for PostgreSQL's *to_tsquery, an FTS5 query of
    quoted words for SQLite (folded words are [a-z0-9]; quoted, they are never FTS5 syntax)."""
    if dialect == "postgresql":
        return {"words": " ".join(words)}
    quoted = [w.replace('"', "") for w in words]
    return {"words": f'"{" ".join(quoted)}"' if phrase else " ".join(f'"{w}"' for w in quoted)}


def _current_units(session: Session, unit_ids: set[int]) -> dict[int, Any]:
    """unit id -> (id, name, jurisdiction_id) of the unit carrying its duties today (itself, or its
    successor's successor ..., as services.units.follow_successor), read as plain rows in a few
    rounds rather than one ORM object per unit."""
    known: dict[int, Any] = {}
    wanted = set(unit_ids)
    while wanted:
        statement = columns(
            col(Unit.id), col(Unit.name), col(Unit.jurisdiction_id), col(Unit.successor_id)
        ).where(col(Unit.id).in_(sorted(wanted)))
        found = plain_rows(session, statement)
        known.update({u.id: u for u in found})
        wanted = {u.successor_id for u in found if u.successor_id is not None} - known.keys()
    current: dict[int, Any] = {}
    for unit_id in unit_ids:
        unit, seen = known[unit_id], {unit_id}
        while unit.successor_id is not None and unit.successor_id not in seen and unit.successor_id in known:
            seen.add(unit.successor_id)
            unit = known[unit.successor_id]
        current[unit_id] = unit
    return current


def who_is_responsible(session: Session, *, topic: str, limit: int = 10) -> list[Responsible]:
    """Units (and classes) whose duties in active plans mention the topic, most lead duties first.
    Matches the topic's folded words as a phrase; when nothing has it, duties containing every word.
    The database counts (many thousand duties may match); Python only merges and names the groups."""
    words = topic_words(topic)
    if not words:
        return []
    dialect = session.get_bind().dialect.name
    rows = plain_rows(session, _matched(dialect, phrase=True), _match_words(dialect, words, phrase=True))
    if not rows and len(words) > 1:
        rows = plain_rows(
            session, _matched(dialect, phrase=False), _match_words(dialect, words, phrase=False)
        )
    rows = sorted(rows, key=lambda r: r.first)  # first mention first, as ties are ranked
    current = _current_units(session, {r.unit_id for r in rows if r.unit_id is not None})
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for r in rows:
        if r.unit_id is not None:
            unit = current[r.unit_id]
            key: tuple[Any, ...] = ("unit", unit.id)
            name, jid = unit.name, unit.jurisdiction_id
        else:
            key = ("group", r.group_key or fold(r.unit_text), r.jurisdiction_id)
            name = r.unit_text if r.group_key is None else label(r.group_key)
            jid = r.jurisdiction_id
        entry = groups.setdefault(
            key, {"name": name, "jid": jid, "lead": 0, "total": 0, "group": r.group_key}
        )
        entry["lead"] += r.lead
        entry["total"] += r.total
    ranked = sorted(groups.items(), key=lambda kv: (-kv[1]["lead"], -kv[1]["total"], kv[1]["name"]))
    return [
        Responsible(
            unit_id=key[1] if key[0] == "unit" else None,
            group_key=entry["group"] if key[0] == "group" else None,
            name=entry["name"],
            jurisdiction_id=entry["jid"],
            lead=entry["lead"],
            support=entry["total"] - entry["lead"],
        )
        for key, entry in ranked[:limit]
    ]
