"""Offices held by people, as assignees: "Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực ...".

Front committees, party cells and election boards assign work to the person holding an office, not to a
body. The office belongs to the issuing body; several holders ("các đồng chí ...") are a class. One person
may hold two offices ("Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch Ủy ban MTTQ xã") or an office and a
role in the issuer ("Trưởng Ban Xây dựng Đảng - Trưởng Tiểu ban").
"""

from __future__ import annotations

import re

from parsing.mention import Mention
from parsing.unit_names import OF_EACH, ROLE_VERB, WORD, clean, consume_name, skip_ws
from parsing.units_lexicon import NAMED_HEAD_RE

# "Đồng chí", "các đồng chí", "đ/c": a person named by office ("Đồng chí Phó Chủ tịch Thường trực").
COMRADE = re.compile(r"(?:[Cc]ác\s+)?(?:[Đđ]ồng\s+chí|[Đđ]/[Cc])\s+(?=[A-ZĐÀ-Ỹ])")
POSITION_WORD = re.compile(
    r"(?:Phó\s+)?(?:[Cc]hủ tịch|Trưởng ban|Trưởng Ban|Trưởng|Bí thư|Ủy viên|Uỷ viên|Chánh Văn phòng|"
    r"Chủ nhiệm|Giám đốc|Thủ trưởng|Chỉ huy trưởng|Tổng Biên tập|Thư ký|Chuyên viên|Cán bộ|Kế toán|Văn thư|"
    r"(?:Tỉnh|Thành|Huyện|Thị|Đảng)\s+(?:ủy|uỷ)\s+viên)"
    r"(?![\wÀ-ỹ])"
)
# "... phụ trách lĩnh vực Giám sát và Phản biện xã hội": the field an office holder is in charge of
# ("phụ trách công tác tổng hợp, báo cáo ..." is a duty, not an office)
IN_CHARGE = re.compile(r"\s*,?\s*phụ trách\s+(?:lĩnh vực|mảng|địa bàn)\s+")
_IN_CHARGE_STOP = re.compile(r"[;:.()]|\s[-–]\s(?=[A-ZĐÀ-Ỹ])")
# "Đồng chí Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban": an office and the role it holds in the issuer
_ROLE_IN_BODY = re.compile(
    r"\s+[-–]\s+(?=(?:Phó\s+)?(?:Trưởng|Ủy viên|Uỷ viên|Thành viên|Thư ký|Tổ trưởng)\b)"
)
# A person holding two offices: "Đồng chí Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch Ủy ban MTTQ xã"
_SECOND_OFFICE = re.compile(
    r"\s*,\s*(?=(?:Phó\s+)?(?:Chủ tịch|Trưởng|Bí thư|Ủy viên|Uỷ viên|Chủ nhiệm|Giám đốc)\b)"
)


def office_mention(text: str, start: int, pos: int) -> tuple[list[Mention], int] | None:
    """An office held by a person ("Đồng chí Phó Chủ tịch Thường trực", "Trưởng Ban công tác Mặt trận
    các thôn"): an assignee of its own, belonging to the issuing body. Several ("các đồng chí ...") are a
    class."""
    w = POSITION_WORD.match(text, pos)
    if not w:
        return None
    last = w.start() + w.group().rfind(" ") + 1  # "Trưởng Ban xây dựng Đảng": "Ban ..." is a body's name
    body_head = NAMED_HEAD_RE.match(text, last) if last > w.start() else None
    if body_head and body_head.end() > w.end():
        end = consume_name(text, body_head.end())
    else:
        end = consume_name(text, w.end())
    while second := _SECOND_OFFICE.match(text, end):
        end = consume_name(text, POSITION_WORD.match(text, second.end()).end())  # type: ignore[union-attr]
    while role := _ROLE_IN_BODY.match(text, end):
        end = consume_name(text, role.end())  # "... - Phó Trưởng tiểu ban Thường trực": the role held here
    if field := IN_CHARGE.match(text, end):
        # "phụ trách địa bàn theo dõi, chỉ đạo ...": no field named, the predicate follows at once
        bare = field.group().rstrip().endswith("địa bàn") and ROLE_VERB.match(text, field.end())
        end = field.end() - 1 if bare else _field_end(text, field.end())
    body = clean(text[start:end])
    group = bool(re.match(r"[Cc]ác\s", body)) or bool(OF_EACH.search(body))
    return [Mention(body, group, position=True)], end


def _field_end(text: str, pos: int) -> int:
    """Where the field after "phụ trách" ends: at a clause's punctuation or where a predicate starts."""
    stop = _IN_CHARGE_STOP.search(text, pos)
    limit = stop.start() if stop else len(text)
    q = pos
    while q < limit:
        w = WORD.match(text, skip_ws(text, q))
        if not w or w.start() >= limit:
            break
        if w.start() > pos and ROLE_VERB.match(text, w.start()) and text[w.start() - 2] != ",":
            return q
        q = w.end()
        while q < limit and text[q] in ", ":
            q += 1
    return min(limit, len(text.rstrip()))


def office_title(text: str) -> str | None:
    """The title of the one office an assignment names ("Đồng chí Phó chủ tịch Thường trực" -> "Phó chủ
    tịch Thường trực"), or None when the text names no office, or several holders (a class)."""
    comrade = COMRADE.match(text)
    if comrade is None and not POSITION_WORD.match(text):
        return None
    if comrade is not None and comrade.group().lower().startswith("các"):
        return None
    return clean(text[comrade.end() if comrade else 0 :]) or None
