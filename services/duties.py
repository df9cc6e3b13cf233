"""What a unit is responsible for, a page at a time, with each plan's next deadline, and the
sentence each duty came from.

The chat handlers and `dutybot ask` call these. A unit's duties are its own assignments, those of the
units merged into it (2025 reorganisation), and those given to every class it belongs to ("các sở, ban,
ngành" of its province), across active plans (the statements: services.duty_queries). Who is
responsible for a topic is services.topics; a unit's upcoming deadlines, services.upcoming.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from services import jurisdictions
from services.duty_queries import (
    COUNT_ROWS,
    DEADLINE_ROWS_IN_PLANS,
    PAGE_ROWS,
    Subject,
    unit_subject,
)
from services.occurrence_views import current_occurrences
from services.recurrence import DueRule, defaults_for, next_due
from services.status import DueStatus, classify
from storage.enums import Role
from storage.models import Assignment, Jurisdiction, Plan
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


def _rule(row: Any) -> DueRule:
    return DueRule(recurrence=row.recurrence, due_date=row.due_date, month=row.due_month, day=row.due_day)


def _defaults_cache(subject: Subject) -> dict[int | None, dict[str, dict[str, int]]]:
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
    subject = unit_subject(session, unit_id)
    params = subject.scope.params()
    rows = plain_rows(session, PAGE_ROWS, {**params, "offset": max(offset, 0), "limit": max(limit, 0)})
    # past the end of the list (a stale button), the count comes alone
    total = rows[0].total if rows else (plain_rows(session, COUNT_ROWS, params)[0][0] if offset > 0 else 0)
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


def _same_section(a: str | None, b: str | None) -> bool:
    """A deadline belongs to the duty of its own numbered item; a part-level paragraph ("III")
    is an item of its own, not a parent of "III.3"."""
    return bool(a) and a == b


def _next_due_by_plan(
    session: Session, *, subject: Subject, plan_ids: list[int], today: dt.date
) -> dict[int, list[tuple[dt.date, bool, int, str | None, DueStatus]]]:
    """plan_id -> [(due, from default, deadline id, section, status)] for deadlines owed by the unit:
    each deadline's current occurrence (`occurrences.current_occurrences`, the one rule every view
    uses: an unreported past one stays "quá hạn"), or, for a rule not dated yet, its next due day."""
    cache = _defaults_cache(subject)
    found: dict[int, list[tuple[dt.date, bool, int, str | None, DueStatus]]] = defaultdict(list)
    if not plan_ids:
        return found
    rows = plain_rows(session, DEADLINE_ROWS_IN_PLANS, {**subject.scope.params(), "plan_ids": plan_ids})
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


# --- who is responsible for a topic ---------------------------------------------------------------
