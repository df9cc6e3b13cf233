"""Give each block its place: section number ("III.2.a"), the part it stands in, the item it hangs under.

Plans are numbered by Nghị định 30/2020 (Roman parts, then "1.", "1.1.", "a)", "-", "+") or by the
party's Hướng dẫn 36 ("I-", "1-"); decrees and rules use "Chương" and "Điều". Word's automatic
numbering is often lost on export, leaving bare capitals titles ("TỔ CHỨC THỰC HIỆN"). The part a block
stands in decides whether it may assign work: the purpose part (MỤC ĐÍCH, YÊU CẦU) never does, the
implementation part (TỔ CHỨC THỰC HIỆN) always may. A title block (the plan a Quyết định issues, an
annex) starts the numbering again.
"""

from __future__ import annotations

import re
from itertools import pairwise

from parsing.blocks import Block, PartKind
from parsing.vntext import fold

# "Yêu cầu đối với các tổ chức ..." addresses requirements to someone: a unit's item, not the purpose part
_PURPOSE = re.compile(r"\b(muc dich|yeu cau(?! doi voi)|muc tieu|quan diem|y nghia)\b")
_IMPLEMENTATION = re.compile(
    r"\b(to chuc thuc hien|trach nhiem thuc hien|phan cong (thuc hien|nhiem vu|trach nhiem)|"
    r"trach nhiem cua cac|to chuc trien khai|giao nhiem vu|nhiem vu cua cac (co quan|don vi|so)|"
    r"che do bao cao|trach nhiem cua)\b"
)
_FUNDING = re.compile(r"^(kinh phi|nguon kinh phi|du toan|nguon von)\b")
_TASKS = re.compile(r"\b(nhiem vu|giai phap|noi dung)\b")
_ANNEX = re.compile(r"^(phu luc|danh muc|bieu|bang)\b")


def classify_part(title: str) -> PartKind:
    """What a part holds, from its title words."""
    f = fold(title)
    if _IMPLEMENTATION.search(f):
        return "implementation"
    if _FUNDING.match(f):
        return "funding"
    if _PURPOSE.search(f) and not _TASKS.search(f):
        return "purpose"
    return "tasks"


def looks_like_part(text: str) -> bool:
    """An unnumbered title that names a part ("Mục đích, yêu cầu", "Tổ chức thực hiện")."""
    f = fold(text)
    if _IMPLEMENTATION.search(f) or _PURPOSE.match(f) or _FUNDING.match(f):
        return True
    return bool(re.match(r"(nhiem vu|noi dung)\b", f))


def looks_like_purpose(text: str) -> bool:
    """A purpose item's title ("1. Mục đích, yêu cầu: ...", "Mục tiêu"), never a task of its own."""
    return bool(_PURPOSE.match(fold(text)))


def outline(blocks: list[Block]) -> list[Block]:
    """Fill in section, part and parent of every block (in place); returns the blocks."""
    state = _Walk(blocks)
    for block in blocks:
        state.place(block)
    _between_letters(blocks)
    return blocks


def _between_letters(blocks: list[Block]) -> None:
    """A plain paragraph between "b." and "c." of one item is that item's, though read on its own it
    seemed back at the part's level ("2. Ban Thường trực ... báo cáo như sau: a. ... b. ... <paragraph>
    c. ...")."""
    for i in range(1, len(blocks) - 1):
        block, before, after = blocks[i], blocks[i - 1], blocks[i + 1]
        if block.marker != "none" or block.parent is not None or block.kind != "text":
            continue
        letters = before.marker == after.marker == "letter" and _follows(before.label, after.label)
        if letters and before.parent is not None and after.parent is before.parent:
            block.parent, block.section = before.parent, before.parent.section


def roman_parts(blocks: list[Block]) -> list[bool]:
    """Per block, whether its document (from a title to the next: the plan a decision issues, an annex)
    has Roman parts: a guide whose annex alone numbers "I., II." still has unnumbered parts of its own."""
    out: list[bool] = []
    bounds = [0, *(i for i, b in enumerate(blocks) if b.kind == "title" and i), len(blocks)]
    for start, end in pairwise(bounds):
        out += [any(b.marker in ("roman", "chapter") for b in blocks[start:end])] * (end - start)
    return out


class _Walk:
    def __init__(self, blocks: list[Block]) -> None:
        self.roman_parts = roman_parts(blocks)
        self.at = 0
        self.has_roman = bool(self.roman_parts) and self.roman_parts[0]
        self.reset("preamble")

    def reset(self, part: PartKind, prefix: str | None = None) -> None:
        self.prefix = prefix
        self.roman: str | None = None
        self.part: PartKind = part
        self.article: Block | None = None
        self.numbers: list[Block] = []  # the open numbered items, outermost first ("1.", "1.2.")
        self.numbered: dict[str, Block] = {}  # the part's numbered items by label
        self.numbered_part = False  # the current part was opened by a numbered title ("1. Mục đích")
        self.letter: Block | None = None
        self.sub: Block | None = None  # the unnumbered heading the blocks below hang under
        self.dash: Block | None = None  # the last "-" item, over the "+" items that follow it
        self.last: Block | None = None
        # the open items a plain paragraph closed: a letter that continues them ("c)", a paragraph,
        # then "d)") reopens them
        self.closed: tuple[list[Block], Block] | None = None

    def place(self, block: Block) -> None:
        if self.at < len(self.roman_parts):
            self.has_roman = self.roman_parts[self.at]
        self.at += 1
        if block.kind == "title":
            annex = bool(_ANNEX.match(fold(block.text)))
            label = _annex_label(block.text) if annex else None
            self.reset("annex" if annex else "preamble", prefix=label)
            block.part, block.section = self.part, self.prefix
            return
        if block.kind == "closing":
            self.reset("preamble")
            block.part = "preamble"
            return
        if block.kind == "table":
            block.part, block.section = self.part, self._section()
            block.parent = self.letter or (self.numbers[-1] if self.numbers else None)
            return
        parent: Block | None = None
        marker = block.marker
        sub, self.sub = self.sub, None
        if marker in ("roman", "chapter", "number", "article"):
            self.closed = None
        if marker in ("roman", "chapter"):
            self.roman, self.article, self.numbers, self.letter = block.label, None, [], None
            self.numbered = {}
            if self.part != "annex":
                self.part = classify_part(block.text)
                self.numbered_part = False
        elif marker == "article":
            self.article, self.numbers, self.letter = block, [], None
            self.numbered = {}
            if self.part == "preamble":
                self.part = "tasks"
        elif marker == "number":
            depth = block.label.count(".")
            self.numbers = [
                b
                for b in self.numbers
                if b.label.count(".") < depth and block.label.startswith(b.label + ".")
            ]
            if depth and not self.numbers and (up := self.numbered.get(block.label.rsplit(".", 1)[0])):
                # "1.2." after a plain paragraph that closed "1.1.": its number still says it is under "1."
                self.numbers = [*[b for b in up.ancestors() if b.marker == "number"][::-1], up]
            parent = self.numbers[-1] if self.numbers else self.article
            if (
                not self.has_roman
                and self.roman is None
                and len(block.text) < 120
                and looks_like_part(block.text)
                and self.part != "annex"
            ):
                self.part = classify_part(block.text)
                self.numbered_part = depth == 0
            elif (
                not self.has_roman
                and depth == 0
                and (self.part == "preamble" or (self.part == "purpose" and self.numbered_part))
            ):
                # a letter's or directive's numbered items with no parts ("1. Công tác tuyên truyền",
                # "2. Sở Tài chính", ... "7. Tổ chức thực hiện"): its body, as an article's is; after "1.
                # Mục đích", "2. Yêu cầu", an item of the same rank ("3. Quy trình ...") ends that part
                self.part = "tasks"
            self.letter = None
        elif marker == "letter":
            if not self.numbers and self.closed and _follows(self.closed[1].label, block.label):
                self.numbers = self.closed[0]
            parent = self.numbers[-1] if self.numbers else self.article
        elif (
            marker == "none"
            and block.heading
            and not self.has_roman
            and len(block.text) < 120
            and looks_like_part(block.text)
            and self.part != "annex"
        ):
            # Word's automatic "I., II." numbering is lost on export: a bare capitals part title
            self.part = classify_part(block.text)
            self.numbered_part = False
            self.numbers, self.letter = [], None
        elif marker == "none" and block.heading:
            # an unnumbered heading ("## Sở Tài chính", "**Sở Y tế**") stands for an item: the bullets
            # and paragraphs below it hang under it
            parent = self.letter or (self.numbers[-1] if self.numbers else self.article)
            self.sub = block
        else:
            parent = sub or self.letter or (self.numbers[-1] if self.numbers else self.article)
            if marker == "plus" and self.dash is not None:
                parent = self.dash  # NĐ 30/2020's "+" under its "-" ("- Bộ Tài chính:" / "+ Chủ trì ...")
            self.sub = sub
            if marker == "none" and parent is not None and not parent.heading:
                # a plain paragraph after an item with its own text is back at the part's level
                if self.letter is not None and self.numbers:
                    self.closed = (self.numbers, self.letter)
                self.numbers, self.letter, parent, self.sub = [], None, None, None
        block.parent = parent
        block.part = self.part
        if marker == "dash":
            self.dash = block
        elif marker != "plus":
            self.dash = None
        if marker == "number":
            self.numbers.append(block)
            self.numbered[block.label] = block
        elif marker == "letter":
            self.letter = block
        block.section = self._section(block)
        self.last = block

    def _section(self, block: Block | None = None) -> str | None:
        parts: list[str] = []
        if self.prefix:
            parts.append(self.prefix)
        if self.roman:
            parts.append(self.roman)
        if self.article is not None:
            parts.append(f"Điều {self.article.label}")
        if self.numbers:
            parts.append(self.numbers[-1].label)
        if self.letter is not None:
            parts.append(self.letter.label)
        if not parts:
            return None
        head, *rest = parts
        if self.prefix and rest:
            return f"{head} {'.'.join(rest)}"
        return ".".join(parts)


# Vietnamese item letters, in order ("đ" after "d"; no "f", "j", "w", "z").
_LETTERS = tuple("abcdđeghiklmnopqrstuvxy")


def _follows(before: str, label: str) -> bool:
    """Whether item letter `label` comes right after `before` ("c" -> "d", "d" -> "đ" or "e")."""
    if before not in _LETTERS or label not in _LETTERS:
        return False
    gap = _LETTERS.index(label) - _LETTERS.index(before)
    return gap == 1 or (gap == 2 and before == "d")


def _annex_label(text: str) -> str:
    m = re.match(r"(?:PHỤ LỤC|Phụ lục)\s*([IVX]{1,5}|\d{1,2})?", text)
    if m and m.group(1):
        return f"Phụ lục {m.group(1)}"
    return "Phụ lục"
