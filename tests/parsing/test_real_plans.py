"""The extractor on real plans, scored by the project's own scorer (../shared/tools/score_extraction.py).

- ../shared/plans/dev: 24 real 2025 plans with hand-checked gold labels (converter Markdown from a public
  law library: header and annex tables as cells between bars, bold headings, hard-wrapped lines). The
  bars of the real-plans issue: unit-role F1 >= 0.92, deadline F1 >= 0.85, every number and date right.
- ../shared/plans: the four sample plans stay at 1.00.
- ../shared/plans/corpus: further real directive documents (decisions issuing rules, the Government
  Office's conclusions, a 100 KB plan): each with its number and date right and at least one assignment.

The documents are parsed in-process, exactly as `dutybot plans parse` does, and scored with the scorer's
functions, so the figures here are the ones the scorer prints.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from parsing.document import parse_file

SHARED = Path(__file__).resolve().parents[3] / "shared"
PLANS = SHARED / "plans"
pytestmark = pytest.mark.skipif(not PLANS.is_dir(), reason="../shared/plans is not beside the repository")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "score_extraction", SHARED / "tools" / "score_extraction.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(gold_dir: Path, plans_dir: Path) -> dict[str, Any]:
    """Totals over every gold file, as score_extraction.py computes them, and the plans that miss."""
    se = _scorer()
    t = {"ur_tp": 0, "ur_g": 0, "ur_p": 0, "dl_tp": 0, "dl_g": 0, "dl_p": 0, "header_misses": []}
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        plan = next(p for p in sorted(plans_dir.glob(f"{gold_file.stem}.*")) if p.suffix != ".json")
        pred = parse_file(plan).to_schema()
        g_ur, p_ur = se.unit_role_set(gold), se.unit_role_set(pred)
        g_dl, p_dl = se.deadline_rows(gold), se.deadline_rows(pred)
        t["ur_tp"] += se.match_pairs(g_ur, p_ur, se.same_unit_role)[0]
        t["dl_tp"] += se.match_pairs(g_dl, p_dl, se.same_deadline)[0]
        t["ur_g"], t["ur_p"] = t["ur_g"] + len(g_ur), t["ur_p"] + len(p_ur)
        t["dl_g"], t["dl_p"] = t["dl_g"] + len(g_dl), t["dl_p"] + len(p_dl)
        gp, pp = gold["plan"], pred["plan"]
        if se.fold(gp.get("number") or "") != se.fold(pp.get("number") or "") or gp.get(
            "issued_on"
        ) != pp.get("issued_on"):
            t["header_misses"].append((plan.name, pp.get("number"), pp.get("issued_on")))
    t["ur_f1"] = se.prf(t["ur_tp"], t["ur_g"], t["ur_p"])[2]
    t["dl_f1"] = se.prf(t["dl_tp"], t["dl_g"], t["dl_p"])[2]
    return t


def test_dev_set_meets_the_real_plans_bars() -> None:
    scores = _score(PLANS / "dev" / "gold", PLANS / "dev")
    assert scores["ur_g"] > 400 and scores["dl_g"] > 70  # the whole set was read
    assert scores["header_misses"] == []
    assert scores["ur_f1"] >= 0.92, scores
    assert scores["dl_f1"] >= 0.85, scores


def test_sample_plans_stay_perfect() -> None:
    scores = _score(PLANS / "gold", PLANS)
    assert scores["header_misses"] == []
    assert (scores["ur_f1"], scores["dl_f1"]) == (1.0, 1.0), scores


def _corpus() -> list[dict[str, str]]:
    if not (PLANS / "corpus" / "headers.tsv").is_file():
        return []
    with (PLANS / "corpus" / "headers.tsv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.mark.parametrize("row", _corpus(), ids=lambda row: row["file"])
def test_corpus_document_header_and_assignments(row: dict[str, str]) -> None:
    plan = parse_file(PLANS / "corpus" / row["file"])
    assert plan.header.number == row["number"]
    assert plan.header.issued_on is not None and plan.header.issued_on.isoformat() == row["issued_on"]
    assert plan.assignments, "every corpus document assigns duties"
