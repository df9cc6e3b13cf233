"""The one-line commands an admin types to correct a plan: on Zalo and the console (which have no
buttons), after a button that asks for a name or a date on Telegram, and on the command line
(`dutybot plans edit ID ...`). One grammar, Vietnamese with or without diacritics, or English:

    xem [12 | h3 | n2 | d4 | tất cả | h | n | d]   show a row, a deadline, a doubt, a unit's rows, a list
    xoá 12 [13 ...] | xoá h3                       remove duties or deadlines
    vai 12 [chủ trì | phối hợp]                    switch lead <-> support
    thêm 12 chủ trì Sở Tư pháp [| nhiệm vụ]        add a unit (or a position) to row 12's duty
    thêm n2 phối hợp Sở X                          ... to the passage of doubt n2 (an item with no unit)
    gộp 12 13                                      merge two rows the extractor split
    hạn h3 15/12/2026 | hằng năm 15/12 | hằng quý 10 | 4/2026 ...   a deadline's date and recurrence
    nộp h3 Sở A; Sở B                              who owes deadline h3
    gửi h3 Sở Nội vụ  (gửi h3 - : none)            who receives it
    thêm hạn Sở A | hằng năm 15/12 | Sở B | trích đoạn     add a deadline, quoting its text
    thêm hạn n2 Sở A | hằng năm 15/12               ... from the passage of doubt n2
    chọn n2 1 | chọn n2 Sở Văn hóa ...             the directory's unit for an unknown name
    bỏ qua n2 | hoàn tác | nhập | huỷ | lệnh

Parsing only: `parse_command` turns a line into a `Command`; services.review_commands resolves its
numbers against what the admin was shown and turns it into a `services.corrections.Correction`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from parsing.vntext import collapse_ws, fold, nfc, strip_marks
from services.corrections import CorrectionError

# folded word(s) -> verb; the longest match wins ("them han" before "them")
_VERBS: dict[str, str] = {
    "xem": "show",
    "show": "show",
    "mo": "show",
    "open": "show",
    "list": "show",
    "xoa": "remove",
    "remove": "remove",
    "delete": "remove",
    "rm": "remove",
    "vai": "role",
    "doi vai": "role",
    "role": "role",
    "them": "add",
    "add": "add",
    "gop": "merge",
    "merge": "merge",
    "han": "due",
    "ngay": "due",
    "due": "due",
    "date": "due",
    "nop": "owes",
    "owes": "owes",
    "owed by": "owes",
    "gui": "to",
    "noi nhan": "to",
    "to": "to",
    "recipient": "to",
    "them han": "add_deadline",
    "themhan": "add_deadline",
    "add deadline": "add_deadline",
    "add dl": "add_deadline",
    "chon": "pick",
    "pick": "pick",
    "use": "pick",
    "bo qua": "skip",
    "boqua": "skip",
    "bo": "skip",
    "skip": "skip",
    "dismiss": "skip",
    "hoan tac": "undo",
    "hoantac": "undo",
    "undo": "undo",
    "nhap": "confirm",
    "luu": "confirm",
    "xac nhan": "confirm",
    "ok": "confirm",
    "confirm": "confirm",
    "save": "confirm",
    "huy": "cancel",
    "cancel": "cancel",
    "lenh": "help",
    "cac lenh": "help",
    "help": "help",
    "commands": "help",
}
_ROLES = {
    "chu tri": "lead",
    "chutri": "lead",
    "ct": "lead",
    "lead": "lead",
    "phoi hop": "support",
    "phoihop": "support",
    "ph": "support",
    "support": "support",
}
_ALL = {"tat ca", "tatca", "all", "het"}
_LISTS = {"h": "h", "han": "h", "n": "n", "d": "d", "don vi": "d"}
_TARGET = re.compile(r"^#?(?P<kind>[hHnNdD]?)(?P<n>\d{1,5})$")
_NONE = {"-", "khong", "none", "bo"}


@dataclass(frozen=True, slots=True)
class Command:
    """A parsed line. `targets` are "12" (a row), "h3" (a deadline), "n2" (a doubt), "d4" (a unit's
    rows), "all", or a list name ("h", "n", "d")."""

    verb: str
    targets: tuple[str, ...] = ()
    role: str | None = None
    text: str = ""
    parts: tuple[str, ...] = ()
    page: int = 1


def _words(line: str) -> list[str]:
    return collapse_ws(nfc(line)).split(" ") if line.strip() else []


def _take(words: list[str], table: dict[str, str]) -> tuple[str | None, list[str]]:
    """The longest run of leading words (1-2) found in `table`, and the words after it."""
    for size in (2, 1):
        if len(words) >= size:
            key = fold(" ".join(words[:size]))
            if key in table:
                return table[key], words[size:]
    return None, words


def target_kind(target: str) -> str:
    """ "row", "deadline", "doubt", "unit", or "list"."""
    m = _TARGET.match(target)
    if m is None:
        return "list"
    return {"": "row", "h": "deadline", "n": "doubt", "d": "unit"}[m["kind"].lower()]


def target_number(target: str) -> int:
    m = _TARGET.match(target)
    return int(m["n"]) if m else 0


def _target(word: str) -> str | None:
    m = _TARGET.match(word.strip())
    return f"{m['kind'].lower()}{int(m['n'])}" if m else None


def parse_command(line: str) -> Command | None:
    """The command on one line, or None when the line does not start with a command word.
    Raises CorrectionError (a usage text) when the command is recognised but malformed."""
    words = _words(line)
    verb, rest = _take(words, _VERBS)
    if verb is None:
        return None
    return _PARSERS[verb](verb, rest)


def _simple(verb: str, rest: list[str]) -> Command:
    return Command(verb)


def _show(verb: str, rest: list[str]) -> Command:
    if not rest:
        return Command(verb, ("home",))
    page = 1
    if len(rest) > 1 and rest[-1].isdigit():
        page = max(1, int(rest[-1]))
        rest = rest[:-1]
    folded = fold(" ".join(rest))
    if folded in _ALL:
        return Command(verb, ("all",), page=page)
    if folded in _LISTS:
        return Command(verb, (_LISTS[folded],), page=page)
    target = _target(rest[0]) if len(rest) == 1 else None
    if target is None:
        raise CorrectionError("rv.usage.show")
    return Command(verb, (target,), page=page)


def _remove(verb: str, rest: list[str]) -> Command:
    targets = tuple(t for t in (_target(w.strip(",")) for w in rest if w.strip(",")) if t is not None)
    if not targets or len(targets) != len([w for w in rest if w.strip(",")]):
        raise CorrectionError("rv.usage.remove")
    if any(target_kind(t) not in ("row", "deadline") for t in targets):
        raise CorrectionError("rv.usage.remove")
    return Command(verb, targets)


def _role(verb: str, rest: list[str]) -> Command:
    target = _target(rest[0]) if rest else None
    if target is None or target_kind(target) != "row":
        raise CorrectionError("rv.usage.role")
    role, tail = _take(rest[1:], _ROLES)
    if tail:
        raise CorrectionError("rv.usage.role")
    return Command(verb, (target,), role=role)


def _add(verb: str, rest: list[str]) -> Command:
    target = _target(rest[0]) if rest else None
    if target is None or target_kind(target) not in ("row", "doubt"):
        raise CorrectionError("rv.usage.add")
    body = " ".join(rest[1:])
    unit_part, _, duty = body.partition("|")
    words = _words(unit_part)
    role, words = _take(words, _ROLES)
    if role is None:  # "thêm 12 Sở Tư pháp phối hợp"
        for size in (2, 1):
            if len(words) > size and fold(" ".join(words[-size:])) in _ROLES:
                role, words = _ROLES[fold(" ".join(words[-size:]))], words[:-size]
                break
    unit = " ".join(words).strip()
    if role is None or not unit:
        raise CorrectionError("rv.usage.add")
    return Command(verb, (target,), role=role, text=unit, parts=(collapse_ws(duty),) if duty.strip() else ())


def _merge(verb: str, rest: list[str]) -> Command:
    targets = tuple(t for t in (_target(w.strip(",+&")) for w in rest if w.strip(",+&")) if t is not None)
    if len(targets) != 2 or any(target_kind(t) != "row" for t in targets) or targets[0] == targets[1]:
        raise CorrectionError("rv.usage.merge")
    return Command(verb, targets)


def _deadline_verb(usage: str) -> Callable[[str, list[str]], Command]:
    def parse(verb: str, rest: list[str]) -> Command:
        target = _target(rest[0]) if rest else None
        text = " ".join(rest[1:]).strip()
        if target is None or target_kind(target) != "deadline" or not text:
            raise CorrectionError(usage)
        return Command(verb, (target,), text=text)

    return parse


def _add_deadline(verb: str, rest: list[str]) -> Command:
    targets: tuple[str, ...] = ()
    first = _target(rest[0]) if rest else None
    if first is not None and target_kind(first) == "doubt":
        targets, rest = (first,), rest[1:]
    parts = tuple(p.strip() for p in " ".join(rest).split("|"))
    if len(parts) < 2 or not parts[0] or not parts[1] or (not targets and (len(parts) < 4 or not parts[3])):
        raise CorrectionError("rv.usage.add_deadline")
    return Command(verb, targets, parts=parts)


def _pick(verb: str, rest: list[str]) -> Command:
    target = _target(rest[0]) if rest else None
    text = " ".join(rest[1:]).strip()
    if target is None or target_kind(target) != "doubt" or not text:
        raise CorrectionError("rv.usage.pick")
    return Command(verb, (target,), text=text)


def _skip(verb: str, rest: list[str]) -> Command:
    target = _target(rest[0]) if len(rest) == 1 else None
    if target is None or target_kind(target) != "doubt":
        raise CorrectionError("rv.usage.skip")
    return Command(verb, (target,))


_PARSERS = {
    "show": _show,
    "remove": _remove,
    "role": _role,
    "add": _add,
    "merge": _merge,
    "due": _deadline_verb("rv.usage.due"),
    "owes": _deadline_verb("rv.usage.owes"),
    "to": _deadline_verb("rv.usage.to"),
    "add_deadline": _add_deadline,
    "pick": _pick,
    "skip": _skip,
    "undo": _simple,
    "confirm": _simple,
    "cancel": _simple,
    "help": _simple,
}


def is_none(text: str) -> bool:
    """ "-", "không", "none": the admin clears a value (a deadline's recipient)."""
    return fold(text) in _NONE or text.strip() == "-"


# --- dates and recurrences as an admin types them --------------------------------------------------


@dataclass(frozen=True, slots=True)
class When:
    """A deadline's recurrence and day in SCHEMA.md terms (`due`), with `day` / `month` for what
    `due` cannot carry (a quarterly day)."""

    recurrence: str
    due: str | None = None
    day: int | None = None
    month: int | None = None

    def fields(self) -> dict[str, object]:
        return {"recurrence": self.recurrence, "due": self.due, "day": self.day, "month": self.month}


_RECURRENCE_WORDS = (
    (
        re.compile(
            r"\b(?:hang|moi|dinh ky) (?:06|6|sau) thang\b|\b(?:06|6|sau) thang\b|\bnua nam\b|"
            r"\bsemiannual(?:ly)?\b|\bhalf yearly\b|\bevery 6 months\b"
        ),
        "semiannual",
    ),
    (re.compile(r"\b(?:hang|moi|dinh ky) quy\b|\bquarterly\b|\bevery quarter\b"), "quarterly"),
    (re.compile(r"\b(?:hang|moi|dinh ky) thang\b|\bmonthly\b|\bevery month\b"), "monthly"),
    (re.compile(r"\b(?:hang|moi|dinh ky) nam\b|\byearly\b|\bannual(?:ly)?\b|\bevery year\b"), "yearly"),
    (re.compile(r"\bmot lan\b|\bonce\b"), "once"),
)
_DMY = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b")
_MY = re.compile(r"\b(\d{1,2})[/.-](\d{4})\b")
_DM = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})\b")
_QUARTER_YEAR = re.compile(r"\bquy (i{1,3}|iv|[1-4])[/ ]+(?:nam )?(\d{4})\b")
_YEAR = re.compile(r"\bnam (\d{4})\b|^(\d{4})$")
_DAY = re.compile(r"\b(?:ngay )?(\d{1,2})\b")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_SPAN = {"monthly": 1, "quarterly": 3, "semiannual": 6, "yearly": 12}


def parse_when(text: str, *, current: str | None = None) -> When:
    """A deadline's date as typed: "15/12/2026" (once), "4/2026" (once, the month's last day),
    "quý IV/2026", "năm 2026", "hằng năm 15/12", "hằng năm" (no day yet), "hằng quý 10" (day 10;
    the month within the quarter left to the province's default), "hằng quý 10/3" (day 10 of each
    quarter's third month), "6 tháng 15/6", "hằng tháng 20". Without a recurrence word the deadline
    keeps `current`; a date with a year is then one-off and a day/month yearly. Raises
    CorrectionError on what it cannot read."""
    folded = re.sub(r"[^0-9a-z/.-]+", " ", strip_marks(nfc(text)).lower())
    folded = re.sub(r"\s*([/.-])\s*", r"\1", folded).strip()
    recurrence = next((rec for pattern, rec in _RECURRENCE_WORDS if pattern.search(folded)), None)
    try:
        if m := _DMY.search(folded):
            day, month, year = int(m[1]), int(m[2]), int(m[3])
            date = dt.date(year, month, day)
            if recurrence in (None, "once"):
                return When("once", date.isoformat())
            return _periodic(recurrence, day, month)
        if m := _QUARTER_YEAR.search(folded):
            quarter = _ROMAN.get(m[1]) or int(m[1])
            year = int(m[2])
            month = quarter * 3
            return When("once", dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat())
        if (m := _MY.search(folded)) and recurrence in (None, "once"):
            month, year = int(m[1]), int(m[2])
            return When("once", dt.date(year, month, calendar.monthrange(year, month)[1]).isoformat())
        if (m := _YEAR.search(folded)) and recurrence in (None, "once"):
            year = int(m[1] or m[2])
            return When("once", dt.date(year, 12, 31).isoformat())
        rec = recurrence or (current if current not in (None, "once") else None)
        if m := _DM.search(folded):
            day, month = int(m[1]), int(m[2])
            if rec is None:
                if current == "once":
                    raise CorrectionError("rv.err.when_year")
                rec = "yearly"
            if rec == "once":
                raise CorrectionError("rv.err.when_year")
            return _periodic(rec, day, month)
        if m := _DAY.search(folded):
            day = int(m[1])
            if rec is None:
                rec = "monthly"
            if rec in ("once", "yearly"):
                raise CorrectionError("rv.err.when_month" if rec == "yearly" else "rv.err.when_year")
            return _periodic(rec, day, None)
    except ValueError as exc:
        raise CorrectionError("rv.err.when", text=text) from exc
    if recurrence is not None and recurrence != "once":
        return When(recurrence)
    raise CorrectionError("rv.err.when", text=text)


def _periodic(recurrence: str, day: int, month: int | None) -> When:
    span = _SPAN[recurrence]
    if recurrence == "monthly":
        month = None
    elif month is not None and span < 12:
        month = (month - 1) % span + 1
    dt.date(2024, month or 1, day)  # validates (2024: 29/02 allowed)
    if recurrence == "yearly" and month is not None:
        return When("yearly", f"{month:02d}-{day:02d}", day, month)
    return When(recurrence, None, day, month)
