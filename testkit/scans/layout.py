"""A plan's text laid out as the printed document it came from (NĐ 30/2020: A4, Times 13 pt, issuer
and motto side by side in the header, bold headings, bordered annex tables, recipients beside the
signature): the blocks testkit.scans.printing prints.

The layout is read from the source text the way a person would print it, not from the extractor, so
the test set does not bend to the extractor's conventions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAGE_W, PAGE_H = 210.0, 297.0  # mm
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 30.0, 20.0, 20.0, 20.0
BODY_PT = 13
LINE_MM = 6.2


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
