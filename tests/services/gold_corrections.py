"""The corrections an admin would type to make an extraction match a gold file, derived from the
difference between the two in the scorer's own terms (../shared/tools/score_extraction.py, vendored in
tests/fixtures/corrections). Whatever errors the extractor makes today or after its rewrite, these are
the commands that fix them, so tests built on them do not depend on which errors there are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from rapidfuzz import fuzz

from parsing.vntext import fold
from services.correction_refs import alike
from services.corrections import Corrected, DeadlineRow, Row

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corrections"
SCORER_PATH = FIXTURES / "score_extraction.py"


def scorer() -> ModuleType:
    if "score_extraction" not in sys.modules:
        spec = importlib.util.spec_from_file_location("score_extraction", SCORER_PATH)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["score_extraction"] = module
    return sys.modules["score_extraction"]


def f1(gold: dict[str, Any], pred: dict[str, Any]) -> tuple[float, float]:
    """(unit-role F1, deadline F1) exactly as the scorer computes them."""
    s = scorer()
    g_ur, p_ur = s.unit_role_set(gold), s.unit_role_set(pred)
    ur_tp, _ = s.match_pairs(g_ur, p_ur, s.same_unit_role)
    g_dl, p_dl = s.deadline_rows(gold), s.deadline_rows(pred)
    dl_tp, _ = s.match_pairs(g_dl, p_dl, s.same_deadline)
    return s.prf(ur_tp, len(g_ur), len(p_ur))[2], s.prf(dl_tp, len(g_dl), len(p_dl))[2]


def _greedy(gold: Sequence[Any], pred: Sequence[Any], same: Callable[[Any, Any], float]) -> dict[int, int]:
    """The scorer's greedy one-to-one matching, returning gold index -> pred index."""
    used: set[int] = set()
    pairs: dict[int, int] = {}
    for gi, g in enumerate(gold):
        best, best_j = 0.0, None
        for pj, p in enumerate(pred):
            if pj not in used and (score := same(g, p)) > best:
                best, best_j = score, pj
        if best_j is not None:
            used.add(best_j)
            pairs[gi] = best_j
    return pairs


def _swap(
    missing: Any, gold: Sequence[Any], pred: Sequence[Any], matched: dict[int, int], key: Callable[[Any], Any]
) -> Any:
    """A greedy artefact: a gold item whose exact twin is in the extraction was left unmatched because
    an earlier, merely similar gold item ("UBND xã, phường" before "UBND phường, xã") took the twin.
    Adding the twin again changes nothing; the item to add is the one that took it."""
    twin = next((j for j, p in enumerate(pred) if key(p) == key(missing)), None)
    taker = next((i for i, j in matched.items() if j == twin), None)
    if twin is None or taker is None or key(gold[taker]) == key(missing):
        return missing
    matched[taker], taken = -1, gold[taker]
    matched[gold.index(missing)] = twin
    return taken


ROLE_WORDS = {"lead": "chu tri", "support": "phoi hop"}


def when_text(recurrence: str, due: str | None) -> str | None:
    """How an admin types a SCHEMA (recurrence, due); None when the command language has no form."""
    if recurrence == "once":
        if not due:
            return None
        year, month, day = due.split("-")
        return f"{day}/{month}/{year}"
    if recurrence == "yearly" and due:
        month, day = due.split("-")
        return f"hang nam {day}/{month}"
    return {"yearly": "hang nam", "quarterly": "hang quy", "semiannual": "6 thang", "monthly": "hang thang"}[
        recurrence
    ]


def quote_of(text: str) -> str:
    """A few words of a gold deadline's text that stand in the document as written (gold marks its cuts
    with " ... ")."""
    parts = sorted((p.strip() for p in text.split("...")), key=len, reverse=True)
    return parts[0] if parts else ""


def commands_toward(gold: dict[str, Any], corrected: Corrected) -> tuple[list[str], list[dict[str, Any]]]:
    """(commands, direct): the one-line commands that turn `corrected` into `gold` in unit-role and
    deadline terms, plus deadlines to add that no command can express (their args, for a
    services.corrections add_deadline)."""
    s = scorer()
    rows: list[Row] = corrected.rows
    commands: list[str] = []
    direct: list[dict[str, Any]] = []

    # duties: (normalised unit, role) pairs, as scored
    gold_pairs = s.unit_role_set(gold)
    by_pair: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        by_pair.setdefault((s.norm_unit(row.item.unit), row.item.role), []).append(row)
    pred_pairs = list(by_pair)
    matched = _greedy(gold_pairs, pred_pairs, s.same_unit_role)
    missing = [g for i, g in enumerate(gold_pairs) if i not in matched]
    missing = [_swap(g, gold_pairs, pred_pairs, matched, lambda x: x) for g in missing]
    wrong = [p for j, p in enumerate(pred_pairs) if j not in set(matched.values())]
    adds: list[str] = []
    removes: list[int] = []
    keep = next((r.id for r in rows if (s.norm_unit(r.item.unit), r.item.role) not in wrong), None)
    for pair in wrong:
        other = "support" if pair[1] == "lead" else "lead"
        flip = next((g for g in missing if s.same_unit_role(g, (pair[0], other)) > 0), None)
        members = by_pair[pair]
        if flip is not None:
            missing.remove(flip)
            commands.append(f"vai {members[0].id}")
            removes += [r.id for r in members[1:]]
        else:
            removes += [r.id for r in members]
    gold_rows = gold.get("assignments") or []
    for unit, role in missing:
        g = next(a for a in gold_rows if (s.norm_unit(a["unit"]), a["role"]) == (unit, role))
        anchor = keep or (rows[0].id if rows else None)
        assert anchor is not None, "an extraction with no rows at all"
        adds.append(f"them {anchor} {ROLE_WORDS[role]} {g['unit']} | {g.get('duty') or g['unit']}")
    commands = adds + commands
    if removes:
        commands.append("xoa " + " ".join(map(str, sorted(set(removes)))))

    # deadlines: (recurrence, due, unit) rows, as scored
    gold_deadlines = s.deadline_rows(gold)
    groups: dict[tuple[Any, ...], list[DeadlineRow]] = {}
    for d in corrected.deadlines:
        groups.setdefault((d.item.recurrence, d.item.due, s.norm_unit(d.item.unit)), []).append(d)
    pred = [
        {"unit": rs[0].item.unit, "recurrence": rs[0].item.recurrence, "due": rs[0].item.due, "rows": rs}
        for rs in groups.values()
    ]
    matched = _greedy(gold_deadlines, pred, s.same_deadline)
    missing_dl = [g for i, g in enumerate(gold_deadlines) if i not in matched]

    def key(x: dict[str, Any]) -> tuple[Any, ...]:
        return (x["recurrence"], x.get("due") or None, s.norm_unit(x.get("unit") or ""))

    missing_dl = [_swap(g, gold_deadlines, pred, matched, key) for g in missing_dl]
    for j, p in enumerate(pred):
        if j in matched.values():
            continue
        for d in p["rows"]:
            target = next((g for g in missing_dl if alike(g.get("text", ""), d.item.text) >= 70), None)
            when = when_text(target["recurrence"], target.get("due")) if target else None
            if target is None or when is None:
                commands.append(f"xoa h{d.id}")
                continue
            missing_dl.remove(target)
            commands.append(f"han h{d.id} {when}")
            if s.same_deadline(target, {**target, "unit": d.item.unit}) == 0.0:
                commands.append(f"nop h{d.id} {target.get('unit') or '-'}")
    for g in missing_dl:
        when = when_text(g["recurrence"], g.get("due"))
        if when is None or not g.get("unit"):
            direct.append(g)
            continue
        quote = quote_of(g.get("text", ""))
        commands.append(f"them han {g['unit']} | {when} | {g.get('to') or '-'} | {quote}")
    return commands, direct


# --- the three fixes of the end-to-end test ---------------------------------------------


@dataclass(frozen=True, slots=True)
class Fix:
    """One fix an admin makes in the chat. `real`: an error the extractor makes today on this plan;
    otherwise (the extractor improved) a stand-in change of the same kind, so the test still drives
    the same path."""

    kind: str  # "missing_unit" | "wrong_role" | "deadline_date"
    real: bool
    row: int = 0  # missing_unit: the row whose duty the unit joins; wrong_role: the row
    unit: str = ""
    role: str = ""  # the role after the fix
    deadline: int = 0
    when: str = ""  # as typed
    due: tuple[str, str | None] = ("", None)  # (recurrence, SCHEMA due) after the fix
    duty: str = ""


def _named(unit: str) -> bool:
    from services.unit_classes import classify_group

    folded = fold(unit)
    return classify_group(unit) is None and not folded.startswith("cac ") and " cac " not in folded


def three_fixes(gold: dict[str, Any], corrected: Corrected, today: dt.date) -> list[Fix]:
    """A missing unit, a wrong role and a deadline date, taken from the difference with the gold file
    where the extractor makes such errors, else stand-ins."""
    s = scorer()
    rows = corrected.rows
    pred_units = {s.norm_unit(r.item.unit) for r in rows}
    gold_pairs = set(s.unit_role_set(gold))
    fixes: list[Fix] = []

    missing = next(
        (
            a
            for a in gold.get("assignments") or []
            if _named(a["unit"]) and s.norm_unit(a["unit"]) not in pred_units and a["unit"] != "Sở Tư pháp"
        ),
        None,
    )
    if missing is not None:
        anchor = max(rows, key=lambda r: fuzz.ratio(fold(r.item.duty), fold(missing.get("duty", ""))))
        fixes.append(Fix("missing_unit", True, row=anchor.id, unit=missing["unit"], role=missing["role"]))
    else:
        anchor = next(r for r in rows if _named(r.item.unit))
        fixes.append(Fix("missing_unit", False, row=anchor.id, unit="Sở Tư pháp", role="lead"))
    fixes[-1] = dataclasses.replace(fixes[-1], duty=anchor.item.duty)

    taken = {s.norm_unit(anchor.item.unit)}
    flip = next(
        (
            r
            for r in rows
            if _named(r.item.unit)
            and (s.norm_unit(r.item.unit), r.item.role) not in gold_pairs
            and (s.norm_unit(r.item.unit), "support" if r.item.role == "lead" else "lead") in gold_pairs
        ),
        None,
    )
    real = flip is not None
    flip = flip or next(r for r in rows if _named(r.item.unit) and s.norm_unit(r.item.unit) not in taken)
    other = "support" if flip.item.role == "lead" else "lead"
    fixes.append(Fix("wrong_role", real, row=flip.id, unit=flip.item.unit, role=other, duty=flip.item.duty))

    for d in corrected.deadlines:
        for g in gold.get("deadlines") or []:
            due = g.get("due")
            future = g["recurrence"] != "once" or (due is not None and dt.date.fromisoformat(due) > today)
            when = when_text(g["recurrence"], due)
            if (
                alike(g.get("text", ""), d.item.text) >= 70
                and (g["recurrence"], due) != (d.item.recurrence, d.item.due)
                and future
                and when is not None
                and due is not None
            ):
                fixes.append(Fix("deadline_date", True, deadline=d.id, when=when, due=(g["recurrence"], due)))
                return fixes
    d = corrected.deadlines[0]
    due = "12-20" if d.item.due == "12-15" else "12-15"
    when = f"hằng năm {due[3:]}/12"
    fixes.append(Fix("deadline_date", False, deadline=d.id, when=when, due=("yearly", due)))
    return fixes
