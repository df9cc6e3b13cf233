"""Tables in text: find them among the lines and read their cells, whatever the converter wrote.

Converters write a table five ways, and plans put their task lists ("Phụ lục", "Danh mục nhiệm vụ")
in tables, so each must give the same `Table`:

- Markdown pipe rows, one row per line (`| 1 | Rà soát | Sở Tư pháp |`), `<br>` inside a cell;
- HTML `<table>` with `rowspan` / `colspan` (a merged cell is spread over the rows it spans, as a reader
  of the printed table would read it; a cell spanning columns is kept once);
- a bar on a line of its own between cells, two bars between rows (the public law library's rendering);
- tab-separated cells, one row per line (Word copied as text);
- one cell per line with no separator at all (PDF text extraction): `parsing.flat_tables`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

from parsing.blocks import Table
from parsing.flat_tables import flattened_tables
from parsing.unit_mentions import parse_unit_list
from parsing.units_lexicon import DETERMINER, NAMED_HEAD_RE
from parsing.vntext import collapse_ws, fold

_BAR = "|"
_RULE_ROW = re.compile(r"^[\s|:\-–=+]*$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_TABLE_OPEN = re.compile(r"<table\b", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)


# "Nơi nhận:": the recipients' list, in the closing's table or its lines
RECIPIENTS = re.compile(r"^(?:n[ơo]i nh[aậ]n|noi nhan)\b", re.I)


def recipients_cell(table: Table) -> str:
    """The cell of a signature table that lists the recipients."""
    for row in table.rows:
        for cell in row:
            if any(RECIPIENTS.match(x) for x in cell.split("\n")):
                return cell
    return ""


def closing_table(table: Table) -> bool:
    """The table of recipients and signature that closes a document."""
    first = [c for row in table.rows for c in row if c.strip()][:6]
    return any(RECIPIENTS.match(c) for c in first) or any(
        RECIPIENTS.match(line) for c in first for line in c.split("\n")
    )


def names_lead_column(table: Table) -> bool:
    """A task table: a column of its first rows names who leads ("Cơ quan chủ trì")."""
    head = " ".join(fold(c) for row in table.rows[:3] for c in row)
    return "chu tri" in head


def split_tables(lines: list[str]) -> list[str | Table]:
    """The lines with every table replaced by one `Table` (other lines unchanged, in order)."""
    out: list[str | Table] = []
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        s = line.strip()
        if _TABLE_OPEN.search(s):
            table, i = _html_table(lines, i)
            if table.rows:
                out.append(table)
            continue
        if s == _BAR:
            table, i = _bar_table(lines, i)
            if table.rows:
                out.append(table)
            continue
        if _pipe_row(s) is not None:
            table, i = _pipe_table(lines, i)
            out.append(table)
            continue
        if (bare := _bare_pipe_table(lines, i)) is not None:
            table, i = bare
            out.append(table)
            continue
        if line.count("\t") >= 2:
            rows: list[list[str]] = []
            # a group row ("II<tab>Xây dựng hạ tầng ...") holds fewer cells and stays in its table
            while i < n and (lines[i].count("\t") >= 2 or (rows and lines[i].count("\t") == 1)):
                rows.append([_cell_text(c) for c in lines[i].split("\t")])
                i += 1
            out.append(Table(rows))
            continue
        out.append(line)
        i += 1
    return flattened_tables(out)


def _cell_text(raw: str) -> str:
    """A cell's text: Markdown emphasis and tags dropped, its own line breaks kept."""
    raw = _BR.sub("\n", raw)
    raw = _TAG.sub(" ", raw).replace("**", "").replace("__", "")
    parts = [collapse_ws(p).strip("* ") for p in raw.split("\n")]
    return "\n".join(p for p in parts if p)


# ---------------------------------------------------------------- pipe rows
def _pipe_row(s: str) -> list[str] | None:
    if len(s) < 3 or not s.startswith(_BAR) or not s.endswith(_BAR) or s.count(_BAR) < 3:
        return None
    return [_cell_text(c) for c in s[1:-1].split(_BAR)]


_BARE_PIPE_CELLS_MIN = 3


def _bare_pipe_table(lines: list[str], i: int) -> tuple[Table, int] | None:
    """A pipe table written without its outer bars ("TT | Tên nhiệm vụ | Cơ quan chủ trì | ..."), as
    some converters export one: at least two lines in a row with the same number of bars (three
    cells or more), each line a row."""
    bars = lines[i].count(_BAR)
    if bars < _BARE_PIPE_CELLS_MIN - 1 or i + 1 >= len(lines) or lines[i + 1].count(_BAR) != bars:
        return None
    return _rows_while(
        lines, i, lambda s: [_cell_text(c) for c in s.split(_BAR)] if s.count(_BAR) == bars else None
    )


def _pipe_table(lines: list[str], i: int) -> tuple[Table, int]:
    return _rows_while(lines, i, _pipe_row)


def _rows_while(lines: list[str], i: int, cells_of: Callable[[str], list[str] | None]) -> tuple[Table, int]:
    """The rows from `i` while `cells_of` reads a line as one (ruled separator rows dropped)."""
    rows: list[list[str]] = []
    while i < len(lines):
        s = lines[i].strip()
        cells = cells_of(s)
        if cells is None:
            break
        if not _RULE_ROW.match(s):
            rows.append(cells)
        i += 1
    return Table(rows), i


# ---------------------------------------------------------------- bars on lines of their own
def _bar_table(lines: list[str], i: int) -> tuple[Table, int]:
    """Cells between lone bars, rows between two bars in a row. The table ends at a blank line after a
    bar, or where a row as long as the first one is closed and no bar follows (some renderings run the
    text on right after the table)."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    width = 0  # cells in the first complete row
    i += 1  # the opening bar
    n = len(lines)
    while i < n:
        s = lines[i].strip()
        if s == _BAR:
            if cell:
                row.append(_wrapped_cell(cell))
                cell = []
                if width and len(row) >= width and (i + 1 >= n or lines[i + 1].strip() != _BAR):
                    i += 1
                    break  # a full row closed and the text runs on
            elif row:  # two bars: the row is complete
                rows.append(row)
                width = width or len(row)
                row = []
            i += 1
            continue
        if not s:
            if not cell:
                break  # a blank line after a bar ends the table
            cell.append("")
            i += 1
            continue
        cell.append(lines[i])
        i += 1
    if cell:
        row.append(_wrapped_cell(cell))
    if row:
        rows.append(row)
    return Table([r for r in rows if any(r)]), i


def _wrapped_cell(lines: list[str]) -> str:
    """A cell written over several lines by a converter that wraps at a fixed width: most breaks are
    wraps, not the writer's. A break stays where a blank line stands, or where a line that closes a list
    of units ("Các sở, ngành, UBND xã, phường") is followed by another unit ("Sở Tài chính")."""
    out: list[str] = []
    for line in (x.strip() for x in lines):
        if not line:
            out.append("")
        elif out and out[-1] and not _unit_break(out[-1], line):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return "\n".join(t for t in (_cell_text(x) for x in out) if t)


_CONNECTOR_END = re.compile(r"(?:[,;:\-–&(]|\s(?:và|của|các|về|với|trong|cho|tại|thuộc))$")


def _unit_break(before: str, line: str) -> bool:
    if _CONNECTOR_END.search(before.replace("*", "").rstrip()):
        return False
    plain = line.replace("*", "").lstrip()
    if not (NAMED_HEAD_RE.match(plain) or DETERMINER.match(plain)):
        return False
    mentions, end = parse_unit_list(before.replace("*", "").strip(" .;"), 0)
    return bool(mentions) and not before.replace("*", "").strip(" .;")[end:].strip()


# ---------------------------------------------------------------- HTML
class _HtmlTable(HTMLParser):
    """Rows of (text, rowspan, colspan) cells of the outermost table."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[tuple[str, int, int]]] = []
        self.depth = 0
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.closed = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.depth += 1
        elif self.depth == 1 and tag == "tr":
            self.rows.append([])
        elif self.depth == 1 and tag in ("td", "th"):
            values = dict(attrs)
            self.cell = []
            self.span = (_int(values.get("rowspan")), _int(values.get("colspan")))
        elif tag in ("br", "p", "div", "li") and self.cell is not None:
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.depth -= 1
            self.closed = self.closed or self.depth == 0
        elif self.depth == 1 and tag in ("td", "th") and self.cell is not None:
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append((_cell_text("".join(self.cell)), *self.span))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 200))
    except ValueError:
        return 1


def _html_table(lines: list[str], i: int) -> tuple[Table, int]:
    parser = _HtmlTable()
    start = i
    while i < len(lines):
        parser.feed(lines[i] + "\n")
        i += 1
        if parser.closed or (_TABLE_CLOSE.search(lines[i - 1]) and parser.depth <= 0):
            break
    parser.close()
    if i == start:
        i += 1
    return Table(_grid(parser.rows)), i


def _grid(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """Place spanned cells: a row-spanning cell repeats in the rows below it, a column-spanning cell
    stands once (the columns it covers stay empty)."""
    pending: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill)
    out: list[list[str]] = []
    for row in rows:
        cells: list[str] = []
        col = 0
        queue = list(row)
        while queue or col in pending:
            if col in pending:
                text, left = pending.pop(col)
                cells.append(text)
                if left > 1:
                    pending[col] = (text, left - 1)
                col += 1
                continue
            text, rowspan, colspan = queue.pop(0)
            for k in range(colspan):
                cells.append(text if k == 0 else "")
                if rowspan > 1:
                    pending[col + k] = (text if k == 0 else "", rowspan - 1)
            col += colspan
        if any(cells):
            out.append(cells)
    return out
