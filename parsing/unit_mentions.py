"""Read a list of unit mentions at a given point of a sentence ("Sở Nội vụ, Sở Tài chính và các cơ quan ...").

Vietnamese puts the subject first and marks no boundary between a unit's name and its predicate, so a
name runs on while its words are capitalised or are not a predicate word (`VERBS`); commas and "và"
separate mentions unless they sit inside a standard name ("Sở Văn hóa, Thể thao và Du lịch").
A class of units is a determiner ("các") or a class word ("Cấp ủy") plus kinds; a class qualified only by
"liên quan" / "chức năng" is a catch-all that names nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsing.units_lexicon import (
    BARE_CLASS,
    CATCH_ALL_TAIL,
    CLASS_STARTS,
    DEPARTMENT_RE,
    DETERMINER,
    GENERIC_KINDS,
    HEADS_NEEDING_NAME,
    KIND_RE,
    LOCALITY_END,
    NAME_STOPS,
    NAME_SYLLABLES,
    NAMED_HEAD_RE,
    NOT_UNITS,
    QUALIFIERS,
    SHARED_HEADS,
    TITLES,
    VERB_RE,
    VERBS,
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One unit or class of units as written (titles such as "Giám đốc" removed)."""

    text: str
    group: bool
    catch_all: bool = False  # a class that names nobody: "các cơ quan, đơn vị liên quan"
    qualified: bool = False  # a class narrowed by "liên quan" / "khác": a performer, never a partner
    position: bool = False  # an office held by a person ("Đồng chí Phó Chủ tịch Thường trực")

    @property
    def partner(self) -> bool:
        """Whether the mention may stand as a supporting partner ("phối hợp với ...")."""
        return not (self.catch_all or self.qualified)


def class_mention(body: str) -> Mention:
    """A class of units. Narrowed by "liên quan" / "chức năng" / "khác" it names nobody when its kinds
    are generic ("các cơ quan, đơn vị liên quan"); with named kinds ("các sở, ngành liên quan") it is a
    performer of its own item, though never a partner."""
    qualified = bool(CATCH_ALL_TAIL.search(body))
    kinds = [k.group().lower() for k in KIND_RE.finditer(body)]
    generic = all(k in GENERIC_KINDS for k in kinds)
    return Mention(body, True, catch_all=qualified and generic, qualified=qualified)


_WS = re.compile(r"\s+")
_WORD = re.compile(r"[^\s,;:()\[\]\"“”./]+(?:\.(?=\w))?")
_SEP = re.compile(r"\s*(?:,\s*(?:và\s+)?|;\s*|và\s+|&\s*)")
_LOCALITY_GROUP_HEADS = re.compile(r"^(?:Ủy ban nhân dân|Uỷ ban nhân dân|UBND|Hội đồng nhân dân|HĐND)$")
_LOCALITY_KINDS = re.compile(r"(?:thị xã|thành phố|thị trấn|huyện|quận|xã|phường|đặc khu|tỉnh)(?![\w])")
_HYPHEN = re.compile(r"\s*[-–]\s*")
# Committees whose name runs on into a topic: "Ban Chỉ đạo liên ngành về an toàn thực phẩm".
_COMMITTEE = re.compile(r"(?:Ban Chỉ đạo|Ban chỉ đạo|Ban Chỉ huy|Ban chỉ huy|Hội đồng|Tổ công tác)\b")
# A capitalised predicate of two words or more ("Đẩy mạnh", "Tuyên truyền") after a locality: the duty
# line that follows a heading, never part of a place name. One-word verbs are left out ("Cần Thơ").
_CAPITALISED_VERB = re.compile(
    "(?:"
    + "|".join(re.escape(v[:1].upper() + v[1:]) for v in sorted(VERBS, key=len, reverse=True) if " " in v)
    + r")(?![\wÀ-ỹ])"
)
_MAX_NAME_WORDS = 14


def _is_upper_word(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


_INSIDE = re.compile(r"trong\s+(?:các\s+)?")
_OF_BODY = re.compile(r"(?:trực thuộc|thuộc|của|cơ quan)\s+")  # "chuyên viên cơ quan MTTQ xã": whose
_TOP_BODY = re.compile(
    r"(?:[Tt]rung ương|Chính phủ|Quốc hội|Nhà nước|Mặt trận|Thành phố|Thủ đô|"
    r"(?:[Tt]ỉnh|[Tt]hành phố|huyện|xã|phường)"
    r"(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)*)(?![\wÀ-ỹ])"
)


def _consume_modifiers(text: str, pos: int) -> int:
    """Lower-case words after a kind ("tổ chức chính trị - xã hội cấp tỉnh"), up to a verb or separator."""
    while True:
        p = _skip_ws(text, pos)
        if o := _OF_BODY.match(text, p):
            # "thuộc Ủy ban nhân dân Thành phố", "của Mặt trận", "trực thuộc Trung ương": whose they are
            q = o.end()
            if head := NAMED_HEAD_RE.match(text, q):
                end = _consume_name(text, head.end(), committee=bool(_COMMITTEE.match(text, q)))
                if end > head.end() or head.group() not in HEADS_NEEDING_NAME:
                    pos = end
                    continue
            if top := _TOP_BODY.match(text, q):
                pos = top.end()
                continue
        qual = QUALIFIERS.match(text, p)
        if qual:
            pos = qual.end()
            body = _MEMBER_OF.fullmatch(qual.group()) and NAMED_HEAD_RE.match(text, _skip_ws(text, pos))
            if body:
                # "các sở, ngành thành viên Ban Chỉ đạo": the body they are members of is part of the class
                pos = _consume_name(text, body.end(), committee=bool(_COMMITTEE.match(text, body.start())))
            continue
        if p < len(text) and text[p] in "-–":
            h = _HYPHEN.match(text, p)
            w = _WORD.match(text, h.end()) if h else None
            if w and not _is_upper_word(w.group()) and not VERB_RE.match(text, w.start()):
                pos = w.end()
                continue
            return pos
        if (inside := _INSIDE.match(text, p)) and KIND_RE.match(text, inside.end()):
            pos = KIND_RE.match(text, inside.end()).end()  # type: ignore[union-attr]
            continue  # "các thành viên trong tiểu ban", "các đơn vị trong ngành"
        if p >= len(text) or text[p] in ",;:()." or VERB_RE.match(text, p) or NAME_STOPS.match(text, p):
            return pos
        if text.startswith("và ", p) or (text.startswith("các ", p) and not text.startswith("các cấp", p)):
            return pos
        w = _WORD.match(text, p)
        if not w or _is_upper_word(w.group()):
            return pos
        pos = w.end()


def _consume_kinds(text: str, pos: int, *, localities: bool = False) -> int:
    """A comma/"và" list of kinds after a determiner: "sở, ban, ngành và địa phương". A kind described by
    words of its own ("doanh nghiệp viễn thông") does not run on into bare generic kinds ("tổ chức, cá
    nhân có liên quan" is another class); its description may itself be a list ("doanh nghiệp sản
    xuất, chế biến và xuất khẩu hàng hóa"). With `localities`, only kinds of place follow."""
    kind_end = pos
    kind_start = _kind_start(text, pos)
    pos = _consume_modifiers(text, pos)
    while True:
        described = pos > kind_end
        sep = _SEP.match(text, pos)
        joined = _GENERIC_PAIR.match(text, pos) if not sep and pos == kind_end else None
        if joined and text[kind_start:kind_end].lower() in GENERIC_KINDS:
            # "cơ quan tổ chức có liên quan": two generic kinds written without a comma
            kind_start, kind_end = joined.start(1), joined.end(1)
            pos = _consume_modifiers(text, kind_end)
            continue
        if not sep:
            return pos
        k = KIND_RE.match(text, sep.end())
        if not k:
            w = _WORD.match(text, sep.end())
            if described and not localities and w and _describes(text, w):
                kind_end, pos = pos, _consume_modifiers(text, w.end())
                continue
            return pos
        if text.startswith("các ", sep.end()):
            return pos
        if localities and not _LOCALITY_KINDS.fullmatch(k.group()):
            return pos
        if described:
            return pos  # "các sở, ngành cấp tỉnh, cơ quan ngành dọc ...": a new class begins
        named_kind = " " in text[kind_start:kind_end].strip()
        if named_kind and k.group().lower() in GENERIC_KINDS and "và" in sep.group():
            # "các tổ chức chính trị - xã hội và cơ quan, tổ chức có liên quan": a named kind, then others
            return pos
        after = _WORD.match(text, _skip_ws(text, k.end()))
        if _is_upper_word(k.group()) and after and _is_upper_word(after.group()):
            return pos  # "Ban Dân tộc": a named body, not a kind
        kind_start, kind_end, pos = k.start(), k.end(), _consume_modifiers(text, k.end())


def _kind_start(text: str, end: int) -> int:
    """Where the kind that ends at `end` starts (the longest kind ending there)."""
    for start in range(max(0, end - 40), end):
        k = KIND_RE.match(text, start)
        if k and k.end() == end and (start == 0 or not text[start - 1].isalnum()):
            return start
    return end


def _describes(text: str, w: re.Match[str]) -> bool:
    """A lower-case word after a comma that carries on a kind's description, not a predicate."""
    word = w.group()
    return (
        not _is_upper_word(word)
        and not VERB_RE.match(text, w.start())
        and not NAME_STOPS.match(text, w.start())
        and not _ROLE_VERB.match(text, w.start())
        and word not in ("các", "và", "những")
    )


def _consume_name(text: str, pos: int, *, inner_commas: bool = True, committee: bool = False) -> int:
    """The proper name after a head: capitalised words, lower-case non-verbs, internal "và"/","/"-".
    A committee's name ("Ban Chỉ đạo ... về <topic>") also takes its lower-case topic after "về"."""
    words = 0
    while words < _MAX_NAME_WORDS:
        p = _skip_ws(text, pos)
        if p >= len(text):
            return pos
        q = QUALIFIERS.match(text, p)
        if q and (words == 0 or _LEVELS.fullmatch(q.group())):
            pos, words = q.end(), words + 1  # "Hội Cựu chiến binh các cấp": the body at every level
            continue
        if not inner_commas and (text[p] == "," or text.startswith("và ", p)):
            return pos  # an enumeration "UBND các huyện A, B và C": each name is its own unit
        if words and (text[p] == "," or text.startswith("và ", p)) and _locality_closes(text, pos):
            return pos  # "Đoàn Thanh niên xã, Bưu điện văn hóa xã": a locality closes the name
        if words and text.startswith("và ", p) and (inner := _inner_words(text, p)) is not None:
            pos, words = inner, words + 1  # "Ban Quản lý các Khu chế xuất và công nghiệp Thành phố"
            continue
        if text[p] in ",-–&" or text.startswith("và ", p):
            # internal separator only when a capitalised non-head word follows
            sep = re.compile(r"\s*(?:,|-|–|&|và)\s*").match(text, p)
            assert sep is not None
            nxt = _WORD.match(text, sep.end())
            # "Ban Công tác đặc biệt - Ủy ban Chuyên trách Chính phủ": a body and the one it belongs to
            of_body = text[p] in "-–" and words > 1 and _UNDER_BODY.match(text, sep.end())
            if (
                words
                and nxt
                and _is_upper_word(nxt.group())
                and (of_body or not NAMED_HEAD_RE.match(text, sep.end()))
                and not TITLES.match(text, sep.end())
                and not DETERMINER.match(text, sep.end())  # "Sở Công Thương, Các doanh nghiệp ..."
                and not BARE_CLASS.match(text, sep.end())
            ):
                pos, words = nxt.end(), words + 1
                continue
            return pos
        if text[p] in ',;:()."“”[]/':
            return pos
        if words and text.startswith("Sở ", p) and text[:pos].split()[-words - 1 :][:1] == ["Sở"]:
            return pos  # "Sở Khoa học và Công nghệ Sở Công Thương": two departments, a break lost
        # "Ban Chỉ đạo liên ngành về an toàn thực phẩm": a committee's name carries its topic
        topic = committee and words and text.startswith("về ", p)
        if (
            (VERB_RE.match(text, p) or NAME_STOPS.match(text, p))
            and not NAME_SYLLABLES.match(text, p)
            and not topic
        ):
            inner = _inner_words(text, p) if words else None
            if inner is None:
                return pos
            pos, words = inner, words + 1
            continue
        w = _WORD.match(text, p)
        if not w:
            return pos
        if not _is_upper_word(w.group()) and text.startswith("các ", p) and not KIND_RE.match(text, p + 4):
            inner = _inner_words(text, p) if words else None
            if inner is None:
                return pos
            pos, words = inner, words + 1
            continue
        if (
            words
            and _locality_closes(text, pos)
            and (not _is_upper_word(w.group()) or _CAPITALISED_VERB.match(text, p))
        ):
            # "Phòng Tư pháp huyện | kiểm soát ...", "Tỉnh đoàn | Tuyên truyền ..." (a heading line
            # joined to its duty): a locality closes the name unless a proper name follows
            return pos
        pos, words = w.end(), words + 1
    return pos


# Lower-case words a name may hold when a proper name follows them ("Viện Nghiên cứu phát triển Thành
# phố", "Trung tâm Dịch vụ việc làm Thành phố"): never a role verb, which starts the predicate.
_ROLE_VERB = re.compile(
    r"(?:chủ trì|phối hợp|tham mưu|chịu|có trách nhiệm|theo dõi|đôn đốc|hướng dẫn|chỉ đạo|là|được|báo cáo|"
    r"gửi|trình|tổ chức|triển khai|thực hiện|xây dựng|cung cấp|tuyên truyền|đề nghị|giao|yêu cầu|"
    r"cần|phải|có|căn cứ|chủ động|tiếp tục|khẩn trương|nghiêm túc|kịp thời)(?![\wÀ-ỹ])"
)
# Capitalised words that are no part of a unit's name: documents, events, periods.
_NOT_NAME_WORDS = re.compile(
    r"(?:Kế hoạch|Luật|Nghị quyết|Nghị định|Quyết định|Chỉ thị|Thông tư|Đề án|Chương trình|Dự án|"
    r"Hội nghị|Hội thảo|Lễ|Giải|Tháng|Ngày|Năm|Quý|Cuộc|Cổng|Hệ thống|Bộ luật|Chiến lược|Quy hoạch|"
    r"Phong trào|Cuộc vận động|Tuần|Kỳ|Đại hội|Văn bản|Công văn|Báo cáo)(?![\wÀ-ỹ])"
)
_LOOKAHEAD_WORDS = 4
_GENERIC_PAIR = re.compile(
    r"\s+(" + "|".join(sorted(GENERIC_KINDS, key=len, reverse=True)) + r")(?=\s*(?:,|(?:có\s+)?liên quan))"
)
_LEVELS = re.compile(r"các cấp|cấp (?:tỉnh|huyện|xã|cơ sở)")
# The bodies a unit may be named as part of, after a dash: "Cục Chính sách - Tổng cục Chính trị".
_UNDER_BODY = re.compile(r"(?:Ủy ban|Uỷ ban|Tổng cục|Bộ|Cục|Ban)\s+[A-ZĐÀ-Ỹ]")


def _inner_words(text: str, p: int) -> int | None:
    """Where a run of lower-case words inside a name ends, if a proper name follows it within a few
    words ("phát triển | Thành phố"); None when the words start the predicate."""
    q = p
    for _ in range(_LOOKAHEAD_WORDS):
        q = _skip_ws(text, q)
        if q >= len(text) or text[q] in ',;:()./"“”[]':
            return None
        w = _WORD.match(text, q)
        if not w:
            return None
        if _is_upper_word(w.group()):
            if (
                q == p
                or NAMED_HEAD_RE.match(text, q)
                or TITLES.match(text, q)
                or NOT_UNITS.match(text, q)
                or _NOT_NAME_WORDS.match(text, q)
                or _CAPITALISED_VERB.match(text, q)
            ):
                return None
            return q
        if (_ROLE_VERB.match(text, q) and q > p) or (q == p and _ROLE_VERB.match(text, q)):
            return None
        q = w.end()
    return None


# A mention ending with a lower-case kind ("Ủy ban nhân dân xã"): the kinds listed after it extend it.
_ENDS_WITH_KIND = re.compile(r"(?<![\wÀ-ỹ])(?:xã|phường|huyện|thị xã|thị trấn|quận|đặc khu|tỉnh|thành phố)$")
_KIND_LIST = re.compile(r"\s*(?:,|và)\s*(?:cá nhân|doanh nghiệp|cơ quan|đơn vị|hội|đoàn thể)\b")
_SAME_HEAD = re.compile(r"\s+(?=Sở [A-ZĐÀ-Ỹ])")  # "Sở Khoa học và Công nghệ Sở Công Thương": a lost break
_SOCIAL = re.compile(r"\s+hội(?![\wÀ-ỹ])")


def _locality_closes(text: str, pos: int) -> bool:
    """The name so far ends with a locality word ("Phòng Tư pháp huyện"), "xã hội" (society) aside."""
    return bool(LOCALITY_END.search(text[:pos])) and not (
        text[:pos].endswith("xã") and _SOCIAL.match(text, pos)
    )


_MEMBER_OF = re.compile(r"thành viên|trực thuộc")
_OF_EACH = re.compile(r"(?<=\s)các\s+")
_LIST_SEP = re.compile(r"\s*(?:[,;]\s*(?:và\s+)?|và\s+)")
_COLON = re.compile(r"\s*:\s*")


def _shared_names(text: str, pos: int) -> tuple[list[str], int]:
    """Standard department names sharing one head: "Nội vụ, Tài chính, Tư pháp" -> three names.
    Stops at the first piece that is not a standard name (the list, or the name, ends there)."""
    names: list[str] = []
    end = pos
    while True:
        m = DEPARTMENT_RE.match(text, _skip_ws(text, pos))
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
    names, end = _shared_names(text, pos)
    if len(names) < (1 if after_colon else 2):
        return None
    nxt = _WORD.match(text, _skip_ws(text, end))
    if nxt and _is_upper_word(nxt.group()) and not NAMED_HEAD_RE.match(text, nxt.start()):
        return None  # the last piece runs on into a longer proper name: not a plain list
    head = head[:1].upper() + head[1:]
    return [Mention(f"{head} {n}", False) for n in names], end


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip(" ,;:-–")


# "Đồng chí Phó Chủ tịch Thường trực", "các đồng chí Ủy viên Ban Thường trực": a person's office.
# "Đồng chí", "các đồng chí", "đ/c": a person named by office.
_COMRADE = re.compile(r"(?:[Cc]ác\s+)?(?:[Đđ]ồng\s+chí|[Đđ]/[Cc])\s+(?=[A-ZĐÀ-Ỹ])")
_POSITION_WORD = re.compile(
    r"(?:Phó\s+)?(?:[Cc]hủ tịch|Trưởng ban|Trưởng Ban|Trưởng|Bí thư|Ủy viên|Uỷ viên|Chánh Văn phòng|"
    r"Chủ nhiệm|Giám đốc|Thủ trưởng|Chỉ huy trưởng|Tổng Biên tập|Thư ký|Chuyên viên|Cán bộ|Kế toán|Văn thư)"
    r"(?![\wÀ-ỹ])"
)
# "... phụ trách lĩnh vực Giám sát và Phản biện xã hội": the field an office holder is in charge of
# ("phụ trách công tác tổng hợp, báo cáo ..." is a duty, not an office)
_IN_CHARGE = re.compile(r"\s*,?\s*phụ trách\s+(?:lĩnh vực|mảng|địa bàn)\s+")
_IN_CHARGE_STOP = re.compile(r"[;:.()]|\s[-–]\s(?=[A-ZĐÀ-Ỹ])")
# "Đồng chí Trưởng Ban xây dựng Đảng - Trưởng Tiểu ban": an office and the role it holds in the issuer
_ROLE_IN_BODY = re.compile(
    r"\s+[-–]\s+(?=(?:Phó\s+)?(?:Trưởng|Ủy viên|Uỷ viên|Thành viên|Thư ký|Tổ trưởng)\b)"
)
# A person holding two offices: "Đồng chí Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch Ủy ban MTTQ xã"
_SECOND_OFFICE = re.compile(
    r"\s*,\s*(?=(?:Phó\s+)?(?:Chủ tịch|Trưởng|Bí thư|Ủy viên|Uỷ viên|Chủ nhiệm|Giám đốc)\b)"
)


def _position(text: str, start: int, pos: int) -> tuple[list[Mention], int] | None:
    """An office held by a person ("Đồng chí Phó Chủ tịch Thường trực", "Trưởng Ban công tác Mặt trận
    các thôn"): an assignee of its own, belonging to the issuing body. Several ("các đồng chí ...") are a
    class."""
    w = _POSITION_WORD.match(text, pos)
    if not w:
        return None
    last = w.start() + w.group().rfind(" ") + 1  # "Trưởng Ban xây dựng Đảng": "Ban ..." is a body's name
    body_head = NAMED_HEAD_RE.match(text, last) if last > w.start() else None
    if body_head and body_head.end() > w.end():
        end = _consume_name(text, body_head.end())
    else:
        end = _consume_name(text, w.end())
    while second := _SECOND_OFFICE.match(text, end):
        end = _consume_name(text, _POSITION_WORD.match(text, second.end()).end())  # type: ignore[union-attr]
    while role := _ROLE_IN_BODY.match(text, end):
        end = _consume_name(text, role.end())  # "... - Phó Trưởng tiểu ban Thường trực": the role held here
    if field := _IN_CHARGE.match(text, end):
        end = _field_end(text, field.end())
    body = _clean(text[start:end])
    group = bool(re.match(r"[Cc]ác\s", body)) or bool(_OF_EACH.search(body))
    return [Mention(body, group, position=True)], end


def _field_end(text: str, pos: int) -> int:
    """Where the field after "phụ trách" ends: at a clause's punctuation or where a predicate starts."""
    stop = _IN_CHARGE_STOP.search(text, pos)
    limit = stop.start() if stop else len(text)
    q = pos
    while q < limit:
        w = _WORD.match(text, _skip_ws(text, q))
        if not w or w.start() >= limit:
            break
        if w.start() > pos and _ROLE_VERB.match(text, w.start()) and text[w.start() - 2] != ",":
            return q
        q = w.end()
        while q < limit and text[q] in ", ":
            q += 1
    return min(limit, len(text.rstrip()))


def parse_mention(text: str, pos: int) -> tuple[list[Mention], int] | None:
    """The mention(s) starting at `pos`, or None. Several when "UBND các huyện A, B" is expanded."""
    pos = _skip_ws(text, pos)
    if comrade := _COMRADE.match(text, pos):
        return _position(text, pos, comrade.end())
    t = TITLES.match(text, pos)
    if t and t.end() < len(text):
        inner = parse_mention(text, t.end())
        if inner is None and (kind := KIND_RE.match(text, t.end())) and not _is_upper_word(kind.group()):
            # "Thủ trưởng sở, ban, ngành", "Thủ trưởng cơ quan ngang bộ": the heads of a class
            end = _consume_kinds(text, kind.end())
            inner = [class_mention(_clean(text[t.end() : end]))], end
        if inner is None and _POSITION_WORD.match(text, pos):
            return _position(text, pos, pos)  # "Phó Chủ tịch Thường trực phụ trách ...": an office
        if inner:
            mentions, end = inner
            first = mentions[0]
            single = not re.search(r",|\svà\s", text[pos : t.end()].strip(" ,"))
            if first.group and len(mentions) == 1 and not first.catch_all and single:
                # "Giám đốc các sở", "Thủ trưởng các ban, ngành": the heads of a class are the addressee
                # (several titles, "Giám đốc, Thủ trưởng các sở", address the class itself)
                title = re.sub(r"^(?:[Đđ]ồng chí)\s+", "", text[pos : t.end()].strip())
                return [class_mention(_clean(f"{title} {first.text}"))], end
            return inner
    d = DETERMINER.match(text, pos)
    if d and _POSITION_WORD.match(text, d.end()) and _is_upper_word(text[d.end() :]):
        return _position(text, pos, d.end())  # "các Phó chủ tịch phụ trách ...", "các Chuyên viên ..."
    office = None if d or t else _POSITION_WORD.match(text, pos)
    if office and _IN_CHARGE.match(text, office.end()):
        return _position(text, pos, pos)  # "Cán bộ phụ trách lĩnh vực ...": an office
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
            committee = bool(_COMMITTEE.match(text, kind_head.start()))
            end = _consume_name(text, kind_head.end(), committee=committee)
            return [class_mention(_clean(text[pos:end]))], end
        if not k:
            return None
        end = _consume_kinds(text, k.end())
        if k.group().lower() == "thành viên" and (of := NAMED_HEAD_RE.match(text, _skip_ws(text, k.end()))):
            # "các thành viên Ban Chỉ đạo": the members of a body are a class of their own
            end = _consume_name(text, of.end(), committee=bool(_COMMITTEE.match(text, of.start())))
        if SHARED_HEADS.search(k.group()):
            shared = _shared_head(text, end, k.group(), after_colon=True)
            if shared:
                return shared
        body = _clean(text[pos:end])
        return [class_mention(body)], end
    c = CLASS_STARTS.match(text, pos) or BARE_CLASS.match(text, pos)
    if c:
        whole = KIND_RE.match(text, pos)  # "Cấp ủy đảng" is one kind, not "Cấp ủy" described by "đảng"
        end = _consume_kinds(text, max(c.end(), whole.end() if whole else 0))
        body = _clean(text[pos:end])
        return [class_mention(body)], end
    h = NAMED_HEAD_RE.match(text, pos)
    if not h or NOT_UNITS.match(text, pos):
        return None
    head = h.group()
    after = _skip_ws(text, h.end())
    if _LOCALITY_GROUP_HEADS.match(head) and text.startswith("các ", after):
        return _locality_class(text, pos, head, after + 4)
    if _LOCALITY_GROUP_HEADS.match(head) and (count := _COUNT.match(text, after)):
        return _locality_class(text, pos, head, count.end())  # "UBND 04 xã: A, B, C, D"
    if _LOCALITY_GROUP_HEADS.match(head) and (named := _locality_names(text, head, after)):
        return named  # "Ủy ban nhân dân xã Gia Thuận, Tân Điền": one unit per commune
    if head not in HEADS_NEEDING_NAME and text.startswith("các ", after) and KIND_RE.match(text, after + 4):
        # "Ban Thường vụ các huyện ủy, thành ủy", "Ban cán sự đảng các bộ": a body of each of a class
        end = _consume_kinds(text, KIND_RE.match(text, after + 4).end())  # type: ignore[union-attr]
        body = _clean(text[pos:end])
        return [class_mention(body)], end
    if SHARED_HEADS.search(head):
        shared = _shared_head(text, h.end(), head, after_colon=False) or _shared_head(
            text, h.end(), head, after_colon=True
        )
        if shared:
            return shared
    if head not in HEADS_NEEDING_NAME and _CAPITALISED_VERB.match(text, after):
        return [Mention(head, False)], h.end()  # "Tỉnh đoàn | Tuyên truyền ...": a heading joined to its duty
    end = _consume_name(text, h.end(), committee=bool(_COMMITTEE.match(text, pos)))
    name = _clean(text[h.end() : end])
    of_each = _OF_EACH.search(text, h.end(), end)
    if name and of_each and KIND_RE.match(text, of_each.end()):
        # "Ban Chỉ đạo ... các huyện, thành phố, thị xã", "Trung tâm Y tế các huyện": one body of each
        end = _consume_kinds(text, KIND_RE.match(text, of_each.end()).end())  # type: ignore[union-attr]
        body = _clean(text[pos:end])
        return [class_mention(body)], end
    if not name and head in HEADS_NEEDING_NAME:
        # a bare kind word: "Sở, ban, ngành" is a class
        sep = _SEP.match(text, end)
        if sep and KIND_RE.match(text, sep.end()):
            end = _consume_kinds(text, end)
            return [class_mention(_clean(text[pos:end]))], end
        return None
    return [Mention(_clean(text[pos:end]), False)], end


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
    k = _LOCALITY_KINDS.match(text, pos)
    if not k:
        return None
    first_kind = k.group()
    end = k.end()
    p = _skip_ws(text, end)
    if colon := _COLON.match(text, p):
        p = colon.end()  # "UBND các xã: Gia Thuận, Tân Điền"
    w = _WORD.match(text, p)
    if w and _is_upper_word(w.group()) and not VERB_RE.match(text, p) and not NAMED_HEAD_RE.match(text, p):
        names: list[Mention] = []
        cur = p
        while True:
            n_end = _consume_name(text, cur, inner_commas=False)
            name = _clean(text[cur:n_end])
            if not name:
                break
            names.append(Mention(f"{head} {first_kind} {name}", False))
            end = n_end
            sep = _SEP.match(text, n_end)
            if not sep:
                break
            nxt = _WORD.match(text, sep.end())
            if not nxt or not _is_upper_word(nxt.group()) or NAMED_HEAD_RE.match(text, sep.end()):
                break
            cur = sep.end()
        return names, end
    end = _consume_kinds(text, end)
    body = _clean(text[start:end])
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
    if mentions and rest and rest[:1].islower() and "(" not in rest and not _ROLE_VERB.match(rest):
        last = mentions[-1]
        mentions[-1] = Mention(
            _clean(f"{last.text} {rest}"), last.group, last.catch_all, last.qualified, last.position
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
        sep = _SEP.match(text, pos) or _SAME_HEAD.match(text, pos)
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
                    _LOCALITY_KINDS.fullmatch(bare.group())
                )
                if KIND_RE.fullmatch(mentions[-1].text) or places:
                    # "Ban cán sự đảng, đảng đoàn, huyện ủy": a list of kinds, so the whole is a class;
                    # "Ủy ban nhân dân xã, phường, đặc khu": a body of each kind of place
                    end = _consume_kinds(text, pos, localities=places)
                    if end <= pos:
                        break  # nothing consumed: stop rather than loop on the same separator
                    merged = _clean(mentions.pop().text + text[pos:end])
                else:
                    # "Đài Phát thanh và Truyền hình tỉnh, cơ quan thông tấn báo chí": a class of its own
                    end = _consume_kinds(text, bare.end())
                    merged = _clean(text[sep.end() : end])
                mentions.append(class_mention(merged))
                pos = end
                continue
            break
        found, pos = nxt
        mentions.extend(found)
    return mentions, pos
