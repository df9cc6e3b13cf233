"""Plan body -> numbered blocks: clean extracted lines, rejoin broken sentences, track "III.3"-style numbers.

Text from PDF/Word/OCR breaks sentences across lines (even across blank lines), wraps headings in
Markdown, and leaves page numbers and junk. A new block starts only at a numbering mark ("II.", "1.",
"a)", "-", "+"), after a heading, or after a line that ends a sentence; everything else is a continuation.
Each block remembers the Roman part it is in and that part's kind (purpose, tasks, implementation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from parsing.unit_mentions import parse_unit_list
from parsing.units_lexicon import DIRECTIVES
from parsing.vntext import collapse_ws, fold

PartKind = Literal["preamble", "purpose", "tasks", "funding", "implementation"]
Marker = Literal["roman", "number", "letter", "dash", "plus", "none"]

_MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$|^\s*Trang\s+\d+(?:\s*/\s*\d+)?\s*$", re.I)
_JUNK = re.compile(r"^\s*(?:</?\w*|-{3,}|_{3,}|={3,}|\.{3,})\s*$")
_ROMAN = re.compile(r"^(?:PHẦN\s+|Phần\s+)?([IVX]{1,5})\s*[.\-–):]\s*(?=\S)")
# "1.", "1)", "1.2 Tên" and the party style "1- Ban Tuyên giáo ..." (Hướng dẫn 36-HD/VPTW).
_NUMBER = re.compile(
    r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s*[.)]\s*(?=\S)|^(\d{1,2}(?:\.\d{1,2}){1,3})\s+(?=[A-ZĐ])"
    r"|^(\d{1,2})\s*-\s*(?=[A-ZĐÀ-Ỹ])"
)
_LETTER = re.compile(r"^([a-zđ])\s*[).]\s+")
_DASH = re.compile(r"^[-–—•●▪◦·]\s*(?=\S)")
_PLUS = re.compile(r"^\+\s*(?=\S)")
_SENTENCE_END = re.compile(r"[.;:!?](?:[\"”’)]|\*\*)?\s*$|\./\.$")
_TITLE_MAX = 60
_DOC_NUMBER = re.compile(r"\b\d{1,6}\s*[/-]\s*(?:KH|QĐ|CT|CV|TB|BC|HD)\b|\b[Ss]ố\s*:?\s*\d{1,6}\s*/")
_BROKEN_SYLLABLE = re.compile(r"(?:(?<=\s)|^)([^\W\d_]+)-$")
# A table-of-contents line: a title, dot leaders and a page number ("IV- TỔ CHỨC THỰC HIỆN ...... 3").
_TOC_LINE = re.compile(r"(?:\.\s*){4,}\s*\d{1,3}$|…{2,}\s*\d{1,3}$")
# A footnote at the page bottom starts with a superscript number ("¹ Nghị quyết số 01-NQ/ĐH ...");
# the markers themselves are dropped from the text they annotate ("nhiệm kỳ 2025 - 2030¹;").
_SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_FOOTNOTE = re.compile(rf"^[{_SUPERSCRIPTS}]+\s*\S")
_FOOTNOTE_MARK = re.compile(rf"(?<=\S)[{_SUPERSCRIPTS}]+")
# A running header that is only the plan's symbol ("9-KH/ĐU", "156/KH-UBND").
_DOC_SYMBOL = re.compile(r"^(?:Số\s*:?\s*)?\d{1,6}\s*[-/]\s*[A-ZĐ]{1,6}(?:\s*[/-]\s*[A-ZĐ0-9&]{1,10}){1,3}$")
_RECIPIENTS = re.compile(r"^(?:n[ơo]i nh[aậ]n|noi nhan)\b", re.I)
# The signature block ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "T/M BAN THƯỜNG VỤ"): the body has ended.
# A joint plan prints one block per issuer before "Nơi nhận", so it cannot wait for the recipients.
_SIGNATURE = re.compile(r"^(?:T\s*/\s*M|TM|KT|TL|TUQ|Q)\s*[./]?\s+(?=[A-ZĐÀ-Ỹ]{2,})")

_PURPOSE = re.compile(r"\b(muc dich|yeu cau|muc tieu|quan diem|y nghia)\b")
_IMPLEMENTATION = re.compile(
    r"\b(to chuc thuc hien|trach nhiem thuc hien|phan cong (thuc hien|nhiem vu|trach nhiem)|"
    r"trach nhiem cua cac|to chuc trien khai|giao nhiem vu|nhiem vu cua cac (co quan|don vi|so))\b"
)
_FUNDING = re.compile(r"^(kinh phi|nguon kinh phi|du toan)\b")


@dataclass(slots=True)
class Block:
    """One numbered item, bullet or paragraph of the body, its lines rejoined."""

    text: str
    marker: Marker
    label: str  # "3", "1.2", "a" or "" for bullets and paragraphs
    section: str | None  # "III.3", "II", "IV.2.a", None before the first part
    part: PartKind
    heading: bool = False  # a line of its own that titles what follows
    parent: Block | None = field(default=None, repr=False)  # the item a bullet or lettered item hangs under


@dataclass(slots=True)
class _Line:
    text: str
    heading: bool
    blank_before: bool


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


def _join_hyphenated(lines: list[str]) -> list[str]:
    """OCR/PDF hyphenation splits a syllable over two lines ("huy-" / "ện"): rejoin it. A hyphen with a
    space before it ("Văn hóa -" / "Thông tin") or before a whole syllable ("kinh tế-" / "xã hội") stays."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _BROKEN_SYLLABLE.search(line)
        if m and i + 1 < len(lines):
            j = i + 1
            while j < len(lines) and not lines[j]:
                j += 1
            nxt = lines[j] if j < len(lines) else ""
            if nxt[:1].islower() and _split_syllable(m.group(1), nxt.split(" ", 1)[0]):
                lines[j] = line[: m.start(1)] + m.group(1) + nxt
                i = j
                continue
        out.append(line)
        i += 1
    return out


def _split_syllable(head: str, tail: str) -> bool:
    """Whether "head-tail" is one syllable cut in two: the tail starts with a vowel, or the head could not
    end a Vietnamese syllable (no vowel, or a final other than c/ch/m/n/ng/nh/p/t)."""
    base = fold(head + " " + tail).split()
    if len(base) != 2:
        return False
    h, t = base
    return (
        bool(re.match(r"[aeiouy]", t))
        or not re.search(r"[aeiouy]", h)
        or not re.search(r"(?:[aeiouy]|[aeiouy](?:c|ch|m|n|ng|nh|p|t))$", h)
    )


def clean_lines(text: str) -> list[_Line]:
    """Strip Markdown, junk and page furniture; stop at "Nơi nhận" (recipients are never assignees)."""
    out: list[_Line] = []
    blank = False
    lines = [raw.replace("\t", " ").strip() for raw in text.splitlines()]
    furniture = _furniture(lines)
    lines = _join_hyphenated(["" if i in furniture else x for i, x in enumerate(lines)])
    in_footnote = False
    for line in lines:
        if in_footnote or _FOOTNOTE.match(line):
            # a footnote runs on until a line that ends a sentence
            in_footnote = bool(line) and not _SENTENCE_END.search(line)
            blank = True
            continue
        if not line or _JUNK.match(line) or _PAGE_NUMBER.match(line) or line.startswith("|"):
            # table rows are read by parsing.tables
            blank = True
            continue
        if _TOC_LINE.search(line):
            continue
        line = _FOOTNOTE_MARK.sub("", line)
        heading = bool(_MD_HEADING.match(line))
        line = _MD_HEADING.sub("", line)
        stripped = line.strip()
        if stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4:
            heading = True
        line = collapse_ws(_EMPHASIS.sub("", line))
        if not line:
            continue
        if _RECIPIENTS.match(line) or (_SIGNATURE.match(line) and _is_caps_heading(line)):
            break
        out.append(_Line(line, heading, blank))
        blank = False
    return out


def _is_caps_heading(line: str) -> bool:
    if len(line) > 200:
        return False  # headings are short; skip the letter count on long paragraphs
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _marker(line: str) -> tuple[Marker, str, str]:
    """(kind of mark, its label, the text after it)."""
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


def classify_part(title: str) -> PartKind:
    """What a Roman-numbered part holds, from its title words."""
    f = fold(title)
    if _IMPLEMENTATION.search(f):
        return "implementation"
    if _FUNDING.match(f):
        return "funding"
    if _PURPOSE.search(f) and not re.search(r"\b(nhiem vu|giai phap|noi dung)\b", f):
        return "purpose"
    return "tasks"


def split_blocks(text: str) -> list[Block]:
    """The body as blocks with section labels; blocks before the first Roman part are "preamble"."""
    raw: list[list] = []  # [marker, label, text, heading, line count]
    closed = True
    for ln in clean_lines(text):
        marker, label, rest = _marker(ln.text)
        # "Mục đích, yêu cầu" / "Nội dung thực hiện" on a line of its own, unpunctuated: a part title
        caps = _is_caps_heading(ln.text) or (
            marker == "none"
            and len(ln.text) < _TITLE_MAX
            and ln.text[:1].isupper()
            and not _SENTENCE_END.search(ln.text)
            and _looks_like_part(ln.text)
        )
        starts_new = (
            marker != "none"
            or (closed and not rest[:1].islower())
            or ln.heading
            or caps
            or (ln.blank_before and rest[:1].isupper())
            or not raw
        )
        if starts_new:
            raw.append([marker, label, rest, ln.heading or caps, 1])
        else:
            raw[-1][2] = f"{raw[-1][2]} {ln.text}"
            raw[-1][4] += 1
        # a short numbered line is a title even without punctuation ("3. Chuyển đổi số" then "Phòng X ...")
        title = marker in ("roman", "number", "letter") and (
            len(ln.text) < _TITLE_MAX or _names_units_only(rest)
        )
        closed = ln.heading or caps or title or bool(_SENTENCE_END.search(ln.text))
    for item in raw:
        # a short numbered line with no closing punctuation titles what follows ("2. Phát triển dữ liệu số")
        short = item[0] in ("roman", "number", "letter") and item[4] == 1 and len(item[2]) < 150
        if short and (not _SENTENCE_END.search(item[2]) or item[2].endswith(":")):
            item[3] = True
    return _number([(m, lab, t, h) for m, lab, t, h, _n in raw])


def _number(raw: list[tuple[Marker, str, str, bool]]) -> list[Block]:
    blocks: list[Block] = []
    roman: str | None = None
    part: PartKind = "preamble"
    number: str | None = None
    letter: str | None = None
    number_block: Block | None = None
    letter_block: Block | None = None
    has_roman = any(m == "roman" for m, *_ in raw)
    for marker, label, text, heading in raw:
        parent: Block | None = None
        if marker == "roman":
            roman, number, letter, number_block, letter_block = label, None, None, None, None
            part = classify_part(text)
        elif marker == "number":
            if not has_roman and roman is None and len(text) < 120 and _looks_like_part(text):
                part = classify_part(text)
            number, letter, letter_block = label, None, None
        elif marker == "letter":
            letter = label
            parent = number_block
        elif marker == "none" and heading and not has_roman and len(text) < 120 and _looks_like_part(text):
            # Word's automatic "I., II." numbering is lost on export: a bare capitals part title
            part = classify_part(text)
            number, letter, number_block, letter_block = None, None, None, None
        else:
            parent = letter_block or number_block
            if marker == "none" and parent is not None and not parent.heading:
                # a plain paragraph after an item with its own text is back at the part's level
                number, letter, number_block, letter_block, parent = None, None, None, None, None
        section = ".".join(x for x in (roman, number, letter) if x) or None
        block = Block(collapse_ws(text), marker, label, section, part, heading, parent)
        if marker == "number":
            number_block = block
        elif marker == "letter":
            letter_block = block
        blocks.append(block)
    return blocks


def _names_units_only(text: str) -> bool:
    """A numbered line that is only a list of units ("5. Đề nghị Cục Thuế tỉnh, Kho bạc Nhà nước tỉnh,
    Ngân hàng Nhà nước chi nhánh tỉnh"): a heading however long, so the duty on the next line stays apart."""
    if _SENTENCE_END.search(text) and not text.endswith(":"):
        return False
    d = DIRECTIVES.match(text)
    mentions, end = parse_unit_list(text, d.end() if d else 0)
    return bool(mentions) and not text[end:].strip(" :")


def looks_like_purpose(text: str) -> bool:
    """A purpose item's title ("1. Mục đích, yêu cầu: ...", "Mục tiêu"), never a task of its own."""
    return bool(_PURPOSE.match(fold(text)))


def _looks_like_part(text: str) -> bool:
    f = fold(text)
    if _IMPLEMENTATION.search(f) or _PURPOSE.match(f) or _FUNDING.match(f):
        return True
    return bool(re.match(r"(nhiem vu|noi dung)\b", f))
