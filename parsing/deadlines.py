"""Deadline phrases in one clause -> (recurrence, due, action, recipient).

Only phrases that tie an action to a time count: a dated cue ("trước ngày 15/11", "chậm nhất ngày
20/12/2024", "trong tháng 4/2020", "trong quý III/2023") or a reporting period ("định kỳ hàng quý, 06
tháng, hàng năm ... báo cáo"). A period that merely names an annual programme ("Chương trình ... định
kỳ hằng năm", "kế hoạch công tác hàng năm") with no report in the clause is not a deadline.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from parsing.model import Action, ParsedDeadline, Recurrence, due_parts
from parsing.unit_mentions import parse_unit_list

_PERIOD = re.compile(
    r"(?P<monthly>(?:hằng|hàng)\s+tháng)|(?P<quarterly>(?:hằng|hàng)\s+quý|mỗi\s+quý)|"
    r"(?P<semi>(?<!trong )(?<!sau )\b(?:0?6|sáu)\s+tháng(?:\s+(?:một lần|đầu năm|cuối năm|\(|,|và))?|"
    r"nửa\s+năm|6\s+tháng\s+đầu\s+năm)|(?P<yearly>(?:hằng|hàng|mỗi)\s+năm|"
    # the last of a list of periods: "hằng quý, 6 tháng, năm", "6 tháng và năm"
    r"(?<=tháng, )năm(?!\s*\d)|(?<=tháng và )năm(?!\s*\d)|(?<=quý, )năm(?!\s*\d)|(?<=quý và )năm(?!\s*\d)|"
    # "hằng quý (trước ngày ...), 6 tháng (trước ngày 15/6), năm (trước ngày 15/12)"
    r"(?<=\), )năm(?=\s*\()|(?<=\) và )năm(?=\s*\()|"
    # "báo cáo năm trước ngày 15 tháng 11", "báo cáo tổng kết năm trước ngày 20/11": the annual report
    r"(?<=báo cáo )năm(?!\s*\d)|(?<=tổng kết )năm(?!\s*\d)|"
    # party style "định kỳ 6 tháng, 1 năm"
    r"(?<=tháng, )(?:0?1|một)\s+năm(?!\s*\d)|(?<=tháng và )(?:0?1|một)\s+năm(?!\s*\d))",
    re.IGNORECASE,
)
_CUE = (
    r"(?:trước|chậm nhất(?:\s+là)?|muộn nhất|không quá|hạn chót|hoàn thành|xong|đến hết|trước hoặc|trong|"
    # "Thời gian chậm nhất gửi báo cáo về Ban Thường trực ... ngày 23/3/2026"
    r"thời (?:gian|hạn)(?:\s+chậm nhất)?\s+(?:gửi|nộp)[^.;:]{0,120}?(?=\s*ngày\s*\d))"
)
# "trước 17h00 ngày 25/11/2025", "trước 16 giờ 30 phút, ngày ...": the hour before the day is dropped.
_HOUR = r"(?:\d{1,2}\s*(?:h|giờ)(?:\s*\d{1,2}(?:\s*phút)?)?\s*,?\s*(?=ngày))?"
_DAY_MONTH = r"\d{1,2}\s*(?:[/.-]\s*|\s+tháng\s+)\d{1,2}(?:\s*(?:[/.-]\s*|\s+năm\s+)\d{4})?"
_DATE = re.compile(
    rf"{_CUE}\s*{_HOUR}(?:ngày\s*)?(?P<d>\d{{1,2}})\s*(?:[/.-]\s*|\s+tháng\s+)(?P<m>\d{{1,2}})"
    r"(?:\s*(?:[/.-]\s*|\s+năm\s+)(?P<y>\d{4}))?"
    # one cue for several dates: "trước ngày 15/6 và 15/12 hằng năm"
    rf"(?P<more>(?:\s*(?:,|và)\s*(?:ngày\s*)?{_DAY_MONTH}(?![\d/]))*)",
    re.IGNORECASE,
)
_LISTED_DATE = re.compile(
    r"(?P<d>\d{1,2})\s*(?:[/.-]\s*|\s+tháng\s+)(?P<m>\d{1,2})(?:\s*(?:[/.-]\s*|\s+năm\s+)(?P<y>\d{4}))?"
)
# "trước ngày 10 tháng cuối quý", "trước ngày 05 tháng cuối cùng của mỗi quý", "... tháng đầu quý"
_MONTH_END_OF_QUARTER = re.compile(
    rf"{_CUE}\s*ngày\s*(?P<d>\d{{1,2}})\s+(?:của\s+)?tháng\s+(?P<which>cuối|đầu)(?:\s+cùng)?\s+"
    r"(?:của\s+)?(?:mỗi\s+|hằng\s+|hàng\s+)?quý",
    re.I,
)
# A day with no month ("hằng tháng, trước ngày 20", "(trước ngày 25)"): the day within a monthly cycle.
_BARE_DAY = re.compile(rf"{_CUE}\s*ngày\s*(?P<d>\d{{1,2}})(?!\d)(?!\s*[/.-]\s*\d)(?!\s+(?:tháng|của))", re.I)
_DAY_OF_MONTH = re.compile(rf"{_CUE}\s*ngày\s*(?P<d>\d{{1,2}})\s+(?:hằng|hàng)\s+tháng", re.I)
_MONTH = re.compile(
    r"(?:trong|vào|hết|cuối|trước|hoàn thành trong|thời gian(?: thực hiện| hoàn thành)?:?)\s*"
    r"(?:\()?tháng\s*(?P<m>\d{1,2})\s*(?:[/-]|\s+năm\s+)\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_QUARTER = re.compile(
    r"(?:trong|hết|cuối|trước|hoàn thành trong|hoàn thành)\s*quý\s*(?P<q>IV|I{1,3}|[1-4])\s*"
    r"(?:[/-]|\s+năm\s+)\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?:hoàn thành|xong)\s+(?:trong\s+|trước\s+)?năm\s+(?P<y>\d{4})", re.IGNORECASE)
# "... ban hành các dự án Luật ... trong năm 2025": a year tied to the clause's action ("đến năm 2030"
# mostly names a strategy); not a target ("phấn đấu trong năm 2025 đạt ...") nor a budget year.
_ACTION_YEAR = re.compile(
    r"(?<![-–])\s(?:trong|(?:vào\s+)?cuối)\s+năm\s+(?P<y>20\d\d)\b(?!\s*[-–])", re.IGNORECASE
)
_TARGET = re.compile(
    r"\b(?:phấn đấu|mục tiêu|chỉ tiêu|đạt|tầm nhìn|định hướng|giai đoạn|đối với|ngân sách|"
    r"dự toán|kinh phí|nhiệm vụ triển khai|được giao năm)\b",
    re.IGNORECASE,
)
# "từ ngày 15/11 đến ngày 15/12(/2025)", "từ 15/11 đến hết ngày 15/12", "từ ngày 05/02/2026 - 08/02/2026"
_UNTIL = re.compile(
    r"\btừ\s+(?:ngày\s+)?\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{4})?\s*(?:(?:đến|tới)\s+|[-–]\s*)(?:hết\s+)?"
    r"(?:ngày\s+)?"
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?",
    re.IGNORECASE,
)
# "Báo cáo giữa kỳ (năm 2030)": a report of a stated year
_IN_YEAR = re.compile(r"\bbáo cáo\b[^;()]{0,60}\(\s*năm\s+(?P<y>\d{4})\s*\)", re.IGNORECASE)
# A period that qualifies money rather than an action: "dự toán ngân sách hằng năm", "kinh phí chi thường
# xuyên hằng năm", "khả năng cân đối ngân sách hàng năm".
_BUDGET = re.compile(
    r"\b(?:ngân sách|dự toán|kinh phí|nguồn vốn|vốn|chi thường xuyên)\b(?:\s+\S+){0,8}\s*$|"
    # "trợ cấp hằng tháng", "lương hưu, trợ cấp bảo hiểm xã hội hằng tháng": a benefit paid by the month
    r"\b(?:trợ cấp|phụ cấp|lương hưu|tiền lương)\b(?:\s+\S+){0,6}\s*$|"
    # "danh mục dự án đầu tư công trung hạn, hàng năm": the medium-term and yearly investment lists
    r"\btrung hạn\s*(?:,|và)\s*$|"
    # "tiêu chí ... thi đua, khen thưởng hằng năm": the yearly appraisal a result counts in
    r"\b(?:thi đua|khen thưởng|xếp loại)\b(?:\s+\S+){0,2}\s*$",
    re.IGNORECASE,
)
# A clause that defines a data period ("tính từ ngày 15 tháng 12 năm trước", "chốt số liệu"), not a deadline.
_DATA_PERIOD = re.compile(
    r"\b(?:tính|kể)\s+từ\s+ngày|\bchốt\s+số\s+liệu|\bsố liệu\s+tính\s+từ", re.IGNORECASE
)
_REPORT = re.compile(r"\b(?:báo cáo|gửi|trình)\b", re.IGNORECASE)
_REPORT_ACTION = re.compile(r"\bbáo cáo\b", re.IGNORECASE)
# A period that names a programme ("kế hoạch công tác hàng năm", "Chương trình ... định kỳ hằng năm"). The
# plan itself, "Kế hoạch" with a capital, is no annual programme: "đánh giá kết quả thực hiện Kế hoạch
# hằng năm" is a yearly duty.
_PROGRAMME = re.compile(
    r"\b(?:[Cc]hương trình|kế hoạch|[Đđ]ề án)\b(?:\s+\S+){0,8}\s*$|"
    # a named plan ("Kế hoạch phát triển kinh tế - xã hội hằng năm"), unlike the plan itself ("Kế hoạch")
    r"\bKế hoạch(?:\s+(?!này\b)\S+){2,8}\s*$"
)
_TO = re.compile(r"\b(?:gửi\s+(?:về\s+(?:cho\s+)?|cho\s+|đến\s+)?|báo cáo\s+(?:về\s+)?|trình\s+|về\s+)")
# cheap pre-filter: every deadline phrase holds a number or a period word
_ANY_TIME = re.compile(r"\d|h[àằ]ng|mỗi|quý|nửa\s+năm|báo\s+cáo\s+năm|định\s+kỳ|sáu\s+tháng", re.IGNORECASE)
_ROMAN_Q = {"I": 3, "II": 6, "III": 9, "IV": 12, "1": 3, "2": 6, "3": 9, "4": 12}


@dataclass(frozen=True, slots=True)
class FoundDeadline:
    recurrence: Recurrence
    due: str | None
    action: Action
    to: str | None
    text: str
    day: int | None = None  # the day the text states, also where `due` has no form (monthly, quarterly)
    month: int | None = None  # month within the period (calendar month for once / yearly)


def deadline_row(found: FoundDeadline, units: list[str], *, text: str, section: str | None) -> ParsedDeadline:
    """The deadline row owed by `units` (every reader makes its deadline rows here)."""
    return ParsedDeadline(
        unit="; ".join(dict.fromkeys(units)),
        action=found.action,
        recurrence=found.recurrence,
        due=found.due,
        text=text,
        to=found.to,
        section=section,
        day=found.day,
        month=found.month,
    )


def _last_day(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _valid(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def recipients(text: str) -> str | None:
    """Who receives the report: units after "gửi (về)", "báo cáo", "trình" ("; "-joined)."""
    for m in _TO.finditer(text):
        mentions, _ = parse_unit_list(text, m.end())
        names = [x.text for x in mentions if not x.catch_all]
        if names:
            return "; ".join(names)
    return None


def find_deadlines(clause: str, *, plan_year: int | None = None) -> list[FoundDeadline]:
    """Every deadline the clause states; one per recurrence (a dated one beats an undated one)."""
    if not _ANY_TIME.search(clause) or _DATA_PERIOD.search(clause):
        return []
    action: Action = "report" if _REPORT_ACTION.search(clause) else "deliver"
    to = recipients(clause) if _REPORT.search(clause) else None
    found: list[tuple[Recurrence, str | None, int | None, int | None]] = []  # (rec, due, day, month)
    used_periods: set[int] = set()
    periods = [(m.start(), m.end(), _kind(m)) for m in _PERIOD.finditer(clause)]

    if q := _MONTH_END_OF_QUARTER.search(clause):
        day, which = int(q.group("d")), 3 if q.group("which").lower() == "cuối" else 1
        found.append(("quarterly", None, day if 1 <= day <= 31 else None, which))
        used_periods.update(i for i, (_s, _e, k) in enumerate(periods) if k == "quarterly")
    monthly = _DAY_OF_MONTH.search(clause)
    if not monthly and any(k == "monthly" for _s, _e, k in periods):
        monthly = _BARE_DAY.search(clause)
    if monthly:
        day = int(monthly.group("d"))
        found.append(("monthly", None, day if 1 <= day <= 31 else None, None))
        used_periods.update(i for i, (_s, _e, k) in enumerate(periods) if k == "monthly")
    for m in _DATE.finditer(clause):
        if _MONTH_END_OF_QUARTER.match(clause, m.start()):
            continue
        dates = [(m.group("d"), m.group("m"), m.group("y"))]
        dates += [(x.group("d"), x.group("m"), x.group("y")) for x in _LISTED_DATE.finditer(m.group("more"))]
        if len(dates) > 1 and dates[-1][2]:  # "ngày 10/6, 10/9 và 10/12/2026": the year is shared
            dates = [(d, mo, y or dates[-1][2]) for d, mo, y in dates]
        after = clause[m.end() : m.end() + 24]
        idx = _period_for_date(periods, m.start(), m.end(), clause)
        if idx is None and not any(y for _d, _m, y in dates) and 1 < len(dates) == len(periods):
            # "báo cáo định kỳ 6 tháng, năm ... trước ngày 20/6 và 20/12": each period its date, in order
            for k, (d_text, m_text, _y) in enumerate(dates):
                found.extend(_dated(int(d_text), int(m_text), None, k, periods, m.end(), "", plan_year))
                used_periods.add(k)
            continue
        if idx is None and not m.group("y"):
            idx = _only_period(periods)  # "định kỳ hàng năm báo cáo ... chậm nhất ngày 17 tháng 12"
        for d_text, m_text, year in dates:
            rows = _dated(int(d_text), int(m_text), year, idx, periods, m.end(), after, plan_year)
            if idx is not None and any(r[0] == periods[idx][2] for r in rows):
                used_periods.add(idx)
            found.extend(rows)
    for m in _UNTIL.finditer(clause):
        # "từ ngày 15/11 đến ngày 15/12": done by the end of the span
        year = m.group("y") or (str(plan_year) if plan_year else None)
        if year and _valid(int(m.group("m")), int(m.group("d"))):
            found.append(
                ("once", f"{int(year):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}", None, None)
            )
    for m in _IN_YEAR.finditer(clause):
        found.append(("once", f"{int(m.group('y')):04d}-12-31", None, None))  # "báo cáo tổng kết (năm 2035)"
    for m in _MONTH.finditer(clause):
        month, year = int(m.group("m")), int(m.group("y"))
        if 1 <= month <= 12:
            found.append(("once", _last_day(year, month), None, None))
    for m in _QUARTER.finditer(clause):
        found.append(("once", _last_day(int(m.group("y")), _ROMAN_Q[m.group("q").upper()]), None, None))
    for m in _YEAR.finditer(clause):
        found.append(("once", f"{int(m.group('y')):04d}-12-31", None, None))
    if not found and not _TARGET.search(clause):
        for m in _ACTION_YEAR.finditer(clause):
            found.append(("once", f"{int(m.group('y')):04d}-12-31", None, None))

    for i, (start, _end, kind) in enumerate(periods):
        if i in used_periods or _PROGRAMME.search(clause[:start]) or _BUDGET.search(clause[:start]):
            continue
        found.append((kind, None, None, None))

    # one row per recurrence: a dated one beats an undated one, a stated day beats none
    dated = {rec for rec, due, _d, _m in found if due}
    with_day = {rec for rec, due, on_day, _m in found if due is None and on_day}
    out: list[FoundDeadline] = []
    seen: set[tuple[str, str | None]] = set()
    for rec, due, on_day, in_month in found:
        superseded = due is None and (rec in dated or (not on_day and rec in with_day))
        if superseded or (rec, due) in seen:
            continue
        seen.add((rec, due))
        if due and on_day is None:
            on_day, in_month = due_parts(rec, due)
        out.append(FoundDeadline(rec, due, action, to, clause, on_day, in_month))
    return out


def _dated(
    day: int,
    month: int,
    year: str | None,
    idx: int | None,
    periods: list[tuple[int, int, Recurrence]],
    end: int,
    after: str,
    plan_year: int | None,
) -> list[tuple[Recurrence, str | None, int | None, int | None]]:
    """One dated cue as (recurrence, due, day, month): its own year makes it once, a period right after
    or bracketing it makes it recurrent, else it falls in the plan's year."""
    if not _valid(month, day):
        return []
    if year and not (idx is not None and periods[idx][1] > end):
        return [("once", f"{int(year):04d}-{month:02d}-{day:02d}", None, None)]
    if idx is not None:
        rec = periods[idx][2]
        due = f"{month:02d}-{day:02d}" if rec in ("yearly", "semiannual") else None
        return [(rec, due, *_within(rec, day, month))]
    if re.match(r"\s*(?:hằng|hàng)\s+năm", after, re.I) or _NEXT_YEAR.match(after):
        # "trước ngày 15/11 hằng năm"; "trước ngày 15 tháng 02 của năm liền kề sau năm báo cáo": every year
        return [("yearly", f"{month:02d}-{day:02d}", None, None)]
    if plan_year:
        return [("once", f"{plan_year:04d}-{month:02d}-{day:02d}", None, None)]
    return [("once", None, day, month)]


_NEXT_YEAR = re.compile(r"\s*(?:của\s+)?năm\s+(?:sau|tiếp theo|liền kề)\b", re.IGNORECASE)


def _within(rec: Recurrence, day: int, month: int) -> tuple[int, int]:
    """A calendar day/month as (day, month within the period): "6 tháng (trước ngày 15/12)" -> (15, 6)."""
    span = {"monthly": 1, "quarterly": 3, "semiannual": 6}.get(rec)
    return day, (month - 1) % span + 1 if span else month


def _only_period(periods: list[tuple[int, int, Recurrence]]) -> int | None:
    """The clause's period when it states one kind only: a date with no year recurs with it."""
    return 0 if periods and len({k for _s, _e, k in periods}) == 1 else None


def _kind(m: re.Match[str]) -> Recurrence:
    if m.group("monthly"):
        return "monthly"
    if m.group("quarterly"):
        return "quarterly"
    if m.group("semi"):
        return "semiannual"
    return "yearly"


def _period_for_date(
    periods: list[tuple[int, int, Recurrence]], start: int, end: int, text: str
) -> int | None:
    """The period a dated cue belongs to: right after it ("15/11 hằng năm") or just before it in brackets
    ("6 tháng (trước ngày 15/6)")."""
    for i, (s, _e, _k) in enumerate(periods):
        if 0 <= s - end <= 3 and ")" not in text[end:s]:  # "6 tháng (trước ngày 15/6), năm": not "năm"'s
            return i
    best = None
    for i, (_s, e, _k) in enumerate(periods):
        gap = text[e:start]
        if 0 <= start - e <= 6 and re.fullmatch(r"[\s(,:]*", gap):
            best = i
    return best


# Public names for other readers of time phrases (annex tables).
PERIOD = _PERIOD
period_kind = _kind
