"""Who must do what in one block: the subject units, their role, and the quoted duty.

Rules (SCHEMA.md, gold README): a unit is support only when its part is "phối hợp"; a "phối hợp" clause
followed by ";"-separated duties of its own gives a support row and a lead row; "chủ trì, phối hợp với Y"
makes Y support; "X phối hợp với Y" says nothing of Y; "Đề nghị/Giao <unit>" puts the unit in charge;
"do <unit> chủ trì" names the lead of a passive clause; catch-alls ("các cơ quan liên quan") name nobody.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from parsing.clauses import split_clauses, strip_end
from parsing.mention import generic_kinds
from parsing.model import ParsedAssignment, Role
from parsing.role_words import (
    DIRECTIVES,
    DUTY_VERB,
    LEAD_INS,
    LEAD_START,
    ROLE_ADVERBIALS,
    SUPPORT_START,
    VERB_RE_I,
)
from parsing.unit_mentions import Mention, parse_unit_list
from parsing.units_lexicon import KIND_RE

_PARTNER_TAIL = re.compile(r"phối hợp(?:\s+chặt chẽ)?\s+với\s+", re.IGNORECASE)
# "chủ trì, phối hợp với Y", "chủ trì, điều phối và phối hợp với Y": Y supports
_PARTNERS = re.compile(
    r"[,\s]*(?:(?:điều phối|hướng dẫn|theo dõi)\s*(?:,|và)\s*)?(?:và\s+)?"
    r"phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+",
    re.IGNORECASE,
)
_AGENT = re.compile(r"\bdo\s+")
_AGENT_LEAD = re.compile(r"\s*(?:chủ trì|thực hiện|tổng hợp|làm đầu mối)\b")
# "các dự án do Bộ Công an chủ trì theo chức năng ...": who owns a programme, not a task of this plan.
_OWNERSHIP = re.compile(r"\s*(?:$|[,;:.)(]|theo\b|trong\b|tại\b|khi\b|đối với\b)")
_HEADING_OF_UNIT = re.compile(
    r"(?:Trách nhiệm|Nhiệm vụ|Yêu cầu)\s+đối với\s+|"
    # "Điều 28. Nhiệm vụ, quyền hạn của Bộ Tài chính", "Trách nhiệm và quyền hạn của ..."
    r"(?:Trách nhiệm|Nhiệm vụ)(?:\s*,?\s*(?:và\s+)?quyền hạn)?\s+(?:của\s+)?|Đối với\s+",
    re.IGNORECASE,
)
_COMMA = re.compile(r",\s*")
# A later clause's opening before its lead verb: "...; tổ chức chủ trì, phối hợp với ...".
_LATER_LEAD_IN = re.compile(r"(?:đồng thời|tổ chức|trực tiếp)\s+(?=chủ trì)", re.IGNORECASE)
# "là cơ quan thường trực, chủ trì, phối hợp với ...": the standing role before the lead verb.
_STANDING_ROLE = re.compile(r"là\s+cơ\s+quan\s+(?:thường\s+trực|đầu\s+mối)[^,;:]{0,60},\s*", re.IGNORECASE)
# "UBND tỉnh giao Sở X ...": the issuer speaks and Sở X performs. "Sở X chỉ đạo các bệnh viện ..." is Sở X's
# own duty (the bodies it directs are objects), so "chỉ đạo" does not hand the subject on.
_REQUEST_VERB = r"(?:giao cho|giao|đề nghị|yêu cầu)\s+"
_ISSUER_DIRECTIVE = re.compile(rf"\s*(?:trân trọng\s+|kính\s+)?{_REQUEST_VERB}", re.IGNORECASE)


# The Government or the Prime Minister, issuers with no unit name of their own, speaking: the units
# after the directive perform ("Chính phủ trân trọng đề nghị ...", "Thủ tướng Chính phủ yêu cầu ...").
_GOVERNMENT_SPEAKS = re.compile(rf"(?:Chính phủ|Thủ tướng Chính phủ){_ISSUER_DIRECTIVE.pattern}")


@dataclass(frozen=True, slots=True)
class Subject:
    """The units a sentence is about and where their predicate starts."""

    mentions: list[Mention]
    predicate_at: int
    topic: str = ""  # "Tập huấn ...: Sở X chủ trì": the task named before the colon belongs to the duty
    lead_in: str = ""  # "Trước ngày 15/12/2026, các sở ... báo cáo": a time before the subject is the duty's
    heading: bool = False  # "Trách nhiệm của X", "Đối với X", "Yêu cầu đối với X": whose items follow


def _predicate_ok(text: str, pos: int, *, comma: bool = False) -> bool:
    rest = text[pos:].lstrip()
    if comma and rest.startswith(",") and DUTY_VERB.match(rest[1:].lstrip()):
        return True  # "1. Ủy ban nhân dân tỉnh, chỉ đạo ...": a comma before the predicate
    if not comma and rest.startswith("(") and (close := rest.find(")")) > 0:
        # after a lead-in, units then a bracket alone are no subject: "Đối với giấy phép ... nhóm I: Cục
        # ..., Bộ Công Thương; các Sở: ... (nơi có khoáng sản được khai thác)" lists where reports go
        after = rest[close + 1 :].lstrip()
        return not after or after[0] in ":-–" or bool(VERB_RE_I.match(after))
    return not rest or rest[0] in ":(" or rest.startswith("-") or bool(VERB_RE_I.match(rest))


def _units_at(text: str, pos: int, *, directed: bool = False, comma: bool = False) -> Subject | None:
    mentions, end = parse_unit_list(text, pos)
    if not mentions:
        return None
    d = None if directed else _ISSUER_DIRECTIVE.match(text, end)
    if d:
        # "UBND tỉnh giao Sở X ...", "Chủ tịch UBND tỉnh yêu cầu Giám đốc các sở ...": the issuer speaks
        inner = _units_at(text, d.end())
        if inner:
            return inner
    if not _predicate_ok(text, end, comma=comma):
        return None
    return Subject(mentions, end)


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


def find_subject(sentence: str) -> Subject | None:
    """The units at the head of a sentence, after an optional directive or lead-in clause."""
    pos = 0
    directed = heading = False
    h = _HEADING_OF_UNIT.match(sentence)
    if g := _GOVERNMENT_SPEAKS.match(sentence):
        pos, directed = g.end(), True  # "Chính phủ trân trọng đề nghị Ban ..., Mặt trận ... phối hợp ..."
    elif h and "đối với" in h.group().lower():
        pos, heading = h.end(), True  # "1. Yêu cầu đối với các tổ chức, cá nhân được cấp giấy phép ..."
    elif d := DIRECTIVES.match(sentence):
        pos, directed = d.end(), True  # "Đề nghị UBND các huyện chỉ đạo ...": the units named perform
    elif h:
        pos, heading = h.end(), True
    subject = _units_at(sentence, pos, directed=directed, comma=True)
    if subject is None and heading and (named := _named_to_colon(sentence, pos)):
        return named
    if subject:
        if _INTRODUCES.fullmatch(sentence, subject.predicate_at):
            return None
        return replace(subject, heading=heading) if heading else subject
    if LEAD_INS.match(sentence):
        for c in _COMMA.finditer(sentence):
            subject = _units_at(sentence, c.end())
            if subject:
                return replace(subject, lead_in=sentence[: c.start()])
            if d := _LATE_DIRECTIVE.match(sentence, c.end()):
                # "Đối với chi phí năm 2023, yêu cầu Bộ Tài chính ... xong trước ngày ...": directed units
                subject = _units_at(sentence, d.end(), directed=True)
                if subject:
                    return subject
            if VERB_RE_I.match(sentence, _skip_spaces(sentence, c.end())):
                break  # "Căn cứ chức năng, chỉ đạo các cơ sở ...": the lead-in is over, no subject
    if not directed and (t := _TOPIC.match(sentence)):
        subject = _units_at(sentence, t.end())
        if subject and _predicate_text(sentence, subject.predicate_at):
            topic = sentence[: t.end()].strip(" :")
            return Subject(subject.mentions, subject.predicate_at, topic, lead_in=topic)
    return None


def requested_units(sentence: str) -> Subject | None:
    """The units a sentence's request names ("..., Chủ tịch UBND tỉnh yêu cầu các sở, ban, ngành ... thực
    hiện các nội dung sau:", "Bộ X kính đề nghị UBND các tỉnh ... chỉ đạo ..."), however long the lead-in."""
    for m in _REQUEST.finditer(sentence):
        subject = _units_at(sentence, m.end(), directed=True)
        if subject is not None:
            return subject
    return None


_REQUEST = re.compile(rf"(?<![\wÀ-ỹ]){_REQUEST_VERB}", re.IGNORECASE)


def _named_to_colon(sentence: str, pos: int) -> Subject | None:
    """ "Nhiệm vụ của Tổ tiếp công dân, xử lý khiếu nại, tố cáo, kiến nghị, phản ánh của công dân:": one
    body whose long name runs to the heading's colon."""
    colon = sentence.rstrip().rfind(":")
    if colon != len(sentence.rstrip()) - 1:
        return None
    mentions, _end = parse_unit_list(sentence, pos)
    if len(mentions) != 1 or mentions[0].catch_all:
        return None
    name = sentence[pos:colon].strip()
    return Subject([replace(mentions[0], text=name)], colon, heading=True)


_LATE_DIRECTIVE = re.compile(rf"\s*{_REQUEST_VERB}", re.IGNORECASE)
# "Chủ tịch UBND tỉnh yêu cầu:", "UBND tỉnh giao nhiệm vụ như sau:": the issuer introduces the items that
# follow; the speaker is no performer and the line no duty.
_INTRODUCES = re.compile(
    r"\s*(?:kính\s+|trân trọng\s+)?(?:giao|yêu cầu|đề nghị|chỉ đạo)"
    r"(?:\s+(?:(?:các|một số|những)\s+)?(?:nhiệm vụ|trách nhiệm|nội dung|việc)(?:\s+[^\s:]+){0,3}?)?"
    r"(?:\s+(?:cụ thể\s+)?như sau)?\s*:\s*",
    re.IGNORECASE,
)
# "Sở Y tế (Cơ quan Thường trực Ban Chỉ đạo): Chủ trì ...", "Sở X (cơ quan thường trực ...) chủ trì ...":
# the standing role in brackets is no duty.
_BRACKETED_ROLE = re.compile(r"\s*\([^()]{0,160}\)\s*(?::\s*|$|(?=[a-zà-ỹđ]))")
# "Cải cách tổ chức bộ máy: Sở Nội vụ tham mưu ...": a short topic before the colon, then the performer.
_TOPIC = re.compile(r"[^:;()]{3,80}:\s+")


def _predicate_text(sentence: str, at: int) -> str:
    bracket = _BRACKETED_ROLE.match(sentence, at)
    if bracket:
        at = bracket.end()
    return strip_end(sentence[at:].lstrip(" :–-,"))


def assignment(unit: Mention, role: Role, duty: str, section: str | None, source: str) -> ParsedAssignment:
    """The row for one unit given one duty (every reader makes its rows here)."""
    return ParsedAssignment(
        unit=unit.text,
        group=unit.group,
        role=role,
        duty=duty,
        section=section,
        source=source,
        position=unit.position,
    )


def rows_for(
    mentions: list[Mention], predicate: str, section: str | None, source: str
) -> list[ParsedAssignment]:
    """Assignment rows for units sharing one predicate."""
    units = [m for m in mentions if not m.catch_all]
    if not units or not predicate:
        return []
    clauses = split_clauses(predicate)
    first = clauses[0]
    adverbials = ROLE_ADVERBIALS.match(first)
    core = first[adverbials.end() if adverbials else 0 :]
    rows: list[ParsedAssignment] = []
    if SUPPORT_START.match(core):
        support = [first]
        own: list[str] = []
        for c in clauses[1:]:
            if own or VERB_RE_I.match(c):
                own.append(c)
            else:
                support.append(c)
        for u in units:
            rows.append(assignment(u, "support", "; ".join(support), section, source))
            if own:
                rows.append(assignment(u, "lead", "; ".join(own), section, source))
        return rows
    for u in units:
        rows.append(assignment(u, "lead", predicate, section, source))
    rows.extend(_clause_subjects(clauses, section, source))
    # "chủ trì, phối hợp với Y" opening the part or a later clause of it ("xây dựng kế hoạch; chủ trì,
    # phối hợp với Y kiểm tra ..."): Y supports the units in that clause's work
    for n, clause in enumerate(clauses):
        if n:
            adverbials = ROLE_ADVERBIALS.match(clause)
            core = clause[adverbials.end() if adverbials else 0 :]
            core = core[m.end() :] if (m := _LATER_LEAD_IN.match(core)) else core
        standing = _STANDING_ROLE.match(core)
        lead = LEAD_START.match(core, standing.end() if standing else 0)
        p = _PARTNERS.match(core, lead.end()) if lead else None
        if p:
            partners, end = parse_unit_list(core, p.end())
            for partner in partners:
                if partner.partner:
                    rows.append(assignment(partner, "support", predicate, section, source))
            if partners and _ends_clause(core, end):
                rows.extend(_more_partners(clauses[n + 1 :], predicate, section, source))
    return rows


def _clause_subjects(clauses: list[str], section: str | None, source: str) -> list[ParsedAssignment]:
    """ "Sở X chủ trì hướng dẫn; Sở Y phối hợp thực hiện": a later clause with units of its own at its
    head gives them their rows, in the role its own words say (not after an open list of partners,
    whose ";" go on naming partners)."""
    rows: list[ParsedAssignment] = []
    partners_open = open_partner_list(clauses[0])
    for clause in clauses[1:]:
        if partners_open:  # "...; Sở Tài chính; UBND các huyện kiểm tra ...": partners to the duty's words
            _, end = parse_unit_list(clause, 0)
            partners_open = _ends_clause(clause, end)
            continue
        partners_open = open_partner_list(clause)
        if not clause[:1].isupper():
            continue
        if DIRECTIVES.match(clause) or LEAD_INS.match(clause):
            continue  # "...; Chỉ đạo các đơn vị trực thuộc ...": the same unit's own duty goes on
        subject = find_subject(clause)
        if subject is None or subject.predicate_at == 0:
            continue
        predicate = predicate_of(clause, subject)
        adverbials = ROLE_ADVERBIALS.match(predicate)
        role: Role = (
            "support" if SUPPORT_START.match(predicate[adverbials.end() if adverbials else 0 :]) else "lead"
        )
        rows.extend(
            assignment(m, role, predicate, section, source) for m in subject.mentions if not m.catch_all
        )
    return rows


def _generic_class(mention: Mention) -> bool:
    return mention.group and bool(KIND_RE.search(mention.text)) and generic_kinds(mention.text)


def _ends_clause(text: str, end: int) -> bool:
    return not text[end:].strip(" .;")


def open_partner_list(clause: str) -> bool:
    """Whether the clause ends inside the list after "phối hợp với" ("Sở X chủ trì, phối hợp với Công an
    tỉnh"), so that a units-only clause after the ";" names more partners."""
    p = _PARTNER_TAIL.search(clause)
    if p is None:
        return False
    partners, end = parse_unit_list(clause, p.end())
    return bool(partners) and _ends_clause(clause, end)


def _more_partners(
    clauses: list[str], predicate: str, section: str | None, source: str
) -> list[ParsedAssignment]:
    """ "phối hợp với Công an tỉnh; Sở Tài chính; UBND các huyện kiểm tra ...": the partners the ";" go on
    naming, up to the clause where the duty's words begin."""
    rows: list[ParsedAssignment] = []
    for clause in map(str.strip, clauses):
        partners, end = parse_unit_list(clause, 0)
        # "các cơ quan, đơn vị và các doanh nghiệp có liên quan": a generic class is no named partner
        named = [m for m in partners if m.partner and not _generic_class(m)]
        rows.extend(assignment(m, "support", predicate, section, source) for m in named)
        if not partners or not _ends_clause(clause, end):
            break
    return rows


def agent_rows(
    predicate: str, section: str | None, source: str
) -> tuple[list[ParsedAssignment], list[Mention]]:
    """ "báo cáo ... do Sở Ngoại vụ chủ trì tổng hợp": the agent of a passive clause leads it."""
    rows: list[ParsedAssignment] = []
    agents: list[Mention] = []
    for clause in split_clauses(predicate):
        for m in _AGENT.finditer(clause):
            mentions, end = parse_unit_list(clause, m.end())
            lead = _AGENT_LEAD.match(clause, end)
            if mentions and lead and not _OWNERSHIP.match(clause, lead.end()):
                for u in mentions:
                    if not u.catch_all:
                        agents.append(u)
                        rows.append(assignment(u, "lead", strip_end(clause), section, source))
    return rows, agents


def directive_rows(text: str, section: str | None, source: str) -> list[ParsedAssignment]:
    """In a bullet with no subject: "...; chỉ đạo UBND các huyện A, B ... đẩy mạnh ..." -> A and B lead."""
    rows: list[ParsedAssignment] = []
    for clause in split_clauses(text):
        d = DIRECTIVES.match(clause)
        if not d:
            continue
        mentions, end = parse_unit_list(clause, d.end())
        if mentions and clause[end:].strip():
            for u in mentions:
                if not u.catch_all:
                    rows.append(assignment(u, "lead", strip_end(clause), section, source))
    return rows


def predicate_of(sentence: str, subject: Subject) -> str:
    return _predicate_text(sentence, subject.predicate_at)
