"""The admin is the last word on every plan: reviewing an extraction, correcting it, and keeping the
corrections with the plan.

- A `Draft` is what an admin works on: a file's extraction awaiting confirmation, or a live plan being
  corrected (`/sua`, `dutybot plans edit`), with the corrections already stored for the plan and the
  new ones of this session. It is plain JSON, so the chat keeps it in the conversation state.
- `review` works a draft out against the database: the corrected plan with its rows numbered for
  good (services.corrections.Row), what the import would do, the doubts first (n1, n2 ...: a unit not
  in the directory with the closest units, a deadline phrase with no unit, a part read by a
  fallback, a table not understood, a unit named only in "Nơi nhận" ...) and the rows grouped by
  unit (d1, d2 ...).
- `resolve` turns a typed command (services.correction_commands) into corrections.
- `commit` writes the corrected plan, the extraction and the corrections in the caller's transaction;
  re-importing the same plan re-applies its corrections and reports those that no longer apply; for
  a plan already live, the members of every unit whose duties or deadlines changed are told through
  the outbox (`notify_unit`).
- `export_schema` (the corrected plan in SCHEMA.md form: a labelled example) and `plan_diff`
  (extraction against corrected) serve `dutybot plans export-json` and `plans diff`.

Every function that changes a plan takes an `Author` and checks, in the same transaction, that a
person is still an admin: a button press or a typed command is never trusted for that.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import func
from sqlmodel import Session, col, select

from handlers.types import Reply
from parsing.model import ParsedAssignment, ParsedDeadline, ParsedPlan, PlanHeader
from parsing.vntext import collapse_ws, nfc
from services import jurisdictions
from services.correction_commands import Command, is_none, parse_when, target_kind, target_number
from services.corrections import (
    Corrected,
    Correction,
    CorrectionError,
    Outcome,
    Row,
    apply_corrections,
    assignment_ref,
    deadline_ref,
    fold,
    restore,
    same_unit,
    snapshot,
    stamp,
)
from services.importer import ImportResult, import_plan, plan_identity, preview_plan
from services.members import audit
from services.reminders import notify_unit
from services.unit_classes import classify_group, members_of_class
from services.unit_names import split_name
from services.units import follow_successor, resolve_unit, search_units, units_owing
from storage.models import (
    Assignment,
    Deadline,
    Jurisdiction,
    Membership,
    Person,
    Plan,
    PlanCorrection,
    PlanExtraction,
    Unit,
)

MAX_QUOTE = 600  # characters of a deadline's sentence kept from a quote
# A draft lives in the admin's conversation state, read with each of their messages: the document's
# text (for quotes) is kept only up to this size (a long plan is about 70,000 characters).
MAX_TEXT = 400_000


@dataclass(frozen=True, slots=True)
class Author:
    """Who corrects: a person (an admin, checked on every call) or the command line's operator
    (`person_id` None: whoever holds the database holds the plans)."""

    name: str
    person_id: int | None = None


def check_author(session: Session, author: Author) -> None:
    """Raise CorrectionError("rv.err.not_admin") unless the author may correct plans now."""
    if author.person_id is None:
        return
    person = session.get(Person, author.person_id)
    if person is None or not person.is_admin:
        raise CorrectionError("rv.err.not_admin")


# --- the draft ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Draft:
    extraction: ParsedPlan
    source_name: str
    content_hash: str
    text: str | None = None  # the document's text, to find a quoted deadline in
    live: bool = False  # correcting a plan already imported (not a file awaiting confirmation)
    plan_id: int | None = None  # the stored plan this draft updates, if any
    stored: list[Correction] = field(default_factory=list)
    new: list[Correction] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # doubts the admin looked at and left as they are
    numbers: dict[str, int] = field(default_factory=dict)  # "n:<doubt key>" / "d:<unit key>" -> number
    token: str = field(default_factory=lambda: secrets.token_hex(3))  # tells this draft's buttons apart
    page: str = "home"
    page_no: int = 1

    def to_json(self) -> dict[str, Any]:
        return {
            "plan": snapshot(self.extraction),
            "name": self.source_name,
            "hash": self.content_hash,
            "text": self.text,
            "live": self.live,
            "plan_id": self.plan_id,
            "stored": [c.to_json() for c in self.stored],
            "new": [c.to_json() for c in self.new],
            "skipped": list(self.skipped),
            "numbers": dict(self.numbers),
            "token": self.token,
            "page": self.page,
            "page_no": self.page_no,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Draft:
        return cls(
            extraction=restore(data["plan"]),
            source_name=str(data["name"]),
            content_hash=str(data["hash"]),
            text=data.get("text"),
            live=bool(data.get("live")),
            plan_id=data.get("plan_id"),
            stored=[Correction.from_json(c) for c in data.get("stored") or []],
            new=[Correction.from_json(c) for c in data.get("new") or []],
            skipped=[str(s) for s in data.get("skipped") or []],
            numbers={str(k): int(v) for k, v in (data.get("numbers") or {}).items()},
            token=str(data.get("token") or secrets.token_hex(3)),
            page=str(data.get("page") or "home"),
            page_no=int(data.get("page_no") or 1),
        )

    @property
    def corrections(self) -> list[Correction]:
        return self.stored + self.new


def open_import(
    session: Session, *, parsed: ParsedPlan, source_name: str, content_hash: str, text: str | None = None
) -> Draft:
    """A file's extraction, with the corrections stored for the same plan (a re-import) to re-apply."""
    plan = session.exec(select(Plan).where(Plan.identity == plan_identity(parsed, content_hash))).first()
    stored = stored_corrections(session, plan_id=plan.id) if plan is not None and plan.id else []
    return Draft(
        extraction=parsed,
        source_name=source_name,
        content_hash=content_hash,
        text=text if text is None or len(text) <= MAX_TEXT else None,
        plan_id=plan.id if plan is not None else None,
        stored=stored,
    )


def open_live(session: Session, *, plan_id: int) -> Draft | None:
    """A stored plan to correct: its extraction and its corrections (None: no such plan)."""
    plan = session.get(Plan, plan_id)
    if plan is None or plan.id is None:
        return None
    stored = session.get(PlanExtraction, plan.id)
    extraction = restore(stored.data) if stored is not None and stored.data else _from_rows(session, plan)
    return Draft(
        extraction=extraction,
        source_name=plan.source_name,
        content_hash=plan.source_hash,
        text=stored.text if stored is not None and len(stored.text or "") <= MAX_TEXT else None,
        live=True,
        plan_id=plan.id,
        stored=stored_corrections(session, plan_id=plan.id),
    )


def stored_corrections(session: Session, *, plan_id: int) -> list[Correction]:
    rows = session.exec(
        select(PlanCorrection).where(PlanCorrection.plan_id == plan_id).order_by(col(PlanCorrection.seq))
    ).all()
    return [
        Correction(
            op=r.op,
            args=dict(r.args or {}),
            author=r.author,
            person_id=r.person_id,
            at=r.created_at.isoformat(),
            id=r.id,
        )
        for r in rows
    ]


def _from_rows(session: Session, plan: Plan) -> ParsedPlan:
    """A plan stored before extractions were kept: its rows stand for what was read."""
    jurisdiction = session.get(Jurisdiction, plan.jurisdiction_id) if plan.jurisdiction_id else None
    place = jurisdictions.province_of(session, jurisdiction).name if jurisdiction is not None else None
    header = PlanHeader(
        number=plan.number,
        issuer=plan.issuer,
        issued_on=plan.issued_on,
        title=plan.title,
        kind=plan.kind,
        place=place,
    )
    assignments = [
        ParsedAssignment(
            unit=a.unit_text,
            group=a.group_key is not None,
            role=a.role,  # type: ignore[arg-type]
            duty=a.duty,
            section=a.section,
            source=a.source,
        )
        for a in session.exec(
            select(Assignment).where(Assignment.plan_id == plan.id).order_by(col(Assignment.position))
        )
    ]
    deadlines = []
    for d in session.exec(
        select(Deadline).where(Deadline.plan_id == plan.id).order_by(col(Deadline.position))
    ):
        from_text = d.due_source == "text"
        due = None
        if from_text and d.recurrence == "once" and d.due_date is not None:
            due = d.due_date.isoformat()
        elif from_text and d.recurrence == "yearly" and d.due_month and d.due_day:
            due = f"{d.due_month:02d}-{d.due_day:02d}"
        deadlines.append(
            ParsedDeadline(
                unit=d.unit_text,
                action=d.action,  # type: ignore[arg-type]
                recurrence=d.recurrence,  # type: ignore[arg-type]
                due=due,
                text=d.source,
                to=d.recipient,
                section=d.section,
                day=d.due_day if from_text and due is None else None,
                month=d.due_month if from_text and due is None else None,
            )
        )
    return ParsedPlan(header=header, assignments=assignments, deadlines=deadlines)


# --- the review -----------------------------------------------------------------------------------

# Doubts in the order an admin should look at them (the extractor's kinds and the directory's).
DOUBT_ORDER = (
    "unknown_unit",  # a unit not in the directory, with close units to choose from
    "deadline_without_unit",
    "item_without_unit",
    "unmapped_table",
    "fallback",
    "unplaced",  # a name that reaches nobody ("các cơ quan liên quan")
    "flagged",  # a unit merged away with no successor
    "recipient_only",  # named only in "Nơi nhận"
    "new_unit",  # not in the directory and nothing close: a unit the directory will learn
    "no_implementation_part",
    "no_number",
    "no_date",
)
_PASSAGE_KINDS = {"deadline_without_unit", "item_without_unit", "unmapped_table", "fallback"}
_NAME_KINDS = {"unknown_unit", "new_unit", "unplaced", "flagged", "recipient_only"}
_NOT_RECIPIENTS = re.compile(r"^(?:nhu |luu\b|cac don vi nhu)")


@dataclass(frozen=True, slots=True)
class DoubtItem:
    number: int
    key: str
    kind: str
    text: str = ""  # the passage quoted by the extractor
    section: str | None = None
    unit: str = ""  # the name in doubt
    rows: tuple[int, ...] = ()  # rows naming it
    deadlines: tuple[int, ...] = ()
    suggestions: tuple[str, ...] = ()  # the directory's closest units

    @property
    def is_passage(self) -> bool:
        return self.kind in _PASSAGE_KINDS

    @property
    def is_name(self) -> bool:
        return self.kind in _NAME_KINDS


@dataclass(frozen=True, slots=True)
class UnitGroup:
    number: int
    unit: str
    rows: tuple[int, ...]
    lead: int
    support: int
    doubtful: bool


@dataclass(slots=True)
class Review:
    draft: Draft
    corrected: Corrected
    result: ImportResult
    doubts: list[DoubtItem]
    units: list[UnitGroup]
    doubtful_rows: set[int]
    unknown: dict[str, tuple[str, ...]]  # fold(name) -> suggestions

    @property
    def stale(self) -> list[Outcome]:
        return [o for o in self.corrected.outcomes if o.status == "stale"]

    def doubt(self, number: int) -> DoubtItem | None:
        return next((d for d in self.doubts if d.number == number), None)

    def unit_group(self, number: int) -> UnitGroup | None:
        return next((u for u in self.units if u.number == number), None)

    def group_of(self, row_id: int) -> UnitGroup | None:
        return next((u for u in self.units if row_id in u.rows), None)


def review(session: Session, draft: Draft, *, default_province: str) -> Review:
    """Work the draft out; numbers new doubts and units in `draft.numbers` (save the draft after)."""
    corrected = apply_corrections(draft.extraction, draft.corrections)
    plan = corrected.plan
    result = (
        preview_plan(
            session,
            parsed=plan,
            source_name=draft.source_name,
            content_hash=draft.content_hash,
            default_province=default_province,
            rewrite=_needs_rewrite(
                session,
                plan_id=draft.plan_id,
                extraction=draft.extraction,
                stored=len(draft.stored),
                new=len(draft.new),
            ),
        )
        if (plan.assignments or plan.deadlines)
        else ImportResult(identity="", status="created", preview=True)
    )
    unknown = _unknown_units(session, plan, default_province=default_province)
    items = sorted(_doubts(corrected, unknown, result), key=lambda item: DOUBT_ORDER.index(item["kind"]))
    doubts = [
        DoubtItem(number=_number(draft, "n", item["key"]), **item)
        for item in items
        if item["key"] not in draft.skipped
    ]
    doubts.sort(key=lambda d: (DOUBT_ORDER.index(d.kind), d.number))
    doubtful = {r for d in doubts if d.kind != "new_unit" for r in d.rows}
    fallback_sections = [d.section for d in doubts if d.kind == "fallback"]
    for row in corrected.rows:
        section = row.item.section or ""
        if any(s is None or section == s or section.startswith(f"{s}.") for s in fallback_sections):
            doubtful.add(row.id)
    units = _units(draft, corrected.rows, doubtful)
    return Review(draft, corrected, result, doubts, units, doubtful, unknown)


def _needs_rewrite(
    session: Session, *, plan_id: int | None, extraction: ParsedPlan, stored: int, new: int
) -> bool:
    """The same file is written again only when what is stored for it changes: a new correction, or
    stored corrections to re-apply to an extraction that is not the stored one."""
    if new:
        return True
    if not stored or plan_id is None:
        return False
    kept = session.get(PlanExtraction, plan_id)
    return kept is None or kept.data != snapshot(extraction)


def _number(draft: Draft, space: str, key: str) -> int:
    name = f"{space}:{key}"
    if name not in draft.numbers:
        draft.numbers[name] = 1 + sum(1 for k in draft.numbers if k.startswith(f"{space}:"))
    return draft.numbers[name]


def _is_class(unit: str, group: bool) -> bool:
    key = classify_group(unit)
    return key is not None and (group or " cac " in f" {fold(unit)} ")


def _unknown_units(
    session: Session, plan: ParsedPlan, *, default_province: str
) -> dict[str, tuple[str, ...]]:
    """Names of units the directory does not know (fold -> its closest units). Looked up in a
    SAVEPOINT rolled back: placing the plan may add its province, which a preview must not keep."""
    names: dict[str, str] = {}
    for a in plan.assignments:
        if not a.group and not _is_class(a.unit, a.group) and not fold(a.unit).startswith("cac "):
            names.setdefault(fold(a.unit), a.unit)
    for d in plan.deadlines:
        for part in (p.strip() for p in d.unit.split(";")):
            if part and not _is_class(part, False) and not fold(part).startswith("cac "):
                names.setdefault(fold(part), part)
    found: dict[str, tuple[str, ...]] = {}
    savepoint = session.begin_nested()
    try:
        h = plan.header
        jurisdiction = jurisdictions.of_issuer(
            session, issuer=h.issuer, place=h.place, default_province=default_province
        )
        for key, name in names.items():
            if resolve_unit(session, name=name, jurisdiction_id=jurisdiction.id) is not None:
                continue
            matches = search_units(session, query=name, jurisdiction_id=jurisdiction.id, limit=3)
            found[key] = tuple(dict.fromkeys(m.unit.name for m in matches if m.unit.active))
    finally:
        savepoint.rollback()
    for key in found:  # "Sở Sây dựng" beside "Sở Xây dựng" in the same plan: a typo, likely
        siblings = [
            names[other]
            for other in names
            if other != key
            and other.split()[:1] == key.split()[:1]
            and fuzz.ratio(other, key) >= 88
            and names[other] not in found[key]
        ]
        found[key] = tuple(siblings[:2]) + found[key][: 3 - len(siblings[:2])]
    return found


def _doubts(
    corrected: Corrected, unknown: dict[str, tuple[str, ...]], result: ImportResult
) -> list[dict[str, Any]]:
    rows, deadlines = corrected.rows, corrected.deadlines
    items: list[dict[str, Any]] = []

    def naming(name: str) -> dict[str, Any]:
        key = fold(name)
        return {
            "unit": name,
            "rows": tuple(r.id for r in rows if fold(r.item.unit) == key),
            "deadlines": tuple(
                d.id for d in deadlines if any(fold(p) == key for p in d.item.unit.split(";"))
            ),
        }

    shown: set[str] = set()
    for key, suggestions in unknown.items():
        name = next((r.item.unit for r in rows if fold(r.item.unit) == key), None) or next(
            p.strip() for d in deadlines for p in d.item.unit.split(";") if fold(p) == key
        )
        kind = "unknown_unit" if suggestions else "new_unit"
        items.append({"key": f"unit:{key}", "kind": kind, "suggestions": suggestions} | naming(name))
        shown.add(key)
    for name in result.unplaced:
        if fold(name) not in shown:
            items.append({"key": f"unplaced:{fold(name)}", "kind": "unplaced"} | naming(name))
            shown.add(fold(name))
    for name in result.flagged:
        if fold(name) not in shown:
            items.append({"key": f"flagged:{fold(name)}", "kind": "flagged"} | naming(name))
    added_sources = [fold(r.item.source) for r in rows if r.added] + [
        fold(d.item.text) for d in deadlines if d.added
    ]
    for doubt in corrected.base.doubts:
        passage = fold(doubt.text)
        if passage and any(passage == s or passage in s for s in added_sources):
            continue  # the admin already made a row of this passage
        items.append(
            {
                "key": f"doubt:{doubt.kind}:{doubt.section or ''}:{passage[:80]}",
                "kind": doubt.kind,
                "text": doubt.text,
                "section": doubt.section,
            }
        )
    named = [r.item.unit for r in rows] + [p for d in deadlines for p in d.item.unit.split(";")]
    named += [d.item.to or "" for d in deadlines]
    for recipient in corrected.base.recipients:
        folded = fold(recipient)
        if not folded or _NOT_RECIPIENTS.match(folded) or folded == "cac":
            continue
        group = classify_group(recipient)
        if any(
            (group is not None and classify_group(n) == group) or (group is None and _same_body(recipient, n))
            for n in named
            if n.strip()
        ):
            continue
        items.append({"key": f"recipient:{folded}", "kind": "recipient_only", "unit": recipient})
    return items


def _same_body(a: str, b: str) -> bool:
    """Two names of one body, whatever the province said or the words' order ("Sở Tư pháp tỉnh Đồng
    Nai", "Sở Tư pháp"); never two bodies one letter apart ("Bộ ...", "Sở ...")."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    pa, pb = split_name(a), split_name(b)
    if pa.key and (pa.key, pa.sub_level, pa.sub_place) == (pb.key, pb.sub_level, pb.sub_place):
        return True
    return fa.split()[:1] == fb.split()[:1] and fuzz.token_sort_ratio(fa, fb) >= 90


def _units(draft: Draft, rows: list[Row], doubtful: set[int]) -> list[UnitGroup]:
    groups: dict[str, list[Row]] = {}
    position = {row.id: i for i, row in enumerate(rows)}
    for row in rows:
        groups.setdefault(fold(row.item.unit), []).append(row)
    ordered = sorted(groups.items(), key=lambda kv: (not any(r.id in doubtful for r in kv[1]), kv[1][0].id))
    units = [
        UnitGroup(
            number=_number(draft, "d", key),
            unit=members[0].item.unit,
            rows=tuple(r.id for r in sorted(members, key=lambda r: (r.id not in doubtful, position[r.id]))),
            lead=sum(r.item.role == "lead" for r in members),
            support=sum(r.item.role == "support" for r in members),
            doubtful=any(r.id in doubtful for r in members),
        )
        for key, members in ordered
    ]
    return units


# --- commands -> corrections ----------------------------------------------------------------------


def resolve(rv: Review, cmd: Command, *, author: Author, now: dt.datetime) -> list[Correction]:
    """The corrections a command asks for, checked against what the admin was shown. Raises
    CorrectionError (a message for the admin) for a number that is not there or a wrong kind."""
    make = _RESOLVERS.get(cmd.verb)
    if make is None:
        raise CorrectionError("rv.err.not_a_correction")
    specs = make(rv, cmd)
    return [stamp(op, args, author=author.name, person_id=author.person_id, now=now) for op, args in specs]


_Spec = tuple[str, dict[str, Any]]


def _row(rv: Review, target: str) -> Row:
    row = rv.corrected.row(target_number(target)) if target_kind(target) == "row" else None
    if row is None:
        raise CorrectionError("rv.err.no_row", target=target)
    return row


def _deadline_row(rv: Review, target: str) -> Any:
    row = rv.corrected.deadline(target_number(target)) if target_kind(target) == "deadline" else None
    if row is None:
        raise CorrectionError("rv.err.no_deadline", target=target)
    return row


def _doubt(rv: Review, target: str) -> DoubtItem:
    item = rv.doubt(target_number(target)) if target_kind(target) == "doubt" else None
    if item is None:
        raise CorrectionError("rv.err.no_doubt", target=target)
    return item


def _remove(rv: Review, cmd: Command) -> list[_Spec]:
    specs: list[_Spec] = []
    for target in dict.fromkeys(cmd.targets):
        if target_kind(target) == "deadline":
            specs.append(("remove_deadline", {"row": deadline_ref(_deadline_row(rv, target).item)}))
        else:
            specs.append(("remove_assignment", {"row": assignment_ref(_row(rv, target).item)}))
    return specs


def _role(rv: Review, cmd: Command) -> list[_Spec]:
    row = _row(rv, cmd.targets[0])
    role = cmd.role or ("support" if row.item.role == "lead" else "lead")
    if role == row.item.role:
        raise CorrectionError("rv.err.same_role", target=cmd.targets[0])
    return [("set_role", {"row": assignment_ref(row.item), "role": role})]


def _unit_named(rv: Review, text: str) -> str:
    """A unit as typed, or the name of doubt "n5" (a unit only in Nơi nhận, say)."""
    if target_kind(text.strip()) == "doubt":
        item = _doubt(rv, text.strip())
        if not item.unit:
            raise CorrectionError("rv.err.not_a_name", target=text.strip())
        return item.unit
    name = collapse_ws(nfc(text))
    if len(name) > 200 or not fold(name):
        raise CorrectionError("rv.err.bad_unit")
    return name


def _add(rv: Review, cmd: Command) -> list[_Spec]:
    target = cmd.targets[0]
    unit = _unit_named(rv, cmd.text)
    if target_kind(target) == "row":
        item = _row(rv, target).item
        duty, section, source = item.duty, item.section, item.source
    else:
        doubt = _doubt(rv, target)
        if not doubt.is_passage:
            raise CorrectionError("rv.err.not_a_passage", target=target)
        duty, section, source = doubt.text, doubt.section, doubt.text
    if cmd.parts:
        duty = cmd.parts[0]
    group = classify_group(unit) is not None
    args = {
        "unit": unit,
        "role": cmd.role,
        "group": group,
        "duty": duty,
        "section": section,
        "source": source,
    }
    return [("add_assignment", args)]


def _merge(rv: Review, cmd: Command) -> list[_Spec]:
    first, second = (_row(rv, t) for t in cmd.targets)
    if not same_unit(first.item.unit, second.item.unit):
        raise CorrectionError("rv.err.merge_units")
    return [("merge_rows", {"rows": [assignment_ref(first.item), assignment_ref(second.item)]})]


def _due(rv: Review, cmd: Command) -> list[_Spec]:
    row = _deadline_row(rv, cmd.targets[0])
    when = parse_when(cmd.text, current=row.item.recurrence)
    return [("set_deadline", {"row": deadline_ref(row.item), "set": when.fields()})]


def _owes(rv: Review, cmd: Command) -> list[_Spec]:
    row = _deadline_row(rv, cmd.targets[0])
    names = [_unit_named(rv, p) for p in cmd.text.split(";") if p.strip()]
    if not names:
        raise CorrectionError("rv.usage.owes")
    return [("set_deadline", {"row": deadline_ref(row.item), "set": {"unit": "; ".join(names)}})]


def _to(rv: Review, cmd: Command) -> list[_Spec]:
    row = _deadline_row(rv, cmd.targets[0])
    to = None if is_none(cmd.text) else _unit_named(rv, cmd.text)
    return [("set_deadline", {"row": deadline_ref(row.item), "set": {"to": to}})]


def _add_deadline(rv: Review, cmd: Command) -> list[_Spec]:
    parts = list(cmd.parts) + [""] * 4
    unit = "; ".join(_unit_named(rv, p) for p in parts[0].split(";") if p.strip())
    when = parse_when(parts[1])
    to = None if not parts[2] or is_none(parts[2]) else _unit_named(rv, parts[2])
    if cmd.targets:
        doubt = _doubt(rv, cmd.targets[0])
        if not doubt.is_passage:
            raise CorrectionError("rv.err.not_a_passage", target=cmd.targets[0])
        text, section = doubt.text, doubt.section
    else:
        text, section = find_quote(rv.draft, parts[3]), None
    action = "report" if "bao cao" in fold(text) else "deliver"
    args = {"unit": unit, "action": action, "to": to, "text": text, "section": section} | when.fields()
    return [("add_deadline", args)]


def _pick(rv: Review, cmd: Command) -> list[_Spec]:
    doubt = _doubt(rv, cmd.targets[0])
    if doubt.kind not in ("unknown_unit", "new_unit", "unplaced"):
        raise CorrectionError("rv.err.not_pickable", target=cmd.targets[0])
    choice = cmd.text.strip()
    if choice.isdigit():
        index = int(choice) - 1
        if not 0 <= index < len(doubt.suggestions):
            raise CorrectionError("rv.err.no_choice", target=cmd.targets[0], choice=choice)
        name = doubt.suggestions[index]
    else:
        name = _unit_named(rv, choice)
    if fold(name) == fold(doubt.unit):
        raise CorrectionError("rv.err.same_unit", target=cmd.targets[0])
    return [("map_unit", {"from": doubt.unit, "to": name, "group": classify_group(name) is not None})]


_RESOLVERS: dict[str, Callable[[Review, Command], list[_Spec]]] = {
    "remove": _remove,
    "role": _role,
    "add": _add,
    "merge": _merge,
    "due": _due,
    "owes": _owes,
    "to": _to,
    "add_deadline": _add_deadline,
    "pick": _pick,
}


def skip(rv: Review, cmd: Command) -> DoubtItem:
    """Leave a doubt as it is (nothing to correct): it leaves the list of this draft."""
    item = _doubt(rv, cmd.targets[0])
    if item.key not in rv.draft.skipped:
        rv.draft.skipped.append(item.key)
    return item


_SENTENCE_END = re.compile(r"(?<=[.;:])\s+(?=[A-ZĐÀ-Ỹ\-+•*])")
_ITEM = re.compile(r"^\s*(?:[-+*•]|\d+(?:\.\d+)*[.)]|[a-zđ][.)])\s")  # a list item starts a new passage


def _passages(text: str) -> list[str]:
    """The document's paragraphs and list items, each on one line: lines broken inside a sentence
    (PDF and OCR text, Markdown wrapped at 80 columns) are joined again."""
    passages: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        current: list[str] = []
        for line in block.splitlines():
            if _ITEM.match(line) and current:
                passages.append(" ".join(current))
                current = []
            current.append(line.strip())
        if current:
            passages.append(" ".join(current))
    return [collapse_ws(p) for p in passages if p.strip()]


def find_quote(draft: Draft, quote: str) -> str:
    """The sentence of the document that holds `quote` (a few words of it are enough). Without the
    document's text (a plan stored before texts were kept) the quote stands as typed."""
    quote = collapse_ws(nfc(quote)).strip(" «»\"'“”")
    wanted = fold(quote)
    if len(wanted.split()) < 3:
        raise CorrectionError("rv.err.quote_short")
    if not draft.text:
        return quote[:MAX_QUOTE]
    found: dict[str, None] = {}
    for passage in _passages(draft.text):
        if wanted not in fold(passage):
            continue
        sentences = [x for x in _SENTENCE_END.split(passage) if wanted in fold(x)]
        for sentence in sentences or [passage]:  # none: the quote runs across two sentences
            found[sentence.strip(" -*•+#")] = None
    if not found:
        raise CorrectionError("rv.err.quote_not_found", quote=quote[:80])
    if len(found) > 1:
        raise CorrectionError("rv.err.quote_ambiguous", count=len(found))
    return next(iter(found))[:MAX_QUOTE]


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
    identity = plan_identity(draft.extraction, draft.content_hash)
    plan = session.exec(select(Plan).where(Plan.identity == identity)).first()
    stored = stored_corrections(session, plan_id=plan.id) if plan is not None and plan.id else []
    rewrite = _needs_rewrite(
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


def plans_to_correct(session: Session, *, limit: int = 20) -> list[Plan]:
    """Active plans, newest first: what /sua offers."""
    return list(
        session.exec(
            select(Plan).where(Plan.status == "active").order_by(col(Plan.updated_at).desc()).limit(limit)
        ).all()
    )
