"""Task tables -> assignments and deadlines: each row names its own performers and time.

An annex ("Phụ lục", "Danh mục nhiệm vụ") lists tasks in a table whose header names the columns:
"Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm". A table counts when
its header names who leads ("chủ trì", "đơn vị thực hiện"); the lead column's units lead the row's task,
the supporting column's units support it, and the time column gives the lead units' deadline
(`parsing.time_cells`). Rows that only title a group of tasks ("I | Hoàn thiện thể chế") give the
group's number to the rows below. Where a converter lost the cells of merged rows, a short row's cells
are placed by what they hold, and the columns it lacks are those of the row above (they were merged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parsing.assignments import assignment
from parsing.blocks import Table
from parsing.clauses import strip_end
from parsing.deadlines import deadline_row, find_deadlines
from parsing.model import Action, ParsedAssignment, ParsedDeadline, Role
from parsing.role_words import SUPPORT_START
from parsing.time_cells import time_deadlines
from parsing.unit_mentions import Mention, parse_cell, parse_unit_list
from parsing.vntext import collapse_ws, fold

# Column names, in the order they are tried on a header cell.
_COLUMNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "lead",
        re.compile(r"\bchu tri\b|\b(don vi|co quan|bo phan)( \w+)? thuc hien\b|^thuc hien$|^trach nhiem"),
    ),
    ("support", re.compile(r"\bphoi hop\b")),
    ("time", re.compile(r"\b(thoi gian|thoi han|tien do|hoan thanh|moc|thoi diem)\b")),
    ("number", re.compile(r"^(stt|tt|so tt|so thu tu)$")),
    ("product", re.compile(r"\b(san pham|ket qua|ghi chu|kinh phi|nguon)\b")),
    ("duty", re.compile(r"\b(noi dung|nhiem vu|ten|cong viec|hoat dong|chi tieu|giai phap|de an|du an)\b")),
)
_HEADER_CELL_MAX = 80
_GROUP_LABEL = re.compile(r"^(?:[IVX]{1,5}|[A-Z]|\d{1,2}(?:\.\d{1,2})*)\.?$")
_NUMBER_CELL = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3}){0,3}|[IVX]{1,5}|[a-zđ])\s*[.)]?\s*$")
_TIME_WORDS = re.compile(
    r"^(?:thuong xuyen|lien tuc|hang nam|hang quy|hang thang|dinh ky|nam \d{4}|\d{4}\b|giai doan|"
    r"(?:truoc|cham nhat|trong|tu|den|quy|thang|ngay|khi|theo|sau)\b)"
)
_REPORT = re.compile(r"\bbáo cáo\b", re.IGNORECASE)


@dataclass(slots=True)
class TableRows:
    assignments: list[ParsedAssignment] = field(default_factory=list)
    deadlines: list[ParsedDeadline] = field(default_factory=list)


def read_table(table: Table, *, plan_year: int | None, prefix: str | None = None) -> TableRows | None:
    """Rows of a task table, or None when the table names no lead column (not a task table)."""
    found = _header(table.rows)
    if found is None:
        return None
    columns, start = found
    width = max(len(r) for r in table.rows[:start])
    out = TableRows()
    group = ""
    previous: dict[str, str] = {}
    index = 0
    for row in table.rows[start:]:
        cells = [c.strip() for c in row]
        texts = [c for c in cells if c]
        if not texts:
            continue
        if _is_group_row(cells, columns):
            label = next((c for c in cells if _GROUP_LABEL.match(c.strip(" ."))), "")
            group = label.strip(" .")
            continue
        values = _place(cells, columns, width, previous)
        if not values.get("lead"):
            continue
        index += 1
        number = values.get("number", "").strip(" .") or str(index)
        base = prefix or "Phụ lục"
        section = f"{base} {group}.{number}" if group else f"{base}.{number}"
        _read_row(values, section, plan_year, out)
        previous = values
    return out


def looks_like_task_table(table: Table) -> bool:
    """A table whose header speaks of roles or deadlines although no lead column was found."""
    head = " ".join(fold(c) for row in table.rows[:3] for c in row)
    return bool(re.search(r"\b(phoi hop|thuc hien|trach nhiem|thoi han|thoi gian hoan thanh)\b", head))


def table_text(table: Table) -> str:
    """The first rows of a table as one line (for quoting)."""
    return " | ".join(collapse_ws(c) for row in table.rows[:2] for c in row if c)


def _header(rows: list[list[str]]) -> tuple[dict[str, int], int] | None:
    """The column of each role and the index of the first data row. A header may take two rows
    ("Cơ quan thực hiện" over "Chủ trì | Phối hợp")."""
    for i, row in enumerate(rows[:4]):
        cols = _columns(row)
        if "lead" not in cols:
            continue
        nxt = rows[i + 1] if i + 1 < len(rows) else []
        below = _columns(nxt)
        start = i + 1
        if below and all(len(c) <= _HEADER_CELL_MAX for c in nxt) and not _has_units(nxt):
            if "lead" in below or "support" in below:
                cols = below | {name: col for name, col in cols.items() if name not in below}
            else:
                cols = cols | {name: col for name, col in below.items() if name not in cols}
            start = i + 2
        return cols, start
    return None


def _columns(row: list[str]) -> dict[str, int]:
    cols: dict[str, int] = {}
    for i, cell in enumerate(row):
        if not cell or len(cell) > _HEADER_CELL_MAX:
            continue
        f = fold(cell)
        for name, pattern in _COLUMNS:
            if name not in cols and pattern.search(f):
                cols[name] = i
                break
    return cols


def _has_units(row: list[str]) -> bool:
    return any(_units(c) for c in row if c)


def _is_group_row(cells: list[str], columns: dict[str, int]) -> bool:
    """A row that titles the tasks below it: a label and one title, no performers."""
    texts = [c for c in cells if c]
    lead = columns.get("lead")
    if lead is not None and lead < len(cells) and cells[lead] and len(texts) > 2:
        return False
    if len(texts) > 2:
        return False
    first = texts[0].strip(" .")
    return bool(_GROUP_LABEL.match(first) and not first.isdigit()) or (
        len(texts) == 1 and not _units(texts[0])
    )


def _place(cells: list[str], columns: dict[str, int], width: int, previous: dict[str, str]) -> dict[str, str]:
    """Each column's text in a row. A full row is read by position; a short row (its merged cells lost)
    by content: a number, then the task, then units for the lead and supporting columns, then a time;
    the columns it lacks repeat the row above."""
    if len(cells) >= width:
        return {name: cells[col] for name, col in columns.items() if col < len(cells)}
    order = sorted(columns, key=lambda name: columns[name])
    values: dict[str, str] = {}
    k = 0
    queue = list(cells)
    if queue and _NUMBER_CELL.match(queue[0]) and "number" in columns:
        values["number"] = queue.pop(0)
    for name in order:
        if not queue:
            break
        if name == "number":
            continue
        cell = queue[0]
        if name in ("lead", "support"):
            if _units_only(cell):
                values[name] = queue.pop(0)
            continue
        if name == "time":
            if _TIME_WORDS.match(fold(cell)) and len(cell) < 80:
                values[name] = queue.pop(0)
            continue
        if name == "duty" and _units_only(cell) and k > 0:
            continue
        values[name] = queue.pop(0)
        k += 1
    for name in ("support", "time"):
        if name not in values and previous.get(name):
            values[name] = previous[name]
    if "lead" not in values and previous.get("lead") and values.get("duty"):
        values["lead"] = previous["lead"]
    return values


def _units_only(cell: str) -> bool:
    pieces = [p for p in re.split(r"\s*[;\n]\s*", cell) if p.strip(" .,-")]
    if not pieces:
        return False
    for piece in pieces:
        text = piece.strip(" .,-")
        mentions, end = parse_unit_list(text, 0)
        if not mentions or text[end:].strip(" ,;.()"):
            return False
    return True


def _units(cell: str) -> list[Mention]:
    """Every unit named in a cell, one piece per line or ";"."""
    out: list[Mention] = []
    for piece in re.split(r"\s*[;\n]\s*", cell):
        mentions, _ = parse_unit_list(piece.strip(" .,-"), 0)
        out.extend(m for m in mentions if not m.catch_all)
    return out


def _cell_roles(cell: str, role: Role) -> list[tuple[Mention, Role]]:
    """Units of a lead or supporting cell with their role; in a lead cell a piece that reads "X phối hợp
    ..." makes X support."""
    out: list[tuple[Mention, Role]] = []
    for piece in re.split(r"\s*[;\n]\s*", cell):
        text = piece.strip(" .,-")
        mentions, end = parse_unit_list(text, 0)
        rest = text[end:].strip(" ,")
        piece_role: Role = "support" if role == "lead" and SUPPORT_START.match(rest) else role
        if piece_role == role:
            mentions = parse_cell(text)
        # a lead cell names the performers, whatever they are called; a partner must name someone
        out.extend((m, piece_role) for m in mentions if piece_role == "lead" or m.partner)
    return out


def _read_row(values: dict[str, str], section: str, plan_year: int | None, out: TableRows) -> None:
    duty = strip_end(collapse_ws(values.get("duty", "")))
    source = " | ".join(collapse_ws(v) for k, v in values.items() if v and k != "number")
    leads: list[Mention] = []
    for unit, role in _cell_roles(values["lead"], "lead"):
        out.assignments.append(assignment(unit, role, duty, section, source))
        if role == "lead":
            leads.append(unit)
    for unit, role in _cell_roles(values.get("support", ""), "support"):
        out.assignments.append(assignment(unit, role, duty, section, source))
    for piece in re.split(r"\s*[;\n]\s*", values["lead"]):
        # a lead cell that reads as a sentence ("Các sở, ngành thực hiện công bố dữ liệu mở hằng năm")
        mentions, end = parse_unit_list(piece, 0)
        for d in find_deadlines(piece[end:], plan_year=plan_year) if mentions else []:
            out.deadlines.append(deadline_row(d, [m.text for m in mentions], text=piece, section=section))
    time = collapse_ws(values.get("time", ""))
    if not leads or not time:
        return
    action: Action = "report" if _REPORT.search(duty) else "deliver"
    for d in time_deadlines(time, plan_year=plan_year, action=action):
        out.deadlines.append(
            deadline_row(
                d, [u.text for u in leads], text=f"{duty} ({time})" if duty else time, section=section
            )
        )
