"""A laid-out plan saved as the Word file its office typed (python-docx): the header and the signature
as borderless two-column tables, annex tables ruled, bold and italic as runs. Most plans are drafted in
Word and many reach officers as the .docx itself, so the extractor is measured on that form too."""

from __future__ import annotations

import io
import re

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from testkit.scans.layout import Columns, Para, Table, blocks_of

_ALIGN = {
    "C": WD_ALIGN_PARAGRAPH.CENTER,
    "J": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "L": WD_ALIGN_PARAGRAPH.LEFT,
    "R": WD_ALIGN_PARAGRAPH.RIGHT,
}
_EMPHASIS = re.compile(r"(\*\*.+?\*\*|__.+?__)")


def _runs(paragraph: Paragraph, text: str) -> None:
    """fpdf2-style markdown ("**bold**", "__italic__") as Word runs."""
    for part in _EMPHASIS.split(text):
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            paragraph.add_run(part[2:-2]).bold = True
        elif part.startswith("__") and part.endswith("__") and len(part) > 4:
            paragraph.add_run(part[2:-2]).italic = True
        elif part:
            paragraph.add_run(part)


def _paragraph(container: WordDocument | _Cell, para: Para) -> None:
    paragraph = container.add_paragraph()
    paragraph.alignment = _ALIGN.get(para.align)
    if para.indent and para.align == "J":
        paragraph.paragraph_format.first_line_indent = Pt(28)
    _runs(paragraph, para.text)


def _fill(cell: _Cell, paras: list[Para]) -> None:
    first = cell.paragraphs[0]
    first._p.getparent().remove(first._p)  # a new cell holds one empty paragraph
    for para in paras:
        _paragraph(cell, para)


def word_file(text: str) -> bytes:
    """The plan's text as a .docx (what the issuing office typed)."""
    document = Document()
    for block in blocks_of(text):
        if isinstance(block, Columns):
            table = document.add_table(rows=1, cols=2)
            left, right = table.rows[0].cells
            _fill(left, block.left)
            _fill(right, block.right)
        elif isinstance(block, Table):
            width = max(len(row) for row in block.rows)
            table = document.add_table(rows=len(block.rows), cols=width)
            table.style = "Table Grid"
            for i, row in enumerate(block.rows):
                for j, value in enumerate(row):
                    _runs(table.cell(i, j).paragraphs[0], value)
        else:
            _paragraph(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def copied_text(text: str, *, cell_per_line: bool = False) -> str:
    """The Word file's text as copying it out or a plain-text export gives it: one line per paragraph with
    no blank line between, a table's row as its cells joined by tabs (or, as some converters print them,
    each cell on a line of its own)."""
    lines: list[str] = []
    for block in blocks_of(text):
        if isinstance(block, Columns):
            lines += [_plain(p.text) for p in (*block.left, *block.right)]
        elif isinstance(block, Table):
            for row in block.rows:
                cells = [_plain(c).replace("\n", " ") for c in row]
                lines += cells if cell_per_line else ["\t".join(cells)]
        else:
            lines.append(_plain(block.text))
    return "\n".join(lines)


def _plain(text: str) -> str:
    return _EMPHASIS.sub(lambda m: m.group()[2:-2], text)
