"""Regression guard on the four real plans: same normalisation and matching as the shared scorer.

Re-implemented here (not imported from ../shared) so CI fails on a regression even without that tree.
"""

from __future__ import annotations

import json
import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from parsing.extract import parse_text

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "fixtures" / "gold"
PLANS = ROOT / "data" / "plans"

_ABBREVIATIONS = [
    (r"\bubmttq\b", "uy ban mat tran to quoc"),
    (r"\bubnd\b", "uy ban nhan dan"),
    (r"\bhdnd\b", "hoi dong nhan dan"),
    (r"\bmttq\b", "mat tran to quoc"),
    (r"\bvh ?tt ?(va )?dl\b", "van hoa the thao va du lich"),
    (r"\btt ?(va )?tt\b", "thong tin va truyen thong"),
    (r"\bkh ?(va )?dt\b", "ke hoach va dau tu"),
    (r"\bpt ?(va )?th\b", "phat thanh va truyen hinh"),
    (r"\bptth\b", "phat thanh va truyen hinh"),
    (r"\blhctchn\b", "lien hiep cac to chuc huu nghi"),
    (r"\bsngv\b", "so ngoai vu"),
    (r"\bbcs\b", "ban can su"),
    (r"\bvp\b", "van phong"),
    (r"\btu\b", "tinh uy"),
]
_PROVINCES = ("dong nai", "nghe an", "hau giang", "hai duong")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d"))
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("&", " va ")
    return re.sub(r"\s+", " ", re.sub(r"[^0-9a-z]+", " ", text)).strip()


def _norm_unit(name: str) -> str:
    text = _fold(name)
    for pattern, repl in _ABBREVIATIONS:
        text = re.sub(pattern, repl, text)
    for province in _PROVINCES:
        text = re.sub(rf"\b{province}\b", " ", text)
    for pattern in (r"\bviet nam\b", r"\btinh\b", r"\bthanh pho\b(?= \w+ \w+$)"):
        text = re.sub(pattern, " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _f1(tp: int, n_gold: int, n_pred: int) -> float:
    p = tp / n_pred if n_pred else float(not n_gold)
    r = tp / n_gold if n_gold else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _greedy(gold: list, pred: list, score) -> int:
    used: set[int] = set()
    tp = 0
    for g in gold:
        best, best_j = 0.0, None
        for j, p in enumerate(pred):
            if j not in used and (s := score(g, p)) > best:
                best, best_j = s, j
        if best_j is not None:
            used.add(best_j)
            tp += 1
    return tp


def _unit_roles(rows: list[dict]) -> list[tuple[str, str]]:
    return list(dict.fromkeys((_norm_unit(r["unit"]), r["role"]) for r in rows))


def _same_unit_role(g: tuple[str, str], p: tuple[str, str]) -> float:
    if g[1] != p[1]:
        return 0.0
    s = SequenceMatcher(None, g[0], p[0]).ratio()
    return s if s >= 0.85 else 0.0


def _deadline_keys(rows: list[dict]) -> list[tuple]:
    return list(dict.fromkeys((r["recurrence"], r.get("due"), _norm_unit(r.get("unit") or "")) for r in rows))


def _same_deadline(g: tuple, p: tuple) -> float:
    if g[:2] != p[:2]:
        return 0.0
    gu, pu = set(g[2].split()), set(p[2].split())
    if not gu or not pu:
        return 0.5
    overlap = len(gu & pu) / min(len(gu), len(pu))
    return overlap if overlap >= 0.5 else 0.0


CASES = sorted(GOLD.glob("*.json"))


@pytest.mark.parametrize("gold_file", CASES, ids=lambda p: p.stem)
def test_matches_gold(gold_file: Path) -> None:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    plan = next(PLANS.glob(f"{gold_file.stem}.*"))
    pred = parse_text(plan.read_text(encoding="utf-8"), source=plan.name).to_schema()

    assert _fold(pred["plan"]["number"] or "") == _fold(gold["plan"]["number"] or "")
    assert pred["plan"]["issued_on"] == gold["plan"]["issued_on"]

    g_ur, p_ur = _unit_roles(gold["assignments"]), _unit_roles(pred["assignments"])
    assert _f1(_greedy(g_ur, p_ur, _same_unit_role), len(g_ur), len(p_ur)) >= 0.95, (g_ur, p_ur)

    g_dl, p_dl = _deadline_keys(gold["deadlines"]), _deadline_keys(pred["deadlines"])
    assert _f1(_greedy(g_dl, p_dl, _same_deadline), len(g_dl), len(p_dl)) >= 0.90, (g_dl, p_dl)


def test_duty_recall_over_all_plans() -> None:
    found = total = 0
    for gold_file in CASES:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        plan = next(PLANS.glob(f"{gold_file.stem}.*"))
        pred = parse_text(plan.read_text(encoding="utf-8")).to_schema()
        for g in gold["assignments"]:
            total += 1
            gw = set(_fold(g["duty"]).split())
            for p in pred["assignments"]:
                if SequenceMatcher(None, _norm_unit(g["unit"]), _norm_unit(p["unit"])).ratio() < 0.85:
                    continue
                if gw and len(gw & set(_fold(p["duty"]).split())) / len(gw) >= 0.5:
                    found += 1
                    break
    assert found / total >= 0.95
