"""A completion time given on its own (a table's time column, a "Thời gian thực hiện: ..." line) -> deadlines.

Unlike a deadline inside a sentence, the value here is only a time, so a bare period counts:

- a quarter, a month, a year or a date is done by its end: "Quý IV/2026" -> 2026-12-31, "Tháng
  12/2025" -> 2025-12-31, "Năm 2026" or "2026" -> 2026-12-31, "trước ngày 01/01/2026" -> that day; a span of
  quarters or months ends with its last ("Quý IV/2025 - Quý II/2026" -> 2026-06-30);
- a yearly cycle recurs with no day: "Hằng năm", a span of years ("2026-2030", "Giai đoạn 2026 - 2030")
  and an open run of years ("Năm 2025 và các năm tiếp theo");
- "Thường xuyên", "Khi có yêu cầu", "Theo tiến độ ...", "Sau khi ... ban hành" and a start date ("Từ
  01/7/2025") set no deadline.
"""

from __future__ import annotations

import re

from parsing.deadlines import PERIOD, FoundDeadline, find_deadlines, period_kind
from parsing.model import Action
from parsing.vntext import collapse_ws, fold

# A run of years that goes on ("và các năm tiếp theo") or a span of years: a yearly cycle.
_OPEN_YEARS = re.compile(r"\b(?:cac|nhung) nam (?:tiep theo|sau)\b")
_YEAR_SPAN = re.compile(r"(?<![/\d])(20\d\d)\s*[-–]\s*(20\d\d)(?![/\d])")
_QUARTER_OR_MONTH_SPAN = re.compile(r"\b(?:quý|tháng)\b.*[-–].*\b(?:quý|tháng)\b", re.IGNORECASE)
_START_ONLY = re.compile(r"^\s*(?:tu|bat dau tu|ke tu)\b")
_BARE_YEAR = re.compile(r"^\s*(?:nam\s+)?(20\d\d)\s*\.?\s*$")
_YEAR_IN = re.compile(r"\b(?:trong|het|cuoi)\s+nam\s+(20\d\d)\b|^\s*nam\s+(20\d\d)\b")


def time_deadlines(value: str, *, plan_year: int | None, action: Action = "deliver") -> list[FoundDeadline]:
    """The deadlines a time value sets (empty when it sets none)."""
    text = collapse_ws(value).strip(" .;")
    if not text:
        return []
    f = fold(text)
    if _START_ONLY.match(f) and not re.search(r"\bden\b", f):
        return []
    if _OPEN_YEARS.search(f) or (_YEAR_SPAN.search(text) and not _QUARTER_OR_MONTH_SPAN.search(text)):
        return [FoundDeadline("yearly", None, action, None, text)]
    if _QUARTER_OR_MONTH_SPAN.search(text):
        text = re.split(r"\s[-–]\s*|[-–]\s", text)[-1]  # done by the end of the span
    if m := _BARE_YEAR.match(f):
        return [FoundDeadline("once", f"{m.group(1)}-12-31", action, None, text, 31, 12)]
    found = find_deadlines(f"hoàn thành trong {text}", plan_year=plan_year)
    if found:
        return [
            FoundDeadline(
                d.recurrence, d.due, "report" if d.action == "report" else action, d.to, text, d.day, d.month
            )
            for d in found
        ]
    if m := _YEAR_IN.search(f):
        year = m.group(1) or m.group(2)
        return [FoundDeadline("once", f"{year}-12-31", action, None, text, 31, 12)]
    kinds = []
    for p in PERIOD.finditer(text):
        kind = period_kind(p)
        if kind not in kinds:
            kinds.append(kind)
    return [FoundDeadline(kind, None, action, None, text) for kind in kinds]
