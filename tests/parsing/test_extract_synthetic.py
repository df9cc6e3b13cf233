"""Generalisation check: hand-labelled plans in styles the four sample plans do not use.

The expected files were written against SCHEMA.md's rules (one row per unit per item, "phối hợp" alone is
support, "Giao/Đề nghị" lead, catch-alls dropped, one deadline per stated cycle).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parsing.extract import parse_text

FIXTURES = Path(__file__).parent / "fixtures"
PLANS = sorted(p for p in FIXTURES.glob("synthetic_*") if not p.name.endswith(".json"))


def _expected(plan: Path) -> dict:
    return json.loads((FIXTURES / f"{plan.stem}.expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_header(plan: Path) -> None:
    got = parse_text(plan.read_text(encoding="utf-8"), source=plan.name).header
    want = _expected(plan)["plan"]
    assert got.number == want["number"]
    assert (got.issued_on.isoformat() if got.issued_on else None) == want["issued_on"]
    assert got.kind == want["kind"]
    assert got.issuer == want["issuer"]
    assert got.place == want["place"]
    assert got.title


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_assignments(plan: Path) -> None:
    parsed = parse_text(plan.read_text(encoding="utf-8"))
    got = sorted((a.unit, a.group, a.role, a.section) for a in parsed.assignments)
    want = sorted((a["unit"], a["group"], a["role"], a["section"]) for a in _expected(plan)["assignments"])
    assert got == want
    for a in parsed.assignments:
        assert a.duty
        assert a.duty.lower() in a.source.lower()


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_deadlines(plan: Path) -> None:
    parsed = parse_text(plan.read_text(encoding="utf-8"))
    got = sorted((d.unit, d.action, d.recurrence, d.due or "", d.to or "") for d in parsed.deadlines)
    want = sorted(
        (d["unit"], d["action"], d["recurrence"], d["due"] or "", d["to"] or "")
        for d in _expected(plan)["deadlines"]
    )
    assert got == want


def test_recurring_with_days_gives_one_row_per_cycle() -> None:
    parsed = parse_text((FIXTURES / "synthetic_ubnd_tinh.md").read_text(encoding="utf-8"))
    cycles = {(d.recurrence, d.due) for d in parsed.deadlines if d.unit == "Sở Tài chính"}
    assert cycles == {("semiannual", "06-15"), ("yearly", "12-15")}


def test_incoming_stamp_is_not_the_number() -> None:
    parsed = parse_text((FIXTURES / "synthetic_ubnd_huyen.txt").read_text(encoding="utf-8"))
    assert parsed.header.number == "215/KH-UBND"
    assert parsed.header.kind == "KẾ HOẠCH"


def test_recipients_are_never_assignees() -> None:
    parsed = parse_text((FIXTURES / "synthetic_ubnd_tinh.md").read_text(encoding="utf-8"))
    assert "Bộ Thông tin và Truyền thông" not in {a.unit for a in parsed.assignments}
