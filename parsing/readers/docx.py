"""Word .docx -> Markdown-flavoured lines, paragraphs and tables in document order.

Plans put the issuer/number/date header in a borderless two-column table and the duties of each unit
in annex tables ("Phụ lục"), so tables are read where they stand, not appended at the end (which is
all `Document.paragraphs` would give). Output follows the conventions of the sample plans the
extractor is built on: "#" headings, "**bold**", list labels written out, and table rows as
"| cell | cell |" lines. Layout tables (at most two columns and three rows) become plain lines.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn
from lxml.etree import _Element

from parsing.errors import DocumentError
from parsing.readers.docx_format import Numbering, Styles, is_on

_P, _TBL, _TR, _TC, _R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_NB_HYPHEN = qn("w:noBreakHyphen")
# Containers whose runs are part of the visible text (deletions and VML fallbacks are not).
_RUN_CONTAINERS = {
    qn(t) for t in ("w:hyperlink", "w:ins", "w:smartTag", "w:fldSimple", "w:sdt", "w:sdtContent",
                    "w:customXml", "w:moveTo", "w:dir", "w:bdo")
}  # fmt: skip
_BLOCK_CONTAINERS = {qn(t) for t in ("w:sdt", "w:sdtContent", "w:customXml")}


def read_docx(data: bytes, *, source: str, max_unpacked: int) -> str:
    """All body text of a .docx; raise `corrupt` when it cannot be opened.

    `max_unpacked` caps the unpacked document.xml: a few MB of zip can inflate to gigabytes of XML.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = archive.getinfo("word/document.xml").file_size
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise DocumentError(
            "corrupt", source=source, detail=f"{source}: damaged Word package ({exc})"
        ) from exc
    if unpacked > max_unpacked:
        raise DocumentError(
            "too_large", source=source, detail=f"{source}: document.xml unpacks to {unpacked} bytes"
        )
    try:
        document = docx.Document(io.BytesIO(data))
        numbering_el = document.part.numbering_part.element
        styles = Styles(document.styles.element)
        body = document.element.body
    except Exception as exc:  # python-docx/lxml/zipfile raise many types on a damaged package
        raise DocumentError(
            "corrupt", source=source, detail=f"{source}: cannot open Word file ({type(exc).__name__}: {exc})"
        ) from exc
    walker = _Walker(styles, Numbering(numbering_el, styles))
    return "\n\n".join(walker.block(body))


class _Walker:
    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering

    def block(self, container: _Element) -> list[str]:
        """Paragraphs and tables of a body or cell, one string per block (blank lines between, as in
        the sample .txt/.md plans, so a paragraph stays one unit even when it wraps)."""
        lines: list[str] = []
        for child in container:
            if child.tag == _P:
                lines.append(self.paragraph(child))
            elif child.tag == _TBL:
                lines.extend(self.table(child))
            elif child.tag in _BLOCK_CONTAINERS:
                lines.extend(self.block(child))
        return lines

    def paragraph(self, p: _Element) -> str:
        style_id = self._style_id(p)
        style_bold = self.styles.bold(style_id)
        pieces: list[tuple[str, bool]] = []
        self._collect(p, style_bold, pieces)
        label = self.numbering.label(p, style_id)
        text = _markup(pieces, label)
        level = self.styles.heading_level(style_id)
        if level and text.strip():
            text = "#" * level + " " + text.strip()
        return text

    @staticmethod
    def _style_id(p: _Element) -> str:
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        return style.get(qn("w:val"), "") if style is not None else ""

    def _collect(self, el: _Element, style_bold: bool, out: list[tuple[str, bool]]) -> None:
        for child in el:
            if child.tag == _R:
                bold = self._run_bold(child, style_bold)
                for part in child:
                    if part.tag == _T:
                        out.append((part.text or "", bold))
                    elif part.tag == _TAB:
                        out.append(("\t", False))
                    elif part.tag in (_BR, _CR):
                        out.append(("\n", False))
                    elif part.tag == _NB_HYPHEN:
                        out.append(("-", bold))
            elif child.tag in _RUN_CONTAINERS:
                self._collect(child, style_bold, out)

    def _run_bold(self, r: _Element, style_bold: bool) -> bool:
        direct = is_on(r.find(f"{qn('w:rPr')}/{qn('w:b')}"))
        if direct is not None:
            return direct
        run_style = r.find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
        if run_style is not None and self.styles.bold(run_style.get(qn("w:val"), "")):
            return True
        return style_bold

    def table(self, tbl: _Element) -> list[str]:
        rows = [self._row(tr) for tr in tbl if tr.tag == _TR]
        _fill_vertical_merges(rows)
        columns = max((sum(cell.span for cell in row) for row in rows), default=0)
        if columns <= 2 and len(rows) <= 3:  # the header block or the signature block
            return ["\n".join(cell.lines) for row in rows for cell in row if not cell.continued]
        out = []
        for row in rows:
            texts = []
            for cell in row:  # a cell spanning columns keeps the columns after it empty, so they align
                lines = [y.strip() for x in cell.lines for y in x.split("\n") if y.strip()]
                texts.append("<br>".join(lines).replace("|", "/"))  # a row stays on one line
                texts.extend([""] * (cell.span - 1))
            if any(texts):
                out.append("| " + " | ".join(texts) + " |")
        return ["\n".join(out)]

    def _row(self, tr: _Element) -> list[_Cell]:
        cells = []
        for tc in tr:
            if tc.tag != _TC:
                continue
            props = tc.find(qn("w:tcPr"))
            span = vmerge = None
            if props is not None:
                span = props.find(qn("w:gridSpan"))
                vmerge = props.find(qn("w:vMerge"))
            continued = vmerge is not None and vmerge.get(qn("w:val"), "continue") == "continue"
            width = int(span.get(qn("w:val"), "1")) if span is not None else 1
            cells.append(_Cell(self.block(tc), max(width, 1), continued))
        return cells


class _Cell:
    def __init__(self, lines: list[str], span: int, continued: bool) -> None:
        self.lines = lines
        self.span = span
        self.continued = continued


def _fill_vertical_merges(rows: list[list[_Cell]]) -> None:
    """A vertically merged cell repeats its text in each row it spans, so every row names its unit."""
    above: dict[int, _Cell] = {}
    for row in rows:
        column = 0
        for cell in row:
            if cell.continued and column in above:
                cell.lines = above[column].lines
            else:
                above[column] = cell
            column += cell.span


def _markup(pieces: list[tuple[str, bool]], label: str) -> str:
    """Join runs, wrapping bold stretches in ** (whitespace kept outside the markers)."""
    visible = [(text, bold) for text, bold in pieces if text]
    if visible and all(bold for text, bold in visible if text.strip()) and any(t.strip() for t, _ in visible):
        plain = "".join(text for text, _ in visible)
        return _wrap_lines((label + " " if label else "") + plain)
    groups: list[list[object]] = []
    for text, bold in visible:
        if groups and groups[-1][1] == bold:
            groups[-1][0] = str(groups[-1][0]) + text
        else:
            groups.append([text, bold])
    body = "".join(_wrap_lines(str(text)) if bold else str(text) for text, bold in groups)
    return (label + " " if label else "") + body


def _wrap_lines(text: str) -> str:
    out = []
    for line in text.split("\n"):
        core = line.strip()
        if not core:
            out.append(line)
            continue
        lead = line[: len(line) - len(line.lstrip())]
        trail = line[len(line.rstrip()) :]
        out.append(f"{lead}**{core}**{trail}")
    return "\n".join(out)
