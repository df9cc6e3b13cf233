"""A PDF page's text with its ruled tables kept as tables (pdfplumber).

A PDF's text layer knows no tables: extracted naively, an annex task table comes out cell by cell,
its wrapped cells interleaved line by line, and nothing tells the lead column from the supporting one.
pdfplumber finds the ruling lines Word and LibreOffice draw around cells, so each table is written
here as Markdown pipe rows between the text above and below it (a cell's line breaks are only where
its narrow column wrapped, so they become spaces), and a row that a page break cut in two is joined.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber

# points: a table starting within the top margin (an inch and a half at most) continues the last page's
_TOP_SLACK = 110.0


@dataclass(slots=True)
class _Rows:
    """A table's rows, and whether it opens its page (so it may continue the last page's table)."""

    rows: list[list[str]]
    at_top: bool


def pages_with_tables(data: bytes, *, password: str = "") -> list[str]:
    """Every page's text, tables as pipe rows."""
    pages: list[list[str | _Rows]] = []
    with pdfplumber.open(io.BytesIO(data), password=password) as pdf:
        # text outside the tables is taken only where it lies wholly outside them (`within_bbox`): a
        # table's first line sits on its top rule and would otherwise be read twice
        for page in pdf.pages:
            pages.append(_page_parts(page))
    _join_split_rows(pages)
    return ["\n".join(_render(part) for part in parts) for parts in pages]


def _page_parts(page: pdfplumber.page.Page) -> list[str | _Rows]:
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    if not tables:
        return [page.extract_text() or ""]
    x0, top, x1, bottom = page.bbox
    parts: list[str | _Rows] = []
    cursor = top
    for table in tables:
        t_top, t_bottom = table.bbox[1], table.bbox[3]
        if t_top > cursor:
            parts.append(page.within_bbox((x0, cursor, x1, t_top)).extract_text() or "")
        # a cell's line breaks are where its column wrapped, not breaks of the writer's
        rows = [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
        parts.append(_Rows([r for r in rows if any(r)], at_top=t_top - top < _TOP_SLACK))
        cursor = max(cursor, t_bottom)
    if cursor < bottom:
        parts.append(page.within_bbox((x0, cursor, x1, bottom)).extract_text() or "")
    return parts


def _join_split_rows(pages: list[list[str | _Rows]]) -> None:
    """A table that goes on over a page break is one table: the rows on the new page join the rows
    before the break, and a first row with no number of its own is the rest of the row the page cut
    (its cells continue the cells above)."""
    last: _Rows | None = None
    for parts in pages:
        first = next((p for p in parts if isinstance(p, _Rows) or p.strip()), None)
        if (
            isinstance(first, _Rows)
            and first.at_top
            and last is not None
            and last.rows
            and first.rows
            and len(first.rows[0]) == len(last.rows[-1])
        ):
            row = first.rows[0]
            if not row[0]:
                last.rows[-1] = [f"{a} {b}".strip() for a, b in zip(last.rows[-1], row, strict=True)]
                first.rows.pop(0)
            last.rows.extend(first.rows)
            parts.remove(first)
        tables = [p for p in parts if isinstance(p, _Rows)]
        if tables:
            last = tables[-1]


def _render(part: str | _Rows) -> str:
    if isinstance(part, str):
        return part
    lines = []
    for row in part.rows:
        cells = [c.replace("|", "/") for c in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n" + "\n".join(lines) + "\n"
