"""A completion time given on its own (a table's time column, a "Thời gian thực hiện: ..." line) -> deadlines.

Unlike a deadline inside a sentence, the value here is only a time, so a bare period counts wherever it
stands in the value ("Dự kiến tháng 11/2025", "Tháng 12/2013 và thường xuyên"):

- a quarter, a month, a year or a date is done by its end: "Quý IV/2026" -> 2026-12-31, "Tháng
  12/2025" -> 2025-12-31, "Năm 2026" or "2026" -> 2026-12-31, "trước ngày 01/01/2026" -> that day; a list
  or a span ends with its last ("Tháng 11, 12/2013", "Quý IV/2025 - Quý II/2026", "Từ tháng 11/2025 đến
  quý I/2026", "Quý IV/2025 và Quý I/2026"): one value owes one piece of work, due by the latest time named;
- a cycle recurs: "Hằng năm", "6 tháng, hằng năm", a span of years ("2026-2030", "Từ năm 2013 đến năm
  2020", "Giai đoạn 2026 - 2030") and an open run of years ("Năm 2025 và các năm tiếp theo") are yearly
  with no day; a first delivery with a cycle after it ("Tháng 11, 12/2013 và bổ sung, sửa đổi hàng năm")
  gives both;
- "Thường xuyên", "Khi có yêu cầu", "Theo tiến độ ...", "Sau khi ... ban hành" and a start ("Từ
  01/7/2025", "Từ tháng 11/2013 trở đi") set no deadline.
"""

from __future__ import annotations

import calendar
import re

from parsing.deadlines import PERIOD, FoundDeadline, find_deadlines, period_kind
from parsing.model import Action, Recurrence, due_parts
from parsing.vntext import collapse_ws, fold

# A run of years that goes on ("và các năm tiếp theo", "và tiếp theo") or a span of years: a yearly cycle.
_OPEN_YEARS = re.compile(r"\b(?:cac|nhung) nam (?:tiep theo|sau)\b|\b20\d\d\b.*\bva tiep theo\b")
_YEAR_SPAN = re.compile(r"(?<![/\d])(20\d\d)\s*[-–]\s*(20\d\d)(?![/\d])")
_YEARS_FROM_TO = re.compile(r"\btu\s+nam\s+20\d\d\s+(?:den|toi)\s+(?:het\s+)?nam\s+20\d\d\b")
_PERIOD_SPAN = re.compile(r"\b(?:quý|tháng)\b.*(?:[-–]|\bđến\b).*\b(?:quý|tháng)\b", re.IGNORECASE)
_START_ONLY = re.compile(r"^\s*(?:du kien\s+)?(?:tu|bat dau tu|ke tu)\b")
_ONWARD = re.compile(r"\btro di\b|\btro ve sau\b")
_SPAN_END = re.compile(r"\s(?:đến|tới)\s+(?:hết\s+)?|\s[-–]\s*|[-–]\s", re.IGNORECASE)
_BARE_YEAR = re.compile(r"^\s*(?:nam\s+)?(20\d\d)\s*\.?\s*$")
_YEAR_IN = re.compile(
    r"\b(?:trong|het|cuoi)\s+nam\s+(20\d\d)\b|^\s*nam\s+(20\d\d)\b|^\s*(20\d\d)(?=\s*(?:va|,|;)\s)"
)
# Times named anywhere in the value: "tháng 11, 12/2013" (the last month counts), "quý IV năm 2025",
# "ngày 15/11/2025", "15/11/2025".
_MONTHS = re.compile(
    r"\btháng\s*(?:\d{1,2}\s*(?:,|và|-|–)\s*)*(?P<m>\d{1,2})\s*(?:/|-|\s+năm\s+)\s*(?P<y>20\d\d)\b",
    re.IGNORECASE,
)
_QUARTERS = re.compile(
    r"\bquý\s*(?:(?:IV|I{1,3}|[1-4])\s*(?:,|và|-|–)\s*)*(?P<q>IV|I{1,3}|[1-4])\s*(?:/|-|\s+năm\s+)\s*(?P<y>20\d\d)\b",
    re.IGNORECASE,
)
_DATES = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})\s*(?:[/.-]\s*|\s+tháng\s+)(?P<m>\d{1,2})\s*(?:[/.-]\s*|\s+năm\s+)(?P<y>20\d\d)(?![\d/])",
    re.IGNORECASE,
)
_ROMAN_Q = {"I": 3, "II": 6, "III": 9, "IV": 12, "1": 3, "2": 6, "3": 9, "4": 12}


def time_deadlines(value: str, *, plan_year: int | None, action: Action = "deliver") -> list[FoundDeadline]:
    """The deadlines a time value sets (empty when it sets none)."""
    text = collapse_ws(value).strip(" .;")
    if not text:
        return []
    f = fold(text)
    if _ONWARD.search(f) or (_START_ONLY.match(f) and not re.search(r"\b(?:den|toi)\b", f)):
        return []
    years = _OPEN_YEARS.search(f) or _YEARS_FROM_TO.search(f) or _YEAR_SPAN.search(text)
    if years and not _PERIOD_SPAN.search(text):
        return [FoundDeadline("yearly", None, action, None, text)]
    end_part = _SPAN_END.split(text)[-1] if _SPAN_END.search(text) else text
    out = _once(end_part, text, action) or _once(text, text, action)
    if not out and (m := _BARE_YEAR.match(fold(end_part))):
        out = [FoundDeadline("once", f"{m.group(1)}-12-31", action, None, text, 31, 12)]
    found = find_deadlines(f"hoàn thành trong {text}", plan_year=plan_year)
    if not out:
        out = [d for d in found if d.recurrence == "once"][-1:]
        if not out and (m := _YEAR_IN.search(f)):
            year = m.group(1) or m.group(2) or m.group(3)  # "2026 và hằng năm": the first, then each year
            out = [FoundDeadline("once", f"{year}-12-31", action, None, text, 31, 12)]
    recurring = [d for d in found if d.recurrence != "once"]
    kinds = {d.recurrence for d in recurring}
    for p in PERIOD.finditer(text):  # "6 tháng, hằng năm": the cycles named outside a dated cue
        kind = period_kind(p)
        if kind not in kinds:
            kinds.add(kind)
            recurring.append(FoundDeadline(kind, None, action, None, text))
    return [_restated(d, action, text) for d in out + recurring]


def _restated(found: FoundDeadline, action: Action, text: str) -> FoundDeadline:
    """The deadline as the value states it: the task's action unless the value names a report."""
    act: Action = "report" if found.action == "report" else action
    return FoundDeadline(found.recurrence, found.due, act, found.to, text, found.day, found.month)


def _once(part: str, text: str, action: Action) -> list[FoundDeadline]:
    """The latest month, quarter or date named in `part`, as the one deadline of the value."""
    dues: list[str] = []
    days: list[tuple[int, int]] = []  # where the dates stand: "ngày 01 tháng 01 năm 2026" is no month
    for m in _DATES.finditer(part):
        day, month, year = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            dues.append(f"{year:04d}-{month:02d}-{day:02d}")
            days.append(m.span())
    for m in _MONTHS.finditer(part):
        month, year = int(m.group("m")), int(m.group("y"))
        if 1 <= month <= 12 and not any(s <= m.start() < e for s, e in days):
            dues.append(_last_day(year, month))
    for m in _QUARTERS.finditer(part):
        dues.append(_last_day(int(m.group("y")), _ROMAN_Q[m.group("q").upper()]))
    if not dues:
        return []
    due = max(dues)
    recurrence: Recurrence = "once"
    on_day, in_month = due_parts(recurrence, due)
    return [FoundDeadline(recurrence, due, action, None, text, on_day, in_month)]


def _last_day(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
