"""Task tables ("Phụ lục"): one row per task with columns for the lead, the supporting units and the time.

Plans often put their assignments in an annex table after the signature ("Nội dung | Cơ quan chủ trì |
Cơ quan phối hợp | Thời gian hoàn thành"). Word/PDF converters render it as Markdown pipes, tab-separated
cells, or (PDF text extraction) one cell per line with long cells wrapped over several lines. A table counts
only when its header names a lead column ("chủ trì"); the lead cell's units lead the row's task, the
supporting cell's units support it, and the time cell gives the lead's deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


_BARE_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.)]?\s*$")
_HEADER_CELL_MAX = 40
# A time cell: a dated or periodic phrase, "Thường xuyên", a year or a span of years.
_TIME_CELL = re.compile(
    r"^(?:thuong xuyen|lien tuc|hang nam|hang quy|hang thang|dinh ky|nam \d{4}|\d{4}( \d{4})?|"
    r"(truoc|cham nhat|trong|tu|den|quy|thang|ngay|giai doan)\b)"
)
# "2025 - 2026", "Năm 2025 - 2026", "Giai đoạn 2025-2026": done by the end of the span's last year.
_YEAR_SPAN = re.compile(r"^(?:năm\s+|giai đoạn\s+)?(\d{4})\s*[-–]\s*(\d{4})\s*\.?$", re.IGNORECASE)
# Wrapped cell text: the next line continues this one.
_CONTINUES = re.compile(r"(?:\s(?:và|của|các|về|với|trong|cho)|[,\-–&])$")


@dataclass(slots=True)
class TableResult:
    assignments: list[ParsedAssignment]
    deadlines: list[ParsedDeadline]
    lines: set[int] = field(default_factory=set)  # indexes of the lines that belong to a table


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
    if span := _YEAR_SPAN.match(cell.strip()):
        return [("once", f"{int(span.group(2)):04d}-12-31", None, None)]
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
    lines = text.splitlines()
    for i, line in enumerate(lines):
        cells = _cells(line)
        if cells is None:
            cols = None  # a table ends at the first line that is not a row
            continue
        if _RULE_ROW.match(line):
            continue
        head = _header(cells)
        if head is not None:
            cols, index = head, 0
            result.lines.add(i)
            continue
        if cols is None:
            continue
        index += 1
        result.lines.add(i)
        _read_row(cells, cols, index, plan_year, result)
    _cell_per_line_tables(lines, plan_year, result)
    return result


def _header_run(lines: list[str], start: int) -> tuple[list[str], int] | None:
    """Column names printed one per line from `start` ("TT", "Nhiệm vụ", "Cơ quan chủ trì", ...)."""
    names: list[str] = []
    i = start
    while i < len(lines):
        cell = collapse_ws(_EMPHASIS.sub("", lines[i]))
        if not cell or len(cell) > _HEADER_CELL_MAX:
            break
        f = fold(cell)
        name = next((n for n, pattern in _COLUMNS if n not in names and pattern.search(f)), None)
        if name is None:
            if names and re.match(r"(san pham|ket qua|ghi chu|kinh phi|du kien)\b", f):
                name = f"other{i}"  # a known extra column ("Sản phẩm", "Ghi chú")
            else:
                break
        names.append(name)
        i += 1
    if "lead" not in names or len(names) < 3:
        return None
    return names, i


def _is_units_only(line: str) -> bool:
    """A cell that holds unit names and nothing else ("Sở Tư pháp", "Công an tỉnh, UBND các huyện")."""
    text = line.strip(" .;")
    mentions, end = parse_unit_list(text, 0)
    return bool(mentions) and not text[end:].strip(" ,;.")


def _join_wrapped(parts: list[str], sep: str) -> str:
    """Lines of one cell: a wrapped line continues the previous one, else it is a new item (`sep`)."""
    out = ""
    for part in parts:
        if not out:
            out = part
        elif _CONTINUES.search(out) or part[:1].islower():
            out = f"{out} {part}"
        else:
            out = f"{out}{sep}{part}"
    return out


def _cell_per_line_tables(lines: list[str], plan_year: int | None, result: TableResult) -> None:
    """Tables flattened one cell per line: a header run, then rows each opening with a bare number.

    Cells are told apart by what they hold, since wrapped cells make line counts unreliable: the
    duty runs until the first line that is only unit names (the lead cell); the supporting units run
    until the time cell ("Quý I/2025", "Thường xuyên"); later lines (product, notes) are ignored."""
    stripped = [x.strip() for x in lines]
    i = 0
    while i < len(stripped):
        header = _header_run(stripped, i) if stripped[i] else None
        if header is None:
            i += 1
            continue
        names, i = header
        table_start = i - len(names)
        rows: list[list[str]] = []
        while i < len(stripped):
            line = stripped[i]
            if _BARE_NUMBER.match(line):
                rows.append([line])
            elif not line:
                pass
            elif rows and not _ends_table(line):
                rows[-1].append(line)
            else:
                break
            i += 1
        if not rows:
            continue
        result.lines.update(range(table_start, i))
        for row in rows:
            _read_cell_lines(row, names, plan_year, result)


def _ends_table(line: str) -> bool:
    """A line that cannot be a cell: a part or item heading of the body, or the recipients list."""
    f = fold(line)
    return bool(
        re.match(r"([ivx]{1,5}|\d{1,2}(\.\d{1,2})*)\s*[.)]\s+\S", line, re.IGNORECASE)
        or f.startswith(("noi nhan", "tm ", "kt ", "phu luc"))
        or len(line) > 300
    )


def _read_cell_lines(row: list[str], names: list[str], plan_year: int | None, result: TableResult) -> None:
    number, rest = row[0], row[1:]
    if "duty" not in names or names.index("duty") > names.index("lead"):
        return  # only the common order (task, then who) is read from unlabelled lines
    lead_at = next((k for k, x in enumerate(rest) if k > 0 and _is_units_only(x)), None)
    if lead_at is None:
        return
    lead_end = lead_at + 1
    while lead_end < len(rest) and (_CONTINUES.search(rest[lead_end - 1]) or rest[lead_end][:1].islower()):
        lead_end += 1
    time_at = None
    if "time" in names:
        time_at = next(
            (k for k in range(lead_end, len(rest)) if _TIME_CELL.match(fold(rest[k])) and len(rest[k]) < 60),
            None,
        )
    support_lines = rest[lead_end:time_at] if "support" in names else []
    cols = {"number": 0, "duty": 1, "lead": 2, "support": 3, "time": 4}
    cells = [
        number,
        collapse_ws(" ".join(rest[:lead_at])),
        _join_wrapped(rest[lead_at:lead_end], "; "),
        _join_wrapped(support_lines, "; "),
        rest[time_at] if time_at is not None else "",
    ]
    index = int(number.strip(" .)"))
    _read_row(cells, cols, index, plan_year, result)


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
