"""Plan text -> ParsedPlan: header, assignments, deadlines and warnings.

The structure of the document is made explicit first, then each convention of the genre is read by a
reader of its own over it:

1. the header (`parsing.header`): number, issuer, date, kind and title;
2. the blocks of the body (`parsing.markup`: paragraphs, items, tables, titles of attached documents,
   closings) and their outline (`parsing.outline`: sections, parts, the item each block hangs under);
3. the readers of roles: task tables (`parsing.table_roles`), role lines under a task
   (`parsing.role_lines`), and sentences (`parsing.sentence_roles`: subject + role verb, unit headings,
   directives), each knowing one convention.

A Quyết định that issues a plan ("Điều 1. Ban hành kèm theo Quyết định này Kế hoạch ...") keeps its own
number, issuer and date; the plan it issues is read as its body.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TypeVar

from rapidfuzz import fuzz

from parsing.blocks import Block
from parsing.department_names import full_department_names
from parsing.header import WITH_DECISION, parse_header
from parsing.markup import text_blocks
from parsing.model import Doubt, ParsedDeadline, ParsedPlan, PlanHeader
from parsing.normalize import repair_ocr
from parsing.outline import outline
from parsing.publisher_marks import strip_publisher_marks
from parsing.role_lines import read_role_lines
from parsing.sentence_roles import SentenceState, read_blocks
from parsing.short_names import short_names
from parsing.table_roles import looks_like_task_table, read_table, table_text
from parsing.unit_mentions import parse_unit_list
from parsing.vntext import fold

_T = TypeVar("_T")
_ANNEX = re.compile(r"^Phụ lục(?: [IVX\d]+)?")


def parse_text(text: str, *, source: str = "") -> ParsedPlan:
    """Extract a plan from NFC text (txt/md rendered from PDF, Word or OCR)."""
    original, text = text, strip_publisher_marks(repair_ocr(text))
    header, body_start = parse_header(text)
    blocks = outline(text_blocks("\n".join(text.splitlines()[body_start:])))
    header = _issued_plan_title(header, blocks)
    plan_year = header.issued_on.year if header.issued_on else None
    state = SentenceState(plan_year=plan_year)
    if not any(b.part == "implementation" for b in blocks):
        state.doubts.append(Doubt("no_implementation_part"))
    roles = read_role_lines(blocks, plan_year=plan_year)
    read_blocks(blocks, state, skip=roles.claimed)
    assignments = [*state.assignments, *roles.assignments]
    deadlines = [*state.deadlines, *roles.deadlines]
    for block in blocks:
        if block.kind == "table" and block.table is not None:
            rows = read_table(block.table, plan_year=plan_year, prefix=_annex_prefix(block))
            if rows is not None:
                assignments.extend(rows.assignments)
                deadlines.extend(rows.deadlines)
            elif looks_like_task_table(block.table):
                state.doubts.append(Doubt("unmapped_table", table_text(block.table)[:200], block.section))
    if header.number is None:
        state.doubts.append(Doubt("no_number"))
    if header.issued_on is None:
        state.doubts.append(Doubt("no_date"))
    names = _spellings([a.unit for a in assignments])
    shorts = short_names(text)  # "(gọi tắt là Ban Chỉ đạo)": its rows carry the full name
    assignments = [replace(a, unit=_full_name(names.get(a.unit, a.unit), shorts)) for a in assignments]
    deadlines = [
        replace(d, unit="; ".join(_full_name(u, shorts) for u in d.unit.split("; "))) for d in deadlines
    ]
    return ParsedPlan(
        header=header,
        assignments=_dedupe(assignments),
        deadlines=_without_vaguer(_dedupe(deadlines)),
        doubts=state.doubts,
        recipients=recipients(blocks),
        text=original,
    )


def _full_name(unit: str, shorts: dict[str, str]) -> str:
    """A unit as its row names it: standard abbreviations written out ("Sở KH&CN"), a short name the
    plan gave it ("Ban Chỉ đạo") replaced by the name it stands for."""
    unit = full_department_names(unit)
    return shorts.get(fold(unit), unit)


_DETERMINERS = re.compile(r"\b(?:cac|nhung|tat ca)\b")
_SAME_UNIT = 92  # rapidfuzz ratio of two spellings of one unit ("UBND các xã, phường" / "UBND xã, phường")


def _spellings(units: list[str]) -> dict[str, str]:
    """One spelling per unit of a plan: a unit written twice a little differently ("Sở Sây dựng" for "Sở
    Xây dựng", with or without "các") is one unit, named as first written."""
    canon: list[tuple[str, str]] = []  # (key, first spelling)
    out: dict[str, str] = {}
    for unit in dict.fromkeys(units):
        key = " ".join(_DETERMINERS.sub(" ", fold(unit)).split())
        match = next((first for k, first in canon if fuzz.ratio(k, key) >= _SAME_UNIT), None)
        if match is None:
            canon.append((key, unit))
        else:
            out[unit] = match
    return out


def recipients(blocks: list[Block]) -> list[str]:
    """Units named in the recipients lists ("Nơi nhận: - Sở Tài chính; ...")."""
    names: list[str] = []
    for block in blocks:
        if block.kind != "closing":
            continue
        for line in re.split(r"\n|;\s*|\s[-–+•]\s|^Nơi nhận\s*:?", block.text):
            mentions, _ = parse_unit_list(line.strip(" -–+•;.:"), 0)
            names.extend(m.text for m in mentions if not m.catch_all)
    return list(dict.fromkeys(names))


def _annex_prefix(block: Block) -> str | None:
    m = _ANNEX.match(block.section or "")
    return m.group() if m else None


def _issued_plan_title(header: PlanHeader, blocks: list[Block]) -> PlanHeader:
    """A Quyết định that issues a plan: the plan's own title (the line after its "KẾ HOẠCH")."""
    if header.kind != "QUYẾT ĐỊNH":
        return header
    for i, block in enumerate(blocks):
        if block.kind == "title" and block.part != "annex":
            after = blocks[i + 1] if i + 1 < len(blocks) else None
            if after is not None and after.kind == "text" and after.part == "preamble":
                # the title without "(Ban hành kèm theo Quyết định ...)"
                title = WITH_DECISION.split(after.text, 1)[0].strip()
                return replace(header, title=title or after.text)
            return header
    return header


def _without_vaguer(deadlines: list[ParsedDeadline]) -> list[ParsedDeadline]:
    """An item that states a cycle twice, once with its day ("hằng năm ... đánh giá kết quả"; "báo cáo
    trước ngày 15/11 hằng năm"), owes one deadline: the undated one goes."""
    dated = {(d.unit, d.recurrence, d.section) for d in deadlines if d.due or d.day}
    return [d for d in deadlines if d.due or d.day or (d.unit, d.recurrence, d.section) not in dated]


def _dedupe(rows: list[_T]) -> list[_T]:
    return list(dict.fromkeys(rows))
