"""Stored plans for admins: the list, one plan's detail, and archiving (importing is services.importer)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlmodel import Session, col, func, select

from services import jurisdictions
from services.unit_classes import label
from storage.enums import PlanStatus
from storage.models import Assignment, Deadline, Jurisdiction, Plan, Unit
from storage.types import utcnow


@dataclass(frozen=True, slots=True)
class PlanRow:
    plan_id: int
    number: str | None
    title: str | None
    issued_on: dt.date | None
    status: str
    source_name: str
    assignments: int


def list_plans(session: Session, *, include_archived: bool = False) -> list[PlanRow]:
    counts = select(Assignment.plan_id, func.count().label("n")).group_by(col(Assignment.plan_id)).subquery()
    statement = select(Plan, counts.c.n).join(counts, counts.c.plan_id == Plan.id, isouter=True)
    if not include_archived:
        statement = statement.where(Plan.status == PlanStatus.active)
    rows = session.exec(statement.order_by(col(Plan.issued_on).desc(), col(Plan.id).desc())).all()
    return [
        PlanRow(p.id or 0, p.number, p.title, p.issued_on, p.status, p.source_name, int(n or 0))
        for p, n in rows
    ]


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    assignment_id: int
    section: str | None
    role: str
    target: str  # the unit's directory name, or the class as the plan writes it
    duty: str
    flagged: bool


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    deadline_id: int
    recurrence: str
    due: str | None  # "2026-06-30", "15/11", "ngày 10" ...; None while no day is set
    unit_text: str
    recipient: str | None


@dataclass(slots=True)
class PlanDetail:
    plan_id: int
    number: str | None
    issuer: str | None
    issued_on: dt.date | None
    title: str | None
    source_name: str
    status: str
    jurisdiction: str
    assignments: list[AssignmentRow] = field(default_factory=list)
    deadlines: list[DeadlineRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    read_by: str = "text"  # "ocr": read from a scan or a photo
    doubts: list[dict[str, object]] = field(default_factory=list)


def _due_text(d: Deadline) -> str | None:
    if d.due_date is not None:
        return f"{d.due_date:%d/%m/%Y}"
    if d.due_day is None:
        return None
    return f"{d.due_day:02d}/{d.due_month:02d}" if d.due_month else f"{d.due_day:02d}"


def plan_detail(session: Session, *, plan_id: int) -> PlanDetail | None:
    plan = session.get(Plan, plan_id)
    if plan is None or plan.id is None:
        return None
    jurisdiction = session.get(Jurisdiction, plan.jurisdiction_id) if plan.jurisdiction_id else None
    detail = PlanDetail(
        plan_id=plan.id,
        number=plan.number,
        issuer=plan.issuer,
        issued_on=plan.issued_on,
        title=plan.title,
        source_name=plan.source_name,
        status=plan.status,
        jurisdiction=jurisdictions.label(jurisdiction),
        warnings=list(plan.warnings or []),
        read_by=plan.read_by,
        doubts=list(plan.doubts or []),
    )
    rows = session.exec(
        select(Assignment, Unit)
        .join(Unit, col(Unit.id) == col(Assignment.unit_id), isouter=True)
        .where(Assignment.plan_id == plan.id)
        .order_by(col(Assignment.position))
    ).all()
    for a, unit in rows:
        target = unit.name if unit is not None else (label(a.group_key) if a.group_key else a.unit_text)
        detail.assignments.append(AssignmentRow(a.id or 0, a.section, a.role, target, a.duty, a.flagged))
    for d in session.exec(
        select(Deadline).where(Deadline.plan_id == plan.id).order_by(col(Deadline.position))
    ):
        detail.deadlines.append(DeadlineRow(d.id or 0, d.recurrence, _due_text(d), d.unit_text, d.recipient))
    return detail


def archive_plan(session: Session, *, plan_id: int, archived: bool = True) -> Plan | None:
    """Archived plans keep their rows but leave duty lists and reminders."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        return None
    plan.status = PlanStatus.archived if archived else PlanStatus.active
    plan.updated_at = utcnow()
    session.add(plan)
    session.flush()
    return plan
