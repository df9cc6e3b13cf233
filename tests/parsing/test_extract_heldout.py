"""Held-out plans (tests/parsing/heldout): labelled before the extractor was run on them.

They stand in for plans the extractor has never seen: annex task tables, shared-head lists
("Sở Nội vụ, Tài chính, Tư pháp"), post-2025 commune units, OCR line breaks, colon heads. The floor is
what the extractor reached after the generic fixes they exposed, so any regression fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parsing.extract import parse_text

from .test_extract_gold import (
    _deadline_keys,
    _f1,
    _greedy,
    _same_deadline,
    _same_unit_role,
    _unit_roles,
)

HELDOUT = Path(__file__).resolve().parent / "heldout"
CASES = sorted(HELDOUT.glob("*.json"))


def test_heldout_set_is_present() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("gold_file", CASES, ids=lambda p: p.stem)
def test_heldout_plan(gold_file: Path) -> None:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    plan = gold_file.with_suffix(".txt")
    pred = parse_text(plan.read_text(encoding="utf-8"), source=plan.name).to_schema()

    assert pred["plan"]["number"] == gold["plan"]["number"]
    assert pred["plan"]["issued_on"] == gold["plan"]["issued_on"]

    g_ur, p_ur = _unit_roles(gold["assignments"]), _unit_roles(pred["assignments"])
    assert _f1(_greedy(g_ur, p_ur, _same_unit_role), len(g_ur), len(p_ur)) >= 0.95, (g_ur, p_ur)

    g_dl, p_dl = _deadline_keys(gold["deadlines"]), _deadline_keys(pred["deadlines"])
    assert _f1(_greedy(g_dl, p_dl, _same_deadline), len(g_dl), len(p_dl)) >= 0.95, (g_dl, p_dl)
