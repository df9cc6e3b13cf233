"""Sentence and clause splitting that respects Vietnamese administrative punctuation.

A numbered item may hold several sentences; a unit's duties inside one sentence are ";"-separated
clauses. Abbreviations with a full stop ("TP. Hồ Chí Minh") and brackets must not split.
"""

from __future__ import annotations

import re

_SENT_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+")
_NESTING = re.compile(r"[(\[“\"]")
_ABBREV = re.compile(r"(?:\b(?:TP|Tp|tp|St|V/v|v/v|Th\.S|TS|PGS|GS|ThS|đ/c|Đ/c)|\.\.)\.?$")


def split_sentences(text: str) -> list[str]:
    """Split at ". " before a capital letter, except after abbreviations and ellipses."""
    out: list[str] = []
    start = 0
    for m in _SENT_END.finditer(text):
        nxt = text[m.end() : m.end() + 1]
        before = text[start : m.start()]
        if not nxt or not nxt.isupper() or _ABBREV.search(before):
            continue
        out.append(text[start : m.start()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def split_clauses(text: str) -> list[str]:
    """Split at top-level ";" (not inside brackets or quotes)."""
    if ";" not in text:
        return [text.strip()] if text.strip() else []
    if not _NESTING.search(text):
        return [c.strip() for c in text.split(";") if c.strip()]
    out: list[str] = []
    depth = 0
    quote = False
    start = 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in '“”"':
            quote = not quote if ch == '"' else ch == "“"
        elif ch == ";" and depth == 0 and not quote:
            out.append(text[start:i].strip())
            start = i + 1
    out.append(text[start:].strip())
    return [c for c in out if c]


def strip_end(text: str) -> str:
    """Drop the closing punctuation of a sentence or clause ("./.", ".", ";")."""
    return re.sub(r"[\s.;,:/]+$", "", text).strip()
