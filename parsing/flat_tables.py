"""Task tables whose cells a PDF text extraction printed one after another, with no separator at all.

A PDF converted to text (pdftotext, a gazette's copy, a portal's "text" view) prints a table row by row
and each cell's wrapped lines one under the other: "1." / the task over three lines / "Ủy ban nhân" /
"dân cấp tỉnh" / "Các cơ quan, tổ" / "chức liên quan." / "Thường xuyên". What is left to go on:

- the column names, printed the same way ("Cơ quan" / "chủ trì" / "Thời gian hoàn" / "thành") before the
  first row and again at the top of every page;
- rows that open with their number alone on a line ("1.", "1.1", "12"), group rows with a Roman number
  ("I. Đổi mới mạnh mẽ ...") or a number and a title with no performer;
- where a cell starts: a line that opens with a capital or a digit after a line that does not run on
  (no trailing comma, "và", "của" ...); inside a cell a wrapped line starts in lower case or follows
  one that runs on;
- what a cell holds: the task comes first, then the cells that open with a unit (the lead, then the
  partners), then the product and the time ("Quý IV/2026", "Thường xuyên", "Hằng năm").
"""

from __future__ import annotations

import re

from parsing.blocks import Table
from parsing.department_names import DEPARTMENT_RE
from parsing.line_breaks import runs_on
from parsing.unit_mentions import parse_unit_list
from parsing.vntext import collapse_ws, fold

# What a column's name says, tried in this order on its folded words.
_COLUMN_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("lead", re.compile(r"\bchu tri\b")),
    ("support", re.compile(r"\bphoi hop\b")),
    ("time", re.compile(r"\b(thoi gian|thoi han|tien do|hoan thanh|moc)\b")),
    ("number", re.compile(r"^(stt|tt|so tt)$")),
    ("duty", re.compile(r"\b(noi dung|nhiem vu|ten|cong viec|hoat dong)\b")),
    (
        "other",
        re.compile(r"\b(san pham|ket qua|ghi chu|kinh phi|du kien|hinh thuc|phe duyet|can cu|ban hanh)\b"),
    ),
)
_NAME_LINE_MAX = 40  # a column name's line
_NAME_LINES_MAX = 3  # lines one column name may take
_HEADER_LINES_MAX = 16
_OTHER_NAME_LINES = 4
_GAP = re.compile(r"\s{2,}")
_NUMBER_THEN_GAP = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s{2,}(\S.*)$")
_LEAD_WORD = re.compile(r"chủ trì|chu tri", re.IGNORECASE)
# "1.", "1.1", "12", "I", "II.", and a sub-row's letter "a)", "đ)"
_ROW_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*|[IVX]{1,5}|[a-zđ](?=\)))\s*[.)]?$")
_GROUP_ROW = re.compile(r"^([IVX]{1,5})(?:\s*[.)]\s+\S|\s+(?=[A-ZĐÀ-Ỹ][a-zà-ỹđ]))")  # "II. Title", "VI Title"
_LONE_TIME_WORD = re.compile(r"^(?:tháng|quý|năm|trước|từ|đến)$", re.IGNORECASE)  # "Tháng" / "9/2026"
_TIME = re.compile(
    r"\b(thuong xuyen|lien tuc|hang nam|hang quy|hang thang|dinh ky|nam \d{4}|quy [ivx1-4]+|thang \d{1,2}|"
    r"\d{4}|truoc ngay|cham nhat)\b"
)
_ENDS = re.compile(r"^(noi nhan|tm |kt |phu luc)")
# A cell printed on one line (a Word file's text) runs to a few hundred characters; a longer line is prose.
_CELL_MAX = 700
HEADER = ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]


def flattened_tables(items: list[str | Table]) -> list[str | Table]:
    """The items with every one-cell-per-line task table replaced by one `Table` (HEADER's columns)."""
    # a header run holds a short "chủ trì" line: look for one only in the lines just before such a line
    leads = [
        k for k, x in enumerate(items) if _names_lead_column(x, items[k + 1] if k + 1 < len(items) else "")
    ]
    if not leads and not any(isinstance(x, Table) and len(x.rows) == 1 for x in items):
        return items  # no "chủ trì" column name anywhere, no table of names alone: nothing to look for
    near = {i for k in leads for i in range(max(0, k - _HEADER_LINES_MAX), k + 1)}
    out: list[str | Table] = []
    i = 0
    while i < len(items):
        header = (_header_run(items, i) if i in near else None) or _header_table(items, i)
        if header is None:
            out.append(items[i])
            i += 1
            continue
        names, i = header
        rows, i = _rows(items, i)
        cells = [c for c in (_cells_of(row, names) for row in rows) if c]
        out.append(Table([HEADER, *cells]))
    return out


def _names_lead_column(line: str | Table, below: str | Table) -> bool:
    """A short line with "chủ trì", or wrapped inside it ("Cơ quan chủ" / "trì thực hiện")."""
    if not isinstance(line, str) or len(line) > 60:
        return False
    if _LEAD_WORD.search(line):
        return True
    return (
        isinstance(below, str)
        and len(below) <= 60
        and bool(_LEAD_WORD.search(f"{line.strip()} {below.strip()}"))
    )


def _header_table(items: list[str | Table], start: int) -> tuple[list[str], int] | None:
    """A table of column names alone (a converter kept the header's bars, not the rows'), then names
    left out of it ("Thời gian thực hiện") and the rows one cell per line."""
    item = items[start]
    if not isinstance(item, Table) or len(item.rows) != 1:
        return None
    names = [kind for cell in item.rows[0] if (kind := _kind(fold(collapse_ws(cell)), []))]
    i = _names_from(items, start + 1, names)
    first = items[i] if i < len(items) else None
    if "lead" not in names or not (isinstance(first, str) and _opens_row(first.strip())):
        return None
    return names, i


def _header_run(items: list[str | Table], start: int) -> tuple[list[str], int] | None:
    """Column names printed one per line, or wrapped over two or three, from `start`: their kinds
    (number, duty, lead, support, time, other) and the index after them; None when no lead column."""
    names: list[str] = []
    i = _names_from(items, start, names)
    if "lead" not in names or len(names) < 3:
        return None
    return names, _after_other_names(items, i)


def _names_from(items: list[str | Table], start: int, names: list[str]) -> int:
    """Column names printed one per line from `start`, appended to `names`; the index after them."""
    i = start
    while i < len(items) and i - start < _HEADER_LINES_MAX:
        name, after = _column_name(items, i, names)
        if name is None:
            break
        names.append(name)
        i = after
    return i


def _after_other_names(items: list[str | Table], i: int) -> int:
    """Past the names of columns no word above describes ("Căn cứ" / "bổ sung"), when the first row's
    number follows them."""
    for k in range(i, min(i + _OTHER_NAME_LINES, len(items))):
        item = items[k]
        if not isinstance(item, str) or len(item.strip()) > _NAME_LINE_MAX:
            return i
        if _opens_row(item.strip()):
            return k
    return i


def _opens_row(line: str) -> bool:
    """A row's number alone ("1.", "1.1", "I"), a Roman group row, or a number beside its task's line."""
    return bool(_ROW_NUMBER.match(line) or _GROUP_ROW.match(line) or _NUMBER_THEN_GAP.match(line))


def _column_name(items: list[str | Table], start: int, taken: list[str]) -> tuple[str | None, int]:
    """One column's name from `start`, with the lines it is wrapped over."""
    words = ""
    for i in range(start, min(start + _NAME_LINES_MAX, len(items))):
        item = items[i]
        if not isinstance(item, str):
            break
        line = collapse_ws(item.replace("**", ""))
        if not line or len(line) > _NAME_LINE_MAX:
            break
        words = f"{words} {line}".strip()
        kind = _kind(fold(words), taken)
        after = items[i + 1] if i + 1 < len(items) else None
        continues = isinstance(after, str) and after.strip()[:1].islower()
        if kind is not None and not continues:
            return kind, i + 1
    return None, start


def _kind(folded: str, taken: list[str]) -> str | None:
    for name, pattern in _COLUMN_WORDS:
        if pattern.search(folded) and (name == "other" or name not in taken):
            return name
    return None


def _rows(items: list[str | Table], i: int) -> tuple[list[list[str]], int]:
    """The rows from `i` (each its label, then its lines) and the index after the table. A page's
    repeated column names are skipped."""
    rows: list[list[str]] = []
    while i < len(items):
        item = items[i]
        if not isinstance(item, str):
            break
        line = collapse_ws(item)
        if not line:
            i += 1
            continue
        if _ENDS.match(fold(line)) or len(line) > _CELL_MAX or _part_title(line):
            break
        repeated = _header_run(items, i) if rows and _kind(fold(line), []) else None
        if repeated is not None:
            i = repeated[1]
            continue
        number, group = _ROW_NUMBER.match(line), _GROUP_ROW.match(line)
        if number and (page := _page_head(items, i + 1)) is not None:
            i = page  # a page number, then the column names again
            continue
        gapped = _NUMBER_THEN_GAP.match(item.strip())
        if gapped:  # "7  Đề án về ...": the number and the task's first line side by side
            rows.append(
                [gapped.group(1), *(collapse_ws(p) for p in _GAP.split(gapped.group(2)) if p.strip())]
            )
        elif number or group:
            rows.append([(number or group).group(1), *([] if number else [line[group.end() - 1 :]])])  # type: ignore[union-attr]
        elif rows:  # two cells the extraction put on one line keep the gap between them
            rows[-1].extend(collapse_ws(part) for part in _GAP.split(item.strip()) if part.strip())
        else:
            break
        i += 1
    return rows, i


def _page_head(items: list[str | Table], i: int) -> int | None:
    """Where the rows go on when the column names start at `i` (after blank lines), else None."""
    while i < len(items) and isinstance(items[i], str) and not str(items[i]).strip():
        i += 1
    header = _header_run(items, i)
    return header[1] if header is not None else None


def _part_title(line: str) -> bool:
    """ "III. TỔ CHỨC THỰC HIỆN": the document's next part in capitals, not a group row of the table."""
    group = _GROUP_ROW.match(line)
    letters = [c for c in line[group.end() - 1 :] if c.isalpha()] if group else []
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _segments(lines: list[str]) -> list[str]:
    """A row's lines joined into the cells they were wrapped from."""
    out: list[str] = []
    for line in lines:
        starts = line[:1].isupper() or line[:1].isdigit()
        if out and (
            not starts
            or runs_on(out[-1])
            or _LONE_TIME_WORD.match(out[-1])
            or _lone_head(out[-1])
            or _name_across(out[-1], line)
        ):
            out[-1] = f"{out[-1]} {line}"  # a wrapped line of the same cell
        else:
            out.append(line)
    return out


def _name_across(before: str, line: str) -> bool:
    """A standard department name broken over the two lines ("Bộ Công" / "Thương", "Sở Khoa học và" is
    caught by its "và"): the cell goes on."""
    joined = f"{before} {line}"
    return any(m.start() < len(before) < m.end() for m in DEPARTMENT_RE.finditer(joined))


def _lone_head(cell: str) -> bool:
    """A cell so far one capitalised syllable and nothing else ("Các" / "Bộ, ngành", "Ủy" / "ban
    nhân dân"): a narrow column wrapped a name after its first word; no cell says just that."""
    return " " not in cell and cell.isalpha() and cell.istitle() and len(cell) <= 5


def _names_units(text: str) -> bool:
    mentions, _ = parse_unit_list(text, 0)
    return bool(mentions)


def _cells_of(row: list[str], names: list[str]) -> list[str] | None:
    """A row as HEADER's cells (number, task, lead, partners, time); a group row keeps its title."""
    label, segments = row[0], _segments(row[1:])
    if "duty" not in names or names.index("duty") > names.index("lead"):
        return None  # only the common order (task, then who) is read from unseparated lines
    first_unit = next((k for k, s in enumerate(segments) if k > 0 and _names_units(s)), None)
    if first_unit is None:
        return [label, collapse_ws(" ".join(segments)), "", "", ""]  # a group row, or no performer
    after = first_unit + 1
    while after < len(segments) and _names_units(segments[after]):
        after += 1
    units = segments[first_unit:after]
    lead, partners = (units[:1], units[1:]) if "support" in names else (units, [])
    return [
        label,
        " ".join(segments[:first_unit]),
        "\n".join(lead),
        "\n".join(partners),
        _time(segments[after:], names),
    ]


def _time(rest: list[str], names: list[str]) -> str:
    """The time cell among the cells after the performers: the time column's place when every column
    after them is there, else the first cell that reads as a time (opening with one first)."""
    if "time" not in names:
        return ""
    last_performer = max(names.index("lead"), names.index("support") if "support" in names else 0)
    after_units = names[last_performer + 1 :]
    if len(rest) == len(after_units):
        return rest[after_units.index("time")] if "time" in after_units else ""
    timed = [s for s in rest if len(s) < 80 and _TIME.search(fold(s))]
    opening = [s for s in timed if _TIME.match(fold(s))]
    return (opening or timed or [""])[0]
