"""Role lines: a task followed by lines that name its performers and its time.

Plans that list tasks in prose rather than in a table give each task lines such as

    - Cơ quan chủ trì: Sở Nội vụ, Sở Tài chính.
    - Cơ quan phối hợp: Bảo hiểm xã hội tỉnh, Ủy ban nhân dân các xã, phường.
    - Thời gian thực hiện: Quý IV/2025.

("Đơn vị chủ trì (tham mưu) thực hiện:", "Chủ trì:", "Cơ quan thực hiện: X chủ trì, phối hợp với Y",
"Thời hạn ban hành:", "Tiến độ:" ...). A run of such lines belongs to the task they stand under: the
paragraph or bullets just before them, or the item they hang under. Each lead line's units lead the task,
each supporting line's units support it, a performers line is read as a sentence, and the time line gives
the lead units' deadline (`parsing.time_cells`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from parsing.assignments import assignment, find_subject, open_partner_list, predicate_of, rows_for
from parsing.blocks import Block
from parsing.clauses import split_clauses, split_sentences, strip_end
from parsing.deadlines import deadline_row, find_deadlines
from parsing.model import Action, ParsedAssignment, ParsedDeadline, Role
from parsing.time_cells import time_deadlines
from parsing.unit_mentions import Mention, names_only, parse_cell, parse_unit_list
from parsing.vntext import fold

LineKind = Literal["lead", "support", "performers", "time", "duty", "product", "aside"]

_LABEL = re.compile(r"^([^:;.()]{2,60}(?:\([^()]{0,40}\))?[^:;.()]{0,30}):\s*")
_LABEL_START = re.compile(
    r"^(co quan|don vi|bo phan|chu tri|phoi hop|thoi gian|thoi han|tien do|noi dung|nhiem vu|san pham|"
    r"trach nhiem|phan cong|ket qua|han hoan thanh|moc thoi gian|cong viec|to chuc thuc hien|thuc hien|"
    r"thanh phan|dia diem|hinh thuc|doi tuong|phuong thuc|quy mo)\b"
)
_KINDS: tuple[tuple[LineKind, re.Pattern[str]], ...] = (
    ("time", re.compile(r"^(thoi gian|thoi han|tien do|han hoan thanh|moc thoi gian)\b")),
    ("product", re.compile(r"^(san pham|ket qua)\b")),
    # who attends, where, how: said of the task, naming no performer ("Thành phần: Thường trực HĐND ...")
    ("aside", re.compile(r"^(thanh phan|dia diem|hinh thuc|doi tuong|phuong thuc|quy mo)\b")),
    ("lead", re.compile(r"\b(chu tri|dau moi)\b")),
    ("support", re.compile(r"\bphoi hop\b")),
    ("duty", re.compile(r"^(noi dung|nhiem vu|cong viec)\b")),
    ("performers", re.compile(r"\b(thuc hien|trach nhiem|phan cong|tham muu)\b")),
)
_REPORT = re.compile(r"\bbáo cáo\b", re.IGNORECASE)
_OWNED_DUTIES = re.compile(r"(?:nhiem vu|trach nhiem)(?:,? (?:va )?quyen han)? cua\b")
# A label is a few words naming a role ("Đơn vị chủ trì (tham mưu) thực hiện"); "Chủ trì, phối hợp với các
# sở tổ chức thực hiện Tiểu dự án 4: ..." is a duty whose own words hold a colon.
_LABEL_WORDS = 8
_NOT_A_LABEL = re.compile(r"\b(?:voi|cac|\d+)\b")


def role_line(block: Block) -> tuple[LineKind, str] | None:
    """(what the line names, its value) for a role line, else None. A label standing alone ("2. Cơ quan
    chủ trì", "a) Cơ quan phối hợp") has an empty value: its values are the bullets under it."""
    if block.kind != "text":
        return None
    m = _LABEL.match(block.text)
    if m and _OWNED_DUTIES.match(fold(m.group(1))):
        return None  # "Nhiệm vụ của Ban Chỉ đạo:": whose duties follow, a unit's heading, no task label
    if m:
        return _label_kind(m.group(1), block.text[m.end() :].strip())
    if ":" in block.text or len(block.text) > 80:
        return None
    alone = fold(block.text)
    if not _ALONE.fullmatch(alone) or _NOT_ALONE.search(alone):
        return None
    return _label_kind(alone, "")


# A label alone holds label words only ("Cơ quan chủ trì", "Chủ trì thực hiện", "Thời gian thực hiện").
_ALONE = re.compile(
    r"(?:(?:co quan|don vi|bo phan|to chuc)\s+)?(?:chu tri|phoi hop|thoi gian|thoi han|tien do)"
    r"(?:\s+(?:thuc hien|hoan thanh|ban hanh|trien khai|chinh|du kien))*"
)
# Alone, "Tổ chức thực hiện" or "Trách nhiệm thực hiện" heads a part of the plan, not a task's performers;
# "Chủ trì, phối hợp" heads either its own "a) Cơ quan chủ trì" labels or sentences that say who does what.
_NOT_ALONE = re.compile(r"^(?:to chuc|trach nhiem|phan cong|nhiem vu)\b|\bchu tri\b.*\bphoi hop\b")


def _label_kind(label_text: str, value: str) -> tuple[LineKind, str] | None:
    label = fold(label_text)
    if not _LABEL_START.match(label) or len(label.split()) > _LABEL_WORDS or _NOT_A_LABEL.search(label):
        return None
    for kind, pattern in _KINDS:
        if pattern.search(label):
            return kind, value
    return None


@dataclass(slots=True)
class RoleLines:
    assignments: list[ParsedAssignment] = field(default_factory=list)
    deadlines: list[ParsedDeadline] = field(default_factory=list)
    claimed: set[int] = field(default_factory=set)  # id() of the blocks read here


@dataclass(slots=True)
class _Run:
    task: str
    section: str | None
    lines: list[tuple[LineKind, str, Block]] = field(default_factory=list)
    content: list[Block] = field(default_factory=list)  # the task's own text above its role lines
    label: Block | None = None  # the task given as a label line ("Nội dung: ...") rather than as text


def read_role_lines(blocks: list[Block], *, plan_year: int | None) -> RoleLines:
    """Every run of role lines in the blocks, read against the task it belongs to."""
    out = RoleLines()
    runs: list[_Run] = []
    current: _Run | None = None
    task_text = ""
    alone: tuple[LineKind, Block] | None = None  # a label standing alone, its values the bullets under it
    content: list[Block] = []  # text since the last numbered item: the task the next run stands under
    label: Block | None = None  # the last task label line ("Nội dung: ...", "Nhiệm vụ: ...")
    for block in blocks:
        found = role_line(block)
        if found is None and alone is not None and current is not None and _value_of(alone[1], block):
            current.lines.append((alone[0], block.text, block))
            continue
        alone = None
        if found is not None and not found[1] and found[0] != "duty":
            alone = (found[0], block)
        if found is None or found[0] == "duty":
            if found is not None:
                task_text = found[1] or task_text
                label = block
            elif block.kind == "text":
                task_text, label = block.text, None
                content = [block] if block.numbered or current is not None else [*content, block]
            current = None
            continue
        kind, value = found
        if current is None:
            task = _task_of(block)
            current = _Run(task_text or (task.text if task else ""), (task or block).section, label=label)
            if not _units_in(current) and runs and kind == "time" and runs[-1].section == current.section:
                current = runs[-1]  # a time line set apart from its task's performers
            else:
                current.content = content
                runs.append(current)
        current.lines.append((kind, value, block))
    for run in runs:
        if _units_in(run):
            # the lines are this reader's; a run that names no performer ("Nội dung: Ban Thường trực ...
            # phối hợp ...", "Thời gian: Căn cứ ..., tổ chức như sau:") is left to the sentence reader
            out.claimed.update(id(b) for _k, _v, b in run.lines)
            if run.label is not None:
                out.claimed.add(id(run.label))
        _read_run(run, plan_year, out)
    return out


def _value_of(label: Block, block: Block) -> bool:
    """Whether `block` holds values of a label standing alone: a bullet under it, or a paragraph right
    after it that names units and nothing else ("b) Cơ quan phối hợp" / "Mặt trận Tổ quốc Việt Nam và
    Hội Cựu chiến binh các cấp; các tổ chức chính trị - xã hội.")."""
    if label in block.ancestors():
        return True
    return block.kind == "text" and block.marker == "none" and names_only(block.text)


def _task_of(block: Block) -> Block | None:
    """The nearest item above the line that is not itself a role line."""
    for node in block.ancestors():
        if role_line(node) is None:
            return node
    return None


def _units_in(run: _Run) -> bool:
    return any(kind in ("lead", "support", "performers") for kind, _v, _b in run.lines)


def _mentions(value: str, role: Role) -> list[Mention]:
    """The units a lead or supporting line names: a lead line names the performers whatever they are
    called ("Các cơ quan, đơn vị, địa phương liên quan"); a partner must name someone."""
    out: list[Mention] = []
    for piece in re.split(r"\s*[;\n]\s*", value):
        out.extend(m for m in parse_cell(piece) if role == "lead" or m.partner)
    return out


def _read_run(run: _Run, plan_year: int | None, out: RoleLines) -> None:
    duty = strip_end(run.task)
    leads: list[Mention] = []
    for kind, value, block in run.lines:
        source = block.text
        if kind == "lead":
            for unit in _mentions(value, "lead"):
                out.assignments.append(assignment(unit, "lead", duty, run.section, source))
                leads.append(unit)
        elif kind == "support":
            for unit in _mentions(value, "support"):
                out.assignments.append(assignment(unit, "support", duty, run.section, source))
        elif kind == "performers" and value:
            rows = _performer_rows(value, duty, run.section, source)
            out.assignments.extend(rows)
            leads.extend(Mention(r.unit, r.group) for r in rows if r.role == "lead")
    if not leads:
        return
    action: Action = "report" if _REPORT.search(duty) else "deliver"
    for block in run.content:
        # "(1) Tổ chức hiệp thương lần thứ nhất: Chậm nhất ngày 10/12/2025": a date in the task's own
        # text is owed by the task's lead units
        if find_subject(block.text) is not None:
            continue
        for sentence in split_sentences(block.text):
            for d in find_deadlines(sentence, plan_year=plan_year):
                owed = deadline_row(d, [u.text for u in leads], text=sentence, section=run.section)
                out.deadlines.append(owed)
                out.claimed.add(id(block))
    for kind, value, block in run.lines:
        if kind != "time":
            continue
        for d in time_deadlines(value, plan_year=plan_year, action=action):
            out.deadlines.append(
                deadline_row(
                    d,
                    [u.text for u in leads],
                    text=f"{duty} ... {block.text}" if duty else block.text,
                    section=run.section,
                )
            )


def _performer_rows(value: str, duty: str, section: str | None, source: str) -> list[ParsedAssignment]:
    """ "Sở Nội vụ chủ trì tham mưu ...; Sở Tư pháp và các sở, ban, ngành chủ động triển khai ...":
    each clause read as a sentence; a clause that is only units leads the task."""
    rows: list[ParsedAssignment] = []
    for sentence in split_sentences(value):
        partners_open = False  # "X chủ trì, phối hợp với A; B; C": B and C are partners too
        for clause in split_clauses(sentence):
            subject = find_subject(clause)
            if subject is not None:
                predicate = predicate_of(clause, subject)
                if predicate:
                    found = rows_for(subject.mentions, predicate, section, source)
                    if duty and _roles_only(predicate):
                        # "Cơ quan thực hiện: Ban Chỉ huy Quân sự xã chủ trì, phối hợp với Công an xã": the
                        # line gives roles only; the duty is the task it stands under
                        found = [replace(r, duty=duty) for r in found]
                    rows.extend(found)
                    partners_open = open_partner_list(clause)
                    continue
            mentions = parse_cell(clause)
            role: Role = "support" if partners_open else "lead"
            rows.extend(assignment(m, role, duty, section, source) for m in mentions if not m.catch_all)
    return rows


_ROLE_WORD = re.compile(
    r"\s*(?:chủ trì|(?P<partners>phối hợp(?:\s+với\s+)?)|làm đầu mối)(?:\s*,\s*|\s+và\s+|\s+)?", re.IGNORECASE
)


def _roles_only(predicate: str) -> bool:
    """ "chủ trì, phối hợp với Công an xã và các đơn vị liên quan": role words and partners, no duty."""
    pos = 0
    while m := _ROLE_WORD.match(predicate, pos):
        pos = m.end()
        if m.group("partners") and m.group("partners").rstrip().endswith("với"):
            _names, pos = parse_unit_list(predicate, pos)
    rest = predicate[pos:].strip(" ,.;")
    return pos > 0 and (not rest or bool(_GENERIC_DOING.fullmatch(rest)))


_GENERIC_DOING = re.compile(r"(?:tổ chức |triển khai )?thực hiện|triển khai", re.IGNORECASE)
