"""Reviewing a plan's extraction before it goes live or after (the admin is the last word on every
plan): what the admin works on, and what they are shown.

- A `Draft` (services.review_drafts) is a file's extraction awaiting confirmation, or a live plan
  being corrected, with its corrections.
- `review` works a draft out against the database: the corrected plan with its rows numbered for
  good (services.corrections.Row), what the import would do, the doubts first (n1, n2 ...: a unit not
  in the directory with the closest units, a deadline phrase with no unit, a part read by a
  fallback, a table not understood, a unit named only in "Nơi nhận" ...) and the rows grouped by
  unit (d1, d2 ...).

Typed commands become corrections in services.review_commands; services.corrected_plans stores
them with the plan (and tells the members concerned), and makes labelled examples of them. Every
function that changes a plan takes an `Author` and checks, in the same transaction, that a person is
still an admin: a button press or a typed command is never trusted for that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from sqlmodel import Session

from parsing.model import ParsedPlan
from services import jurisdictions
from services.correction_refs import fold
from services.corrections import Corrected, Outcome, Row, apply_corrections, snapshot
from services.import_result import ImportResult
from services.importer import preview_plan
from services.review_drafts import Draft
from services.unit_classes import classify_group
from services.unit_names import split_name
from services.units import resolve_unit, search_units
from storage.models import (
    PlanExtraction,
)

# --- the draft ------------------------------------------------------------------------------------


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
            rewrite=needs_rewrite(
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


def needs_rewrite(
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
