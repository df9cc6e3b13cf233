"""The statements a unit's duty list is read with, built once: whose duties a unit answers for (its
own assignments, those of the units merged into it, those given to each class it belongs to in the
plan's places), a page of them in answer order, their count, and the deadlines that apply.

Plain column selects on indexed columns, bound per call (`Scope.params`): "what is unit X
responsible for" answers in a few milliseconds with 100,000 assignments stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
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
    or_,
    text,
    union_all,
)
from sqlalchemy import select as columns
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from services.unit_classes import classes_for
from services.units import follow_successor
from storage.enums import PlanStatus, Role
from storage.models import Assignment, Deadline, DeadlineParty, Plan, Unit
from storage.rows import plain_rows


@dataclass(frozen=True, slots=True)
class Scope:
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


DUTY_ROWS = union_all(
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
ALL_DUTIES = DUTY_ROWS.subquery("duties")


def answer_order(rows: Any) -> list[Any]:
    return [
        rows.c.issued_on.desc().nulls_last(),
        rows.c.plan_id.desc(),
        case((rows.c.role == Role.lead, 0), else_=1),
        rows.c.position,
        rows.c.id,
    ]


PAGE = (
    columns(ALL_DUTIES, func.count().over().label("total"))
    .order_by(*answer_order(ALL_DUTIES))
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
    .subquery("page")
)


PAGE_ROWS = (
    columns(
        PAGE.c.id,
        PAGE.c.plan_id,
        PAGE.c.role,
        PAGE.c.total,
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
    .join(Assignment, col(Assignment.id) == PAGE.c.id)
    .join(Plan, col(Plan.id) == PAGE.c.plan_id)
    .order_by(*answer_order(PAGE))
)


COUNT_ROWS = columns(func.count()).select_from(ALL_DUTIES)


DEADLINE_ROWS = (
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


DEADLINE_ROWS_IN_PLANS = DEADLINE_ROWS.where(col(Deadline.plan_id).in_(bindparam("plan_ids", expanding=True)))


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
class Subject:
    """The unit a question is about, resolved in one round trip: itself (after its successors), the
    units merged into it, its jurisdiction chain (for classes and default due days)."""

    unit_id: int
    name: str
    scope: Scope
    merged_from: list[str]
    jurisdictions: list[Any]  # rows (id, name, level, settings), own jurisdiction first


def unit_subject(session: Session, unit_id: int) -> Subject:
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
            return unit_subject(session, current.id)
    ups = [r for r in rows if r.what == "jurisdiction"]  # own jurisdiction first
    classes: dict[int, list[str]] = defaultdict(list)
    if ups:
        pairs = classes_for(
            kind=me.kind, jurisdiction_id=ups[0].id, level=ups[0].level, ancestor_ids=[r.id for r in ups[1:]]
        )
        for key, jurisdiction_id in pairs:
            if key not in classes[jurisdiction_id]:
                classes[jurisdiction_id].append(key)
    return Subject(
        unit_id=unit_id,
        name=me.name,
        scope=Scope(unit_ids=[r.id for r in chain], classes=dict(classes)),
        merged_from=sorted(r.name for r in chain if r.id != unit_id),
        jurisdictions=list(ups),
    )


def applying_deadlines(session: Session, *, scope: Scope) -> Sequence[Row[Any]]:
    """Deadlines of active plans owed by the scope's unit (named, through a predecessor, or a class)."""
    return plain_rows(session, DEADLINE_ROWS, scope.params())
