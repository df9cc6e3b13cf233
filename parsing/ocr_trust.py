"""Which extracted rows rest on words OCR was unsure of: doubts for the admin to check.

Tesseract gives each word a confidence. A row (a unit's duty, a deadline) is doubtful when one of
the words it was read from had low confidence: the unit may be misnamed or the date misread. The
words are found in the row's source sentence by their neighbours on the printed line, so an unsure
"và" in one sentence does not make every sentence with "và" doubtful. The plan number and date of
issue are checked the same way against the header's lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from parsing.model import Doubt, ParsedPlan
from parsing.readers.ocr_text import Uncertain
from parsing.vntext import collapse_ws, nfc

_CONTEXT = 2  # words on each side of the unsure word that must stand next to it in the row
MAX_DOUBTS = 40  # past this the page is just bad: one doubt per row would drown the preview


def _key(text: str) -> str:
    return collapse_ws(nfc(text).replace("<br>", " ").replace("|", " ")).lower()


def _windows(u: Uncertain) -> list[str]:
    """The unsure word with its neighbours on its line, widest first ("của Sở Tài chính" ...)."""
    words = _key(u.line).split()
    target = _key(u.word)
    spots = [k for k, w in enumerate(words) if w == target]
    if not spots:
        return [target]
    k = spots[0]
    out = []
    for width in range(_CONTEXT, -1, -1):
        window = " ".join(words[max(0, k - width) : k + width + 1])
        if len(window.split()) > 1 or width == 0:
            out.append(window)
    return out


def _found_in(u: Uncertain, text: str) -> bool:
    hay = _key(text)
    windows = _windows(u)
    return any(w in hay for w in windows[:-1]) or (len(windows) == 1 and f" {windows[0]} " in f" {hay} ")


def low_confidence_doubts(plan: ParsedPlan, uncertain: Iterable[Uncertain]) -> list[Doubt]:
    """One `low_confidence` doubt per row (and for the header) read from an unsure word."""
    unsure = [u for u in uncertain if re.search(r"\w", u.word)]
    if not unsure:
        return []
    doubts: list[Doubt] = []
    header = plan.header
    for label, value in (("number", header.number), ("date", header.issued_on)):
        if value is None:
            continue
        text = str(value)
        for u in unsure:
            if u.word in text or (label == "number" and _found_in(u, f"Số: {text}")):
                doubts.append(Doubt("low_confidence", f"{label}: {text} («{u.word}»)", "header"))
                break
    rows: list[tuple[str, str, str | None]] = [
        (a.unit, a.source or a.duty, a.section) for a in plan.assignments
    ]
    rows += [(d.unit, d.text, d.section) for d in plan.deadlines]
    seen: set[tuple[str, str]] = set()
    for unit, source, section in rows:
        words = [u.word for u in unsure if _found_in(u, source) or _found_in(u, unit)]
        if not words or (unit, source) in seen:
            continue
        seen.add((unit, source))
        quoted = ", ".join(f"«{w}»" for w in dict.fromkeys(words))
        doubts.append(Doubt("low_confidence", f"{unit}: {quoted} — {collapse_ws(source)[:80]}", section))
        if len(doubts) >= MAX_DOUBTS:
            break
    return doubts
