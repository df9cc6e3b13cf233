"""An admin's corrections of a plan's extraction, as data: a small vocabulary of operations on a
`ParsedPlan`, applied in order.

A correction names its row by what the row says (unit, role, duty; a deadline's unit and sentence),
never by a position, so the same corrections can be applied again to a later extraction of the same
file (a re-import, an improved extractor): a row that is still there, even cut slightly differently,
is found again; a row that is gone makes its correction "stale", and an addition the extraction now
makes itself is "redundant". Nothing here touches the database (services.plan_review stores them).

Operations and their arguments (`Correction.args`):
- remove_assignment {row}; set_role {row, role}; merge_rows {rows: [first, second]} (same unit: the
  second's duty is appended to the first's); add_assignment {unit, role, group, duty, section, source}
- remove_deadline {row}; set_deadline {row, set: {recurrence, due, day, month, unit, to, action}};
  add_deadline {unit, action, recurrence, due, day, month, to, text, section}
- map_unit {from, to, group}: every row naming `from` names `to` instead (a unit written in a way the
  directory does not know, mapped to the directory's unit)
where `row` is `assignment_ref(...)` or `deadline_ref(...)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from parsing.model import Doubt, ParsedAssignment, ParsedDeadline, ParsedPlan, PlanHeader, Role, due_parts
from parsing.vntext import collapse_ws, nfc
from services.correction_refs import ALREADY, alike, assignment_score, deadline_score, fold

OPS = (
    "remove_assignment",
    "add_assignment",
    "set_role",
    "merge_rows",
    "map_unit",
    "remove_deadline",
    "set_deadline",
    "add_deadline",
)
DEADLINE_FIELDS = ("recurrence", "due", "day", "month", "unit", "to", "action")
RECURRENCES = ("once", "monthly", "quarterly", "semiannual", "yearly")
Status = Literal["applied", "stale", "redundant"]

# Every row's unit and duty are folded once per application of each correction; the same strings
# come back on every tap of a review, so the folded forms are kept (bench/bench_review.py).


class CorrectionError(Exception):
    """A correction that cannot be made as asked; `key` is a text of the catalogue
    (messages/texts/plan_review.py) and `values` its placeholders."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(f"{key} {values}" if values else key)
        self.key = key
        self.values = values


@dataclass(frozen=True, slots=True)
class Correction:
    """One operation with its arguments, and who made it when."""

    op: str
    args: Mapping[str, Any]
    author: str = ""
    person_id: int | None = None
    at: str = ""  # ISO 8601, UTC
    id: int | None = None  # the stored row's id, once stored

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise CorrectionError("rv.err.op", op=self.op)

    def to_json(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "args": dict(self.args),
            "author": self.author,
            "person_id": self.person_id,
            "at": self.at,
            "id": self.id,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Correction:
        return cls(
            op=str(data["op"]),
            args=dict(data.get("args") or {}),
            author=str(data.get("author") or ""),
            person_id=data.get("person_id"),
            at=str(data.get("at") or ""),
            id=data.get("id"),
        )


def stamp(
    op: str, args: Mapping[str, Any], *, author: str, person_id: int | None, now: dt.datetime
) -> Correction:
    """A new correction made now by `author`."""
    return Correction(op=op, args=dict(args), author=author, person_id=person_id, at=now.isoformat())


# --- references: how a correction names its row ---------------------------------------------------


# --- the corrected plan ---------------------------------------------------------------------------


@dataclass(slots=True)
class Row:
    """An assignment of the corrected plan with a number that stays put while the admin works: the
    extraction's rows are 1..N in its order, each added row takes the next number, a removed or
    merged-away row's number is not reused."""

    id: int
    item: ParsedAssignment
    added: bool = False
    changed: bool = False


@dataclass(slots=True)
class DeadlineRow:
    id: int
    item: ParsedDeadline
    added: bool = False
    changed: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    correction: Correction
    status: Status
    rows: tuple[int, ...] = ()  # the row (or deadline) numbers it touched or made


@dataclass(slots=True)
class Corrected:
    """The extraction with corrections applied, row numbers kept (see `Row`)."""

    base: ParsedPlan
    rows: list[Row] = field(default_factory=list)
    deadlines: list[DeadlineRow] = field(default_factory=list)
    removed: dict[int, Row] = field(default_factory=dict)
    removed_deadlines: dict[int, DeadlineRow] = field(default_factory=dict)
    outcomes: list[Outcome] = field(default_factory=list)
    next_row: int = 1
    next_deadline: int = 1

    @property
    def plan(self) -> ParsedPlan:
        return ParsedPlan(
            header=self.base.header,
            assignments=[r.item for r in self.rows],
            deadlines=[d.item for d in self.deadlines],
            doubts=list(self.base.doubts),
            recipients=list(self.base.recipients),
            read_by=self.base.read_by,
        )

    def row(self, number: int) -> Row | None:
        return next((r for r in self.rows if r.id == number), None)

    def deadline(self, number: int) -> DeadlineRow | None:
        return next((d for d in self.deadlines if d.id == number), None)

    def find(self, ref: Mapping[str, Any]) -> Row | None:
        best, found = 0.0, None
        for row in self.rows:
            score = assignment_score(row.item, ref)
            if score > best:
                best, found = score, row
        return found

    def find_deadline(self, ref: Mapping[str, Any]) -> DeadlineRow | None:
        best, found = 0.0, None
        for row in self.deadlines:
            score = deadline_score(row.item, ref)
            if score > best:
                best, found = score, row
        return found


def apply_corrections(plan: ParsedPlan, corrections: Sequence[Correction]) -> Corrected:
    """The extraction with `corrections` applied in order; each one's outcome is in `.outcomes`."""
    state = Corrected(base=plan)
    for item in plan.assignments:
        state.rows.append(Row(state.next_row, item))
        state.next_row += 1
    for deadline in plan.deadlines:
        state.deadlines.append(DeadlineRow(state.next_deadline, deadline))
        state.next_deadline += 1
    for correction in corrections:
        status, rows = _APPLY[correction.op](state, correction.args)
        state.outcomes.append(Outcome(correction, status, rows))
    return state


_Result = tuple[Status, tuple[int, ...]]


def _remove_assignment(state: Corrected, args: Mapping[str, Any]) -> _Result:
    row = state.find(args.get("row") or {})
    if row is None:
        return "stale", ()
    state.rows.remove(row)
    state.removed[row.id] = row
    return "applied", (row.id,)


def _add_assignment(state: Corrected, args: Mapping[str, Any]) -> _Result:
    item = ParsedAssignment(
        unit=_clean(args.get("unit")),
        group=bool(args.get("group")),
        role=args.get("role") or "lead",
        duty=_clean(args.get("duty")),
        section=args.get("section"),
        source=_clean(args.get("source") or args.get("duty")),
    )
    for row in state.rows:  # already there: the same name exactly (an admin's addition is never guessed away)
        if (
            fold(row.item.unit) == fold(item.unit)
            and row.item.role == item.role
            and alike(row.item.duty, item.duty) >= ALREADY
        ):
            return "redundant", (row.id,)
    row = Row(state.next_row, item, added=True)
    state.next_row += 1
    # beside the rows of the same duty, so the plan keeps the document's order
    after = [i for i, r in enumerate(state.rows) if alike(r.item.duty, item.duty) >= ALREADY]
    state.rows.insert(after[-1] + 1 if after else len(state.rows), row)
    return "applied", (row.id,)


def _set_role(state: Corrected, args: Mapping[str, Any]) -> _Result:
    role: Role = "support" if args.get("role") == "support" else "lead"
    ref = dict(args.get("row") or {})
    row = state.find(ref)
    if row is None:  # the extraction may now read the role the admin set
        row = state.find(ref | {"role": role})
        return ("redundant", (row.id,)) if row is not None else ("stale", ())
    if row.item.role == role:
        return "redundant", (row.id,)
    row.item = replace(row.item, role=role)
    row.changed = True
    return "applied", (row.id,)


def _merge_rows(state: Corrected, args: Mapping[str, Any]) -> _Result:
    refs = list(args.get("rows") or [])
    if len(refs) != 2:
        return "stale", ()
    first = state.find(refs[0])
    if first is None:
        return "stale", ()
    second = next((r for r in state.rows if r is not first and assignment_score(r.item, refs[1]) > 0), None)
    if second is None:
        return "stale", ()
    a, b = first.item, second.item
    first.item = replace(
        a, duty=_joined(a.duty, b.duty), source=_joined(a.source or a.duty, b.source or b.duty)
    )
    first.changed = True
    state.rows.remove(second)
    state.removed[second.id] = second
    return "applied", (first.id, second.id)


def _map_unit(state: Corrected, args: Mapping[str, Any]) -> _Result:
    old, new = fold(str(args.get("from") or "")), _clean(args.get("to"))
    touched: list[int] = []
    for row in state.rows:
        if fold(row.item.unit) == old:
            row.item = replace(row.item, unit=new, group=bool(args.get("group")))
            row.changed = True
            touched.append(row.id)
    for deadline in state.deadlines:
        parties = [p.strip() for p in deadline.item.unit.split(";")]
        if any(fold(p) == old for p in parties):
            unit = "; ".join(new if fold(p) == old else p for p in parties)
            deadline.item = replace(deadline.item, unit=unit)
            deadline.changed = True
            touched.append(-deadline.id)
    return ("applied", tuple(touched)) if touched else ("stale", ())


def _remove_deadline(state: Corrected, args: Mapping[str, Any]) -> _Result:
    row = state.find_deadline(args.get("row") or {})
    if row is None:
        return "stale", ()
    state.deadlines.remove(row)
    state.removed_deadlines[row.id] = row
    return "applied", (row.id,)


def _set_deadline(state: Corrected, args: Mapping[str, Any]) -> _Result:
    row = state.find_deadline(args.get("row") or {})
    if row is None:
        return "stale", ()
    changes = {k: v for k, v in dict(args.get("set") or {}).items() if k in DEADLINE_FIELDS}
    if "unit" in changes:
        changes["unit"] = _clean(changes["unit"])
    if "to" in changes:
        changes["to"] = _clean(changes["to"]) or None
    current = {k: getattr(row.item, k) for k in changes}
    if current == changes:
        return "redundant", (row.id,)
    row.item = _deadline(replace(row.item, **changes))
    row.changed = True
    return "applied", (row.id,)


def _add_deadline(state: Corrected, args: Mapping[str, Any]) -> _Result:
    item = _deadline(
        ParsedDeadline(
            unit=_clean(args.get("unit")),
            action=args.get("action") or "report",
            recurrence=args.get("recurrence") or "once",
            due=args.get("due") or None,
            text=_clean(args.get("text")),
            to=_clean(args.get("to")) or None,
            section=args.get("section"),
            day=args.get("day"),
            month=args.get("month"),
        )
    )
    for row in state.deadlines:
        d = row.item
        if (
            fold(d.unit) == fold(item.unit)
            and d.recurrence == item.recurrence
            and (d.due or None) == item.due
            and alike(d.text, item.text) >= ALREADY
        ):
            return "redundant", (row.id,)
    row = DeadlineRow(state.next_deadline, item, added=True)
    state.next_deadline += 1
    state.deadlines.append(row)
    return "applied", (row.id,)


_APPLY = {
    "remove_assignment": _remove_assignment,
    "add_assignment": _add_assignment,
    "set_role": _set_role,
    "merge_rows": _merge_rows,
    "map_unit": _map_unit,
    "remove_deadline": _remove_deadline,
    "set_deadline": _set_deadline,
    "add_deadline": _add_deadline,
}


def _clean(value: object) -> str:
    return collapse_ws(nfc(str(value or "")))


def _joined(a: str, b: str) -> str:
    """Two halves of one duty: the longer when one holds the other, else both in order."""
    fa, fb = fold(a), fold(b)
    if fb in fa:
        return a
    if fa in fb:
        return b
    return f"{a.rstrip()} {b.lstrip()}"


def _deadline(d: ParsedDeadline) -> ParsedDeadline:
    """A deadline whose day/month agree with its `due` (ParsedDeadline fills them only when unset)."""
    if d.due:
        day, month = due_parts(d.recurrence, d.due)
        return replace(d, day=day, month=month)
    return d


# --- what is stored: a ParsedPlan as JSON, without losing anything -----------------------------


def snapshot(plan: ParsedPlan) -> dict[str, Any]:
    """The SCHEMA.md object plus what `ParsedPlan.from_schema` does not read back (the header's kind and
    place, the doubts, the recipients, how the text was read): `restore(snapshot(p)) == p`."""
    data = plan.to_schema()
    data["plan"]["kind"] = plan.header.kind
    data["plan"]["place"] = plan.header.place
    data["read_by"] = plan.read_by
    data.pop("warnings", None)
    return data


def restore(data: Mapping[str, Any]) -> ParsedPlan:
    plan = ParsedPlan.from_schema(dict(data))
    header = data.get("plan") or {}
    plan.header = PlanHeader(
        **(asdict(plan.header) | {"kind": header.get("kind"), "place": header.get("place")})
    )
    plan.doubts = [
        Doubt(kind=d["kind"], text=d.get("text") or "", section=d.get("section"))
        for d in data.get("doubts") or []
    ]
    plan.recipients = [str(r) for r in data.get("recipients") or []]
    plan.read_by = str(data.get("read_by") or "text")
    return plan
