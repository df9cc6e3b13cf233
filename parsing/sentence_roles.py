"""Sentences -> assignments: who the sentence is about, in which role, with which duty and deadline.

The reader of running text: "Sở Ngoại vụ chủ trì, phối hợp với Sở Nội vụ ...", "Giao Công an tỉnh ...",
"Đề nghị Ủy ban MTTQ ...", a unit's heading ("1. Sở Tài chính:") whose bullets continue its duties, a
passive clause's agent ("do Sở X chủ trì"), the issuer's directive inside a bullet ("chỉ đạo UBND các
huyện A, B ..."). Per duty clause the deadlines (`parsing.deadlines`) go to the units the clause is about.
Only the parts that assign work are read; the purpose part and the preamble never assign.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from parsing.assignments import (
    Subject,
    agent_rows,
    assignment,
    directive_rows,
    find_subject,
    predicate_of,
    rows_for,
)
from parsing.blocks import Block
from parsing.clauses import split_clauses, split_sentences, strip_end
from parsing.deadlines import deadline_row, find_deadlines
from parsing.header import display_caps
from parsing.letters import opening_request
from parsing.model import Doubt, ParsedAssignment, ParsedDeadline, Role
from parsing.outline import looks_like_purpose
from parsing.role_words import CONDITIONAL
from parsing.unit_mentions import Mention, parse_unit_list

ASSIGNING_PARTS = ("tasks", "funding", "implementation", "annex")
# Under a unit's heading, "Chỉ đạo UBND các xã ..." is that unit's own duty, not the issuer naming
# new performers ("Giao"/"Đề nghị" stay the issuer's voice).
_OWN_DIRECTIVE = re.compile(r"(?:chỉ đạo|yêu cầu(?! đối với)|hướng dẫn)\s", re.IGNORECASE)
# A decision's closing articles name who executes it and when it takes effect: no duty of this plan.
_EXECUTION = re.compile(
    r"(?:chịu trách nhiệm\s+)?thi hành\s+(?:Quyết định|Chỉ thị|Nghị quyết|Quy chế|Quy định)\s+này|"
    r"có hiệu lực(?:\s+thi hành)?\s+(?:kể\s+)?từ|[Bb]an hành kèm theo\s+(?:Quyết định|Nghị quyết)\s+này",
    re.IGNORECASE,
)


# Words without which the two patterns above cannot match (a cheap test before the regular expressions).
_EXECUTION_WORDS = ("thi hành", "hiệu lực", "kèm theo")
_CONDITIONAL_WORDS = ("khó khăn", "vướng mắc", "phát sinh", "trên đây", "thông báo", "cảm ơn")


@dataclass(slots=True)
class SentenceState:
    """What the reader has found so far, and which blocks name the subject of the blocks below them."""

    plan_year: int | None
    assignments: list[ParsedAssignment] = field(default_factory=list)
    deadlines: list[ParsedDeadline] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)
    contexts: dict[int, _Context | None] = field(default_factory=dict)  # id(block) -> what its items inherit
    parts: dict[str, _Context] = field(default_factory=dict)  # a part's section -> what its title gives
    addressees: _Context | None = None  # a letter's opening "đề nghị X ... như sau:": who does its items


def read_blocks(blocks: list[Block], state: SentenceState, *, skip: set[int]) -> None:
    """Read every text block of an assigning part (Roman part titles and blocks in `skip` aside); when
    nothing is found, fall back to every unit-led item after the purpose part."""
    opening = opening_request(blocks)
    if opening is not None:
        state.addressees = _Context(tuple(opening.subject.mentions))
        if opening.is_duty:  # "... đề nghị UBND các tỉnh chỉ đạo ... quán triệt ...:" is a duty too
            read_block(opening.block, state)
    for block in blocks:
        if block.section and (part := _part_of_unit(block)):
            state.parts[block.section] = part
        if _assigning(block) and id(block) not in skip:
            read_block(block, state)
    if not state.assignments:
        _fallback([b for b in blocks if b.kind == "text" and id(b) not in skip], state)


def _part_of_unit(block: Block) -> _Context | None:
    """ "II. NHIỆM VỤ CHỦ YẾU CỦA BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG": the part's items are that unit's."""
    m = _PART_OF_UNIT.match(block.text) if block.marker in ("roman", "chapter") else None
    mentions = parse_unit_list(display_caps(m.group(1)), 0)[0] if m else []
    return _Context(tuple(mentions)) if mentions else None


_PART_OF_UNIT = re.compile(r"^(?:NHIỆM VỤ|TRÁCH NHIỆM)\b[^:]*?\bCỦA\s+([^:]{4,120}?)\s*:?$")


def _assigning(block: Block) -> bool:
    return block.kind == "text" and block.part in ASSIGNING_PARTS and block.marker not in ("roman", "chapter")


def _fallback(blocks: list[Block], state: SentenceState) -> None:
    """No part that assigns work was recognised (no Roman parts, unfamiliar titles): rather than nothing,
    read every unit-led item of the body except the opening paragraph and the purpose part. Recipients
    are already cut off by `split_blocks`; the items read still need a unit at the head of a sentence or
    after a directive, so prose that merely mentions units stays unlabelled."""
    before = len(state.assignments)
    for i, block in enumerate(blocks):
        if block.marker in ("roman", "chapter") or block.part in ASSIGNING_PARTS:
            continue
        if _is_purpose(block, blocks[:i]):
            continue
        if block.part == "preamble" and block.parent is None and _OPENING.search(block.text):
            continue
        read_block(block, state)
    if len(state.assignments) > before:
        state.doubts.append(Doubt("fallback"))


# The opening paragraph: "Căn cứ ..., UBND tỉnh ban hành Kế hoạch ... như sau:" (never an item under a
# unit's heading, whose "Thực hiện ...", "Theo dõi ..." is the unit's duty).
_OPENING = re.compile(r"^(?:Căn cứ|Thực hiện|Theo(?!\s+dõi)|Triển khai|Nhằm)\b|(?:như sau|cụ thể)\s*:?$")


def _is_purpose(block: Block, before: list[Block]) -> bool:
    """Section I (Roman purpose part), or a numbered purpose item and what hangs under it."""
    if block.part == "purpose" and block.section and not block.section[:1].isdigit():
        return True  # under a Roman "I. MỤC ĐÍCH, YÊU CẦU"
    node: Block | None = block
    while node is not None:
        if node.marker == "number" and looks_like_purpose(node.text):
            return True
        node = node.parent
    # a purpose heading with no number ("Mục đích, yêu cầu") covers the paragraphs up to the next item
    for prev in reversed(before):
        if prev.marker in ("number", "roman"):
            return False
        if prev.heading:
            return looks_like_purpose(prev.text)
    return False


@dataclass(frozen=True, slots=True)
class _Context:
    """What the items under a block inherit: whose duties they are, and in which role."""

    subject: tuple[Mention, ...]
    role: Role | None = None  # a role lead-in ("Phối hợp với ...:") fixes the role of the items below it
    partners: bool = False  # under "Chủ trì, phối hợp:" the units an item names are the lead's partners


# A lead-in that gives the role of the items below it: "Chủ trì, phối hợp với ...:", "Phối hợp với ...:".
_ROLE_LEAD_IN = re.compile(
    r"^(?:(?:chủ động|tích cực|tiếp tục|thường xuyên)\s+)?(?:(?P<lead>chủ trì)(?:\s*,\s*|\s+và\s+)?)?"
    r"(?P<support>(?:tham gia\s+)?phối hợp)?\b",
    re.IGNORECASE,
)


def _lead_in(predicate: str) -> tuple[Role, bool] | None:
    """(role, partners) when the predicate is a role lead-in: it ends with ":" or is only role words."""
    m = _ROLE_LEAD_IN.match(predicate.strip())
    if m and not predicate.rstrip().endswith(":") and predicate.strip(" .:")[m.end() :].strip():
        return None
    if not m or not (m.group("lead") or m.group("support")):
        return None
    if m.group("lead"):
        return "lead", bool(m.group("support"))
    return "support", False


def _inherited(block: Block, state: SentenceState) -> _Context | None:
    """The context of the nearest item above the block that gives one."""
    for parent in block.ancestors():
        ctx = state.contexts.get(id(parent))
        if ctx is not None:
            return ctx
    # an item of a part whose title names the unit ("II.3" under "II. NHIỆM VỤ ... CỦA BỘ X"), however
    # the blocks are read (in order, or again by the fallback)
    part = state.parts.get(block.section.split(".", 1)[0]) if block.section else None
    if part is None and state.addressees is not None and block.section and not block.heading:
        return state.addressees  # a letter's numbered item that names no one: its addressees'
    return part


# A body's membership announced ("Kiện toàn Ban Chỉ đạo ..., gồm các thành viên sau đây:", "Thành phần
# Tổ công tác gồm:"): the items below name who sits on it and in which office, not duties.
_MEMBERS = re.compile(r"gồm các thành viên|thành phần (?:Ban|Tổ|Hội đồng|Đoàn)[^:]{0,120}gồm", re.IGNORECASE)
_MEMBERS_ONLY = _Context(())
_SCOPE = re.compile(r"Đối với\s", re.IGNORECASE)
_AMOUNT = re.compile(r"[\d.,]+\s*(?:USD|VNĐ|VND|đồng|triệu|tỷ)\b", re.IGNORECASE)
_COMPOSITION = re.compile(r"Thành phần\s+(?:tham\s+)?(?:dự|mời)\b", re.IGNORECASE)


def read_block(block: Block, state: SentenceState) -> None:
    source = block.text  # already whitespace-collapsed
    if source.startswith("(") and source.endswith(")"):
        return  # a note in brackets ("(Kèm theo Quyết định số ...)", "(Danh mục tại Phụ lục)"): no duty
    if _MEMBERS.search(source) and source.rstrip().endswith(":"):
        state.contexts[id(block)] = _MEMBERS_ONLY  # "... gồm các thành viên sau đây:": who sits, no duty
        return
    inherited = _inherited(block, state)
    if inherited is _MEMBERS_ONLY:
        return
    current: list[Mention] | None = None
    forced: Role | None = None
    topic = ""
    when = ""  # the subject's time lead-in ("Trước ngày 15/12/2026, ..."): its deadline is the duty's
    predicate_parts: list[str] = []
    sources: list[str] = []
    found_any = False

    refers_back = False  # the current subject refers back to performers named elsewhere: no rows of its own

    def flush() -> None:
        nonlocal predicate_parts, sources
        if current is not None and predicate_parts:
            if refers_back:
                _deadlines(current, "; ".join(predicate_parts), block, state, [], when)
            else:
                duty = "; ".join(predicate_parts)
                _emit(current, duty, block, " ".join(sources), state, topic, forced, when)
        predicate_parts, sources = [], []

    for i, sentence in enumerate(split_sentences(block.text)):
        lowered = sentence.lower()
        if any(w in lowered for w in _EXECUTION_WORDS) and _EXECUTION.search(sentence):
            continue
        if sentence.rstrip().endswith("!"):
            continue  # a slogan ("Chủ tịch Hồ Chí Minh vĩ đại sống mãi ...!"), not a duty
        if any(w in lowered for w in _CONDITIONAL_WORDS) and CONDITIONAL.search(sentence):
            found_any = True  # read, and the conditional part deliberately not labelled
            sentence = _before_conditional(sentence)
            if not sentence:
                continue
        own_directive = (current is not None or (i == 0 and inherited)) and _OWN_DIRECTIVE.match(sentence)
        subject = None if own_directive else find_subject(sentence)
        if subject is not None and subject.heading and inherited and _SCOPE.match(sentence):
            # under a unit's item, "g) Đối với các địa phương chưa ban hành ... thì cần sớm ban hành ...":
            # the units a duty is scoped to, still the item's unit's duty
            subject = None
        if subject is not None and _PAST.match(sentence, subject.predicate_at):
            # "Bộ Tài chính đã nghiêm túc thực hiện ...": what a unit has done, said in passing; no duty
            flush()
            current, refers_back, forced = None, False, None
            found_any = True
            continue
        if subject is not None and _BACK_REFERENCE.match(sentence, subject.predicate_at):
            # "Các cơ quan được phân công chủ trì ...": refers back, names nobody; what it owes and by when
            # still stands (the importer gives it to the plan's performers)
            found_any = True
            flush()
            current, refers_back, forced, when = subject.mentions, True, None, ""
            predicate_parts.append(predicate_of(sentence, subject))
            continue
        if subject is not None and i == 0 and inherited is not None and inherited.partners:
            # under "Chủ trì, phối hợp:" an item's own units are the partners of the unit above
            predicate = predicate_of(sentence, subject)
            duty = strip_end(predicate or sentence)
            for unit in subject.mentions:
                if not unit.catch_all:
                    state.assignments.append(assignment(unit, "support", duty, block.section, source))
            current, forced = list(inherited.subject), "lead"
            predicate_parts.append(strip_end(sentence))
            sources.append(sentence)
            found_any = True
            continue
        if subject is not None:
            flush()
            refers_back = False
            predicate = predicate_of(sentence, subject)
            if i == 0 and _ANNOUNCES_DUTIES.fullmatch(predicate.strip(" .:")):
                predicate = ""  # "Điều 4. Sở Tài chính có nhiệm vụ": the items below are its duties
            if _COMPOSITION.match(predicate):
                predicate = ""  # "Đối với MTTQ ...: Thành phần dự hội nghị gồm ...": who attends, no duty
            if _AMOUNT.match(predicate):
                continue  # "+ Bộ Công Thương: 760.000 USD;": a unit's share of the funds, no duty
            if i == 0 and (_describes_unit(predicate, sentence, block) or _announced(subject, predicate)):
                subject = _extended(subject, predicate)
                predicate = ""
            current, topic, forced, when = subject.mentions, subject.topic, None, subject.lead_in
            found_any = True
            if i == 0:
                state.contexts[id(block)] = _own_context(subject.mentions, predicate, sentence, block)
            if predicate:
                predicate_parts.append(predicate)
                sources.append(sentence)
            continue
        if current is None and i == 0 and inherited:
            current, forced = list(inherited.subject), inherited.role
            found_any = True
            lead_in = _lead_in(sentence)
            if lead_in is not None:
                # "a) Chủ trì, phối hợp với ...:" under a unit: the items below take this role
                state.contexts[id(block)] = _Context(inherited.subject, lead_in[0], lead_in[1])
                forced = None
        if current is not None:
            predicate_parts.append(strip_end(sentence))
            sources.append(sentence)
            continue
        rows = directive_rows(strip_end(sentence), block.section, source)
        if rows:
            state.assignments.extend(rows)
            found_any = True
            continue
        _orphan_deadlines(sentence, block, state)
    flush()
    if not found_any and block.part == "implementation" and not block.heading and len(block.text) > 40:
        state.doubts.append(Doubt("item_without_unit", block.text[:200], block.section))


# Words of a predicate proper: a heading whose words after the units hold none of them only describes
# the units ("Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông trên địa bàn:").
_DUTY_WORDS = re.compile(
    r"(?:chủ trì|phối hợp|tham mưu|chịu trách nhiệm|có trách nhiệm|thực hiện|triển khai|tổ chức thực hiện|"
    r"báo cáo|theo dõi|hướng dẫn|chỉ đạo|đề nghị|như sau|nhiệm vụ|sau đây|cụ thể)(?![\wÀ-ỹ])",
    re.IGNORECASE,
)
_DESCRIPTION_MAX = 140
# Verbs that make the words after a heading's units a duty ("tổ chức hội nghị ..."); "xây dựng", as in
# "Các chủ đầu tư xây dựng và kinh doanh hạ tầng khu công nghiệp:", may still describe them.
_ACTS = re.compile(
    r"(?:tổ chức|thực hiện|triển khai|chủ trì|phối hợp|chỉ đạo|tham mưu|theo dõi|trao đổi|làm việc|họp|"
    r"gửi|báo cáo|tổng hợp|rà soát|kiểm tra|tuyên truyền|vận động|hướng dẫn|cung cấp|đề xuất|triệu tập)\s",
    re.IGNORECASE,
)
# A heading that only announces the duties listed below it ("có nhiệm vụ", "có trách nhiệm sau").
_ANNOUNCES_DUTIES = re.compile(
    r"(?:có|gồm)?\s*(?:các\s+)?(?:nhiệm vụ|trách nhiệm)(?:,?\s*(?:và\s+)?quyền hạn)?"
    r"(?:\s+(?:sau|như sau|sau đây|cụ thể|chính|chủ yếu))*",
    re.IGNORECASE,
)


def _describes_unit(predicate: str, sentence: str, block: Block) -> bool:
    """A heading's words after its units that describe them rather than give a duty."""
    if not predicate or len(predicate) > _DESCRIPTION_MAX or _DUTY_WORDS.search(predicate):
        return False
    if _ACTS.match(predicate):
        return False  # "... và Ban Công tác Mặt trận thôn tổ chức hội nghị ... theo trình tự quy định:"
    return sentence.rstrip().endswith(":") or (block.heading and not sentence.rstrip().endswith("."))


def _announced(subject: Subject, predicate: str) -> bool:
    """ "Yêu cầu đối với các tổ chức, cá nhân được cấp giấy phép khai thác.": a heading that announces whose
    items follow, the words after its units describing them, whatever its closing mark."""
    return subject.heading and 0 < len(predicate) <= _DESCRIPTION_MAX and not _DUTY_WORDS.search(predicate)


def _extended(subject: Subject, description: str) -> Subject:
    """The subject whose last unit's name runs on to the end of the heading."""
    *rest, last = subject.mentions
    text = f"{last.text} {description.strip(' :')}"
    return Subject([*rest, replace(last, text=text)], subject.predicate_at, subject.topic)


# "Các cơ quan được phân công chủ trì ...", "Các đơn vị được giao nhiệm vụ ...": a reference back to the
# performers named elsewhere, not an assignment.
_PAST = re.compile(r"\s*đã\s", re.IGNORECASE)
# "Các cơ quan, doanh nghiệp được giao quản lý tài sản ..." describes whom the item is about, not a reference.
_BACK_REFERENCE = re.compile(
    r"\s*được\s+(?:phân công|giao)"
    r"(?:\s+(?:cho\s+)?(?:chủ trì|nhiệm vụ|thực hiện|triển khai|tại|trong|theo)\b|\s*[,:.;]|\s*$)",
    re.IGNORECASE,
)


def _own_context(mentions: list[Mention], predicate: str, sentence: str, block: Block) -> _Context | None:
    """The context a block gives the items below it: a unit's heading ("1. Sở Tài chính:"), a lead-in
    ("Sở X chủ trì, phối hợp với Y:"), or a unit's own item in the implementation part."""
    subject = tuple(mentions)
    if not predicate:
        return _Context(subject)
    lead_in = _lead_in(predicate)
    if lead_in is not None and sentence.rstrip().endswith(":"):
        return _Context(subject, lead_in[0], lead_in[1])
    # "2. Đề nghị UBND xã phối hợp" with no colon: the unit's part in the whole item, over bullets that
    # each open with their own verb ("- Phối hợp ...", "- Chỉ đạo ..."): each bullet's verb gives its role
    if lead_in is not None or sentence.rstrip().endswith(":") or block.part == "implementation":
        return _Context(subject)
    return None


def _before_conditional(sentence: str) -> str:
    """ "Giao Sở X theo dõi ...; nếu có khó khăn, vướng mắc ... báo cáo ...; trước ngày 15/12 báo cáo ...":
    the duties without the conditional route for complaints."""
    return "; ".join(c for c in split_clauses(sentence) if not CONDITIONAL.search(c))


def _emit(
    mentions: list[Mention],
    predicate: str,
    block: Block,
    source: str,
    state: SentenceState,
    topic: str = "",
    forced: Role | None = None,
    when: str = "",
) -> None:
    if forced is None:
        rows = rows_for(mentions, predicate, block.section, source)
    else:  # the role a lead-in above gave ("b) Phối hợp với ...:" then the duties)
        rows = [assignment(m, forced, predicate, block.section, source) for m in mentions if not m.catch_all]
    if topic:  # "Tập huấn ...: Sở X chủ trì, hoàn thành trước ...": the duty is the task before the colon
        rows = [replace(r, duty=f"{topic}: {r.duty}") for r in rows]
    agents_rows, agents = agent_rows(predicate, block.section, source)
    state.assignments.extend(rows)
    state.assignments.extend(agents_rows)
    _deadlines(mentions, predicate, block, state, agents, when)


def _deadlines(
    mentions: list[Mention],
    predicate: str,
    block: Block,
    state: SentenceState,
    agents: list[Mention],
    when: str = "",
) -> None:
    """The deadlines of each clause of a predicate, owed by the clause's agents or else the subject; a
    time said before the subject ("Trước ngày 15/12/2026, các sở ... báo cáo ...") belongs to the first."""
    units = [m for m in mentions if not m.catch_all]
    for n, clause in enumerate(split_clauses(predicate)):
        found = find_deadlines(f"{when}, {clause}" if when and n == 0 else clause, plan_year=state.plan_year)
        if n and when and found:
            # "Báo cáo 6 tháng: A gửi ... trước ngày 05/7; B tổng hợp ... trước ngày 10/7": the label's period
            # holds for the later clause too, where it only qualifies the clause's own dates
            qualified = find_deadlines(f"{when}, {clause}", plan_year=state.plan_year)
            found = qualified if len(qualified) == len(found) else found
        if not found:
            continue
        clause_agents = [a for a in agents if a.text in clause]
        own = find_subject(clause) if n and clause[:1].isupper() else None
        # "...; Sở Tài chính tổng hợp báo cáo UBND tỉnh trước ngày 10/7": a later clause's own subject owes it
        own_units = [m for m in own.mentions if not m.catch_all] if own and own.predicate_at else []
        who = clause_agents or own_units or units
        for d in found:
            state.deadlines.append(
                deadline_row(d, [m.text for m in who], text=strip_end(d.text), section=block.section)
            )


def _orphan_deadlines(sentence: str, block: Block, state: SentenceState) -> None:
    for clause in split_clauses(sentence):
        for d in find_deadlines(clause, plan_year=state.plan_year):
            state.doubts.append(Doubt("deadline_without_unit", strip_end(d.text)[:200], block.section))
            return
