"""Plain text and Markdown -> blocks (`parsing.blocks`): paragraphs rejoined, marks split off, tables read.

Text from PDF, Word, OCR or a converter breaks one paragraph over many lines, and not always the same
way:

- a converter's Markdown separates paragraphs by blank lines and wraps each at a fixed width, even
  inside a bold heading ("**2. Tổ chức tập huấn,\\nhướng dẫn nghiệp vụ**");
- PDF text wraps lines without blank lines, so a new item is seen only by its numbering mark or by the
  line before it ending a sentence;
- plain text may hold one paragraph per line, with blank lines anywhere, even mid-sentence.

Which of the first two a file follows is decided once for the file (`_blank_separated`); the rules
for a line that continues a paragraph are then the same for every file. Page furniture (page numbers,
running headers, footnotes, a table of contents) is dropped; tables become table blocks
(`parsing.markup_tables`); what follows the recipients ("Nơi nhận") or a signature is skipped up to the
next document in the file (the plan a Quyết định issues, an annex), which opens with a title block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from parsing.blocks import Block, Marker, Table
from parsing.line_breaks import JOINED, join_hyphenated, runs_on
from parsing.markup_tables import RECIPIENTS, closing_table, names_lead_column, recipients_cell, split_tables
from parsing.outline import looks_like_part
from parsing.role_words import DIRECTIVES
from parsing.unit_mentions import parse_unit_list
from parsing.vntext import collapse_ws

_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$|^\s*Trang\s+\d+(?:\s*/\s*\d+)?\s*$", re.I)
_JUNK = re.compile(r"^\s*(?:</?\w*|-{3,}|_{3,}|={3,}|\.{3,}|\*+|X)\s*$")
_ROMAN = re.compile(r"^(?:PHẦN\s+|Phần\s+)?([IVX]{1,5})\s*[.\-–):]\s*(?=\S)")
_CHAPTER = re.compile(r"^(?:CHƯƠNG|Chương)\s+([IVX]{1,5}|\d{1,2})\b\s*[.:\-–]?\s*")
_ARTICLE = re.compile(r"^Điều\s+(\d{1,3})\s*[.:]\s*")
# "1.", "1)", "1.2 Tên" and the party style "1- Ban Tuyên giáo ..." (Hướng dẫn 36-HD/VPTW).
_NUMBER = re.compile(
    r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]\s*(?=\S)|^(\d{1,2}(?:\.\d{1,2}){1,3})\s+(?=[A-ZĐ])"
    r"|^(\d{1,2})\s*-\s*(?=[A-ZĐÀ-Ỹ])"
)
_LETTER = re.compile(r"^([a-zđ])\s*[).]\s+")
_DASH = re.compile(r"^(?:[-–—•●▪◦·]\s*|\*\s+)(?=\S)")  # "*   " is a Markdown bullet, "**" bold
_PLUS = re.compile(r"^\+\s*(?=\S)")
_SENTENCE_END = re.compile(r"[.;:!?](?:[\"”’)]|\*\*|\*)?\s*$|\./\.$")
_TITLE_MAX = 60
_DOC_NUMBER = re.compile(r"\b\d{1,6}\s*[/-]\s*(?:KH|QĐ|CT|CV|TB|BC|HD)\b|\b[Ss]ố\s*:?\s*\d{1,6}\s*/")
# A table-of-contents line: a title, dot leaders and a page number ("IV- TỔ CHỨC THỰC HIỆN ...... 3").
_TOC_LINE = re.compile(r"(?:\.\s*){4,}\s*\d{1,3}$|…{2,}\s*\d{1,3}$")
# A footnote at the page bottom starts with a superscript number ("¹ Nghị quyết số 01-NQ/ĐH ...") or
# a bracketed one ("[1] Quyết định ..."); the markers in the text they annotate are dropped.
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_FOOTNOTE = re.compile(rf"^(?:[{_SUPERSCRIPTS}]+\s*\S|\[\d{{1,2}}\]\s*\S)")
_FOOTNOTE_MARK = re.compile(rf"(?<=\S)(?:[{_SUPERSCRIPTS}]+|\[\d{{1,2}}\])")
# A running header that is only the plan's symbol ("9-KH/ĐU", "156/KH-UBND").
_DOC_SYMBOL = re.compile(r"^(?:Số\s*:?\s*)?\d{1,6}\s*[-/]\s*[A-ZĐ]{1,6}(?:\s*[/-]\s*[A-ZĐ0-9&]{1,10}){1,3}$")
# The signature block ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ"): the body has ended.
# A joint plan prints one block per issuer before "Nơi nhận", so it cannot wait for the recipients.
_SIGNATURE = re.compile(r"^(?:T\s*/\s*M|TM|KT|TL|TUQ|Q)\s*[./]?\s+(?=[A-ZĐÀ-Ỹ]{2,})")
# What opens another document in the same file: the plan a Quyết định issues, an annex.
_TITLE = re.compile(
    r"^(?:KẾ HOẠCH|CHƯƠNG TRÌNH|QUY CHẾ|QUY ĐỊNH|QUY TRÌNH|ĐỀ ÁN|HƯỚNG DẪN|PHỤ LỤC|Phụ lục|DANH MỤC|"
    r"DANH SÁCH|BIỂU|BẢNG)\b"
)


_MARKUP_CHARS = re.compile(rf"[*_#{_SUPERSCRIPTS}\[]")  # a line without these needs no Markdown stripping


@dataclass(slots=True)
class _Line:
    """One cleaned line and what the paragraph rules ask of it, worked out once."""

    text: str  # Markdown markers of the line kept, whitespace collapsed
    blank_before: bool
    md_heading: bool
    plain: str = ""  # the text without Markdown
    marker: Marker = "none"
    rest: str = ""  # the plain text after its numbering mark
    closed: bool = False  # ends a sentence (or a clause: ";", ":")
    title: bool = False  # stands as a title (`_title_line`)
    bolds: int = 0  # how many "**" the line holds
    indent: int = 0  # leading spaces of the raw line (a layout-preserving PDF text extraction keeps them)

    def __post_init__(self) -> None:
        self.plain = (
            collapse_ws(_EMPHASIS.sub("", self.text)) if "*" in self.text or "_" in self.text else self.text
        )
        self.marker, _label, self.rest = _marker(self.plain)
        self.closed = _closed(self.plain) or _closed(self.text)
        self.title = _title_line(self.plain, self.marker)
        self.bolds = self.text.count("**")


def text_blocks(text: str) -> list[Block]:
    """The blocks of a plan's body text (the header already read off)."""
    raw = [x.rstrip() for x in text.splitlines()]
    items = split_tables(raw)
    lines = [x if isinstance(x, str) else "" for x in items]
    cleaned = _clean(lines)
    blank_mode = _blank_separated(cleaned)
    layout = _first_lines_indented(cleaned)
    out: list[Block] = []
    para: list[_Line] = []

    def flush() -> None:
        if para:
            block = _block(para)
            if block is not None:
                out.append(block)
            para.clear()

    closing: Block | None = None  # while skipping: the closing block, which keeps the recipients' lines
    for item, line in zip(items, cleaned, strict=True):
        if isinstance(item, Table):
            flush()
            if closing_table(item):
                closing = Block(recipients_cell(item), kind="closing")
                out.append(closing)
            elif closing is None or names_lead_column(item):
                closing = None
                out.append(Block("", kind="table", table=item))
            continue
        if line is None:
            continue
        plain = line.plain
        if RECIPIENTS.match(plain) or (_SIGNATURE.match(plain) and _is_caps_heading(plain)):
            flush()
            if closing is None:
                closing = Block("", kind="closing")
                out.append(closing)
            if RECIPIENTS.match(plain):
                closing.text = _join(closing.text, plain)
            continue
        if closing is not None:
            if not _is_title(line.text, plain, after_closing=True):
                if plain.startswith(("-", "+", "•")) and closing.text:
                    closing.text = _join(closing.text, plain)  # a recipient
                continue
            closing = None
            flush()
            out.append(Block(plain, kind="title", heading=True))
            continue
        if _is_title(line.text, plain, after_closing=False) and (not para or para[-1].closed):
            flush()
            out.append(Block(plain, kind="title", heading=True))
            continue
        if para and not _starts_new(para, line, blank_mode, layout):
            para.append(line)
            continue
        flush()
        para.append(line)
    flush()
    return out


def _clean(lines: list[str]) -> list[_Line | None]:
    """Per line: the cleaned line, or None for a blank, junk or furniture line."""
    untabbed = [x.replace("\t", " ") for x in lines]
    indents = [len(x) - len(x.lstrip(" ")) for x in untabbed]
    stripped = [x.strip() for x in untabbed]
    furniture = _furniture(stripped)
    stripped = join_hyphenated(["" if i in furniture else x for i, x in enumerate(stripped)])
    out: list[_Line | None] = []
    blank = False
    in_footnote = False
    for line, indent in zip(stripped, indents, strict=True):
        if not line:
            out.append(None)
            blank = True
            continue
        if line == JOINED:
            out.append(None)
            continue
        marked = _MARKUP_CHARS.search(line) is not None
        plain = _plain(line) if marked else " ".join(line.split())
        if in_footnote or _FOOTNOTE.match(plain):
            in_footnote = bool(plain) and not _SENTENCE_END.search(plain)  # runs on to a sentence end
            out.append(None)
            blank = True
            continue
        toc = (".." in plain or "…" in plain) and bool(_TOC_LINE.search(plain))
        if not plain or toc or _JUNK.match(plain) or _PAGE_NUMBER.match(plain):
            out.append(None)
            blank = blank or not toc
            continue
        md = marked and bool(_MD_HEADING.match(line))
        text = line
        if marked:
            text = collapse_ws(_FOOTNOTE_MARK.sub("", _MD_HEADING.sub("", line)))
        elif plain != line:
            text = plain
        out.append(_Line(text, blank, md, plain if not marked else "", indent=indent))
        blank = False
    return out


def _plain(text: str) -> str:
    return collapse_ws(_EMPHASIS.sub("", _MD_HEADING.sub("", text)))


def _blank_separated(lines: list[_Line | None]) -> bool:
    """Whether blank lines separate the paragraphs and line breaks only wrap them (converter Markdown):
    paragraphs of several lines are common and a numbering mark almost never starts a line inside one."""
    groups: list[list[_Line]] = []
    for line in lines:
        if line is None:
            continue
        if line.blank_before or not groups:
            groups.append([line])
        else:
            groups[-1].append(line)
    multi = sum(len(g) > 1 for g in groups)
    marks = inside = 0
    for group in groups:
        for k, line in enumerate(group):
            before = group[k - 1] if k else None
            after_title = before is not None and before.bolds % 2 == 0 and before.title
            if line.marker == "none" and not after_title:
                continue
            marks += 1
            inside += before is not None and (after_title or not before.closed)
    return multi >= 5 and multi >= len(groups) * 0.25 and inside <= marks * 0.1


def _closed(text: str) -> bool:
    return bool(_SENTENCE_END.search(text))


def _bold_open(text: str) -> bool:
    return text.count("**") % 2 == 1


# A line that only announces the list below it ("Cụ thể:", "Cụ thể như sau:"): it ends the sentence of
# the item before it, which gives its list items their unit.
_LIST_LEAD_IN = re.compile(r"^(?:cụ thể|cụ thể như sau|như sau|gồm|bao gồm)\s*:\s*$", re.IGNORECASE)
_BOLD_WRAP_LINES = 3  # a bold heading wraps over a line or two; an unclosed "**" is a stray mark


def _bold_wraps(para: list[_Line]) -> bool:
    """The paragraph ends inside a bold span opened on one of its last lines. A "**" never closed
    (a converter's leftover, "***(chi tiết Phụ lục)*") must not glue the rest of the document into
    one paragraph: a span open for more lines than a heading takes is no span."""
    open_at = None
    for i, line in enumerate(para):
        if line.bolds % 2:
            open_at = None if open_at is not None else i
    return open_at is not None and len(para) - open_at <= _BOLD_WRAP_LINES


def _whole_bold(text: str) -> bool:
    """Every word of the text stands inside ** ** (a bold heading), not just a run-in label."""
    pieces = text.split("**")
    if len(pieces) < 3:
        return False
    outside = "".join(pieces[0::2])
    inside = "".join(pieces[1::2])
    return not re.search(r"\w", outside) and bool(re.search(r"\w", inside))


# A layout-preserving PDF extraction (`pdftotext -layout`) indents each paragraph's first line and starts
# its wrapped lines at the margin: seen often enough, a line at the margin carries the paragraph on.
_LAYOUT_MIN_WRAPS = 5
_INDENT = 2


def _first_lines_indented(lines: list[_Line | None]) -> bool:
    """Whether paragraphs open indented and wrap to the margin (pdftotext -layout text)."""
    wraps = indented = 0
    for before, line in pairwise(lines):
        if before is None or line is None or before.indent < _INDENT:
            continue
        indented += 1
        wraps += line.indent == 0 and line.marker == "none"
    return wraps >= _LAYOUT_MIN_WRAPS and wraps >= indented * 0.3


def _starts_new(para: list[_Line], line: _Line, blank_mode: bool, layout: bool = False) -> bool:
    """Whether `line` opens a new block after the lines of `para`."""
    if _bold_wraps(para) and _marker(line.plain)[0] not in ("article", "chapter", "roman", "number"):
        return False  # inside a bold span that wraps (a numbered part after it is no wrapped word)
    prev = para[-1]
    if len(para) == 1 and _BARE_MARK.match(prev.plain) and _marker(line.plain)[0] == "none":
        return False  # "I." alone on its line, its title on the next (Word's numbering exported apart)
    lower = line.plain[:1].islower()
    heading_before = para[0].md_heading or (para[0].bolds and _whole_bold(" ".join(x.text for x in para)))
    if line.md_heading or heading_before or (line.bolds and _whole_bold(line.text)):
        return True
    if _LIST_LEAD_IN.match(line.plain) and prev.closed and para[0].marker != "none":
        return False  # "... mình phụ trách." / "Cụ thể:": the item's sentence announces the list below
    if line.blank_before:
        return not (not prev.closed and lower and line.marker == "none")
    if layout and line.indent == 0 and line.marker == "none" and not line.title:
        return False  # "- Báo cáo 6 tháng: ... trước ngày 05/7;" / "Sở Tài chính tổng hợp ...": wrapped
    if blank_mode:  # a numbered line under a title ("V. TỔ CHỨC THỰC HIỆN" / "1. Bộ Y tế") is its own
        return line.marker != "none" and (prev.closed or (len(para) == 1 and prev.title))
    caps = _is_caps_heading(prev.plain + line.plain) and not prev.plain.endswith((":", "."))
    if line.marker == "none" and not _BARE_MARK.match(line.plain) and (runs_on(prev.rest) or caps):
        return False  # "1. Viện Văn hóa, Nghệ thuật," / "Thể thao ...", "IV. TỔ CHỨC" / "THỰC HIỆN"
    if line.marker != "none" or line.title:
        return True
    if lower or prev.closed:
        return not lower
    numbered = para[0].marker in ("roman", "number", "letter", "article", "chapter")
    if len(para) == 1 and (prev.title or (numbered and len(prev.plain) < _TITLE_MAX)):
        return True  # a short numbered line is a title even without punctuation ("3. Chuyển đổi số")
    if not numbered:
        return False
    # a numbered heading that names units only ("3. Các Sở: Nội vụ, ..., Giáo dục và Đào" / "tạo") ends
    # where its units do, unless the next line carries on the last name ("Hội Liên hiệp" / "Phụ nữ xã:")
    heading = " ".join([para[0].rest, *(x.plain for x in para[1:])])
    if not _names_units_only(heading):
        return False
    return not _names_units_only(f"{heading} {line.plain.split(':', 1)[0]}")


def _title_line(plain: str, marker: Marker) -> bool:
    """A line that stands as a title: in capitals, or a short unpunctuated part name ("Mục đích, yêu
    cầu", "Tổ chức thực hiện")."""
    return _is_caps_heading(plain) or (
        marker == "none"
        and len(plain) < _TITLE_MAX
        and plain[:1].isupper()
        and not _closed(plain)
        and looks_like_part(plain)
    )


def _block(para: list[_Line]) -> Block | None:
    joined = " ".join(x.text for x in para)
    text = _plain(joined)
    if not text:
        return None
    marker, label, rest = _marker(text)
    heading = para[0].md_heading or _whole_bold(joined) or _is_caps_heading(text)
    if marker == "none" and not heading and len(text) < _TITLE_MAX and not _closed(text):
        heading = looks_like_part(text)
    if marker in ("roman", "number", "letter", "article", "chapter") and len(text) < 150:
        # a short numbered line with no closing punctuation (or a colon) titles what follows
        heading = heading or not _closed(rest) or rest.endswith(":")
    return Block(rest, marker=marker, label=label, heading=heading)


def _marker(line: str) -> tuple[Marker, str, str]:
    """(kind of mark, its label, the text after it)."""
    if m := _ARTICLE.match(line):
        return "article", m.group(1), line[m.end() :]
    if m := _CHAPTER.match(line):
        return "chapter", m.group(1), line[m.end() :]
    if m := _ROMAN.match(line):
        rest = line[m.end() :]
        if rest[:1].isupper():
            return "roman", m.group(1), rest
    if m := _NUMBER.match(line):
        return "number", (m.group(1) or m.group(2) or m.group(3)), line[m.end() :]
    if m := _LETTER.match(line):
        return "letter", m.group(1), line[m.end() :]
    if m := _PLUS.match(line):
        return "plus", "", line[m.end() :]
    if m := _DASH.match(line):
        return "dash", "", line[m.end() :]
    return "none", "", line


_BARE_MARK = re.compile(r"^(?:[IVXLC]{1,5}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*[.)]$")
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_LOWER_LETTER = re.compile(f"[{_LOWER}]")
_UPPER_LETTER = re.compile(f"[{_LOWER.upper()}]")


def _is_caps_heading(line: str, max_len: int = 200) -> bool:
    """A short line in capitals ("TỔ CHỨC THỰC HIỆN")."""
    if len(line) > max_len:
        return False  # headings are short; skip the letter count on long paragraphs
    upper = len(_UPPER_LETTER.findall(line))
    return upper >= 4 and upper >= 4 * len(_LOWER_LETTER.findall(line))


def _is_title(raw: str, plain: str, *, after_closing: bool) -> bool:
    """A line that opens another document of the file, short and set apart in capitals or bold: after
    a closing any kind of document ("KẾ HOẠCH", "QUY CHẾ", "PHỤ LỤC I"), elsewhere only an annex (the
    body of a rule has its own "QUY ĐỊNH CHUNG")."""
    if not _TITLE.match(plain):
        return False
    if not after_closing and not plain.upper().startswith("PHỤ LỤC"):
        return False
    if len(plain) > 160:
        # a title that runs on with its subject and "(Ban hành kèm theo ...)" in one line: its words up
        # to the bracket in capitals
        head = plain.split("(", 1)[0]
        return after_closing and _is_caps_heading(head, max_len=600)
    return _is_caps_heading(plain) or _whole_bold(raw) or plain.startswith("Phụ lục")


def _join(text: str, line: str) -> str:
    return f"{text}\n{line}" if text else line


def _names_units_only(text: str) -> bool:
    """A numbered line that is only a list of units ("5. Đề nghị Cục Thuế tỉnh, Kho bạc Nhà nước tỉnh,
    Ngân hàng Nhà nước chi nhánh tỉnh"): a heading however long, so the duty on the next line stays apart."""
    if _closed(text) and not text.endswith(":"):
        return False
    d = DIRECTIVES.match(text)
    mentions, end = parse_unit_list(text, d.end() if d else 0)
    return bool(mentions) and not text[end:].strip(" :")


def _furniture(lines: list[str]) -> set[int]:
    """Indexes of running page headers/footers: a short unpunctuated line printed again on later pages
    ("UBND huyện X - Kế hoạch số 156/KH-UBND"), or one carrying a document number next to a page number."""
    counts: dict[str, int] = {}
    for line in lines:
        if line:
            counts[line] = counts.get(line, 0) + 1
    page = [bool(_PAGE_NUMBER.match(x)) for x in lines]
    out: set[int] = set()
    for i, line in enumerate(lines):
        if not line or len(line) > 120 or _SENTENCE_END.search(line):
            continue
        if _marker(line)[0] != "none" and not _DOC_SYMBOL.match(line):
            continue
        near_page = any(page[max(0, i - 3) : i + 4])
        repeated, numbered = counts[line] > 1, bool(_DOC_NUMBER.search(line))
        if (repeated and near_page) or (numbered and (repeated or near_page)):
            out.add(i)
    return out
