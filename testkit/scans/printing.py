"""A laid-out plan printed to a PDF with a text layer, with fpdf2 (what the issuing office printed),
and where its seal goes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

from testkit.scans.layout import (
    BODY_PT,
    LINE_MM,
    MARGIN_B,
    MARGIN_L,
    MARGIN_R,
    MARGIN_T,
    PAGE_H,
    PAGE_W,
    Columns,
    Para,
    Table,
    blocks_of,
)

FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation"))
FALLBACK_DIR = Path("/usr/share/fonts/truetype/dejavu")


def font_files() -> dict[str, Path] | None:
    """Regular/bold/italic TTFs with Vietnamese glyphs: Liberation Serif (Times New Roman's metrics, the
    font NĐ 30/2020 prescribes), else DejaVu Serif; None when neither is installed."""
    for folder, stem in [(d, "LiberationSerif") for d in FONT_DIRS] + [(FALLBACK_DIR, "DejaVuSerif")]:
        files = {
            "": folder / f"{stem}{'-Regular' if 'Liberation' in stem else ''}.ttf",
            "B": folder / f"{stem}-Bold.ttf",
            "I": folder / f"{stem}-Italic.ttf",
            "BI": folder / f"{stem}-BoldItalic.ttf",
        }
        if all(p.is_file() for p in files.values()):
            return files
    return None


@dataclass
class Printed:
    pdf: bytes
    seals: dict[int, tuple[float, float]] = field(default_factory=dict)  # page index -> centre (mm)


class _Doc(FPDF):
    def __init__(self, fonts: dict[str, Path]) -> None:
        super().__init__(format="A4", unit="mm")
        for style, path in fonts.items():
            self.add_font("Serif", style, str(path))
        self.set_margins(MARGIN_L, MARGIN_T, MARGIN_R)
        self.set_auto_page_break(True, MARGIN_B)
        self.set_font("Serif", size=BODY_PT)
        self.alias_nb_pages()

    def footer(self) -> None:  # a page number, centred at the bottom, as printed plans have it
        if self.page_no() > 1:
            self.set_y(-14)
            self.set_font("Serif", size=11)
            self.cell(0, 5, str(self.page_no()), align="C")
            self.set_font("Serif", size=BODY_PT)


def _write(doc: _Doc, para: Para, width: float | None = None) -> None:
    doc.set_font("Serif", size=para.size)
    text = ("\u00a0" * 6 + para.text) if para.indent and para.align == "J" else para.text
    line = LINE_MM * para.size / BODY_PT
    doc.multi_cell(width or 0, line, text, align=para.align, markdown=True, new_x="LMARGIN", new_y="NEXT")
    if para.space_after:
        doc.ln(para.space_after)


def _columns(doc: _Doc, block: Columns, printed: Printed) -> None:
    usable = PAGE_W - MARGIN_L - MARGIN_R
    left_w, right_w = (usable * 0.42, usable * 0.58) if not block.signature else (usable * 0.5, usable * 0.5)
    height = LINE_MM * (max(len(block.left), len(block.right)) + 2)
    if doc.get_y() + height > PAGE_H - MARGIN_B:
        doc.add_page()
    doc.ln(3)
    top = doc.get_y()
    for para in block.left:
        _write(doc, para, left_w)
    left_end = doc.get_y()
    doc.set_y(top)
    for para in block.right:
        doc.set_x(MARGIN_L + left_w)
        _write(doc, para, right_w)
        if block.signature and para is block.right[min(2, len(block.right) - 1)]:
            doc.ln(18)  # room for the signature and the seal
    right_end = doc.get_y()
    if block.signature and block.right:
        cx = MARGIN_L + left_w + right_w * 0.35
        printed.seals[doc.page_no() - 1] = (cx, (top + right_end) / 2)
    doc.set_y(max(left_end, right_end) + 3)


def _table(doc: _Doc, block: Table) -> None:
    doc.set_font("Serif", size=11)
    width = max(len(r) for r in block.rows)
    rows = [r + [""] * (width - len(r)) for r in block.rows]
    usable = PAGE_W - MARGIN_L - MARGIN_R
    # As a clerk sizes columns: no word cut, the rest shared by how much each column holds.
    least = [
        max(doc.get_string_width(w) + 4 for r in rows for w in (r[c].split() or ["TT"])) for c in range(width)
    ]
    lengths = [max(min(len(r[c]), 150) for r in rows) + 6 for c in range(width)]
    spare = max(0.0, usable - sum(least))
    widths = [least[c] + spare * lengths[c] / sum(lengths) for c in range(width)]
    if sum(widths) > usable:
        widths = [w * usable / sum(widths) for w in widths]
    layout = "ALL" if block.borders else "NONE"
    with doc.table(
        col_widths=widths, borders_layout=layout, line_height=5.2, text_align="LEFT", padding=1.2
    ) as table:
        for row in rows:
            out = table.row()
            for cell in row:
                out.cell(cell)
    doc.set_font("Serif", size=BODY_PT)
    doc.ln(3)


def print_plan(text: str, fonts: dict[str, Path]) -> Printed:
    """The plan's text printed to a PDF with a text layer (what the issuing office printed)."""
    doc = _Doc(fonts)
    doc.add_page()
    printed = Printed(b"")
    for block in blocks_of(text):
        if isinstance(block, Columns):
            _columns(doc, block, printed)
        elif isinstance(block, Table):
            _table(doc, block)
        else:
            _write(doc, block)
    printed.pdf = bytes(doc.output())
    return printed
