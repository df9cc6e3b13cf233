"""Where a line break falls inside a sentence or a name, so the next line carries it on.

PDF text extraction and narrow converters break lines wherever the page's width ends; with no blank line
between paragraphs, only the words at a break tell a wrapped line from a new item. A line goes on below
when it ends with a comma, a conjunction or a preposition ("Sở Văn hóa, Thể thao và" / "Du lịch"), or
with a head word alone, after a comma or after "thuộc" / "của" ("2. Sở" / "Tài chính", "..., Trường" /
"Đại học Đà Lạt", "Các cơ quan trực thuộc Bộ" / "Văn hóa, Thể thao và Du lịch").
"""

from __future__ import annotations

import re

from parsing.units_lexicon import HEADS_NEEDING_NAME, alternation
from parsing.vntext import fold

JOINED = "\x00"  # a line whose text was joined to the line before it
_BROKEN_SYLLABLE = re.compile(r"(?:(?<=\s)|^)([^\W\d_]+)-$")
_JOINING_WORDS = r"và|của|các|về|với|trong|cho|ở|tại|thuộc|theo|tháng|quý"
RUNS_ON = re.compile(rf"(?:\s(?:{_JOINING_WORDS})|[,\-–&(/])$", re.IGNORECASE)
# "Các cơ quan trực thuộc Bộ" / "Văn hóa, Thể thao và Du lịch": a head word whose name is below
_OF_HEAD = re.compile(rf"(?:^|,\s*|\s(?:thuộc|của|với|cho)\s+)(?:{alternation(tuple(HEADS_NEEDING_NAME))})$")


def runs_on(line: str) -> bool:
    """Whether the text of `line` cannot end there: the sentence or the name goes on below."""
    line = line.rstrip()
    return bool(RUNS_ON.search(line) or _OF_HEAD.search(line))


def join_hyphenated(lines: list[str]) -> list[str]:
    """OCR/PDF hyphenation splits a syllable over two lines ("huy-" / "ện"): rejoin it. A hyphen with a
    space before it ("Văn hóa -" / "Thông tin") or before a whole syllable ("kinh tế-" / "xã hội") stays."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        m = _BROKEN_SYLLABLE.search(line) if line.endswith("-") else None
        if m and i + 1 < len(lines):
            j = i + 1
            while j < len(lines) and not lines[j]:
                j += 1
            nxt = lines[j] if j < len(lines) else ""
            if nxt[:1].islower() and _split_syllable(m.group(1), nxt.split(" ", 1)[0]):
                out.append(line[: m.start(1)] + m.group(1) + nxt)
                out.extend(JOINED for _ in range(i + 1, j + 1))  # keep line numbers, add no blank
                i = j + 1
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
