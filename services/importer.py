"""ParsedPlan -> the plan database, one plan per transaction.

Re-importing a plan updates it, never duplicates it: the plan is found by its identity (number + issuer,
else issuer + title, else the file's hash), its assignments are replaced, and its deadlines are matched
to the old ones by what they say, so a deadline that did not change keeps its row id, its admin-set day
and its `Occurrence` history (submitted reports stay submitted). Deadlines that disappeared are deleted
with their occurrences, reminders and snoozes.

A deadline's recipient ("gửi về Sở Ngoại vụ") is matched to the unit directory like its parties
(`Deadline.recipient_unit_id`): a class party ("các sở, ban, ngành") does not make the recipient owe
its own report (services.units.units_owing, services.duties._owes).

Everything runs inside a SAVEPOINT: a failure leaves nothing half-written, and `preview_plan` runs the
very same code and rolls it back, so the admin sees exactly what an import would do.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, delete, select
from sqlmodel.sql.expression import Select

from parsing.model import ParsedAssignment, ParsedDeadline, ParsedPlan
from parsing.unit_mentions import parse_unit_list
from parsing.vntext import collapse_ws, fold, nfc
from services import jurisdictions
from services.occurrences import drop_occurrences, drop_open_occurrences, drop_unowed_occurrences
from services.unit_classes import classify_group
from services.unit_names import expand, split_name
from services.units import ensure_unit, follow_successor, resolve_unit, unit_places
from storage.models import (
    Assignment,
    Deadline,
    DeadlineParty,
    DueSource,
    Jurisdiction,
    Level,
    Plan,
    PlanStatus,
    Unit,
    UnitAlias,
)
from storage.types import utcnow

log = logging.getLogger(__name__)

_MESSAGES = {
    "no_duties": {
        "vi": "{source}: không tìm thấy nhiệm vụ hay thời hạn nào (văn bản không có phần Tổ chức thực hiện?)",
        "en": "{source}: no duties or deadlines found (does the document have an implementation part?)",
    },
}


class PlanImportError(Exception):
    """A plan that cannot be stored, with a message an admin can act on."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(_MESSAGES[key]["en"].format(**values))
        self.key = key
        self.values = values

    def message(self, lang: str = "vi") -> str:
        forms = _MESSAGES[self.key]
        return (forms.get(lang) or forms["vi"]).format(**self.values)


@dataclass(slots=True)
class ImportResult:
    """What an import did (or, for a preview, would do)."""

    identity: str
    status: str  # "created" | "updated" | "unchanged" | "restored" (an archived plan, same content)
    plan_id: int | None = None
    number: str | None = None
    issuer: str | None = None
    title: str | None = None
    jurisdiction: str = ""
    assignments: int = 0
    group_assignments: int = 0
    deadlines: int = 0
    undated_deadlines: int = 0  # no day in the text: an admin sets it (`plans set-day`)
    kept_deadlines: int = 0  # unchanged deadlines whose rows (and report history) were kept
    new_units: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)  # units merged with no successor: an admin decides
    unplaced: list[str] = field(default_factory=list)  # names that reach nobody ("các cơ quan liên quan")
    warnings: list[str] = field(default_factory=list)
    # the same notes by kind, for people: parsing.model.Doubt rows plus the importer's own
    # ("bad_due", "unplaced"), as {"kind", "text", "section"} (handlers/doubts.py translates them)
    doubts: list[dict[str, Any]] = field(default_factory=list)
    # what a re-import takes away from the stored plan ("unit: duty", "unit: deadline sentence")
    removed_assignments: list[str] = field(default_factory=list)
    removed_deadlines: list[str] = field(default_factory=list)
    preview: bool = False


def plan_identity(parsed: ParsedPlan, content_hash: str) -> str:
    """What makes two imports the same plan: number + issuer, else issuer + title, else the content."""
    h = parsed.header
    issuer = expand(h.issuer or "")
    if h.number:
        return f"no:{fold(h.number)}|{issuer}"
    if h.title:
        return f"title:{issuer}|{fold(h.title)}"
    return f"sha256:{content_hash}"


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
    plan = session.exec(select(Plan).where(Plan.identity == identity)).first()
    restored = plan is not None and plan.status == PlanStatus.archived
    if restored:  # importing an archived plan again means the admin wants it in force
        assert plan is not None
        plan.status = PlanStatus.active
        plan.updated_at = now
        session.add(plan)
    if plan is not None and plan.source_hash == content_hash and not rewrite:
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
    plan.source_name, plan.source_hash = source_name, content_hash
    plan.read_by = parsed.read_by
    plan.updated_at = now
    session.add(plan)
    session.flush()
    assert plan.id is not None
    placer = _Placer(session, jurisdiction=jurisdiction, result=result)
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
        _resolve_waiting_recipients(session, placer=placer, plan_id=plan.id)
    plan.warnings = result.warnings + result.unplaced or None
    result.doubts += [{"kind": "unplaced", "text": name, "section": None} for name in result.unplaced]
    plan.doubts = result.doubts or None
    session.add(plan)
    session.flush()
    result.plan_id = plan.id
    return result


@dataclass(frozen=True, slots=True)
class _Placed:
    unit_id: int | None
    group_key: str | None
    flagged: bool  # unit dissolved with no successor, or a name that reaches nobody


class _Placer:
    """Turns a unit text into a unit or a class of units of the plan's jurisdiction, noting what it did.

    Plans name the same units over and over: the units of the plan's jurisdiction are loaded once and
    each distinct text is placed once, so a plan costs a handful of queries, not several per duty."""

    def __init__(self, session: Session, *, jurisdiction: Jurisdiction, result: ImportResult) -> None:
        assert jurisdiction.id is not None
        self.session = session
        self.jurisdiction_id: int = jurisdiction.id
        self.is_province = jurisdiction.level == Level.province
        self.result = result
        self.places = unit_places(session, jurisdiction)
        self.known: dict[str, Unit] = {}
        for unit in session.exec(select(Unit).where(Unit.jurisdiction_id == jurisdiction.id)):
            self.known[unit.key] = unit
        for alias, unit in session.exec(
            select(UnitAlias, Unit)
            .join(Unit, col(Unit.id) == col(UnitAlias.unit_id))
            .where(Unit.jurisdiction_id == jurisdiction.id)
        ):
            self.known.setdefault(alias.key, unit)
        # Units of the jurisdictions right below ("UBND huyện Kỳ Sơn"), by (level, place key, unit key).
        self.below: dict[tuple[str, str, str], Unit] = {}
        for unit, place_key, level in session.exec(
            select(Unit, Jurisdiction.key, Jurisdiction.level)
            .join(Jurisdiction, col(Jurisdiction.id) == col(Unit.jurisdiction_id))
            .where(Jurisdiction.parent_id == jurisdiction.id)
        ):
            self.below[(level, place_key, unit.key)] = unit
        self.placed: dict[tuple[str, bool], _Placed] = {}
        self.recipients: dict[str, int | None] = {}

    def place(self, text: str, *, group_hint: bool) -> _Placed:
        text = collapse_ws(nfc(text))
        cached = self.placed.get((text, group_hint))
        if cached is None:
            cached = self.placed[(text, group_hint)] = self._place(text, group_hint=group_hint)
        return cached

    def _place(self, text: str, *, group_hint: bool) -> _Placed:
        folded = fold(text)
        group_key = classify_group(text)
        if group_key is not None and (group_hint or " cac " in f" {folded} "):
            return _Placed(None, group_key, False)
        if group_hint or not folded or folded.startswith("cac "):
            self._note(self.result.unplaced, text)
            return _Placed(None, None, True)
        unit, key = self._lookup(text)
        if unit is None:
            try:
                unit = ensure_unit(self.session, name=text, jurisdiction_id=self.jurisdiction_id)
            except ValueError:
                self._note(self.result.unplaced, text)
                return _Placed(None, None, True)
            self._note(self.result.new_units, unit.name)
            self.recipients.clear()  # a name that matched nothing may match the new unit
            if key is not None:
                self.known[key] = unit
        current = unit if unit.successor_id is None else follow_successor(self.session, unit=unit)
        if current.needs_review:
            self._note(self.result.flagged, text)
        return _Placed(unit.id, None, current.needs_review)

    def _lookup(self, text: str) -> tuple[Unit | None, str | None]:
        """The directory's unit for a name (never creating one) and, when the name places it in the
        plan's own jurisdiction, the key it is known by there (where a new unit would be cached)."""
        parts = split_name(text, places=self.places)
        in_base = (
            not parts.sub_level
            and parts.province in (None, *self.places)
            and (self.is_province or not parts.says_province)
        )
        key = parts.key if in_base else None
        unit = self.known.get(parts.key) if in_base else None
        if unit is None and parts.sub_level and parts.sub_place and parts.province in (None, *self.places):
            unit = self.below.get((parts.sub_level, parts.sub_place, parts.key))
        if unit is None:
            unit = resolve_unit(self.session, name=text, jurisdiction_id=self.jurisdiction_id)
            if unit is not None and key is not None:
                self.known[key] = unit
        return unit, key

    def recipient(self, text: str | None, source: str) -> int | None:
        """The directory unit that receives a deadline's reports, or None (no recipient, a body outside
        the directory such as a ministry, or a class). Matched as party names are, never created: a
        plan naming "Bộ Ngoại giao" as the recipient does not put a ministry in the province.

        "UBND tỉnh (qua Sở Ngoại vụ)", "báo cáo UBND tỉnh (qua Sở Kế hoạch và Đầu tư tổng hợp)": the
        unit kept is the one the reports pass through, Sở X, not the nominal addressee. Sở X is the
        desk that actually receives the units' reports and compiles them into the report UBND tỉnh
        signs, and it is the one a class party reaches ("các sở, ban, ngành" includes Sở X; it never
        includes UBND tỉnh, which usually issued the plan). Telling Sở X to send its report "qua Sở X"
        is the absurdity to avoid; it owes the compiled report through its own duty in the plan
        ("Sở X tổng hợp, báo cáo UBND tỉnh"), which names it explicitly and so still reaches it. When
        the channel is not in the directory ("Công an tỉnh (qua Phòng Tham mưu)"), the addressee
        (Công an tỉnh) is the recipient. Among several recipients ("Bộ Ngoại giao; Ban Thường vụ
        Tỉnh ủy; UBND tỉnh") the first one of the directory is kept: one column, one unit.
        """
        if not text or not text.strip():
            return None
        text = collapse_ws(nfc(text))
        source = collapse_ws(nfc(source))
        names = list(filter(None, (_channel(text), _channel(source, after=_CHANNEL.sub("", text)))))
        names += [part for part in _CHANNEL.sub("", text).split(";")]
        for name in names:
            name = _COMPILES.sub("", name).strip(" ,.;:")
            if name not in self.recipients:
                self.recipients[name] = self._existing(name)
            found = self.recipients[name]
            if found is not None:
                return found
        return None

    def _existing(self, text: str) -> int | None:
        folded = fold(text)
        if not folded or folded.startswith("cac ") or (classify_group(text) and " cac " in f" {folded} "):
            return None  # a class of units receives nothing
        unit, _key = self._lookup(text)
        return unit.id if unit is not None else None

    @staticmethod
    def _note(bucket: list[str], text: str) -> None:
        if text not in bucket:
            bucket.append(text)


# "UBND tỉnh (qua Sở Ngoại vụ)", "(thông qua Sở Tư pháp tổng hợp)", "... thông qua Sở Tư pháp": the
# unit the reports pass through on their way to the addressee.
_CHANNEL = re.compile(r"\(\s*(?:thông\s+)?qua\s+(?P<inside>[^()]+?)\s*\)|\bthông\s+qua\s+", re.IGNORECASE)
# "gửi Sở Nội vụ (để) tổng hợp": the recipient is the unit before it.
_COMPILES = re.compile(r"\s+(?:để\s+)?tổng\s+hợp\b.*$", re.IGNORECASE)


def _channel(text: str, *, after: str | None = None) -> str | None:
    """The unit named after "qua" in a recipient text or a deadline's sentence; in a sentence, only
    after the recipient's own name (`after`) when the sentence contains it, so a "thông qua" earlier
    in the sentence about something else is not taken for the report's channel."""
    start = 0
    if after is not None:
        first = after.split(";")[0].strip()
        at = text.lower().find(first.lower()) if first else -1
        start = at + len(first) if at >= 0 else 0
    for m in _CHANNEL.finditer(text, start):
        inside = m.group("inside")
        mentions, _end = parse_unit_list(inside or text, 0 if inside else m.end())
        names = [x.text for x in mentions if not x.catch_all and not x.group]
        if names:
            return names[0]
        if inside:
            return inside
    return None


def _assignment_row(
    *, plan_id: int, position: int, item: ParsedAssignment, placer: _Placer
) -> dict[str, Any]:
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
    session: Session, *, plan_id: int, deadlines: list[ParsedDeadline], placer: _Placer
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
        row.position, row.action, row.recurrence = position, item.action, item.recurrence
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


@dataclass(slots=True)
class Reresolved:
    deadlines: int = 0  # deadlines looked at
    changed: int = 0  # whose recipient unit changed
    resolved: int = 0  # that have a recipient unit now
    dropped: int = 0  # open occurrences dropped (their unit no longer owes the deadline)


def reresolve_recipients(session: Session, *, plan_id: int | None = None) -> Reresolved:
    """Match every stored deadline's recipient text to the unit directory again, as an import does.

    For databases upgraded to revision 0004 (whose deadlines have no recipient unit yet: the
    migration cannot run the name rules) and after the directory gained a unit outside an import
    (`dutybot units add`, a CSV). Idempotent; occurrences that no longer apply are dropped
    (`drop_unowed_occurrences`).
    """
    statement = select(Deadline, Plan).join(Plan, col(Plan.id) == col(Deadline.plan_id))
    if plan_id is not None:
        statement = statement.where(Plan.id == plan_id)
    return _reresolve(session, statement, placers={})


def _resolve_waiting_recipients(session: Session, *, placer: _Placer, plan_id: int) -> None:
    """An import added units to the directory: other plans of the jurisdiction whose recipient was
    not in it (a "Sở Tư pháp" no plan had named as a party yet) may name one of them now."""
    statement = (
        select(Deadline, Plan)
        .join(Plan, col(Plan.id) == col(Deadline.plan_id))
        .where(
            Plan.jurisdiction_id == placer.jurisdiction_id,
            Plan.id != plan_id,
            col(Deadline.recipient).is_not(None),
            col(Deadline.recipient_unit_id).is_(None),
        )
    )
    found = _reresolve(session, statement, placers={placer.jurisdiction_id: placer})
    if found.changed:
        log.info("%d deadlines of other plans now have a recipient unit", found.changed)


def _reresolve(
    session: Session, statement: Select[Deadline, Plan], *, placers: dict[int, _Placer]
) -> Reresolved:
    result = Reresolved()
    changed: list[int] = []
    for deadline, plan in session.exec(statement.order_by(col(Deadline.id))).all():
        result.deadlines += 1
        jurisdiction = session.get(Jurisdiction, plan.jurisdiction_id) if plan.jurisdiction_id else None
        if jurisdiction is None or jurisdiction.id is None:
            continue
        placer = placers.get(jurisdiction.id)
        if placer is None:
            placer = placers[jurisdiction.id] = _Placer(
                session, jurisdiction=jurisdiction, result=ImportResult(identity=plan.identity, status="")
            )
        unit_id = placer.recipient(deadline.recipient, deadline.source)
        result.resolved += unit_id is not None
        if unit_id != deadline.recipient_unit_id:
            deadline.recipient_unit_id = unit_id
            session.add(deadline)
            assert deadline.id is not None
            changed.append(deadline.id)
    session.flush()
    result.changed = len(changed)
    result.dropped = drop_unowed_occurrences(session, deadline_ids=changed)
    return result


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
