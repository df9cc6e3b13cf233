"""Storing a corrected plan: the plan's rows are its extraction with its corrections applied, written
by the importer; the extraction and the corrections (who, when, what, and how their last application
went) are kept beside it, in the caller's transaction. A re-import of the same plan re-applies the
corrections and reports those that no longer apply; for a plan already live, the members of every
unit whose duties or deadlines changed are told through the outbox (`notify_unit`).

Every correction is a labelled example: `export_schema` writes the corrected plan in SCHEMA.md form
(`dutybot plans export-json`), `plan_diff` sets it against the extraction (`dutybot plans diff`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from messages.types import Reply
from parsing.model import ParsedAssignment
from services.correction_refs import fold
from services.corrections import Corrected, Correction, Outcome, Row, apply_corrections, snapshot
from services.import_result import ImportResult
from services.importer import find_plan, import_plan
from services.members import audit
from services.notices import notify_unit
from services.plan_review import needs_rewrite
from services.review_drafts import Author, Draft, check_author, open_live, stored_corrections
from services.unit_classes import members_of_class
from services.units import follow_successor, units_owing
from storage.models import (
    Assignment,
    Deadline,
    Membership,
    Plan,
    PlanCorrection,
    PlanExtraction,
    Unit,
)

# --- writing --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DutyChange:
    role: str
    duty: str
    old_role: str | None = None  # set for a role that changed


@dataclass(frozen=True, slots=True)
class DeadlineChange:
    recurrence: str
    due: str | None
    text: str
    old: tuple[str, str | None] | None = None  # (recurrence, due) before, for a changed date


@dataclass(slots=True)
class UnitChanges:
    """What a correction changed for one unit with members: told to them."""

    unit_id: int
    unit_name: str
    plan_label: str
    added: list[DutyChange] = field(default_factory=list)
    removed: list[DutyChange] = field(default_factory=list)
    role_changed: list[DutyChange] = field(default_factory=list)
    deadlines_added: list[DeadlineChange] = field(default_factory=list)
    deadlines_removed: list[DeadlineChange] = field(default_factory=list)
    deadlines_changed: list[DeadlineChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any(
            (
                self.added,
                self.removed,
                self.role_changed,
                self.deadlines_added,
                self.deadlines_removed,
                self.deadlines_changed,
            )
        )


@dataclass(slots=True)
class Committed:
    result: ImportResult
    outcomes: list[Outcome]
    new: int  # corrections stored by this commit
    changes: list[UnitChanges] = field(default_factory=list)
    notified: int = 0  # people queued a notice

    @property
    def stale(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "stale"]


NoticeBuilder = Callable[[str, UnitChanges], Reply]


def commit(
    session: Session,
    draft: Draft,
    *,
    author: Author,
    default_province: str,
    now: dt.datetime,
    notice: NoticeBuilder | None = None,
) -> Committed:
    """Store the draft: the corrected plan (import_plan), its extraction, its corrections (the new ones
    appended, every one's outcome recorded). When the plan was already live and corrections changed
    it, `notice(lang, changes)` is queued to the members of each unit concerned. The caller commits."""
    check_author(session, author)
    plan = find_plan(session, draft.extraction, draft.content_hash)
    stored = stored_corrections(session, plan_id=plan.id) if plan is not None and plan.id else []
    rewrite = needs_rewrite(
        session,
        plan_id=plan.id if plan is not None else None,
        extraction=draft.extraction,
        stored=len(stored),
        new=len(draft.new),
    )
    before = _duty_map(session, plan) if plan is not None and draft.new and notice is not None else None
    committed = _write(
        session, draft, stored + draft.new, rewrite=rewrite, default_province=default_province, now=now
    )
    plan_id = committed.result.plan_id
    assert plan_id is not None
    if committed.new:
        audit(
            session, person_id=author.person_id, action="plan.correct", plan_id=plan_id, count=committed.new
        )
    if before is not None and notice is not None:
        # one key per commit: an undone correction's id may be given again, a moment never is
        key = f"plan-edit:{plan_id}:{now.timestamp():.6f}"
        _tell(session, committed, before=before, notice=notice, key=key, now=now)
    return committed


def _write(
    session: Session,
    draft: Draft,
    corrections: list[Correction],
    *,
    rewrite: bool,
    default_province: str,
    now: dt.datetime,
) -> Committed:
    """The plan as its extraction with `corrections` applied, the extraction kept beside it (when the
    plan is written), every correction's outcome recorded and the new ones appended."""
    corrected = apply_corrections(draft.extraction, corrections)
    result = import_plan(
        session,
        parsed=corrected.plan,
        source_name=draft.source_name,
        content_hash=draft.content_hash,
        default_province=default_province,
        now=now,
        rewrite=rewrite,
    )
    assert result.plan_id is not None
    if result.status != "unchanged":
        _keep_extraction(session, plan_id=result.plan_id, draft=draft, now=now)
    new = _store_corrections(session, plan_id=result.plan_id, corrected=corrected, now=now)
    return Committed(result=result, outcomes=list(corrected.outcomes), new=new)


def _tell(
    session: Session,
    committed: Committed,
    *,
    before: tuple[str, dict[int, _UnitView]],
    notice: NoticeBuilder,
    key: str,
    now: dt.datetime,
) -> None:
    """Queue `notice` to the members of every unit whose duties or deadlines the write changed."""
    plan = session.get(Plan, committed.result.plan_id)
    assert plan is not None
    committed.changes = _changes(before, _duty_map(session, plan))
    for change in committed.changes:
        committed.notified += notify_unit(
            session,
            unit_id=change.unit_id,
            build=_builder(notice, change),
            dedup_prefix=f"{key}:{change.unit_id}",
            now=now,
        )


def _builder(notice: NoticeBuilder, change: UnitChanges) -> Callable[[str], Reply]:
    return lambda lang: notice(lang, change)


def _keep_extraction(session: Session, *, plan_id: int, draft: Draft, now: dt.datetime) -> None:
    row = session.get(PlanExtraction, plan_id)
    if row is None:
        row = PlanExtraction(plan_id=plan_id, source_hash=draft.content_hash)
    row.data = snapshot(draft.extraction)
    row.text = draft.text if draft.text is not None else row.text
    row.source_hash = draft.content_hash
    row.extracted_at = now
    session.add(row)
    session.flush()


def _store_corrections(session: Session, *, plan_id: int, corrected: Corrected, now: dt.datetime) -> int:
    """Record every outcome; append the corrections not stored yet. Returns how many were added."""
    rows = {
        r.id: r for r in session.exec(select(PlanCorrection).where(PlanCorrection.plan_id == plan_id)).all()
    }
    seq = int(
        session.exec(select(func.max(PlanCorrection.seq)).where(PlanCorrection.plan_id == plan_id)).one() or 0
    )
    added = 0
    for outcome in corrected.outcomes:
        c = outcome.correction
        row = rows.get(c.id) if c.id is not None else None
        if row is None:
            seq += 1
            added += 1
            at = dt.datetime.fromisoformat(c.at) if c.at else now
            row = PlanCorrection(
                plan_id=plan_id,
                seq=seq,
                op=c.op,
                args=dict(c.args),
                person_id=c.person_id,
                author=c.author,
                created_at=at,
            )
        row.status = outcome.status
        session.add(row)
    session.flush()
    return added


def drop_correction(
    session: Session,
    *,
    plan_id: int,
    correction_id: int | None,
    author: Author,
    default_province: str,
    now: dt.datetime,
    notice: NoticeBuilder | None = None,
) -> Committed | None:
    """Take back a stored correction (the last one when `correction_id` is None) and write the plan
    again without it. None: the plan has no such correction."""
    check_author(session, author)
    statement = select(PlanCorrection).where(PlanCorrection.plan_id == plan_id)
    if correction_id is not None:
        statement = statement.where(PlanCorrection.id == correction_id)
    row = session.exec(statement.order_by(col(PlanCorrection.seq).desc())).first()
    draft = open_live(session, plan_id=plan_id)
    if row is None or draft is None:
        return None
    plan = session.get_one(Plan, plan_id)
    before = _duty_map(session, plan) if notice is not None else None
    session.delete(row)
    session.flush()
    draft.stored = stored_corrections(session, plan_id=plan_id)
    committed = _write(session, draft, draft.stored, rewrite=True, default_province=default_province, now=now)
    audit(session, person_id=author.person_id, action="plan.uncorrect", plan_id=plan_id, correction=row.id)
    if before is not None and notice is not None:
        _tell(session, committed, before=before, notice=notice, key=f"plan-undo:{plan_id}:{row.id}", now=now)
    return committed


# --- who is affected ------------------------------------------------------------------------------


@dataclass(slots=True)
class _UnitView:
    name: str
    duties: dict[str, tuple[str, str]] = field(default_factory=dict)  # fold(duty) -> (role, duty)
    deadlines: dict[str, tuple[str, str | None, str]] = field(default_factory=dict)  # fold(text) -> ...


def _duty_map(session: Session, plan: Plan) -> tuple[str, dict[int, _UnitView]]:
    """For each unit with active members: the duties and deadlines this plan gives it."""
    label = plan.number or plan.title or plan.source_name
    members = set(session.exec(select(Membership.unit_id).where(col(Membership.active))).all())
    views: dict[int, _UnitView] = {}
    if not members or plan.id is None:
        return label, views
    classes: dict[str, list[Unit]] = {}

    def reached(unit_id: int | None, group_key: str | None) -> Iterable[Unit]:
        if unit_id is not None:
            unit = session.get(Unit, unit_id)
            return [follow_successor(session, unit=unit)] if unit is not None else []
        if group_key is not None and plan.jurisdiction_id is not None:
            if group_key not in classes:
                classes[group_key] = members_of_class(
                    session, group_key=group_key, jurisdiction_id=plan.jurisdiction_id
                )
            return classes[group_key]
        return []

    for a in session.exec(select(Assignment).where(Assignment.plan_id == plan.id)):
        for unit in reached(a.unit_id, a.group_key):
            if unit.id in members:
                view = views.setdefault(unit.id, _UnitView(unit.name))
                view.duties[fold(a.duty)] = (a.role, a.duty)
    for d in session.exec(select(Deadline).where(Deadline.plan_id == plan.id)):
        for unit in units_owing(session, deadline=d):
            if unit.id in members:
                view = views.setdefault(unit.id, _UnitView(unit.name))
                view.deadlines[fold(d.source)] = (d.recurrence, due_label(d), d.source)
    return label, views


def due_label(d: Deadline) -> str | None:
    """ "2026-12-15", "15/12", "ngày 10" ...: a stored deadline's day as the reviews show it."""
    if d.due_date is not None:
        return d.due_date.strftime("%d/%m/%Y")
    if d.due_day is None:
        return None
    return f"{d.due_day:02d}/{d.due_month:02d}" if d.due_month else f"{d.due_day:02d}"


def _changes(
    before: tuple[str, dict[int, _UnitView]], after: tuple[str, dict[int, _UnitView]]
) -> list[UnitChanges]:
    label, old_views = before
    _label, new_views = after
    out: list[UnitChanges] = []
    for unit_id in sorted(set(old_views) | set(new_views)):
        old = old_views.get(unit_id) or _UnitView((new_views.get(unit_id) or _UnitView("")).name)
        new = new_views.get(unit_id) or _UnitView(old.name)
        change = UnitChanges(unit_id=unit_id, unit_name=new.name or old.name, plan_label=label)
        for key, (role, duty) in new.duties.items():
            if key not in old.duties:
                change.added.append(DutyChange(role, duty))
            elif old.duties[key][0] != role:
                change.role_changed.append(DutyChange(role, duty, old_role=old.duties[key][0]))
        change.removed = [DutyChange(r, d) for k, (r, d) in old.duties.items() if k not in new.duties]
        for key, (rec, due, text) in new.deadlines.items():
            if key not in old.deadlines:
                change.deadlines_added.append(DeadlineChange(rec, due, text))
            elif old.deadlines[key][:2] != (rec, due):
                change.deadlines_changed.append(DeadlineChange(rec, due, text, old=old.deadlines[key][:2]))
        change.deadlines_removed = [
            DeadlineChange(r, du, tx) for k, (r, du, tx) in old.deadlines.items() if k not in new.deadlines
        ]
        if change:
            out.append(change)
    return out


# --- a labelled example ---------------------------------------------------------------------------


def export_schema(session: Session, *, plan_id: int) -> dict[str, Any] | None:
    """The corrected plan as SCHEMA.md JSON (what ../shared/tools/score_extraction.py reads), with
    `notes` saying where it came from."""
    draft = open_live(session, plan_id=plan_id)
    if draft is None:
        return None
    corrected = apply_corrections(draft.extraction, draft.stored)
    data = corrected.plan.to_schema()
    data.pop("warnings", None)
    data.pop("doubts", None)
    applied = sum(o.status == "applied" for o in corrected.outcomes)
    data["notes"] = (
        f"dutybot plan #{plan_id} ({draft.source_name}): the extraction with {applied} admin "
        f"correction(s) applied ({len(corrected.outcomes)} stored)."
    )
    return data


@dataclass(slots=True)
class PlanDiff:
    plan_id: int
    label: str
    corrected: Corrected
    corrections: list[Outcome]

    @property
    def removed(self) -> list[Row]:
        return sorted(self.corrected.removed.values(), key=lambda r: r.id)

    @property
    def added(self) -> list[Row]:
        return [r for r in self.corrected.rows if r.added]

    @property
    def changed(self) -> list[tuple[Row, ParsedAssignment]]:
        """(row now, the row as extracted)."""
        base = self.corrected.base.assignments
        return [(r, base[r.id - 1]) for r in self.corrected.rows if r.changed and not r.added]


def plan_diff(session: Session, *, plan_id: int) -> PlanDiff | None:
    draft = open_live(session, plan_id=plan_id)
    if draft is None:
        return None
    corrected = apply_corrections(draft.extraction, draft.stored)
    plan = session.get(Plan, plan_id)
    assert plan is not None
    return PlanDiff(
        plan_id, plan.number or plan.title or plan.source_name, corrected, list(corrected.outcomes)
    )
