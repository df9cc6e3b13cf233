"""The assignment matrix as an .xlsx workbook: units x plans with roles, the duties, the deadlines.

Sheets: "Ma trận" (one row per unit or class of units, one column per plan, the cell says chủ trì /
phối hợp and how many duties), "Nhiệm vụ" (every assignment with its source sentence) and "Hạn báo cáo"
(every deadline rule).
"""

from __future__ import annotations

import io
from collections import defaultdict

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from sqlmodel import Session, col, select

from storage.enums import PlanStatus, Role
from storage.models import Assignment, Deadline, Plan, Unit

ROLE_VI = {Role.lead: "chủ trì", Role.support: "phối hợp"}


def _plan_label(plan: Plan) -> str:
    return plan.number or (plan.title or plan.source_name)[:40]


def assignment_matrix(session: Session) -> bytes:
    plans = list(
        session.exec(select(Plan).where(Plan.status == PlanStatus.active).order_by(col(Plan.id))).all()
    )
    plan_ids = [p.id for p in plans]
    units = {u.id: u for u in session.exec(select(Unit)).all()}
    rows = list(
        session.exec(
            select(Assignment)
            .where(col(Assignment.plan_id).in_(plan_ids))
            .order_by(col(Assignment.plan_id), col(Assignment.position))
        ).all()
    )
    wb = Workbook()
    matrix = wb.active
    assert matrix is not None
    matrix.title = "Ma trận"
    cells: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for a in rows:
        unit = units.get(a.unit_id) if a.unit_id else None
        who = unit.name if unit is not None else a.unit_text
        cells[who][a.plan_id].append(ROLE_VI.get(Role(a.role), a.role))
    matrix.append(["Đơn vị", *(_plan_label(p) for p in plans)])
    for who in sorted(cells):
        line: list[str] = [who]
        for p in plans:
            roles = cells[who].get(p.id or 0, [])
            line.append(", ".join(f"{r} ({roles.count(r)})" for r in sorted(set(roles))) if roles else "")
        matrix.append(line)
    _style(matrix)

    duties = wb.create_sheet("Nhiệm vụ")
    duties.append(["Kế hoạch", "Đơn vị", "Vai trò", "Mục", "Nhiệm vụ", "Trích nguồn"])
    plan_by_id = {p.id: p for p in plans}
    for a in rows:
        unit = units.get(a.unit_id) if a.unit_id else None
        duties.append(
            [
                _plan_label(plan_by_id[a.plan_id]),
                unit.name if unit else a.unit_text,
                ROLE_VI.get(Role(a.role), a.role),
                a.section or "",
                a.duty,
                a.source,
            ]
        )
    _style(duties)

    deadlines = wb.create_sheet("Hạn báo cáo")
    deadlines.append(["Kế hoạch", "Đơn vị", "Việc", "Chu kỳ", "Hạn", "Gửi tới", "Trích nguồn"])
    for d in session.exec(
        select(Deadline).where(col(Deadline.plan_id).in_(plan_ids)).order_by(col(Deadline.id))
    ):
        due = (
            d.due_date.isoformat()
            if d.due_date
            else "/".join(str(x) for x in (d.due_day, d.due_month) if x) or "chưa có ngày"
        )
        deadlines.append(
            [
                _plan_label(plan_by_id[d.plan_id]),
                d.unit_text,
                d.action,
                d.recurrence,
                due,
                d.recipient or "",
                d.source,
            ]
        )
    _style(deadlines)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _style(sheet: object) -> None:
    ws = sheet  # openpyxl Worksheet
    for cell in ws[1]:  # type: ignore[index]
        cell.font = Font(bold=True)
    for column in ws.columns:  # type: ignore[attr-defined]
        width = min(60, max(len(str(c.value or "")) for c in column) + 2)
        ws.column_dimensions[column[0].column_letter].width = width  # type: ignore[attr-defined]
        for c in column:
            c.alignment = Alignment(wrap_text=True, vertical="top")
