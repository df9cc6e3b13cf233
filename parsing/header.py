"""The plan's header: number, issuer, date, kind of document, title, place (NĐ 30/2020 layout).

Header cells arrive run together on one line ("Số: 33/KH-UBND Hậu Giang, ngày 13 tháng 3 năm 2018"),
OCR'd, or split over lines, and an incoming-mail stamp ("CÔNG VĂN ĐẾN Số: 3541 Ngày: 18/8/2022") looks
like a number and a date: a plan number always carries a type symbol ("/KH-UBND", "-KH/TU") and the
date of issue always follows a place name, so the stamp never matches.
"""

from __future__ import annotations

import datetime as dt
import re

from parsing.department_names import DEPARTMENT_NAMES
from parsing.model import PlanHeader
from parsing.vntext import collapse_ws, fold

_HEADER_LINES = 40

_NUMBER = re.compile(
    r"\bS[ốô]\s*(?:hiệu)?\s*[:.]?\s*(?:\*\*\s*)?(\d{1,6})\s*([/-])\s*((?:(?:19|20)\d\d\s*/\s*)?"
    r"[A-ZĐ][A-ZĐa-z0-9]*(?:\s*[-/]\s*[A-ZĐ][A-ZĐa-z0-9]*){0,3})"
)
# The national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", party: "ĐẢNG CỘNG SẢN VIỆT NAM") stands in the
# header; a web page's own lines may come before it.
# "HÒA" / "HOÀ", and what OCR makes of its tone mark ("HÓA", "HOA")
_HOA = r"C[OÔỘ]NG\s+H(?:[OÒÓỎÕỌ]A|O[AÀÁẢÃẠ])"
_MOTTO_LINE = re.compile(rf"{_HOA}\s+XÃ\s+HỘI|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
_MOTTO_REACH = 400  # lines searched for the motto
_BEFORE_MOTTO = 12  # lines of the issuer's cell before it
# "ngày 26 tháng 0 6 năm 2018": a digit split by OCR or a converter.
_SPLIT_DIGITS = re.compile(r"(?<=tháng )(\d)\s+(\d)(?=\s+năm)|(?<=ngày )(\d)\s+(\d)(?=\s+tháng)")
# "..., ngày tháng 11 năm 2025": the day left blank for the signer to fill in.
_NO_DAY = re.compile(r",\s*ngày\s+(?:\.{2,}|…+|_+)?\s*tháng\s+(?:\d{1,2}|\.{2,}|…+)\s*năm\s+\d{4}")
# "năm .2018": a speck of a worn scan that OCR read as a mark before the year
_PLACE_DATE = re.compile(
    r"(?:^|[\s,.;:*|(_])((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ.]*[ \t]+){0,4}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)[ \t]*,\s*ngày\s+(\d{1,2})\s*"
    r"(?:tháng\s*(\d{1,2})\s*năm\s*[.,'`]?\s*(\d{4})|[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}))"
)
_EMPHASIS_RUNS = re.compile(r"\*+")
_BARE_DATE = re.compile(r"^\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.M)
_KINDS = (
    "KẾ HOẠCH HÀNH ĐỘNG",
    "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "KẾ HOẠCH",
    "CHƯƠNG TRÌNH",
    "QUYẾT ĐỊNH",
    "CHỈ THỊ",
    "THÔNG BÁO",
    "HƯỚNG DẪN",
    "BÁO CÁO",
    "TỜ TRÌNH",
    "CÔNG VĂN",
    "ĐỀ ÁN",
)
_KIND_LINE = re.compile(rf"^\s*(?:#+\s*)?(?:\*\*)?\s*({'|'.join(_KINDS)})\b\s*(?:\*\*)?\s*(.*)$")
_MOTTO = re.compile(rf"\s*(?:{_HOA}|Độc lập|ĐẢNG CỘNG SẢN)\b.*$", re.IGNORECASE)
_PREAMBLE = re.compile(
    r"^(?:Thực hiện|Căn cứ|Nhằm|Để|Theo|Xét|Sau khi|Kính gửi|Ngày\s+\d{1,2})\b|^[IVX]+\s*[.\-–]\s|"
    # the body's first item when no blank line parts it from the title (a Word file's text)
    r"^(?:\d{1,2}|[a-zđ])\s*[.)]\s+\S|^[-+•]\s+\S"
)
_ISSUER_BODY = re.compile(
    r"^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND|HỘI ĐỒNG NHÂN DÂN|TỈNH ỦY|TỈNH UỶ|HUYỆN ỦY|THÀNH ỦY|ĐẢNG ỦY|"
    r"BAN THƯỜNG VỤ|SỞ [A-ZĐÀ-Ỹ ,&]+|BAN [A-ZĐÀ-Ỹ ]+|VĂN PHÒNG [A-ZĐÀ-Ỹ ]+)\s*(.*)$"
)
_LEVEL = re.compile(r"^(TỈNH|HUYỆN|THỊ XÃ|THÀNH PHỐ|XÃ|PHƯỜNG|THỊ TRẤN|QUẬN)\s+(.+)$")
_ISSUER_FROM_TEXT = re.compile(
    r"(Ban Thường vụ Tỉnh ủy|Ban Thường vụ Huyện ủy|Tỉnh ủy|Huyện ủy|Ủy ban nhân dân|UBND|Hội đồng nhân dân)"
    r"(?:\s+(tỉnh|huyện|xã|thị xã|thành phố|phường|thị trấn))?"
    r"(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)*)?"
    r"\s+(?:ban hành|xây dựng)\s+(?:kế hoạch|Kế hoạch|chương trình|Chương trình)"
)


_TITLE_LINES = 8
_KIND_REST_WORDS = 3  # "KẾ HOẠCH QUỐC GIA", "CHƯƠNG TRÌNH HÀNH ĐỘNG": words that name the kind of document
# NĐ 30/2020: a decision's authority stands alone under its title ("THỦ TƯỚNG CHÍNH PHỦ", "BỘ TRƯỞNG BỘ Y
# TẾ", "ỦY BAN NHÂN DÂN TỈNH GIA LAI", "CHỦ TỊCH ỦY BAN NHÂN DÂN ...")
_AUTHORITY_LINE = re.compile(
    r"(?:THỦ TƯỚNG CHÍNH PHỦ|CHÍNH PHỦ|(?:BỘ TRƯỞNG|CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN)\s+[A-ZĐÀ-Ỹ ,&-]+|"
    r"(?:ỦY|UỶ) BAN NHÂN DÂN(?:\s+[A-ZĐÀ-Ỹ ]+)?|BAN THƯỜNG VỤ\s+[A-ZĐÀ-Ỹ ]+)"
)
_ARTICLE_LINE = re.compile(r"^(?:Điều\s+\d{1,3}|Chương\s+(?:[IVX]{1,5}|\d{1,2}))\b")


def _caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _title_case(words: str) -> str:
    return " ".join(w.capitalize() for w in words.split())


def parse_number(head: str) -> str | None:
    """ "Số: 40 /KH - UBND" -> "40/KH-UBND"; party style "35-KH/TU" kept."""
    m = _NUMBER.search(head)
    if not m:
        return None
    symbol = re.sub(r"\s+", "", m.group(3))
    return f"{m.group(1)}{m.group(2)}{symbol}"


# "(Kèm theo Quyết định số ...)", "(Ban hành kèm theo ...)": the decision a plan goes with, under its title
WITH_DECISION = re.compile(r"\s*\(\s*(?:Ban hành\s+)?[Kk]èm theo\b")
_ISSUED_WITH = re.compile(
    rf"{WITH_DECISION.pattern}\s+(?:Quyết định|Nghị quyết|Chỉ thị)\s+số\s*:?\s*"
    r"(\d{1,6}\s*/\s*[\w/\-Đđ]+?)\s*,?\s*[Nn]gày\s+(\d{1,2})\s*(?:tháng\s*|/|-)\s*(\d{1,2})\s*"
    r"(?:năm\s*|/|-)\s*(\d{4})"
)


def _issuing_decision(lines: list[str]) -> tuple[str, dt.date | None] | None:
    """The number and date of the decision a plan is annexed to, from its "(Kèm theo Quyết định số ...)"."""
    m = _ISSUED_WITH.search(collapse_ws(" ".join(lines)))
    if not m:
        return None
    day, month, year = int(m.group(2)), int(m.group(3)), int(m.group(4))
    try:
        date = dt.date(year, month, day)
    except ValueError:
        date = None
    return re.sub(r"\s+", "", m.group(1)), date


def parse_date_place(head: str) -> tuple[dt.date | None, str | None]:
    head = _EMPHASIS_RUNS.sub(" ", head)  # "*Hà Nội, ngày 02 tháng* *5 năm 2024*": a converter's italics
    head = _SPLIT_DIGITS.sub(lambda m: "".join(g for g in m.groups() if g), head)
    m = _PLACE_DATE.search(head)
    if m:
        day = int(m.group(2))
        month = int(m.group(3) or m.group(5))
        year = int(m.group(4) or m.group(6))
        place = m.group(1).strip()
        place = re.sub(r"^(?:Số|KH|UBND)\b.*?\s(?=[A-ZĐ])", "", place) if " " in place else place
        try:
            return dt.date(year, month, day), place
        except ValueError:
            return None, place
    m2 = _BARE_DATE.search(head)
    if m2:
        try:
            return dt.date(int(m2.group(3)), int(m2.group(2)), int(m2.group(1))), None
        except ValueError:
            return None, None
    return None, None


def _issuer_from_cells(lines: list[str]) -> str | None:
    """ "ỦY BAN NHÂN DÂN / TỈNH ĐỒNG NAI" -> "UBND tỉnh Đồng Nai"; "TỈNH ỦY NGHỆ AN" -> "Tỉnh ủy Nghệ An"."""
    for i, line in enumerate(lines[:8]):
        cell = _MOTTO.sub("", line).strip(" *#")
        m = _ISSUER_BODY.match(cell)
        if not m:
            continue
        body, rest = m.group(1), m.group(2).strip()
        if not rest and i + 1 < len(lines):
            rest = _MOTTO.sub("", lines[i + 1]).strip(" *#")
        body_text = {
            "ỦY BAN NHÂN DÂN": "UBND",
            "UỶ BAN NHÂN DÂN": "UBND",
            "UBND": "UBND",
            "HỘI ĐỒNG NHÂN DÂN": "HĐND",
        }.get(body, body.capitalize())
        lv = _LEVEL.match(rest)
        if lv:
            return f"{body_text} {lv.group(1).lower()} {_title_case(lv.group(2))}"
        if rest and rest.isupper() and len(rest) < 40:
            return f"{body_text} {_title_case(rest)}"
        return body_text
    return None


# The issuing body's cell (NĐ 30/2020, Mẫu 1.x; HD 36-HD/VPTW for the party): the parent body above, the
# issuer below, in capitals, wrapped anywhere ("ỦY BAN NHÂN / DÂN / TỈNH ĐỒNG THÁP"), before the number.
_CELL_JUNK = re.compile(r"\*\*|#+|\||-{3,}|_{3,}|={3,}")
_MOTTO_REST = re.compile(r"CHỦ\s+NGHĨA\s+VIỆT\s+NAM|Tự do\s*-\s*Hạnh phúc|^HỘI\s+CHỦ", re.IGNORECASE)
_NUMBER_LINE = re.compile(r"^\s*(?:\*\*)?\s*S[ốô]\b")
_STAMP_NUMBER = re.compile(r"\bS[ốô]\s*:\s*\d+\s*$")
# A segment that ends with the place the body governs: "XÃ LƯƠNG MINH", "HUYỆN ỦY LỤC NAM" (a party
# committee carries its place), "TỈNH ĐỒNG NAI".
_PLACE_AT_END = re.compile(
    r"(?:^|\s)(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)(\s+(?:ỦY|UỶ))?\s+"
    r"(?!(?:ỦY|UỶ)$)([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ]*)$"  # "TỈNH ỦY" alone names no place
)
_BODY_START = re.compile(
    r"^(?:UBND|HĐND|(?:ỦY|UỶ) BAN|BAN|TIỂU BAN|SỞ|BỘ|THỦ TƯỚNG|CHÍNH PHỦ|ĐẢNG|"
    r"(?:TỈNH|HUYỆN|THÀNH|THỊ) (?:ỦY|UỶ)|CHI BỘ|HỘI|VĂN PHÒNG|CỤC|TỔNG CỤC|CHI CỤC|TRUNG TÂM|CÔNG AN|"
    r"BỘ CHỈ HUY|ĐOÀN|LIÊN|TÒA|VIỆN|KHO BẠC|"
    r"NGÂN HÀNG|BẢO HIỂM|QUỐC HỘI|PHÒNG|TỔ)\b"
)
_PARENT_ONLY = re.compile(r"^(?:ĐẢNG BỘ|BAN CHẤP HÀNH)\b")
_ACRONYMS = frozenset(
    ["MTTQ", "UBND", "HĐND", "BCĐ", "TW", "VN", "QH", "TNCS", "CCB", "LĐLĐ", "BHXH", "ĐĐQH"]
)


# Words that keep their capital inside a body's name, and heads after which the name's first word does.
_PROPER = {
    "việt nam": "Việt Nam",
    "chính phủ": "Chính phủ",
    "quốc hội": "Quốc hội",
    "trung ương": "Trung ương",
    "mặt trận tổ quốc": "Mặt trận Tổ quốc",
    "ủy ban nhân dân": "Ủy ban nhân dân",
    "hội đồng nhân dân": "Hội đồng nhân dân",
    "đảng": "Đảng",
}
_PROPER_RE = re.compile(r"\b(?:" + "|".join(_PROPER) + r")\b")
_HEAD_WORDS = re.compile(
    r"\b(?:bộ|sở|ban|tiểu ban|ủy ban|uỷ ban|phòng|cục|chi cục|văn phòng|đảng đoàn|thủ tướng|ban chỉ đạo)\s+"
    r"(?=[^\W\d])",
    re.IGNORECASE,
)


def display_caps(words: str) -> str:
    """ "ỦY BAN MTTQ VIỆT NAM" -> "Ủy ban MTTQ Việt Nam", "SỞ Y TẾ" -> "Sở Y tế", "BỘ VĂN HÓA, THỂ THAO VÀ
    DU LỊCH" -> "Bộ Văn hóa, Thể thao và Du lịch": sentence case, acronyms kept, a name's first word and
    standard department names capitalised."""
    out = [
        w if w in _ACRONYMS else (w.capitalize() if i == 0 else w.lower())
        for i, w in enumerate(words.split())
    ]
    text = " ".join(out)
    text = _PROPER_RE.sub(lambda m: _PROPER[m.group()], text)
    head = _HEAD_WORDS.search(text)
    if head and not text[head.end() :].startswith((*_ACRONYMS, "nhân dân")):
        rest = text[head.end() :]
        name = next((n for n in DEPARTMENT_NAMES if rest.lower().startswith(n.lower())), None)
        rest = name + rest[len(name) :] if name else rest[:1].upper() + rest[1:]
        text = text[: head.end()] + rest
    return text


def _cell_segments(lines: list[str]) -> list[str]:
    """The capitals of the issuer's cell, one segment per line, up to the number, title or date."""
    segments: list[str] = []
    for line in lines[:_HEADER_LINES]:
        if _STAMP_NUMBER.search(line):
            return []  # an incoming-mail stamp ("CÔNG VĂN ĐẾN Số: 3541") where the issuer's cell should be
        if (
            _NUMBER_LINE.match(line)
            or _NUMBER.search(line)
            or _KIND_LINE.match(line)
            or _PLACE_DATE.search(line)
        ):
            break
        cell = collapse_ws(_CELL_JUNK.sub(" ", _MOTTO.sub("", line)))
        if not cell or _MOTTO_REST.search(cell):
            continue
        letters = [c for c in cell if c.isalpha()]
        if letters and all(c.isupper() for c in letters):
            segments.append(cell)
        elif segments:
            break
    # a word cut by a wrap ("ỦY BAN NHÂN" / "DÂN"): rejoin lines that end inside a body's name
    return segments


def issuer_of_cell(lines: list[str]) -> str | None:
    """The issuer from the capitals of its header cell, its place last (the jurisdiction is read from
    it): "ỦY BAN MTTQ VIỆT NAM / XÃ LƯƠNG MINH / BAN THƯỜNG TRỰC" -> "Ban thường trực Ủy ban MTTQ Việt Nam
    xã Lương Minh"; "ỦY BAN NHÂN / DÂN / TỈNH ĐỒNG THÁP" -> "UBND tỉnh Đồng Tháp"; "ĐẢNG BỘ TỈNH BẮC
    GIANG / HUYỆN ỦY LỤC NAM" -> "Huyện ủy Lục Nam"; "BAN CHẤP HÀNH TRUNG ƯƠNG / ĐẢNG ĐOÀN QUỐC HỘI" ->
    "Đảng đoàn Quốc hội". A joint plan ("UBND TỈNH X / ỦY BAN MTTQ TỈNH X") is given its first issuer."""
    segments = _merge_wrapped(_cell_segments(lines))
    if not segments:
        return None
    text = " ".join(segments)
    text = re.sub(r"^(?:ỦY|UỶ) BAN NHÂN DÂN\b", "UBND", text)
    if not _BODY_START.match(text):
        return None  # an incoming-mail stamp or OCR noise, not the issuer's cell
    places = [i for i, seg in enumerate(segments) if _PLACE_AT_END.search(seg)]
    if not places:
        starts = [m.start() for m in _SUB_BODY.finditer(segments[-1])]
        body = segments[-1] if len(segments) > 1 and starts == [0] else text
        return display_caps(body)
    k = places[0]
    if len(places) > 1 and _PARENT_ONLY.match(" ".join(segments[: k + 1])):
        k = places[1]
    first = places[places.index(k) - 1] + 1 if places.index(k) else 0
    m = _PLACE_AT_END.search(segments[k])
    assert m is not None
    parent = collapse_ws(" ".join([*segments[first:k], segments[k][: m.start()]]))
    parent = re.sub(r"^(?:ỦY|UỶ) BAN NHÂN DÂN\b", "UBND", parent)
    level, place = m.group(1).lower(), _title_case(m.group(3))
    nxt = places[places.index(k) + 1] if places.index(k) + 1 < len(places) else len(segments)
    sub = collapse_ws(" ".join(segments[k + 1 : nxt]))
    if m.group(2):  # a party committee: "Huyện ủy Lục Nam", "TỈNH ỦY NGHỆ AN / BAN THƯỜNG VỤ"
        committee = f"{level.capitalize()} ủy {place}"
        return f"{display_caps(sub)} {committee}" if sub and _SUB_BODY.match(sub) else committee
    if parent == "ĐẢNG BỘ":
        # HD 36-HD/VPTW: the party organisation above, the issuing committee below ("ĐẢNG BỘ TỈNH NGHỆ AN /
        # TỈNH ỦY", "... / ĐẢNG ỦY CÁC CƠ QUAN ĐẢNG TỈNH")
        if _LONE_COMMITTEE.fullmatch(sub):
            return f"{sub.split()[0].capitalize()} ủy {place}"
        if sub and _SUB_BODY.match(sub):
            return f"{display_caps(sub)} {place}"
    if sub and _SUB_BODY.match(sub):
        owner = "" if parent in ("UBND", "") else f" {display_caps(parent)}"
        return f"{display_caps(sub)}{owner} {level} {place}"
    return f"{display_caps(parent)} {level} {place}" if parent else f"{level} {place}"


_LONE_COMMITTEE = re.compile(r"(?:TỈNH|THÀNH|HUYỆN|THỊ|QUẬN)\s+(?:ỦY|UỶ)")
_SUB_BODY = re.compile(
    r"(?:BAN|TIỂU BAN|ĐẢNG ĐOÀN|ĐẢNG ỦY|ĐẢNG UỶ|CHI BỘ|VĂN PHÒNG|SỞ|PHÒNG|CỤC|CHI CỤC|TRUNG TÂM|TỔ)\b"
)


def _merge_wrapped(segments: list[str]) -> list[str]:
    """ "ỦY BAN NHÂN" / "DÂN", "BỘ VĂN HÓA, THỂ" / "THAO VÀ DU LỊCH", "THỦ TƯỚNG" / "CHÍNH PHỦ": a line
    that does not start a body or a place continues the one before."""
    out: list[str] = []
    for seg in segments:
        starts_new = (
            _BODY_START.match(seg)
            or _PLACE_AT_END.match(seg)
            or re.match(r"(?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\b", seg)
        )
        if out and (not starts_new or re.search(r"\b(?:NHÂN|THỂ|VÀ|VỀ|CỦA)$", out[-1])):
            out[-1] = f"{out[-1]} {seg}"
        else:
            out.append(seg)
    return out


def _issuer_from_text(text: str, place: str | None, head: str) -> str | None:
    m = _ISSUER_FROM_TEXT.search(text)
    if not m:
        return None
    body = m.group(1).replace("Ban Thường vụ ", "")
    body = "UBND" if body == "Ủy ban nhân dân" else body
    level = m.group(2)
    if level and place:
        return f"{body} {level} {place}"
    province = re.search(r"\bTỈNH\s+([A-ZĐÀ-Ỹ]+(?:\s+[A-ZĐÀ-Ỹ]+)?)\b", head)
    if body in ("Tỉnh ủy",) and province:
        return f"{body} {_title_case(province.group(1))}"
    return f"{body} {place}" if place and level else body


def _header_start(lines: list[str]) -> int:
    """The first line of the document's own header: a few lines before the national motto when a web
    page's lines (site name, metadata table) come first, else the first line."""
    head = "\n".join(lines[:_MOTTO_REACH])
    m = _MOTTO_LINE.search(head)
    if not m:
        return 0
    at = head.count("\n", 0, m.start())
    return max(0, at - _BEFORE_MOTTO) if at >= _HEADER_LINES // 2 else 0


def parse_header(text: str) -> tuple[PlanHeader, int]:
    """The header and the index of the first body line (after the title)."""
    all_lines = text.splitlines()
    start = _header_start(all_lines)
    header, body_start = _parse_header(all_lines[start:])
    return header, start + body_start


def _parse_header(lines: list[str]) -> tuple[PlanHeader, int]:
    kind: str | None = None
    title_lines: list[str] = []
    body_start = 0
    kind_at = None
    rest = ""
    for i, line in enumerate(lines[:_HEADER_LINES]):
        m = _KIND_LINE.match(line)
        if m and re.match(r"\s*(?:ĐẾN|đến)\b|.*\bSố\b", m.group(2)):
            continue  # "CÔNG VĂN ĐẾN Số: 812": an incoming-mail stamp
        if m and (m.group(2) == "" or not m.group(2)[:1].islower()):
            kind, kind_at = m.group(1), i
            rest = m.group(2).strip(" *")
            if rest.strip(":.-–"):  # "KẾ HOẠCH :" (OCR's stray mark): the title is on the next lines
                title_lines.append(rest)
            break
    if kind_at is not None:
        j = kind_at + 1
        while j < len(lines):
            s = lines[j].strip().strip("*#").strip()
            if not s:
                if title_lines:
                    break
                j += 1
                continue
            if _ARTICLE_LINE.match(s) or (title_lines and _AUTHORITY_LINE.fullmatch(s)):
                break  # "Điều 1.", "THỦ TƯỚNG CHÍNH PHỦ": the decision's article or authority, not its title
            bold = lines[j].strip().lstrip("#").strip().startswith("**")
            if set(s) <= set("-_=*") or (title_lines and not bold and _PREAMBLE.match(s)):
                break
            if WITH_DECISION.match(s):
                break  # "(Kèm theo Quyết định số ...)": the decision the plan goes with, under its title
            kind_words = title_lines == [rest] and j == kind_at + 1 and len(rest.split()) <= _KIND_REST_WORDS
            if kind_words and _caps(rest) and not _caps(s) and s[:1].isupper():
                title_lines = []  # "KẾ HOẠCH QUỐC GIA" / "Thích ứng với ...": the kind's own words
            if title_lines and _caps(" ".join(title_lines)) and not _caps(s) and s[:1].isupper():
                break  # a title in capitals ends where the text in ordinary case begins
            title_case = " ".join(title_lines)
            if title_lines and any(c.islower() for c in title_case) and not _caps(title_case) and _caps(s):
                break  # ... and one in ordinary case where a capitals line begins (the decision's authority)
            if len(title_lines) >= _TITLE_LINES or (title_lines and title_lines[-1].endswith((".", ":"))):
                break  # a title ends no sentence: a line ending one was the body's first paragraph
            title_lines.append(s)
            j += 1
        body_start = j
    head_text = "\n".join(lines[: (kind_at if kind_at is not None else _HEADER_LINES)])
    number = parse_number(head_text)
    issued_on, place = parse_date_place(head_text)
    if issued_on is None and _NO_DAY.search(head_text):
        pass  # the date is printed without its day: none, rather than a date from the body
    elif issued_on is None and kind_at is None:
        issued_on, place = parse_date_place("\n".join(lines[:_HEADER_LINES]))
    under_title = lines[kind_at : kind_at + 12] if number is None and kind_at is not None else []
    if under_title and (issued := _issuing_decision(under_title)) is not None:
        # the plan printed alone, its decision named under its title: "(Kèm theo Quyết định số 1422/QĐ-TTg
        # ngày 19 tháng 11 năm 2024 của Thủ tướng Chính phủ)" gives the number and date it goes by
        number, issued_on = issued[0], issued_on or issued[1]
    issuer = issuer_of_cell(lines) or _issuer_from_cells(
        [ln.strip() for ln in lines[: kind_at or _HEADER_LINES] if ln.strip()]
    )
    if issuer is None:
        issuer = _issuer_from_text(
            collapse_ws(" ".join(lines[body_start : body_start + 30])), place, head_text
        )
    title = collapse_ws(" ".join(title_lines)).strip(" *") or None
    if title and fold(title) == "":
        title = None
    return PlanHeader(
        number=number, issuer=issuer, issued_on=issued_on, title=title, kind=kind, place=place
    ), body_start
