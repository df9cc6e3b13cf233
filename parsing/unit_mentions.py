"""Read a list of unit mentions at a given point of a sentence ("Sở Nội vụ, Sở Tài chính và các cơ quan ...").

Vietnamese puts the subject first and marks no boundary between a unit's name and its predicate, so a
name runs on while its words are capitalised or are not a predicate word (`VERBS`); commas and "và"
separate mentions unless they sit inside a standard name ("Sở Văn hóa, Thể thao và Du lịch").
A class of units is a determiner ("các") or a class word ("Cấp ủy") plus kinds; a class qualified only by
"liên quan" / "chức năng" is a catch-all that names nobody.
"""

from __future__ import annotations

import re
from dataclasses import replace

from parsing.department_names import DEPARTMENT_ANY_CASE_RE, DEPARTMENT_RE, MINISTRY_ONLY_RE, SHARED_HEADS
from parsing.mention import Mention, class_mention
from parsing.role_words import VERB_RE
from parsing.unit_names import (
    CAPITALISED_VERB,
    COMMITTEE,
    LOCALITY_KINDS,
    LOCALITY_PAIR,
    OF_EACH,
    ROLE_VERB,
    SEP,
    WORD,
    clean,
    consume_kinds,
    consume_name,
    is_upper_word,
    skip_ws,
)
from parsing.unit_positions import COMRADE, IN_CHARGE, POSITION_WORD, office_mention
from parsing.units_lexicon import (
    BARE_CLASS,
    CLASS_STARTS,
    DETERMINER,
    HEADS_NEEDING_NAME,
    KIND_RE,
    NAMED_HEAD_RE,
    NOT_UNITS,
    TITLES,
)

_ENDS_WITH_KIND = re.compile(r"(?<![\wÀ-ỹ])(?:xã|phường|huyện|thị xã|thị trấn|quận|đặc khu|tỉnh|thành phố)$")
_KIND_LIST = re.compile(r"\s*(?:,|và)\s*(?:cá nhân|doanh nghiệp|cơ quan|đơn vị|hội|đoàn thể)\b")
_SAME_HEAD = re.compile(r"\s+(?=Sở [A-ZĐÀ-Ỹ])")  # "Sở Khoa học và Công nghệ Sở Công Thương": a lost break
_LOCALITY_GROUP_HEADS = re.compile(r"^(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND)$")

_LIST_SEP = re.compile(r"\s*(?:[,;]\s*(?:và\s+)?|và\s+)")
_COLON = re.compile(r"\s*:\s*")


def _shared_names(text: str, pos: int, *, ministries: bool = False) -> tuple[list[str], int]:
    """Standard department names sharing one head: "Nội vụ, Tài chính, Tư pháp" -> three names.
    Stops at the first piece that is not a standard name (the list, or the name, ends there)."""
    names: list[str] = []
    end = pos
    while True:
        at = skip_ws(text, pos)
        m = DEPARTMENT_RE.match(text, at) or (MINISTRY_ONLY_RE.match(text, at) if ministries else None)
        if not m and text[at : at + 1].isupper():
            m = DEPARTMENT_ANY_CASE_RE.match(text, at)  # "Các Bộ: ..., Thông tin và truyền thông"
        if not m:
            break
        names.append(m.group())
        end = m.end()
        sep = _LIST_SEP.match(text, end)
        if not sep:
            break
        pos = sep.end()
    return names, end


def _shared_head(
    text: str, head_end: int, head: str, *, after_colon: bool
) -> tuple[list[Mention], int] | None:
    """ "Sở Nội vụ, Tài chính, Tư pháp" / "Các Sở: Y tế, Tư pháp" -> one mention per named body."""
    pos = head_end
    if after_colon:
        colon = _COLON.match(text, pos)
        if not colon:
            return None
        pos = colon.end()
    names, end = _shared_names(text, pos, ministries=head.lower() == "bộ")
    if len(names) < (1 if after_colon else 2):
        return None
    nxt = WORD.match(text, skip_ws(text, end))
    if nxt and is_upper_word(nxt.group()) and not NAMED_HEAD_RE.match(text, nxt.start()):
        return None  # the last piece runs on into a longer proper name: not a plain list
    head = head[:1].upper() + head[1:]
    return [Mention(f"{head} {n}", False) for n in names], end


_MINISTERS = re.compile(r"(?:các\s+)?Bộ trưởng\s*(?:,|và\s)", re.IGNORECASE)


def parse_mention(text: str, pos: int) -> tuple[list[Mention], int] | None:
    """The mention(s) starting at `pos`, or None. Several when "UBND các huyện A, B" is expanded."""
    pos = skip_ws(text, pos)
    if comrade := COMRADE.match(text, pos):
        return office_mention(text, pos, comrade.end())
    t = TITLES.match(text, pos)
    if t and t.end() < len(text):
        inner = parse_mention(text, t.end())
        if inner is None and (kind := KIND_RE.match(text, t.end())) and not is_upper_word(kind.group()):
            # "Thủ trưởng sở, ban, ngành", "Thủ trưởng cơ quan ngang bộ": the heads of a class
            end = consume_kinds(text, kind.end())
            inner = [class_mention(clean(text[t.end() : end]))], end
        if inner is None and POSITION_WORD.match(text, pos):
            return office_mention(text, pos, pos)  # "Phó Chủ tịch Thường trực phụ trách ...": an office
        if inner:
            mentions, end = inner
            first = mentions[0]
            single = not re.search(r",|\svà\s", text[pos : t.end()].strip(" ,"))
            if first.group and _MINISTERS.match(text, pos):
                # "Bộ trưởng, Thủ trưởng cơ quan ngang Bộ, ...": the Government's formula addresses the
                # ministries through their ministers, then the other central bodies through their heads
                mentions = [replace(first, text=clean(f"các Bộ, {first.text}")), *mentions[1:]]
                return mentions, end
            if first.group and len(mentions) == 1 and not first.catch_all and single:
                # "Giám đốc các sở", "Thủ trưởng các ban, ngành": the heads of a class are the addressee
                # (several titles, "Giám đốc, Thủ trưởng các sở", address the class itself)
                title = re.sub(r"^(?:[Đđ]ồng chí)\s+", "", text[pos : t.end()].strip())
                return [class_mention(clean(f"{title} {first.text}"))], end
            return inner
    d = DETERMINER.match(text, pos)
    if d and POSITION_WORD.match(text, d.end()) and is_upper_word(text[d.end() :]):
        return office_mention(text, pos, d.end())  # "các Phó chủ tịch phụ trách ...", "các Chuyên viên ..."
    office = None if d or t else POSITION_WORD.match(text, pos)
    if office and IN_CHARGE.match(text, office.end()):
        return office_mention(text, pos, pos)  # "Cán bộ phụ trách lĩnh vực ...": an office
    if d and NOT_UNITS.match(text, skip_ws(text, d.end())):
        return None  # "các trường hợp vi phạm": cases, not schools
    if d:
        k = KIND_RE.match(text, d.end())
        if (
            not k
            and (kind_head := NAMED_HEAD_RE.match(text, d.end()))
            and kind_head.group() in HEADS_NEEDING_NAME
        ):
            k = kind_head
        elif not k and kind_head:
            # "các Đoàn đại biểu Quốc hội", "các Tổ đảng": the body of that name in each place
            committee = bool(COMMITTEE.match(text, kind_head.start()))
            end = consume_name(text, kind_head.end(), committee=committee)
            return [class_mention(clean(text[pos:end]))], end
        if not k:
            return None
        end = consume_kinds(text, k.end())
        if k.group().lower() == "thành viên" and (of := NAMED_HEAD_RE.match(text, skip_ws(text, k.end()))):
            # "các thành viên Ban Chỉ đạo": the members of a body are a class of their own
            end = consume_name(text, of.end(), committee=bool(COMMITTEE.match(text, of.start())))
        if SHARED_HEADS.search(k.group()):
            # "các Bộ: Tài chính, Tư pháp", "các Bộ Tài nguyên và Môi trường, Tư pháp": one per named body
            shared = _shared_head(text, end, k.group(), after_colon=True) or _shared_head(
                text, end, k.group(), after_colon=False
            )
            if shared:
                return shared
        body = clean(text[pos:end])
        return [class_mention(body)], end
    c = CLASS_STARTS.match(text, pos) or BARE_CLASS.match(text, pos)
    if c:
        whole = KIND_RE.match(text, pos)  # "Cấp ủy đảng" is one kind, not "Cấp ủy" described by "đảng"
        end = consume_kinds(text, max(c.end(), whole.end() if whole else 0))
        body = clean(text[pos:end])
        return [class_mention(body)], end
    h = NAMED_HEAD_RE.match(text, pos)
    if not h or NOT_UNITS.match(text, pos):
        return None
    head = h.group()
    after = skip_ws(text, h.end())
    if _LOCALITY_GROUP_HEADS.match(head) and (level := _EVERY_LEVEL.match(text, after)):
        return [class_mention(clean(text[pos : level.end()]))], level.end()  # "Ủy ban nhân dân các cấp"
    if _LOCALITY_GROUP_HEADS.match(head) and text.startswith("các ", after):
        return _locality_class(text, pos, head, after + 4)
    if _LOCALITY_GROUP_HEADS.match(head) and (count := _COUNT.match(text, after)):
        return _locality_class(text, pos, head, count.end())  # "UBND 04 xã: A, B, C, D"
    if _LOCALITY_GROUP_HEADS.match(head) and (named := _locality_names(text, head, after)):
        return named  # "Ủy ban nhân dân xã Gia Thuận, Tân Điền": one unit per commune
    if head not in HEADS_NEEDING_NAME and text.startswith("các ", after) and KIND_RE.match(text, after + 4):
        # "Ban Thường vụ các huyện ủy, thành ủy", "Ban cán sự đảng các bộ": a body of each of a class
        end = consume_kinds(text, KIND_RE.match(text, after + 4).end())  # type: ignore[union-attr]
        body = clean(text[pos:end])
        return [class_mention(body)], end
    if SHARED_HEADS.search(head):
        shared = _shared_head(text, h.end(), head, after_colon=False) or _shared_head(
            text, h.end(), head, after_colon=True
        )
        if shared:
            return shared
    if head not in HEADS_NEEDING_NAME and CAPITALISED_VERB.match(text, after):
        return [Mention(head, False)], h.end()  # "Tỉnh đoàn | Tuyên truyền ...": a heading joined to its duty
    end = consume_name(text, h.end(), committee=bool(COMMITTEE.match(text, pos)))
    name = clean(text[h.end() : end])
    of_each = OF_EACH.search(text, h.end(), end)
    if name and of_each and KIND_RE.match(text, of_each.end()):
        # "Ban Chỉ đạo ... các huyện, thành phố, thị xã", "Trung tâm Y tế các huyện": one body of each
        end = consume_kinds(text, KIND_RE.match(text, of_each.end()).end())  # type: ignore[union-attr]
        body = clean(text[pos:end])
        return [class_mention(body)], end
    if not name and head in HEADS_NEEDING_NAME:
        # a bare kind word: "Sở, ban, ngành" is a class
        sep = SEP.match(text, end)
        if sep and KIND_RE.match(text, sep.end()):
            end = consume_kinds(text, end)
            return [class_mention(clean(text[pos:end]))], end
        return None
    if _OF_COMMITTEE.search(text, pos, end) and (more := _MORE_COMMITTEES.match(text, end)):
        end = more.end()  # "Ban Thường vụ Tỉnh ủy, Thành ủy": the standing committee of each
        return [class_mention(clean(text[pos:end]))], end
    if LOCALITY_PAIR.search(text, h.end(), end):
        return [class_mention(clean(text[pos:end]))], end  # "Kho bạc Nhà nước quận - huyện": one of each
    return [Mention(clean(text[pos:end]), False)], end


_COMMITTEE_WORD = r"(?:Tỉnh|Thành|Huyện|Quận|Thị)\s+[uủ][yỷ]"
_OF_COMMITTEE = re.compile(rf"\S\s+{_COMMITTEE_WORD}$")
_MORE_COMMITTEES = re.compile(rf"(?:\s*,\s*{_COMMITTEE_WORD}(?![\wÀ-ỹ]))+")
_EVERY_LEVEL = re.compile(r"các cấp(?![\wÀ-ỹ])")
_COUNT = re.compile(r"\d{1,3}\s+(?=(?:xã|phường|huyện|quận|thị xã|thị trấn|đặc khu)\b)")


def _locality_names(text: str, head: str, pos: int) -> tuple[list[Mention], int] | None:
    """ "Ủy ban nhân dân xã Gia Thuận, Tân Điền, Gò Công Đông": a local body of each place listed (two
    or more), or None for one place."""
    found = _locality_class(text, pos, head, pos)
    if found is None or len(found[0]) < 2 or any(m.group for m in found[0]):
        return None
    return found


def _locality_class(text: str, start: int, head: str, pos: int) -> tuple[list[Mention], int] | None:
    """ "UBND các huyện, thị xã, thành phố" (a class) or "UBND các huyện A, B và C" (one row each)."""
    k = LOCALITY_KINDS.match(text, pos)
    if not k:
        return None
    first_kind = k.group()
    end = k.end()
    p = skip_ws(text, end)
    if colon := _COLON.match(text, p):
        p = colon.end()  # "UBND các xã: Gia Thuận, Tân Điền"
    w = WORD.match(text, p)
    if w and is_upper_word(w.group()) and not VERB_RE.match(text, p) and not NAMED_HEAD_RE.match(text, p):
        names: list[Mention] = []
        cur = p
        while True:
            n_end = consume_name(text, cur, inner_commas=False)
            name = clean(text[cur:n_end])
            if not name:
                break
            names.append(Mention(f"{head} {first_kind} {name}", False))
            end = n_end
            sep = SEP.match(text, n_end)
            if not sep:
                break
            nxt = WORD.match(text, sep.end())
            if not nxt or not is_upper_word(nxt.group()) or NAMED_HEAD_RE.match(text, sep.end()):
                break
            cur = sep.end()
        return names, end
    end = consume_kinds(text, end)
    body = clean(text[start:end])
    return [class_mention(body)], end


def parse_cell(piece: str) -> list[Mention]:
    """The units a table cell or a role line names ("Các doanh nghiệp đầu tư hạ tầng"): nothing but
    units stands there, so words after the last unit that start no predicate still describe it."""
    text = piece.strip(" .,;-")
    mentions, end = parse_unit_list(text, 0)
    start = text.find(",")
    while not mentions and start >= 0:
        # "Các đ/c Phó chỉ tịch, Trưởng đoàn thể xã, ...": a piece it cannot read, then units
        mentions, end = parse_unit_list(text, start + 1)
        start = text.find(",", start + 1)
    rest = text[end:].strip(" .,;")
    if mentions and rest and rest[:1].islower() and "(" not in rest and not ROLE_VERB.match(rest):
        last = mentions[-1]
        mentions[-1] = Mention(
            clean(f"{last.text} {rest}"), last.group, last.catch_all, last.qualified, last.position
        )
    return mentions


def names_only(text: str) -> bool:
    """Whether the text is nothing but units, in lists separated by ";" ("Mặt trận Tổ quốc Việt Nam và
    Hội Cựu chiến binh các cấp; các tổ chức chính trị - xã hội.")."""
    pieces = [p.strip(" .,-–") for p in text.split(";")]
    for piece in filter(None, pieces):
        mentions, end = parse_unit_list(piece, 0)
        if not mentions or piece[end:].strip(" .,"):
            return False
    return any(pieces)


def parse_unit_list(text: str, pos: int = 0) -> tuple[list[Mention], int]:
    """All mentions joined by separators from `pos`; returns them and where the list ends."""
    mentions, end = _unit_list(text, pos)
    return _shared_locality(mentions), end


# A local body named by its head alone ("Thường trực HĐND", "UBND"): it takes the place named after the
# list's last body ("Thường trực HĐND, UBND, Ủy ban Kiểm tra Đảng ủy xã": each of the commune).
_BARE_LOCAL = re.compile(
    r"(?:Thường trực\s+)?(?:HĐND|UBND|Hội đồng nhân dân|Ủy ban nhân dân|Uỷ ban nhân dân|Đảng ủy|Đảng uỷ|"
    r"Ủy ban MTTQ(?: Việt Nam)?|Uỷ ban MTTQ(?: Việt Nam)?|MTTQ|Công an|Đoàn Thanh niên|Hội Nông dân|"
    r"Hội Cựu chiến binh|Hội Liên hiệp Phụ nữ|Ủy ban Kiểm tra Đảng ủy)"
)
_PLACE_AT_END = re.compile(r"\s(xã|phường|thị trấn|huyện|quận|thị xã|tỉnh|thành phố|đặc khu)$")


def _shared_locality(mentions: list[Mention]) -> list[Mention]:
    if len(mentions) < 2 or not (place := _PLACE_AT_END.search(mentions[-1].text)):
        return mentions
    out = list(mentions)
    for i in range(len(out) - 2, -1, -1):
        m = out[i]
        if m.group or not _BARE_LOCAL.fullmatch(m.text):
            break
        out[i] = Mention(f"{m.text} {place.group(1)}", m.group, m.catch_all, m.qualified, m.position)
    return out


def _unit_list(text: str, pos: int) -> tuple[list[Mention], int]:
    mentions: list[Mention] = []
    first = parse_mention(text, pos)
    if not first:
        return [], pos
    found, pos = first
    mentions.extend(found)
    while True:
        sep = SEP.match(text, pos) or _SAME_HEAD.match(text, pos)
        if not sep:
            break
        nxt = parse_mention(text, sep.end())
        if nxt is None:
            bare = KIND_RE.match(text, sep.end())
            if (
                mentions
                and bare
                and (not text.startswith("tổ chức", sep.end()) or _KIND_LIST.match(text, bare.end()))
            ):
                places = bool(_ENDS_WITH_KIND.search(mentions[-1].text)) and bool(
                    LOCALITY_KINDS.fullmatch(bare.group())
                )
                if KIND_RE.fullmatch(mentions[-1].text) or places:
                    # "Ban cán sự đảng, đảng đoàn, huyện ủy": a list of kinds, so the whole is a class;
                    # "Ủy ban nhân dân xã, phường, đặc khu": a body of each kind of place
                    end = consume_kinds(text, pos, localities=places)
                    if end <= pos:
                        break  # nothing consumed: stop rather than loop on the same separator
                    merged = clean(mentions.pop().text + text[pos:end])
                else:
                    # "Đài Phát thanh và Truyền hình tỉnh, cơ quan thông tấn báo chí": a class of its own
                    end = consume_kinds(text, bare.end())
                    merged = clean(text[sep.end() : end])
                mentions.append(class_mention(merged))
                pos = end
                continue
            break
        found, pos = nxt
        mentions.extend(found)
    if len(mentions) == 1 and mentions[0].group and (listed := _MEMBERS.match(text, pos)):
        members, end = _unit_list(text, listed.end())
        if members:  # "các cơ sở đào tạo trọng điểm gồm: A, B, C": the class is its members
            return members, end
    return mentions, pos


_MEMBERS = re.compile(r"\s*(?:bao gồm|gồm có|gồm)\s*:?\s*")
