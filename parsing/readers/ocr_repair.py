"""Repair the OCR misreads that cost the extractor most, with the unit directory and the date grammar
as the dictionary.

What Tesseract's Vietnamese model gets wrong on plans (counted on the OCR test set made from the real
plans, testkit/scans), and what is done about each:

- the tone marks hỏi and sắc swapped on a stroke or two ("tổ chức" -> "tố chức", "Chuyển đổi số" ->
  "Chuyến đối số"): a run of words spelt like a phrase of a unit name except for its tone marks is
  given the phrase's tones. Only tones: "các số" never becomes "các sở" (ô and ơ are different
  letters), and a run that is itself a known phrase is left alone;
- table headings read with a stray mark ("Cơ quan chủ a trị"): a heading cell close to a known
  column name becomes that name, since the extractor finds the lead and supporting units by them;
- dates and numbers with letters for digits ("2O25", "1l/2025", "Quý 1/2026" for Quý I, "HI/2027"
  for Quý III), and "Só:" / "Sô:" before the plan number.

The dictionary is the extractor's own lexicon of unit names (parsing.units_lexicon) plus the names
the caller knows (the unit directory in the database). Nothing here needs a word list of Vietnamese.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz

from parsing.department_names import DEPARTMENT_NAMES
from parsing.units_lexicon import KINDS, NAMED_HEADS

_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MAX_PHRASE = 6

# Phrases that name units and their kinds beyond the lexicon's heads: what plans print most.
_EXTRA_PHRASES = (
    "Ủy ban nhân dân tỉnh",
    "Ủy ban nhân dân thành phố",
    "Trung tâm Chuyển đổi số",
    "chuyển đổi số",
    "Sở Văn hóa, Thể thao và Du lịch",
    "tổ chức chính trị - xã hội",
    "Liên hiệp các tổ chức hữu nghị",
    "Ban Chỉ đạo",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Đài Phát thanh và Truyền hình",
    "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân",
    "Hội Cựu chiến binh",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Ban Quản lý các khu công nghệ cao và khu công nghiệp",
    "các sở, ban, ngành",
    "đơn vị, địa phương",
    "chủ trì, phối hợp",
    "chủ trì",
    "phối hợp",
    "triển khai",
    "tổng hợp",
    "hằng năm",
    "hằng quý",
    "định kỳ",
    "trước ngày",
    "chậm nhất",
    "báo cáo",
)

# Column names of task tables (the extractor reads lead and support units by them).
COLUMN_NAMES = (
    "TT",
    "STT",
    "Nội dung",
    "Nhiệm vụ",
    "Nội dung/nhiệm vụ",
    "Nội dung nhiệm vụ",
    "Nhiệm vụ, giải pháp",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Chủ trì",
    "Phối hợp",
    "Thời gian thực hiện",
    "Thời gian hoàn thành",
    "Thời hạn hoàn thành",
    "Thời gian dự kiến hoàn thành",
    "Tiến độ thực hiện",
    "Sản phẩm",
    "Kết quả dự kiến",
    "Kết quả",
    "Ghi chú",
    "Nguồn kinh phí",
    "Kinh phí",
)


def _untoned(text: str) -> str:
    """Lower case without tone marks, vowel letters kept (ô, ơ, ư, â, ă, ê, đ stay what they are)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))


@lru_cache(maxsize=8)
def _phrase_table(extra: tuple[str, ...]) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Untoned word run -> the run as spelt in the dictionary (runs of 2.._MAX_PHRASE words)."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    ambiguous: set[tuple[str, ...]] = set()
    for phrase in (*NAMED_HEADS, *(f"Sở {n}" for n in DEPARTMENT_NAMES), *KINDS, *_EXTRA_PHRASES, *extra):
        words = _WORD.findall(phrase)
        for size in range(2, min(_MAX_PHRASE, len(words)) + 1):
            for start in range(len(words) - size + 1):
                run = tuple(w.lower() for w in words[start : start + size])
                key = tuple(_untoned(w) for w in run)
                if table.get(key, run) != run:
                    ambiguous.add(key)
                table[key] = run
    for key in ambiguous:
        table.pop(key, None)
    return table


def _with_case(source: str, target: str) -> str:
    if source.isupper():
        return target.upper()
    if source[:1].isupper():
        return target[:1].upper() + target[1:]
    return target


def repair_tones(text: str, names: Iterable[str] = ()) -> str:
    """Give runs of words the tone marks of the unit-name phrase they are spelt as."""
    table = _phrase_table(tuple(sorted(set(names))))
    known = set(table.values())
    out: list[str] = []
    for line in text.split("\n"):
        words = list(_WORD.finditer(line))
        fixes: dict[int, str] = {}
        k = 0
        while k < len(words):
            for size in range(min(_MAX_PHRASE, len(words) - k), 1, -1):
                run = words[k : k + size]
                if any(line[a.end() : b.start()].strip(" ,-–") for a, b in itertools.pairwise(run)):
                    continue  # only words standing together (a comma or a dash may separate them)
                lowered = tuple(w.group().lower() for w in run)
                target = table.get(tuple(_untoned(w) for w in lowered))
                if target is None:
                    continue
                if lowered != target and lowered not in known:
                    for w, t in zip(run, target, strict=True):
                        fixes[w.start()] = _with_case(w.group(), t)
                k += size - 1
                break
            k += 1
        if fixes:
            pieces, last = [], 0
            for w in words:
                if w.start() in fixes:
                    pieces.append(line[last : w.start()] + fixes[w.start()])
                    last = w.end()
            line = "".join(pieces) + line[last:]
        out.append(line)
    return "\n".join(out)


# --- dates and numbers -----------------------------------------------------------------------------

_DIGITISH = str.maketrans({"O": "0", "o": "0", "Q": "0", "D": "0", "l": "1", "I": "1", "|": "1", "i": "1"})
_DATE_TOKEN = re.compile(r"(?<![\wÀ-ỹ])([0-9OoIl|]{1,2})([/.-])([0-9OoIl|]{1,2})\2([0-9OoIl|]{4})(?![\wÀ-ỹ])")
_YEAR = re.compile(r"(?<=năm )([0-9OoIl|]{4})(?![\wÀ-ỹ])|(?<=/)(2[0O][0-9OoIl|]{2})(?![\wÀ-ỹ])")
_QUARTER = re.compile(r"(?<=[Qq]uý )([1lI|H]{1,3}|IV|1V|lV)(?=/\d{4}|\s+(?:năm\s+)?\d{4}|[\s.,;]|$)")
_NUMBER_LABEL = re.compile(r"(?<![\wÀ-ỹ])(?:S[óòỏõọôốồổỗộơớờởỡợo6]|5ố)\s*:\s*(?=\d)")
_DATE_WORDS = (
    (re.compile(r"(?<![\wÀ-ỹ])ng[aàáảãạ][yý](?=\s+\d{1,2}\s+\S+\s+\d{1,2})", re.I), "ngày"),
    (re.compile(r"(?<=\d )th[aàáảãạ]ng(?=\s+\d{1,2}\s+n)", re.I), "tháng"),
    (re.compile(r"(?<=\d )n[aàáảãạăằắẳẵặ]m(?=\s+[0-9OoIl]{4})", re.I), "năm"),
)


def _quarter(match: re.Match[str]) -> str:
    token = match.group(1)
    if token in ("1V", "lV"):
        return "IV"
    if token == "H":
        return "II"
    return token.replace("H", "II").replace("1", "I").replace("l", "I").replace("|", "I")


def repair_dates(text: str) -> str:
    """Digits read as letters in dates, Roman quarters read as digits, "Số:" misread."""
    for pattern, word in _DATE_WORDS:
        text = pattern.sub(lambda m, w=word: _with_case(m.group(), w), text)  # type: ignore[misc]
    text = _DATE_TOKEN.sub(
        lambda m: (
            f"{m[1].translate(_DIGITISH)}{m[2]}{m[3].translate(_DIGITISH)}{m[2]}{m[4].translate(_DIGITISH)}"
        ),
        text,
    )
    text = _YEAR.sub(lambda m: m.group().translate(_DIGITISH), text)
    text = _QUARTER.sub(_quarter, text)
    return _NUMBER_LABEL.sub("Số: ", text)


# --- table headings --------------------------------------------------------------------------------

_ROW = re.compile(r"^\|(.*)\|$")


def repair_headings(text: str) -> str:
    """The first row of each pipe table: cells close to a known column name become that name."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        m = _ROW.match(line.strip())
        if m is None or (k > 0 and lines[k - 1].strip().startswith("|")):
            continue
        cells = [c.strip() for c in m.group(1).split("|")]
        fixed = [_column_name(c) for c in cells]
        if fixed != cells:
            lines[k] = "| " + " | ".join(fixed) + " |"
    return "\n".join(lines)


def _column_name(cell: str) -> str:
    plain = " ".join(cell.replace("<br>", " ").split())
    if not plain or len(plain) > 45:
        return cell
    best = max(COLUMN_NAMES, key=lambda name: fuzz.ratio(_untoned(plain), _untoned(name)))
    score = fuzz.ratio(_untoned(plain), _untoned(best))
    return best if 80 <= score < 100 or (score == 100 and plain != best) else cell


def repair(text: str, names: Iterable[str] = ()) -> str:
    """All repairs, in order: tables' headings, dates and numbers, then tones of unit phrases."""
    return repair_tones(repair_dates(repair_headings(text)), names)
