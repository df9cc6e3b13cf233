"""Tesseract's words -> the page's text with the structure the extractor reads from lines.

- Lines are Tesseract's; a line with a wide gap in it is two columns side by side (the header's
  issuer and motto, the recipients beside the signature): a run of such lines is written column by
  column, left first, as a word processor's text export does.
- Paragraphs are separated by a blank line: a new one starts where Tesseract's layout analysis
  starts one, at an indented line, or after a line that stops well short of the right margin.
- Ruled tables (found on the image, `page_prep.Grid`) become Markdown pipe rows, one row per line,
  `<br>` between a cell's lines; a cell merged with the ones below it repeats its text in each row,
  as a reader of the printed table reads it.
- A word split by a hyphen at the end of a line is rejoined ("KH-" + "UBND" -> "KH-UBND").
- The page number, alone at the top or bottom of the page, is dropped (`pdf.strip_page_numbers`).

`Page.low_confidence` keeps the words Tesseract was unsure of, with the line they stand in, so the
rows read from them can be marked doubtful for the admin (`parsing.ocr_trust`).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from parsing.readers.ocr import Word
from parsing.readers.page_prep import Grid
from parsing.readers.pdf import strip_page_numbers

LOW_CONFIDENCE = 55.0  # Tesseract's word confidence (0-100) below which a word is doubtful
_HYPHEN_END = re.compile(r"[\wÀ-ỹ]-$")
_CAPS_CODE = re.compile(r"[A-ZĐ0-9]+-$")


@dataclass(frozen=True, slots=True)
class Uncertain:
    """A word OCR read with low confidence, and the text line it stands in (as written in the text)."""

    word: str
    line: str
    conf: float
    page: int


@dataclass(slots=True)
class Page:
    text: str
    words: int = 0
    mean_conf: float = 0.0
    low_confidence: list[Uncertain] = field(default_factory=list)


@dataclass(slots=True)
class _Line:
    words: list[Word]

    @property
    def left(self) -> int:
        return min(w.left for w in self.words)

    @property
    def right(self) -> int:
        return max(w.right for w in self.words)

    @property
    def top(self) -> int:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w.bottom for w in self.words)

    @property
    def height(self) -> float:
        return statistics.median(w.height for w in self.words)

    @property
    def key(self) -> tuple[int, int]:
        return self.words[0].block, self.words[0].par

    def text(self) -> str:
        return " ".join(w.text for w in self.words)


def _lines(words: list[Word]) -> list[_Line]:
    lines: dict[tuple[int, int, int], list[Word]] = {}
    for word in words:
        lines.setdefault((word.block, word.par, word.line), []).append(word)
    out = [_Line(sorted(ws, key=lambda w: w.left)) for ws in lines.values()]
    return _merge_rows(out)


def _merge_rows(lines: list[_Line]) -> list[_Line]:
    """Tesseract may read two columns side by side as separate blocks: put words that stand on one
    printed row back on one line (the column split below then sees the gap)."""
    out: list[_Line] = []
    for line in sorted(lines, key=lambda ln: (ln.top + ln.bottom) / 2):
        for other in out:
            mid = (line.top + line.bottom) / 2
            overlap = other.top <= mid <= other.bottom and (
                line.right < other.left or line.left > other.right
            )
            if overlap:
                other.words = sorted(other.words + line.words, key=lambda w: w.left)
                break
        else:
            out.append(line)
    return out


def _split(line: _Line, gap: float) -> list[_Line]:
    """A line cut at gaps wider than `gap` (columns side by side)."""
    parts = [[line.words[0]]]
    for before, word in zip(line.words, line.words[1:], strict=False):
        if word.left - before.right > gap:
            parts.append([word])
        else:
            parts[-1].append(word)
    return [_Line(p) for p in parts]


def _table_rows(grid: Grid, words: list[Word]) -> list[str]:
    cells: dict[tuple[int, int], list[Word]] = {}
    for word in words:
        at = grid.cell_of(word.cx, word.cy)
        if at is not None:
            cells.setdefault(at, []).append(word)
    n_rows, n_cols = len(grid.rows) - 1, len(grid.cols) - 1
    texts = [
        [_cell_text(cells.get((r, c), []), grid.cols[c], grid.cols[c + 1]) for c in range(n_cols)]
        for r in range(n_rows)
    ]
    for r in range(1, n_rows):  # merged cells: the text of the cell above, in every row it spans
        for c in range(n_cols):
            if (r, c) in grid.merged_down:
                top = r - 1
                while top > 0 and (top, c) in grid.merged_down:
                    top -= 1
                joined = "<br>".join(x for x in (texts[top][c], texts[r][c]) if x)
                for k in range(top, r + 1):
                    texts[k][c] = joined
    out = []
    for row in texts:
        if any(row):
            out.append("| " + " | ".join(cell.replace("|", "/") for cell in row) + " |")
    return out


def _cell_text(words: list[Word], left: int, right: int) -> str:
    """A cell's lines: wrapped lines joined by a space; `<br>` where a line stops short and the next
    starts a new entry (a capital, a number or a dash: "Sở Tài chính" / "Sở Xây dựng")."""
    if not words:
        return ""
    lines = _lines(words)
    right = max(ln.right for ln in lines)  # the text's own margin, inside the cell's padding
    parts: list[str] = []
    for k, line in enumerate(lines):
        text = line.text()
        if parts and not _broke_early(lines[k - 1], line, right):
            parts[-1] = f"{parts[-1]} {text}"
        else:
            parts.append(text)
    return "<br>".join(_rejoin_inline(parts))


def _broke_early(before: _Line, line: _Line, right: float) -> bool:
    """The line before ended although the first word of this one would have fitted after it: the
    writer broke the line (a new entry or paragraph), the text did not just wrap."""
    first = line.words[0]
    space = max(4.0, before.height * 0.3)
    return before.right + space + first.width < right - space


def _rejoin_inline(parts: list[str]) -> list[str]:
    """Hyphenated line ends inside joined text ("KH- UBND" -> "KH-UBND")."""
    return [re.sub(r"(?<=[A-ZĐ0-9])- (?=[A-ZĐ0-9])", "-", p) for p in parts]


def _rejoin(lines: list[str]) -> list[str]:
    """A word hyphenated at a line's end is joined to its rest on the next line ("Ủy-" "ban" stays
    apart; "KH-" "UBND" becomes "KH-UBND"; a broken syllable "nghi-" "ệp" loses its hyphen)."""
    out: list[str] = []
    carry = ""
    for line in lines:
        line = carry + line
        carry = ""
        if _HYPHEN_END.search(line):
            head, _sep, last = line.rpartition(" ")
            nxt = last if _CAPS_CODE.fullmatch(last) else last[:-1]
            if len(last) > 1:
                carry = nxt
                line = head
        if line:
            out.append(line)
    if carry:
        out.append(carry)
    return out


_MARKS = frozenset("-–+•:;/()")


def _is_noise(word: Word) -> bool:
    """Specks read as marks ("„", "`", "~"): no letter or digit, and not a mark a text uses alone."""
    return not any(ch.isalnum() for ch in word.text) and not set(word.text) <= _MARKS


def page_text(words: list[Word], grids: list[Grid], *, page: int, width: int) -> Page:
    """One page's words (and ruled tables) as text."""
    words = [w for w in words if not _is_noise(w)]
    table_words: dict[int, list[Word]] = {}
    flow: list[Word] = []
    for word in words:
        grid_at = next((k for k, g in enumerate(grids) if g.cell_of(word.cx, word.cy) is not None), None)
        if grid_at is None:
            flow.append(word)
        else:
            table_words.setdefault(grid_at, []).append(word)
    lines = _lines(flow)
    items: list[tuple[float, list[str]]] = [
        (g.top, _table_rows(g, table_words.get(k, []))) for k, g in enumerate(grids)
    ]
    items += [(y, lines_) for y, lines_ in _flow_paragraphs(lines, width)]
    items.sort(key=lambda item: item[0])
    chunks = ["\n".join(lines_) for _y, lines_ in items if lines_]
    text = strip_page_numbers("\n\n".join(chunks))
    confs = [w.conf for w in words]
    page_out = Page(text=text, words=len(words), mean_conf=statistics.fmean(confs) if confs else 0.0)
    for line in lines:
        written = line.text()
        for word in line.words:
            if word.conf < LOW_CONFIDENCE and any(ch.isalnum() for ch in word.text):
                page_out.low_confidence.append(Uncertain(word.text, written, word.conf, page))
    for k, grid_words in table_words.items():
        del k
        for word in grid_words:
            if word.conf < LOW_CONFIDENCE and any(ch.isalnum() for ch in word.text):
                page_out.low_confidence.append(Uncertain(word.text, word.text, word.conf, page))
    return page_out


def _flow_paragraphs(lines: list[_Line], width: int) -> list[tuple[float, list[str]]]:
    """Text lines outside tables -> (top, lines) paragraphs; side-by-side columns written in turn."""
    if not lines:
        return []
    height = statistics.median(ln.height for ln in lines)
    gap = max(height * 2.5, width * 0.04)
    left_margin = statistics.median(sorted(ln.left for ln in lines)[: max(1, len(lines) // 3)])
    right_margin = max(ln.right for ln in lines)
    out: list[tuple[float, list[str]]] = []
    k = 0
    while k < len(lines):
        run = _column_run(lines, k, gap)
        if run:
            out.extend(_columns(lines[k : k + run], gap))
            k += run
            continue
        line = lines[k]
        prev = lines[k - 1] if k else None
        centred = (
            prev is not None
            and _centred(prev, left_margin, right_margin)
            and _centred(line, left_margin, right_margin)
        )
        starts = not (centred and prev is not None and line.top - prev.bottom <= height * 1.2) and (
            prev is None
            or line.key != prev.key
            or line.left > left_margin + height * 1.2
            or _broke_early(prev, line, right_margin)
            or line.top - prev.bottom > height * 1.2
        )
        if starts or not out:
            out.append((line.top, [line.text()]))
        else:
            out[-1][1].append(line.text())
        k += 1
    return [(y, _rejoin(ls)) for y, ls in out]


def _centred(line: _Line, left: float, right: float) -> bool:
    """A line set in the middle (a title): indented about as much from both margins."""
    inset_left, inset_right = line.left - left, right - line.right
    return inset_left > line.height and abs(inset_left - inset_right) < line.height * 2


def _column_run(lines: list[_Line], k: int, gap: float) -> int:
    """How many lines from `k` form side-by-side columns (0: none). At least two lines must be split
    by a wide gap at about the same place; lines standing on one side only join the run."""
    split_x: float | None = None
    count = 0
    split_lines = 0
    for line in lines[k:]:
        parts = _split(line, gap)
        if len(parts) == 2:
            x = (parts[0].right + parts[1].left) / 2
            if split_x is not None and abs(x - split_x) > gap * 3:
                break
            split_x = x if split_x is None else split_x
            split_lines += 1
        elif split_x is None or not (line.right < split_x or line.left > split_x) or len(parts) > 2:
            break
        count += 1
    return count if split_lines >= 2 else 0


def _columns(lines: list[_Line], gap: float) -> list[tuple[float, list[str]]]:
    left: list[str] = []
    right: list[str] = []
    split_x = next((ps[0].right + ps[1].left) / 2 for ps in (_split(ln, gap) for ln in lines) if len(ps) == 2)
    for line in lines:
        for part in _split(line, gap):
            (left if part.right < split_x else right).append(part.text())
    top = float(lines[0].top)
    return [(top, _rejoin(left)), (top + 0.5, _rejoin(right))]
