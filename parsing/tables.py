"""Task tables ("Phụ lục"): one row per task with columns for the lead, the supporting units and the time.

Plans often put their assignments in an annex table after the signature ("Nội dung | Cơ quan chủ trì |
Cơ quan phối hợp | Thời gian hoàn thành"). Word/PDF converters render it as Markdown pipes or tab-separated
cells. A table counts only when its header names a lead column ("chủ trì"); the lead cell's units lead the
row's task, the supporting cell's units support it, and the time cell gives the lead's deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsing.clauses import strip_end
from parsing.deadlines import PERIOD, find_deadlines, period_kind
from parsing.model import Action, ParsedAssignment, ParsedDeadline, Recurrence, Role
from parsing.unit_mentions import Mention, parse_unit_list
from parsing.vntext import collapse_ws, fold

_RULE_ROW = re.compile(r"^[\s|:\-–=+]*$")
_EMPHASIS = re.compile(r"\*\*|__")
_COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("lead", re.compile(r"\bchu tri\b")),
    ("support", re.compile(r"\bphoi hop\b")),
    ("time", re.compile(r"\b(thoi gian|thoi han|tien do|hoan thanh|moc)\b")),
    ("number", re.compile(r"^(stt|tt|so tt)$")),
    ("duty", re.compile(r"\b(noi dung|nhiem vu|ten|cong viec|hoat dong|san pham)\b")),
)


@dataclass(slots=True)
class TableResult:
    assignments: list[ParsedAssignment]
    deadlines: list[ParsedDeadline]


def _cells(line: str) -> list[str] | None:
    s = line.strip()
    if s.startswith("|"):
        return [collapse_ws(_EMPHASIS.sub("", c)) for c in s.strip("|").split("|")]
    if s.count("\t") >= 2:
        return [collapse_ws(_EMPHASIS.sub("", c)) for c in s.split("\t")]
    return None


def _header(cells: list[str]) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for i, cell in enumerate(cells):
        f = fold(cell)
        for name, pattern in _COLUMNS:
            if name not in cols and pattern.search(f):
                cols[name] = i
                break
    return cols if "lead" in cols else None


def _units(cell: str) -> list[Mention]:
    """Every unit in a cell, also when several are listed without a verb after them."""
    out: list[Mention] = []
    for piece in re.split(r"\s*[;\n]\s*", cell):
        mentions, _ = parse_unit_list(piece.strip(" .,-"), 0)
        out.extend(m for m in mentions if not m.catch_all)
    return out


def _deadlines(
    cell: str, plan_year: int | None
) -> list[tuple[Recurrence, str | None, int | None, int | None]]:
    """A time cell: "Tháng 8/2023", "Quý IV/2023", "Trước ngày 30/9", "Năm 2024", "Hằng năm"."""
    if not cell:
        return []
    found = [
        (d.recurrence, d.due, d.day, d.month)
        for d in find_deadlines(f"hoàn thành trong {cell}", plan_year=plan_year)
    ]
    if not found:
        found = [(period_kind(m), None, None, None) for m in PERIOD.finditer(cell)]
    return found


def table_rows(text: str, *, plan_year: int | None) -> TableResult:
    """Assignments and deadlines from every task table in the text."""
    result = TableResult([], [])
    cols: dict[str, int] | None = None
    index = 0
    for line in text.splitlines():
        cells = _cells(line)
        if cells is None:
            cols = None  # a table ends at the first line that is not a row
            continue
        if _RULE_ROW.match(line):
            continue
        head = _header(cells)
        if head is not None:
            cols, index = head, 0
            continue
        if cols is None:
            continue
        index += 1
        _read_row(cells, cols, index, plan_year, result)
    return result


def _cell(cells: list[str], cols: dict[str, int], name: str) -> str:
    i = cols.get(name)
    return cells[i] if i is not None and i < len(cells) else ""


def _row(unit: Mention, role: Role, duty: str, section: str, source: str) -> ParsedAssignment:
    return ParsedAssignment(
        unit=unit.text, group=unit.group, role=role, duty=duty, section=section, source=source
    )


def _read_row(
    cells: list[str], cols: dict[str, int], index: int, plan_year: int | None, result: TableResult
) -> None:
    leads = _units(_cell(cells, cols, "lead"))
    if not leads:
        return
    number = _cell(cells, cols, "number") or str(index)
    section = f"Phụ lục.{strip_end(number)}"
    duty = strip_end(_cell(cells, cols, "duty"))
    source = " | ".join(c for c in cells if c)
    for u in leads:
        result.assignments.append(_row(u, "lead", duty, section, source))
    for u in _units(_cell(cells, cols, "support")):
        result.assignments.append(_row(u, "support", duty, section, source))
    time = _cell(cells, cols, "time")
    action: Action = "report" if re.search(r"\bbáo cáo\b", duty, re.IGNORECASE) else "deliver"
    for recurrence, due, day, month in _deadlines(time, plan_year):
        result.deadlines.append(
            ParsedDeadline(
                unit="; ".join(u.text for u in leads),
                action=action,
                recurrence=recurrence,
                due=due,
                text=f"{duty} ({time})" if duty else time,
                to=None,
                section=section,
                day=day,
                month=month,
            )
        )
