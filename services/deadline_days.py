"""Deadlines whose plan gave no day: listed for admins, who set one (services.importer.set_deadline_day)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from storage.models import Deadline, Plan, PlanStatus


def undated(session: Session, *, plan_id: int | None = None, limit: int = 20) -> list[Deadline]:
    stmt = (
        select(Deadline)
        .join(Plan, col(Plan.id) == col(Deadline.plan_id))
        .where(col(Deadline.due_source).is_(None), Plan.status == PlanStatus.active)
        .order_by(col(Deadline.plan_id), col(Deadline.position))
        .limit(limit)
    )
    if plan_id is not None:
        stmt = stmt.where(Deadline.plan_id == plan_id)
    return list(session.exec(stmt).all())
