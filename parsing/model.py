"""What the extractor produces: the JSON form of ../shared/plans/SCHEMA.md as typed dataclasses.

The importer stores these; `dutybot plans parse --json` prints them; the gold labels load into them,
so storage and chat work can be tested on hand-checked data independently of the extractor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Role = Literal["lead", "support"]
Action = Literal["report", "deliver"]
Recurrence = Literal["once", "monthly", "quarterly", "semiannual", "yearly"]


@dataclass(frozen=True, slots=True)
class PlanHeader:
    """The plan's identity as printed in its header; every field may be missing in OCR'd text."""

    number: str | None = None
    issuer: str | None = None
    issued_on: dt.date | None = None
    title: str | None = None
    kind: str | None = None  # "KẾ HOẠCH", "CHƯƠNG TRÌNH", ...
    place: str | None = None  # the place before ", ngày ..." (often the province)


@dataclass(frozen=True, slots=True)
class ParsedAssignment:
    """One unit (or class of units) given one duty, with the sentence it came from."""

    unit: str
    group: bool
    role: Role
    duty: str
    section: str | None = None
    source: str = ""  # the whole sentence / bullet the duty was taken from, for quoting
    position: bool = False  # an office of the issuing body ("Đồng chí Phó Chủ tịch Thường trực"), not a unit


_PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "semiannual": 6, "yearly": 12}


def due_parts(recurrence: str, due: str | None) -> tuple[int | None, int | None]:
    """(day, month) carried by a SCHEMA `due` string; month counts within the period (1..3 for a quarter,
    1..6 for a half-year; the calendar month for once and yearly)."""
    if not due:
        return None, None
    parts = due.split("-")
    try:
        month, day = int(parts[-2]), int(parts[-1])
    except (IndexError, ValueError):
        return None, None
    span = _PERIOD_MONTHS.get(recurrence)
    if span and span < 12:
        month = (month - 1) % span + 1
    return day, month


@dataclass(frozen=True, slots=True)
class ParsedDeadline:
    """A report or delivery tied to a date or a period.

    `due` follows SCHEMA.md: "YYYY-MM-DD" for once, "MM-DD" for yearly, else None when no day is given
    (an admin sets it later). `day` / `month` keep what the text states even where SCHEMA has no `due`
    form, for the reminder engine: "hằng tháng, trước ngày 20" -> day 20; "trước ngày 10 tháng cuối quý"
    -> month 3, day 10 (month within the period; yearly and once: the calendar month). Filled from `due`
    when not given.
    """

    unit: str
    action: Action
    recurrence: Recurrence
    due: str | None
    text: str
    to: str | None = None
    section: str | None = None
    day: int | None = None
    month: int | None = None

    def __post_init__(self) -> None:
        if self.day is None and self.month is None and self.due:
            day, month = due_parts(self.recurrence, self.due)
            object.__setattr__(self, "day", day)
            object.__setattr__(self, "month", month)


DoubtKind = Literal[
    "no_number",  # the header prints no plan number
    "no_date",  # the header prints no full date of issue
    "no_implementation_part",  # no TỔ CHỨC THỰC HIỆN part was recognised
    "fallback",  # no part assigning work was recognised: unit-led items were read anywhere
    "item_without_unit",  # an implementation item names no unit
    "deadline_without_unit",  # a deadline phrase whose performer was not found
    "unmapped_table",  # a table that looks like a task table but whose columns were not understood
    "low_confidence",  # OCR read words of this row (or the header) with low confidence
]

_DOUBT_TEXT: dict[str, str] = {
    "no_number": "no plan number found in the header",
    "no_date": "no date of issue found in the header",
    "no_implementation_part": "no implementation part (TỔ CHỨC THỰC HIỆN) found",
    "fallback": "no part assigning work recognised: read unit-led items after the purpose part",
    "item_without_unit": "no unit found in {section}: {text}",
    "deadline_without_unit": "deadline phrase without a unit ({section}): {text}",
    "unmapped_table": "table not understood ({section}): {text}",
    "low_confidence": "OCR unsure ({section}): {text}",
}


@dataclass(frozen=True, slots=True)
class Doubt:
    """Something the extractor could not read with confidence, for the admin to check. `kind` is a key
    the chat and the command line translate; `text` quotes the passage, `section` says where it is."""

    kind: DoubtKind
    text: str = ""
    section: str | None = None

    def english(self) -> str:
        return _DOUBT_TEXT[self.kind].format(section=self.section or "-", text=self.text[:100])


@dataclass(slots=True)
class ParsedPlan:
    header: PlanHeader
    assignments: list[ParsedAssignment] = field(default_factory=list)
    deadlines: list[ParsedDeadline] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)  # what the extractor could not read with confidence
    recipients: list[str] = field(default_factory=list)  # units named in "Nơi nhận" (never assignees)
    read_by: str = "text"  # how the text was obtained: "text", or "ocr" for a scan
    # the text it was read from (not part of the schema): an admin's correction quotes it
    text: str = field(default="", repr=False, compare=False)

    @property
    def warnings(self) -> list[str]:
        """The doubts in English (command line, logs)."""
        return [d.english() for d in self.doubts]

    def to_schema(self) -> dict[str, Any]:
        """The SCHEMA.md JSON object (what the scorer reads)."""
        h = self.header
        return {
            "plan": {
                "number": h.number,
                "issuer": h.issuer,
                "issued_on": h.issued_on.isoformat() if h.issued_on else None,
                "title": h.title,
            },
            "assignments": [
                {k: v for k, v in asdict(a).items() if k != "source"} | {"source": a.source}
                for a in self.assignments
            ],
            "deadlines": [_deadline_json(d) for d in self.deadlines],
            "warnings": list(self.warnings),
            "doubts": [asdict(d) for d in self.doubts],
            "recipients": list(self.recipients),
            "read_by": self.read_by,
        }

    @classmethod
    def from_schema(cls, data: dict[str, Any]) -> ParsedPlan:
        """Load a SCHEMA.md object (e.g. a gold file, or a preview kept until the admin confirms): the
        extra keys `to_schema` writes (doubts, recipients, read_by) come back; unknown keys are ignored."""
        p = data.get("plan") or {}
        issued = p.get("issued_on")
        header = PlanHeader(
            number=p.get("number"),
            issuer=p.get("issuer"),
            issued_on=dt.date.fromisoformat(issued) if issued else None,
            title=p.get("title"),
        )
        assignments = [
            ParsedAssignment(
                unit=a["unit"],
                group=bool(a.get("group")),
                role=a["role"],
                duty=a.get("duty", ""),
                section=a.get("section"),
                source=a.get("source") or a.get("duty", ""),
                position=bool(a.get("position")),
            )
            for a in data.get("assignments") or []
        ]
        deadlines = [
            ParsedDeadline(
                unit=d.get("unit") or "",
                action=d.get("action") or "report",
                recurrence=d["recurrence"],
                due=d.get("due"),
                text=d.get("text", ""),
                to=d.get("to"),
                section=d.get("section"),
                day=d.get("due_day"),
                month=d.get("due_month"),
            )
            for d in data.get("deadlines") or []
        ]
        doubts = [
            Doubt(d["kind"], d.get("text", ""), d.get("section"))
            for d in data.get("doubts") or []
            if isinstance(d, dict) and d.get("kind") in _DOUBT_TEXT
        ]
        return cls(
            header=header,
            assignments=assignments,
            deadlines=deadlines,
            doubts=doubts,
            recipients=[r for r in data.get("recipients") or [] if isinstance(r, str)],
            read_by=data.get("read_by") or "text",
        )


def _deadline_json(d: ParsedDeadline) -> dict[str, Any]:
    """SCHEMA keys plus `due_day` / `due_month` (extra keys the scorer ignores)."""
    row = asdict(d)
    row["due_day"] = row.pop("day")
    row["due_month"] = row.pop("month")
    return row
