"""Scans made from real plans: the OCR test set (tests/parsing/test_ocr_testset.py, bench/bench_ocr.py).

A plan's text (the .txt/.md renderings in ../shared/plans and tests/fixtures) is laid out as the
printed document it came from (NĐ 30/2020: A4, Times 13 pt, issuer and motto side by side in the
header, bold headings, bordered annex tables, recipients beside the signature), printed to PDF with
fpdf2, rasterised with PDFium and wrapped as an image-only PDF, as a scanner would deliver it:

- ``clean``: 200 dpi greyscale;
- ``degraded``: 150 dpi colour, turned 1.5 degrees, light noise, and a red seal stamped over the
  signature block (where the real one sits).

The layout is read from the source text the way a person would print it, not from the extractor, so
the test set does not bend to the extractor's conventions.
"""

from __future__ import annotations

import io
import math
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation"))
FALLBACK_DIR = Path("/usr/share/fonts/truetype/dejavu")
PAGE_W, PAGE_H = 210.0, 297.0  # mm
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 30.0, 20.0, 20.0, 20.0
BODY_PT = 13
LINE_MM = 6.2


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


# --- the source text as printed blocks -----------------------------------------------------------


@dataclass
class Para:
    text: str  # fpdf2 markdown: **bold**, __italic__
    align: str = "J"  # J, C, L, R
    indent: bool = True
    size: int = BODY_PT
    space_after: float = 1.5


@dataclass
class Table:
    rows: list[list[str]]
    borders: bool = True


@dataclass
class Columns:
    """Two borderless columns side by side (the header; the recipients and the signature)."""

    left: list[Para]
    right: list[Para]
    signature: bool = False


Block = Para | Table | Columns

_KIND = re.compile(r"^\W*(KẾ HOẠCH|CHƯƠNG TRÌNH|QUYẾT ĐỊNH|CHỈ THỊ|THÔNG BÁO|HƯỚNG DẪN|ĐỀ ÁN|PHỤ LỤC)\b\W*$")
_MARK = re.compile(r"^\s*(?:[-+•–]|\d{1,2}(?:\.\d{1,2})*\s*[.)]|[a-zđ]\)|[IVX]{1,5}\s*[.\-–])\s")
_MOTTO = re.compile(r"CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐẢNG CỘNG SẢN")
_PLACE_DATE = re.compile(r",\s*ngày\s+\S+\s+tháng")
_RULE = re.compile(r"^[\s\-_=*–]{3,}$")
_SIGNATURE = re.compile(
    r"^(?:\*\*)?\s*(?:TM|KT|TL|TUQ|T/M)\s*[./]\s|^(?:\*\*)?(?:CHỦ TỊCH|PHÓ CHỦ TỊCH|BÍ THƯ)"
)


def _md(text: str) -> str:
    """Source emphasis as fpdf2 markdown: **bold** kept, *italic* -> __italic__, stray markers dropped."""
    text = text.replace("__", "").replace("--", "–")
    text = re.sub(r"(?<!\*)\*(?!\*)([^*]+?)(?<!\*)\*(?!\*)", r"__\1__", text)
    if text.count("**") % 2:
        text = text.replace("**", "")
    return re.sub(r"\*\*\s*\*\*", "", text).strip()


def _plain(text: str) -> str:
    return re.sub(r"\*+|_{2,}", "", text).strip()


def _bar_table(lines: list[str], i: int) -> tuple[list[list[str]], int]:
    """Cells between lone bars, rows between two bars in a row; ends at a blank line after a bar."""
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[str] = []
    prev_bar = False
    i += 1
    while i < len(lines):
        s = lines[i].strip()
        if s == "|":
            if cell:
                row.append("\n".join(cell))
                cell = []
            elif prev_bar and row:
                rows.append(row)
                row = []
            prev_bar = True
            i += 1
            continue
        if not s:
            if prev_bar:
                break
            i += 1
            continue
        cell.append(s)
        prev_bar = False
        i += 1
    if cell:
        row.append("\n".join(cell))
    if row:
        rows.append(row)
    return [r for r in rows if any(c.strip() for c in r)], i


def _paragraphs(chunk: list[str]) -> list[str]:
    """One blank-separated chunk -> paragraphs: wrapped lines joined, a new one at each list mark."""
    out: list[list[str]] = []
    for line in chunk:
        s = line.strip()
        if not out or _MARK.match(s) or s.startswith("#") or out[-1][-1].startswith("#"):
            out.append([s])
        else:
            out[-1].append(s)
    return [" ".join(p) for p in out]


def _para(text: str) -> Para | None:
    if _RULE.match(text):
        return None
    heading = text.startswith("#")
    text = text.lstrip("#").strip()
    if not _plain(text):
        return None
    if heading and not text.startswith("**"):
        text = f"**{_plain(text)}**"
    return Para(_md(text), indent=not _MARK.match(_plain(text)) or True)


def blocks_of(text: str) -> list[Block]:
    """A plan's text as the blocks of its printed page."""
    lines = [ln.rstrip() for ln in text.replace("\r", "").split("\n")]
    items: list[str | list[list[str]]] = []  # paragraph texts and tables, in order
    chunk: list[str] = []

    def flush() -> None:
        items.extend(_paragraphs(chunk))
        chunk.clear()

    i = 0
    seen_kind = False
    while i < len(lines):
        s = lines[i].strip()
        if s == "|":
            flush()
            rows, i = _bar_table(lines, i)
            if rows:
                items.append(rows)
            continue
        if s.startswith("|") and s.endswith("|") and s.count("|") >= 3:
            flush()
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                cells = [c.strip() for c in lines[i].strip()[1:-1].split("|")]
                if not all(_RULE.match(c) or not c for c in cells):
                    rows.append([c.replace("<br>", "\n") for c in cells])
                i += 1
            items.append(rows)
            continue
        if "\t" in s.strip("\t") and i < 40:
            flush()
            rows = []
            while i < len(lines) and "\t" in lines[i].strip("\t"):
                rows.append([c.strip() for c in lines[i].split("\t") if c.strip()])
                i += 1
            items.append(rows)
            continue
        if not s:
            flush()
        elif s == "</xml" or re.fullmatch(r"</?\w*", s):
            pass
        else:
            chunk.append(s)
            if not seen_kind and _KIND.match(_plain(s.lstrip("#"))):
                seen_kind = True
            if not seen_kind:
                flush()  # header lines are printed as they are, one per line
        i += 1
    flush()
    return _layout(items)


def _layout(items: list[str | list[list[str]]]) -> list[Block]:
    out: list[Block] = []
    kind_at = next(
        (k for k, it in enumerate(items[:40]) if isinstance(it, str) and _KIND.match(_plain(it.lstrip("#")))),
        None,
    )
    head = items[:kind_at] if kind_at is not None else []
    out.append(_header(head))
    body = items[kind_at:] if kind_at is not None else items
    title_left = 0
    for k, item in enumerate(body):
        if isinstance(item, list):
            if any("Nơi nhận" in c for row in item for c in row):
                out.append(_closing_table(item))
            else:
                rows = [[" ".join(_plain(c).split()) for c in row] for row in item]
                out.append(Table(rows, borders=len(item[0]) > 1))
            continue
        plain = _plain(item.lstrip("#"))
        if _KIND.match(plain):
            out.append(Para(f"**{plain}**", align="C", indent=False, size=14, space_after=0.5))
            title_left = 3
            continue
        if title_left and not re.match(r"^(Căn cứ|Thực hiện|Nhằm|Để|Theo|[IVX]+[.\-])", plain):
            out.append(Para(f"**{plain}**", align="C", indent=False, space_after=0.5))
            title_left -= 1
            if k + 1 < len(body) and isinstance(body[k + 1], str) and _KIND.match(_plain(str(body[k + 1]))):
                title_left = 0
            continue
        title_left = 0
        if plain.startswith(("Nơi nhận", "*Nơi nhận")):
            out.append(Columns([Para(f"__**{plain}**__", align="L", indent=False, size=11)], []))
            continue
        para = _para(item)
        if para is not None:
            out.append(para)
    return _closing_from_paragraphs(out)


def _header(items: list[str | list[list[str]]]) -> Columns:
    left: list[Para] = []
    right: list[Para] = []
    cells: list[str] = []
    for item in items:
        if isinstance(item, list):
            cells.extend(c for row in item for c in row)
        else:
            cells.append(item)
    for cell in cells:
        for line in cell.split("\n"):
            plain = _plain(line)
            if not plain or _RULE.match(plain):
                continue
            to_right = _MOTTO.search(plain) or _PLACE_DATE.search(plain)
            if to_right and not left and not right and "\t" not in cell:
                pass
            bold = line.strip().startswith("**") or (plain.isupper() and not plain.startswith("Số"))
            italic = bool(_PLACE_DATE.search(plain))
            text = f"**{plain}**" if bold else f"__{plain}__" if italic else plain
            (right if to_right else left).append(Para(text, align="C", indent=False, size=12, space_after=0))
    # Lines after the motto that are not a date belong under it ("Độc lập - Tự do - Hạnh phúc").
    return Columns(left, right)


def _closing_table(rows: list[list[str]]) -> Columns:
    cells = [c for row in rows for c in row]
    left = [_closing_para(line, size=11) for c in cells[:1] for line in c.split("\n") if _plain(line)]
    right = [
        Para(f"**{_plain(line)}**" if line.strip().startswith("**") else _plain(line), "C", False, 13, 0)
        for c in cells[1:]
        for line in c.split("\n")
        if _plain(line)
    ]
    return Columns(left, right, signature=True)


def _closing_para(line: str, *, size: int) -> Para:
    plain = _plain(line)
    text = f"__**{plain}**__" if plain.startswith("Nơi nhận") else plain
    return Para(text, align="L", indent=False, size=size, space_after=0)


def _closing_from_paragraphs(blocks: list[Block]) -> list[Block]:
    """Plain-text plans print "Nơi nhận" and the signature as lines: put them side by side."""
    for k, block in enumerate(blocks):
        if not (isinstance(block, Columns) and not block.right and not block.signature):
            continue
        left = list(block.left)
        right: list[Para] = []
        rest = blocks[k + 1 :]
        taken = 0
        for item in rest:
            if not isinstance(item, Para):
                break
            plain = _plain(item.text)
            if plain.startswith(("-", "+", "•")) and not right:
                left.append(Para(plain, "L", False, 11, 0))
            elif _SIGNATURE.match(item.text) or right or plain.isupper():
                right.append(Para(f"**{plain}**", "C", False, 13, 0))
            else:
                break
            taken += 1
        return [*blocks[:k], Columns(left, right, signature=True), *rest[taken:]]
    return blocks


# --- printing ------------------------------------------------------------------------------------


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


# --- scanning ------------------------------------------------------------------------------------


def rasterise(pdf: bytes, dpi: int, *, colour: bool = False) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            image = page.render(scale=dpi / 72, grayscale=not colour).to_pil()
            pages.append(image.convert("RGB" if colour else "L"))
            page.close()
        return pages
    finally:
        document.close()


def _seal(size: int, fonts: dict[str, Path]) -> Image.Image:
    """A round red seal (ring, inscription, star), RGBA, `size` pixels across."""
    seal = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(seal)
    red = (205, 25, 35, 215)
    w = max(2, size // 45)
    draw.ellipse((w, w, size - w, size - w), outline=red, width=w)
    draw.ellipse((size * 0.2, size * 0.2, size * 0.8, size * 0.8), outline=red, width=max(1, w // 2))
    font = ImageFont.truetype(str(fonts["B"]), max(8, size // 11))
    words = "ỦY BAN NHÂN DÂN * TỈNH ĐỒNG NAI *"
    radius = size * 0.4
    for k, ch in enumerate(words):
        angle = -math.pi / 2 + 2 * math.pi * k / len(words)
        glyph = Image.new("RGBA", (size // 8, size // 8), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((size // 32, 0), ch, font=font, fill=red)
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        x = size / 2 + radius * math.cos(angle) - glyph.width / 2
        y = size / 2 + radius * math.sin(angle) - glyph.height / 2
        seal.alpha_composite(glyph, (int(x), int(y)))
    star = [
        (
            size / 2
            + (size * 0.16 if k % 2 == 0 else size * 0.065) * math.cos(-math.pi / 2 + k * math.pi / 5),
            size / 2
            + (size * 0.16 if k % 2 == 0 else size * 0.065) * math.sin(-math.pi / 2 + k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=red)
    return seal.filter(ImageFilter.GaussianBlur(0.6))


def degrade(
    page: Image.Image, *, dpi: int, seal_at: tuple[float, float] | None, fonts: dict[str, Path], seed: int
) -> Image.Image:
    """A 150 dpi colour copy as a worn scan: the seal stamped, light noise, turned 1.5 degrees."""
    rng = random.Random(seed)
    page = page.convert("RGB")
    if seal_at is not None:
        size = int(40 / 25.4 * dpi)  # a 40 mm seal
        cx, cy = (int(v / 25.4 * dpi) for v in seal_at)
        stamp = _seal(size, fonts)
        base = page.convert("RGBA")
        layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
        layer.alpha_composite(stamp, (max(0, cx - size // 2), max(0, cy - size // 2)))
        page = Image.alpha_composite(base, layer).convert("RGB")
    noise = Image.effect_noise(page.size, 18).convert("L")
    page = Image.blend(page, Image.merge("RGB", (noise, noise, noise)), 0.12)
    for _ in range(page.width * page.height // 4000):  # specks of dust
        x, y = rng.randrange(page.width), rng.randrange(page.height)
        page.putpixel((x, y), (40, 40, 40))
    return page.rotate(1.5, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(255, 255, 255))


def image_pdf(pages: list[Image.Image], dpi: int, *, quality: int = 80) -> bytes:
    """Pages wrapped as an image-only PDF (JPEG, as scanners write them)."""
    out = io.BytesIO()
    first, *rest = pages
    first.save(out, format="PDF", save_all=True, append_images=rest, resolution=dpi, quality=quality)
    return out.getvalue()


@dataclass
class Scan:
    name: str
    variant: str  # "clean" | "degraded"
    dpi: int
    pages: list[Image.Image]

    def pdf(self) -> bytes:
        return image_pdf(self.pages, self.dpi)


def scans_of(path: Path, fonts: dict[str, Path], *, max_pages: int | None = None) -> list[Scan]:
    """The clean and degraded scans of one plan file."""
    printed = print_plan(path.read_text(encoding="utf-8"), fonts)
    clean = rasterise(printed.pdf, 200)[:max_pages]
    colour = rasterise(printed.pdf, 150, colour=True)[:max_pages]
    seed = sum(path.name.encode())
    worn = [
        degrade(p, dpi=150, seal_at=printed.seals.get(k), fonts=fonts, seed=seed + k)
        for k, p in enumerate(colour)
    ]
    return [Scan(path.stem, "clean", 200, clean), Scan(path.stem, "degraded", 150, worn)]
