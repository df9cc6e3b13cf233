"""Where a unit's name, or a class's kinds, end in running text.

Vietnamese puts the subject first and marks no boundary between a unit's name and its predicate, so a
name runs on while its words are capitalised or are not a predicate word (`parsing.role_words.VERBS`),
takes lower-case words when a proper name follows them ("Viện Nghiên cứu phát triển Thành phố"), and
stops at a locality ("Phòng Tư pháp huyện"). A class's kinds run on through commas ("sở, ban, ngành")
and the words that describe them ("doanh nghiệp viễn thông", "thuộc Ủy ban nhân dân tỉnh").
"""

from __future__ import annotations

import re

from parsing.department_names import DEPARTMENT_ANY_CASE_RE
from parsing.role_words import PREDICATE_ONLY, VERB_RE, VERBS
from parsing.units_lexicon import (
    BARE_CLASS,
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
    TITLES,
)

_WS = re.compile(r"\s+")
WORD = re.compile(r"[^\s,;:()\[\]\"“”./]+(?:\.(?=\w))?")
SEP = re.compile(r"\s*(?:,\s*(?:và\s+)?|;\s*|và\s+|&\s*)")
LOCALITY_KINDS = re.compile(r"(?:thị xã|thành phố|thị trấn|huyện|quận|xã|phường|đặc khu|tỉnh)(?![\w])")
_HYPHEN = re.compile(r"\s*[-–]\s*")
# Committees whose name runs on into a topic: "Ban Chỉ đạo liên ngành về an toàn thực phẩm".
COMMITTEE = re.compile(r"(?:Ban Chỉ đạo|Ban chỉ đạo|Ban Chỉ huy|Ban chỉ huy|Hội đồng|Tổ công tác)\b")
# A capitalised predicate of two words or more ("Đẩy mạnh", "Tuyên truyền") after a locality: the duty
# line that follows a heading, never part of a place name. One-word verbs are left out ("Cần Thơ").
CAPITALISED_VERB = re.compile(
    "(?:"
    + "|".join(re.escape(v[:1].upper() + v[1:]) for v in sorted(VERBS, key=len, reverse=True) if " " in v)
    + r")(?![\wÀ-ỹ])"
)
_MAX_NAME_WORDS = 18
# Role words no name holds, capitalised where a duty's sentence opens right after a heading's name.
_ROLE_OPENING = re.compile(r"(?:Chủ trì|Phối hợp|Tham mưu|Chịu trách nhiệm|Có trách nhiệm)(?![\wÀ-ỹ])")


def is_upper_word(word: str) -> bool:
    return bool(word) and word[0].isupper()


def skip_ws(text: str, pos: int) -> int:
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


# "các sở quản lý nhà nước chuyên ngành", "cơ quan quản lý chuyên ngành", "các bộ quản lý lĩnh vực": what
# the kind manages describes it; "quản lý" is no predicate there.
_MANAGING = re.compile(r"quản lý\s+(?:nhà nước|chuyên ngành|ngành|lĩnh vực)(?![\wÀ-ỹ])")


def _consume_modifiers(text: str, pos: int) -> int:
    """Lower-case words after a kind ("tổ chức chính trị - xã hội cấp tỉnh"), up to a verb or separator."""
    while True:
        p = skip_ws(text, pos)
        if managing := _MANAGING.match(text, p):
            pos = managing.end()
            continue
        if o := _OF_BODY.match(text, p):
            # "thuộc Ủy ban nhân dân Thành phố", "của Mặt trận", "trực thuộc Trung ương": whose they are
            q = o.end()
            if head := NAMED_HEAD_RE.match(text, q):
                end = consume_name(text, head.end(), committee=bool(COMMITTEE.match(text, q)))
                if end > head.end() or head.group() not in HEADS_NEEDING_NAME:
                    pos = end
                    continue
            if top := _TOP_BODY.match(text, q):
                pos = top.end()
                continue
        qual = QUALIFIERS.match(text, p)
        if qual:
            pos = qual.end()
            body = _MEMBER_OF.fullmatch(qual.group()) and NAMED_HEAD_RE.match(text, skip_ws(text, pos))
            if body:
                # "các sở, ngành thành viên Ban Chỉ đạo": the body they are members of is part of the class
                pos = consume_name(text, body.end(), committee=bool(COMMITTEE.match(text, body.start())))
            continue
        if p < len(text) and text[p] in "-–":
            h = _HYPHEN.match(text, p)
            w = WORD.match(text, h.end()) if h else None
            if w and not is_upper_word(w.group()) and not VERB_RE.match(text, w.start()):
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
        w = WORD.match(text, p)
        if not w or (is_upper_word(w.group()) and not _PARTY_STATE.match(text, p)):
            return pos
        pos = w.end()


# "các cơ quan Đảng tỉnh", "cơ quan Đảng, Nhà nước": the Party and the State qualify a kind with a capital
_PARTY_STATE = re.compile(r"(?:Đảng|Nhà nước)(?![\wÀ-ỹ])(?!\s+(?:ủy|uỷ|bộ|đoàn)\b)")


def consume_kinds(text: str, pos: int, *, localities: bool = False) -> int:
    """A comma/"và" list of kinds after a determiner: "sở, ban, ngành và địa phương". A kind described by
    words of its own ("doanh nghiệp viễn thông") does not run on into bare generic kinds ("tổ chức, cá
    nhân có liên quan" is another class); its description may itself be a list ("doanh nghiệp sản
    xuất, chế biến và xuất khẩu hàng hóa"). With `localities`, only kinds of place follow."""
    kind_end = pos
    kind_start = _kind_start(text, pos)
    pos = _consume_modifiers(text, pos)
    while True:
        described = pos > kind_end
        sep = SEP.match(text, pos)
        joined = _GENERIC_PAIR.match(text, pos) if not sep and pos == kind_end else None
        if joined and text[kind_start:kind_end].lower() in GENERIC_KINDS:
            # "cơ quan tổ chức có liên quan": two generic kinds written without a comma
            kind_start, kind_end = joined.start(1), joined.end(1)
            pos = _consume_modifiers(text, kind_end)
            continue
        if not sep:
            return pos
        k = KIND_RE.match(text, sep.end())
        if not k and described and (ps := _PARTY_STATE.match(text, sep.end())):
            pos = _consume_modifiers(text, ps.end())  # "các cơ quan Đảng, Nhà nước": one kind's owners
            continue
        if not k:
            w = WORD.match(text, sep.end())
            if described and not localities and w and _describes(text, w):
                kind_end, pos = pos, _consume_modifiers(text, w.end())
                continue
            return pos
        if text.startswith("các ", sep.end()):
            return pos
        if localities and not LOCALITY_KINDS.fullmatch(k.group()):
            return pos
        if described:
            return pos  # "các sở, ngành cấp tỉnh, cơ quan ngành dọc ...": a new class begins
        named_kind = " " in text[kind_start:kind_end].strip()
        if named_kind and k.group().lower() in GENERIC_KINDS and "và" in sep.group():
            # "các tổ chức chính trị - xã hội và cơ quan, tổ chức có liên quan": a named kind, then others
            return pos
        after = WORD.match(text, skip_ws(text, k.end()))
        if is_upper_word(k.group()) and after and is_upper_word(after.group()):
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
        not is_upper_word(word)
        and not VERB_RE.match(text, w.start())
        and not NAME_STOPS.match(text, w.start())
        and not ROLE_VERB.match(text, w.start())
        and word not in ("các", "và", "những")
    )


def consume_name(text: str, pos: int, *, inner_commas: bool = True, committee: bool = False) -> int:
    """The proper name after a head: capitalised words, lower-case non-verbs, internal "và"/","/"-".
    A committee's name ("Ban Chỉ đạo ... về <topic>") also takes its lower-case topic after "về"."""
    words = 0
    p = skip_ws(text, pos)
    standard = DEPARTMENT_ANY_CASE_RE.match(text, p) if text[p : p + 1].isupper() else None
    if standard:  # "Sở Lao động - Thương binh và xã hội": a standard name, whatever the writer's case
        pos, words = standard.end(), len(standard.group().split())
    while words < _MAX_NAME_WORDS:
        p = skip_ws(text, pos)
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
        if (
            words
            and text[p] in "-–"
            and (pair := LOCALITY_PAIR.match(text, p))
            and _LOCALITY_END.search(text[:pos])
        ):
            pos, words = pair.end(), words + 1  # "Kho bạc Nhà nước quận - huyện": a body at either level
            continue
        if text[p] in ",-–&" or text.startswith("và ", p):
            # internal separator only when a capitalised non-head word follows
            sep = re.compile(r"\s*(?:,|-|–|&|và)\s*").match(text, p)
            assert sep is not None
            nxt = WORD.match(text, sep.end())
            # "Ban Công tác đặc biệt - Ủy ban Chuyên trách Chính phủ": a body and the one it belongs to
            of_body = text[p] in "-–" and words > 1 and _UNDER_BODY.match(text, sep.end())
            if (
                words
                and nxt
                and is_upper_word(nxt.group())
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
        w = WORD.match(text, p)
        if not w:
            return pos
        if words and _ROLE_OPENING.match(text, p):
            return pos  # "Sở Tài chính Chủ trì, phối hợp ...": a heading's name, then its duty's first word
        if not is_upper_word(w.group()) and text.startswith("các ", p) and not KIND_RE.match(text, p + 4):
            inner = _inner_words(text, p) if words else None
            if inner is None:
                return pos
            pos, words = inner, words + 1
            continue
        if (
            words
            and _locality_closes(text, pos)
            and (not is_upper_word(w.group()) or CAPITALISED_VERB.match(text, p))
        ):
            # "Phòng Tư pháp huyện | kiểm soát ...", "Tỉnh đoàn | Tuyên truyền ..." (a heading line
            # joined to its duty): a locality closes the name unless a proper name follows
            return pos
        pos, words = w.end(), words + 1
    return pos


_LOCALITIES = r"(?:quận|huyện|xã|phường|thị trấn|thị xã|thành phố)"
LOCALITY_PAIR = re.compile(rf"\s*[-–]\s*{_LOCALITIES}(?![\wÀ-ỹ])")
_LOCALITY_END = re.compile(rf"(?<![\wÀ-ỹ]){_LOCALITIES}$")

# The standard department names in any case after their capitalised first word.

# Lower-case words a name may hold when a proper name follows them ("Viện Nghiên cứu phát triển Thành
# phố", "Trung tâm Dịch vụ việc làm Thành phố"): never a role verb, which starts the predicate.
ROLE_VERB = re.compile(
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
_UNDER_BODY = re.compile(r"(?:Ủy ban|Uỷ ban|Tổng cục|Bộ|Cục|Ban|Đại học|Học viện)\s+[A-ZĐÀ-Ỹ]")


def _inner_words(text: str, p: int) -> int | None:
    """Where a run of lower-case words inside a name ends, if a proper name follows it within a few
    words ("phát triển | Thành phố"); None when the words start the predicate."""
    q = p
    for _ in range(_LOOKAHEAD_WORDS):
        q = skip_ws(text, q)
        if q >= len(text) or text[q] in ',;:()./"“”[]':
            return None
        w = WORD.match(text, q)
        if not w:
            return None
        if is_upper_word(w.group()):
            if (
                q == p
                or NAMED_HEAD_RE.match(text, q)
                or TITLES.match(text, q)
                or NOT_UNITS.match(text, q)
                or _NOT_NAME_WORDS.match(text, q)
                or CAPITALISED_VERB.match(text, q)
            ):
                return None
            return q
        if (ROLE_VERB.match(text, q) and q > p) or (q == p and ROLE_VERB.match(text, q)):
            return None
        if q == p and PREDICATE_ONLY.match(text, q):
            return None  # "Ngân hàng Nhà nước Việt Nam ký với WB Hiệp định ...": no name goes on after "ký"
        q = w.end()
    return None


# A mention ending with a lower-case kind ("Ủy ban nhân dân xã"): the kinds listed after it extend it.
_SOCIAL = re.compile(r"\s+hội(?![\wÀ-ỹ])")


def _locality_closes(text: str, pos: int) -> bool:
    """The name so far ends with a locality word ("Phòng Tư pháp huyện"), "xã hội" (society) aside."""
    return bool(LOCALITY_END.search(text[:pos])) and not (
        text[:pos].endswith("xã") and _SOCIAL.match(text, pos)
    )


_MEMBER_OF = re.compile(r"thành viên|trực thuộc")
OF_EACH = re.compile(r"(?<=\s)các\s+")


def clean(text: str) -> str:
    return _WS.sub(" ", text).strip(" ,;:-–")
