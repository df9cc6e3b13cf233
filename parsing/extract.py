"""Plan text -> ParsedPlan. (Being built.)"""

from __future__ import annotations

from parsing.model import ParsedPlan, PlanHeader


def parse_text(text: str, *, source: str = "") -> ParsedPlan:
    return ParsedPlan(header=PlanHeader())
