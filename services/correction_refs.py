"""How a correction names its row: by what the row says (its unit and words, a deadline's sentence),
never by where it stands, so a correction finds its row again after a re-import moved it; and how
alike a row must be to be that row."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from rapidfuzz import fuzz

from parsing.model import ParsedAssignment, ParsedDeadline
from parsing.vntext import fold as _fold_uncached

fold = functools.lru_cache(maxsize=8192)(_fold_uncached)  # rows are compared many times over
SAME = 80  # how alike (rapidfuzz 0-100) a row's words must be to the reference to be that row
ALREADY = 90  # how alike an existing row must be for an addition to be "already there"


def assignment_ref(a: ParsedAssignment) -> dict[str, Any]:
    return {"unit": a.unit, "role": a.role, "duty": a.duty, "section": a.section}


def deadline_ref(d: ParsedDeadline) -> dict[str, Any]:
    return {"unit": d.unit, "recurrence": d.recurrence, "due": d.due, "text": d.text}


def alike(a: str, b: str) -> float:
    """0-100: how alike two passages are once folded (one cut shorter than the other still scores)."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return 100.0
    if not fa or not fb:
        return 0.0
    return max(fuzz.ratio(fa, fb), 0.95 * fuzz.token_set_ratio(fa, fb))


def same_unit(a: str, b: str) -> bool:
    """The same name, give or take a letter or a diacritic, and never another kind of body: "Bộ Tư
    pháp" and "Sở Tư pháp" are one letter apart and two bodies."""
    fa, fb = fold(a), fold(b)
    if fa == fb:
        return True
    return bool(fa and fb) and fa.split()[0] == fb.split()[0] and fuzz.ratio(fa, fb) >= 92


def assignment_score(item: ParsedAssignment, ref: Mapping[str, Any]) -> float:
    if not same_unit(item.unit, str(ref.get("unit") or "")):
        return 0.0
    if ref.get("role") and item.role != ref["role"]:
        return 0.0
    score = alike(item.duty, str(ref.get("duty") or ""))
    if score < SAME:
        return 0.0
    return score + (1.0 if item.section == ref.get("section") else 0.0)


def deadline_score(item: ParsedDeadline, ref: Mapping[str, Any]) -> float:
    unit, ref_unit = fold(item.unit), fold(str(ref.get("unit") or ""))
    if unit != ref_unit and not same_unit(item.unit, str(ref.get("unit") or "")):
        return 0.0
    score = alike(item.text, str(ref.get("text") or ""))
    if score < SAME:
        return 0.0
    return (
        score + (item.recurrence == ref.get("recurrence")) + ((item.due or None) == (ref.get("due") or None))
    )
