"""ParsedPlan -> the plan database, one plan per transaction.

Re-importing a plan updates it, never duplicates it: the plan is found by its identity (number + issuer,
else issuer + title, else the file's hash), its assignments are replaced, and its deadlines are matched
to the old ones by what they say, so a deadline that did not change keeps its row id, its admin-set day
and its `Occurrence` history (submitted reports stay submitted). Deadlines that disappeared are deleted
with their occurrences, reminders and snoozes.

A deadline's recipient ("gửi về Sở Ngoại vụ") is matched to the unit directory like its parties
(`Deadline.recipient_unit_id`, services.placement): a class party ("các sở, ban, ngành") does not
make the recipient owe its own report (services.units.units_owing, services.duty_queries).

Everything runs inside a SAVEPOINT: a failure leaves nothing half-written, and `preview_plan` runs the
very same code and rolls it back, so the admin sees exactly what an import would do.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, delete, select

from parsing.model import ParsedAssignment, ParsedDeadline, ParsedPlan
from parsing.vntext import collapse_ws, fold, nfc
from services import jurisdictions
from services.import_result import ImportResult, PlanImportError
from services.occurrences import drop_occurrences, drop_open_occurrences, drop_unowed_occurrences
from services.placement import Placer, resolve_waiting_recipients
from services.unit_names import expand
from storage.enums import Action, DueSource, PlanStatus, Recurrence
from storage.models import Assignment, Deadline, DeadlineParty, Jurisdiction, Plan
from storage.types import utcnow

log = logging.getLogger(__name__)


def plan_identity(parsed: ParsedPlan, content_hash: str) -> str:
    """What makes two imports the same plan: number + issuer, else issuer + title, else the content."""
    h = parsed.header
    issuer = expand(h.issuer or "")
    if h.number:
        return f"no:{fold(h.number)}|{issuer}"
    if h.title:
        return f"title:{issuer}|{fold(h.title)}"
    return f"sha256:{content_hash}"


def find_plan(session: Session, parsed: ParsedPlan, content_hash: str) -> Plan | None:
    """The stored plan a file is (a re-import): by its identity, else the same file imported before the
    header was read differently (an upgrade of the extractor must not duplicate a plan)."""
    plan = session.exec(select(Plan).where(Plan.identity == plan_identity(parsed, content_hash))).first()
    if plan is None:
        plan = session.exec(
            select(Plan).where(Plan.source_hash == content_hash).order_by(col(Plan.id))
        ).first()
    return plan


def import_plan(
    session: Session,
    *,
    parsed: ParsedPlan,
    source_name: str,
    content_hash: str,
    default_province: str,
    now: dt.datetime | None = None,
    rewrite: bool = False,
) -> ImportResult:
    """Store a parsed plan (create or update) in one SAVEPOINT; the caller's session commits it.

    `now` (the caller's clock) stamps the import: reminders date a plan's deadlines from it. The same
    file again is "unchanged" and writes nothing, unless `rewrite`: what is stored for it changed
    (services.plan_review: an admin corrected the extraction).
    """
    with session.begin_nested():
        result = _write(
            session,
            parsed=parsed,
            source_name=source_name,
            content_hash=content_hash,
            default_province=default_province,
            now=now or utcnow(),
            rewrite=rewrite,
        )
    log.info("imported %s: %s (%d assignments)", source_name, result.status, result.assignments)
    return result


def preview_plan(
    session: Session,
    *,
    parsed: ParsedPlan,
    source_name: str,
    content_hash: str,
    default_province: str,
    rewrite: bool = False,
) -> ImportResult:
    """What `import_plan` would do, computed by doing it inside a SAVEPOINT and rolling that back."""
    savepoint = session.begin_nested()
    try:
        result = _write(
            session,
            parsed=parsed,
            source_name=source_name,
            content_hash=content_hash,
            default_province=default_province,
            now=utcnow(),
            rewrite=rewrite,
        )
    finally:
        savepoint.rollback()
    result.preview = True
    if result.status == "created":
        result.plan_id = None
    return result


# --- the write ------------------------------------------------------------------------------------


def _write(
    session: Session,
    *,
    parsed: ParsedPlan,
    source_name: str,
    content_hash: str,
    default_province: str,
    now: dt.datetime,
    rewrite: bool = False,
) -> ImportResult:
    if not parsed.assignments and not parsed.deadlines:
        raise PlanImportError("no_duties", source=source_name)
    h = parsed.header
    identity = plan_identity(parsed, content_hash)
    plan = find_plan(session, parsed, content_hash)
    restored = plan is not None and plan.status == PlanStatus.archived
    if restored:  # importing an archived plan again means the admin wants it in force
        assert plan is not None
        plan.status = PlanStatus.active
        plan.updated_at = now
        session.add(plan)
    if plan is not None and plan.identity == identity and plan.source_hash == content_hash and not rewrite:
        stored = _summary_of_stored(session, plan=plan, identity=identity)
        stored.status = "restored" if restored else stored.status
        return stored
    jurisdiction = jurisdictions.of_issuer(
        session, issuer=h.issuer, place=h.place, default_province=default_province
    )
    result = ImportResult(
        identity=identity,
        status="created" if plan is None else "updated",
        number=h.number,
        issuer=h.issuer,
        title=h.title,
        jurisdiction=jurisdictions.label(jurisdiction),
        warnings=list(parsed.warnings),
        doubts=[{"kind": d.kind, "text": d.text, "section": d.section} for d in parsed.doubts],
    )
    if plan is None:
        plan = Plan(identity=identity, source_name=source_name, source_hash=content_hash, imported_at=now)
    plan.number, plan.issuer, plan.issued_on, plan.title, plan.kind = (
        h.number,
        h.issuer,
        h.issued_on,
        h.title,
        h.kind,
    )
    plan.jurisdiction_id = jurisdiction.id
    plan.identity, plan.source_name, plan.source_hash = identity, source_name, content_hash
    plan.read_by = parsed.read_by
    plan.updated_at = now
    session.add(plan)
    session.flush()
    assert plan.id is not None
    placer = Placer(session, jurisdiction=jurisdiction, result=result, issuer=h.issuer)
    before = session.exec(
        select(Assignment.unit_text, Assignment.role, Assignment.duty).where(Assignment.plan_id == plan.id)
    ).all()
    session.exec(delete(Assignment).where(col(Assignment.plan_id) == plan.id))
    rows = [
        _assignment_row(plan_id=plan.id, position=position, item=item, placer=placer)
        for position, item in enumerate(parsed.assignments)
    ]
    result.removed_assignments = _removed(before, [(r["unit_text"], r["role"], r["duty"]) for r in rows])
    session.flush()
    if rows:  # one executemany, not an ORM object per duty
        session.connection().execute(insert(Assignment), rows)
    _replace_deadlines(session, plan_id=plan.id, deadlines=parsed.deadlines, placer=placer)
    if result.new_units:
        resolve_waiting_recipients(session, placer=placer, plan_id=plan.id)
    plan.warnings = result.warnings + result.unplaced or None
    result.doubts += [{"kind": "unplaced", "text": name, "section": None} for name in result.unplaced]
    plan.doubts = result.doubts or None
    session.add(plan)
    session.flush()
    result.plan_id = plan.id
    return result


def _assignment_row(*, plan_id: int, position: int, item: ParsedAssignment, placer: Placer) -> dict[str, Any]:
    placed = placer.place(item.unit, group_hint=item.group)
    placer.result.assignments += 1
    placer.result.group_assignments += placed.group_key is not None
    return {
        "plan_id": plan_id,
        "position": position,
        "unit_id": placed.unit_id,
        "group_key": placed.group_key,
        "unit_text": collapse_ws(nfc(item.unit)),
        "role": item.role,
        "duty": collapse_ws(nfc(item.duty)),
        "duty_key": fold(item.duty),
        "section": item.section,
        "source": collapse_ws(nfc(item.source or item.duty)),
        "flagged": placed.flagged,
    }


_ONCE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEARLY = re.compile(r"^(\d{2})-(\d{2})$")


def _due_fields(item: ParsedDeadline, warnings: list[str], doubts: list[dict[str, Any]]) -> dict[str, object]:
    """SCHEMA.md `due` -> Deadline columns: "YYYY-MM-DD" once, "MM-DD" yearly, else the parsed day/month
    of a periodic rule; nothing = no day yet (an admin sets it)."""
    fields: dict[str, object] = {"due_date": None, "due_month": None, "due_day": None, "due_source": None}
    due = (item.due or "").strip()
    try:
        if m := _ONCE.match(due):
            fields["due_date"] = dt.date(int(m[1]), int(m[2]), int(m[3]))
            fields["due_source"] = DueSource.text
        elif m := _YEARLY.match(due):
            month, day = int(m[1]), int(m[2])
            dt.date(2024, month, day)  # validates (2024: a leap year, 29/02 allowed)
            fields["due_month"], fields["due_day"], fields["due_source"] = month, day, DueSource.text
        elif due:
            warnings.append(f"deadline due {due!r} not understood: {item.text[:80]}")
            doubts.append({"kind": "bad_due", "text": f"{due}: {item.text}", "section": item.section})
        elif item.day is not None and item.recurrence != "once":
            # "hằng tháng, trước ngày 20", "trước ngày 10 tháng cuối quý": a day (and the month within
            # the period) the SCHEMA `due` cannot carry.
            within = None if item.recurrence == "monthly" else item.month
            dt.date(2024, within or 1, item.day)  # validates
            fields["due_month"], fields["due_day"], fields["due_source"] = within, item.day, DueSource.text
    except ValueError:
        warnings.append(f"deadline due {due!r} is not a date: {item.text[:80]}")
        doubts.append({"kind": "bad_due", "text": f"{due}: {item.text}", "section": item.section})
    return fields


def _removed(before: Sequence[tuple[str, str, str]], after: list[tuple[str, str, str]]) -> list[str]:
    """Duties of the stored plan that the new text no longer has ("unit: duty"), compared as the
    importer stores them (folded unit and duty, same role); repeated duties are counted."""
    remaining = Counter((fold(unit), role, fold(duty)) for unit, role, duty in after)
    gone: list[str] = []
    for unit, role, duty in before:
        key = (fold(unit), role, fold(duty))
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            gone.append(f"{unit}: {duty}")
    return gone


def _signature(
    unit_text: str, action: str, recurrence: str, recipient: str | None, source: str
) -> tuple[str, ...]:
    return (fold(unit_text), action, recurrence, fold(recipient or ""), fold(source))


def _replace_deadlines(
    session: Session, *, plan_id: int, deadlines: list[ParsedDeadline], placer: Placer
) -> None:
    old = list(session.exec(select(Deadline).where(Deadline.plan_id == plan_id)))
    old_ids = [d.id for d in old if d.id is not None]
    if old_ids:
        session.exec(delete(DeadlineParty).where(col(DeadlineParty.deadline_id).in_(old_ids)))
    by_signature = {_signature(d.unit_text, d.action, d.recurrence, d.recipient, d.source): d for d in old}
    kept: set[int] = set()
    recipient_moved: list[int] = []  # kept deadlines whose recipient now resolves to another unit
    for item in deadlines:  # every unit the plan names is in the directory before recipients are matched
        for part in _parties(collapse_ws(nfc(item.unit))):
            placer.place(part, group_hint=False)
    for position, item in enumerate(deadlines):
        unit_text = collapse_ws(nfc(item.unit))
        source = collapse_ws(nfc(item.text))
        fields = _due_fields(item, placer.result.warnings, placer.result.doubts)
        row = by_signature.pop(_signature(unit_text, item.action, item.recurrence, item.to, source), None)
        if row is not None and row.id is not None:
            kept.add(row.id)
            placer.result.kept_deadlines += 1
            if row.due_source in (DueSource.admin, DueSource.default) and fields["due_source"] is None:
                # The admin's day stands until the text itself gives one; a default day (set by
                # `materialize`) is what the same text gives again: its occurrences stay.
                fields = {}
            elif any(getattr(row, name) != value for name, value in fields.items()):
                drop_open_occurrences(session, deadline_ids=[row.id])
        else:
            row = Deadline(plan_id=plan_id, unit_text=unit_text, source=source)
        row.position, row.action, row.recurrence = position, Action(item.action), Recurrence(item.recurrence)
        row.recipient, row.section = item.to, item.section
        recipient_unit_id = placer.recipient(item.to, source)
        if row.id is not None and row.recipient_unit_id != recipient_unit_id:
            recipient_moved.append(row.id)
        row.recipient_unit_id = recipient_unit_id
        for name, value in fields.items():
            setattr(row, name, value)
        session.add(row)
        session.flush()
        assert row.id is not None
        placer.result.deadlines += 1
        placer.result.undated_deadlines += row.due_source is None
        for part in _parties(unit_text):
            placed = placer.place(part, group_hint=False)
            if placed.unit_id is None and placed.group_key is None:
                continue
            session.add(
                DeadlineParty(
                    deadline_id=row.id, unit_id=placed.unit_id, group_key=placed.group_key, unit_text=part
                )
            )
    gone = [d.id for d in by_signature.values() if d.id is not None and d.id not in kept]
    placer.result.removed_deadlines = [
        f"{d.unit_text}: {d.source}" for d in by_signature.values() if d.id is not None and d.id not in kept
    ]
    if gone:
        _delete_deadlines(session, deadline_ids=gone)
    session.flush()
    drop_unowed_occurrences(session, deadline_ids=recipient_moved)


def _parties(unit_text: str) -> list[str]:
    """A deadline's debtors as the plan lists them ("các sở, ban, ngành; UBND các huyện")."""
    return [part for part in (p.strip() for p in unit_text.split(";")) if part]


def _delete_deadlines(session: Session, *, deadline_ids: list[int]) -> None:
    drop_occurrences(session, deadline_ids=deadline_ids)
    session.exec(delete(DeadlineParty).where(col(DeadlineParty.deadline_id).in_(deadline_ids)))
    session.exec(delete(Deadline).where(col(Deadline.id).in_(deadline_ids)))


def _summary_of_stored(session: Session, *, plan: Plan, identity: str) -> ImportResult:
    """The same file again: nothing to write; report what is stored."""
    assert plan.id is not None
    assignments = list(session.exec(select(Assignment).where(Assignment.plan_id == plan.id)))
    deadlines = list(session.exec(select(Deadline).where(Deadline.plan_id == plan.id)))
    jurisdiction = session.get(Jurisdiction, plan.jurisdiction_id) if plan.jurisdiction_id else None
    return ImportResult(
        identity=identity,
        status="unchanged",
        plan_id=plan.id,
        number=plan.number,
        issuer=plan.issuer,
        title=plan.title,
        jurisdiction=jurisdictions.label(jurisdiction),
        assignments=len(assignments),
        group_assignments=sum(a.group_key is not None for a in assignments),
        deadlines=len(deadlines),
        undated_deadlines=sum(d.due_source is None for d in deadlines),
        kept_deadlines=len(deadlines),
        flagged=sorted({a.unit_text for a in assignments if a.flagged and a.unit_id is not None}),
        unplaced=sorted({a.unit_text for a in assignments if a.unit_id is None and a.group_key is None}),
        warnings=list(plan.warnings or []),
        doubts=list(plan.doubts or []),
    )


# --- archiving ----------------------------------------------------------------------------------
