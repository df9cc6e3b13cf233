"""Extraction on real plans: scores per layout, headers, and parse speed. Prints one table per part.

    uv run python bench/bench_extraction.py [--shared ../shared]

- the development set (../shared/plans/dev, 24 real 2025 plans; SEEN while the extractor was written),
  scored by ../shared/tools/score_extraction.py and grouped by the layout named in dev/sources.tsv;
- the four sample plans and the held-out sets kept in tests/parsing/heldout* (labelled before the
  extractor was run on them);
- the corpus (../shared/plans/corpus): number and date right, assignments found;
- speed: the slowest plan of dev and corpus, and plans parsed per second for the sample plan nearest
  20 KB (CPU time of this process, so other load on the machine does not count).
"""

from __future__ import annotations

import argparse
import csv
import gc
import importlib.util
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsing.document import parse_file  # noqa: E402


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "score_extraction", shared / "tools" / "score_extraction.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Tally:
    def __init__(self) -> None:
        self.counts = dict.fromkeys(("plans", "ur_tp", "ur_g", "ur_p", "dl_tp", "dl_g", "dl_p", "headers"), 0)

    def add(self, se: ModuleType, gold: dict, pred: dict) -> None:
        g_ur, p_ur = se.unit_role_set(gold), se.unit_role_set(pred)
        g_dl, p_dl = se.deadline_rows(gold), se.deadline_rows(pred)
        c = self.counts
        c["plans"] += 1
        c["ur_tp"] += se.match_pairs(g_ur, p_ur, se.same_unit_role)[0]
        c["dl_tp"] += se.match_pairs(g_dl, p_dl, se.same_deadline)[0]
        c["ur_g"] += len(g_ur)
        c["ur_p"] += len(p_ur)
        c["dl_g"] += len(g_dl)
        c["dl_p"] += len(p_dl)
        gp, pp = gold.get("plan") or {}, pred.get("plan") or {}
        c["headers"] += se.fold(gp.get("number") or "") == se.fold(pp.get("number") or "") and (
            gp.get("issued_on") == pp.get("issued_on")
        )

    def row(self, se: ModuleType, name: str) -> str:
        c = self.counts
        ur = se.prf(c["ur_tp"], c["ur_g"], c["ur_p"])
        dl = se.prf(c["dl_tp"], c["dl_g"], c["dl_p"])
        return (
            f"| {name} | {c['plans']} | {ur[0]:.2f} / {ur[1]:.2f} / **{ur[2]:.2f}** | "
            f"{dl[0]:.2f} / {dl[1]:.2f} / **{dl[2]:.2f}** | {c['headers']}/{c['plans']} |"
        )


def _score_dir(
    se: ModuleType, gold_dir: Path, plans_dir: Path, layouts: dict[str, str], totals: dict
) -> None:
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        plan = next(p for p in sorted(plans_dir.glob(f"{gold_file.stem}.*")) if p.suffix != ".json")
        pred = parse_file(plan).to_schema()
        for key in (layouts.get(plan.name), "all"):
            if key:
                totals[key].add(se, gold, pred)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    se = _scorer(args.shared)
    plans = args.shared / "plans"
    head = "| set | plans | unit-role P / R / F1 | deadline P / R / F1 | number and date |\n" + "|---" * 5
    head += "|"

    with (plans / "dev" / "sources.tsv").open(encoding="utf-8") as f:
        layouts = {row["file"]: row["layout"] for row in csv.DictReader(f, delimiter="\t")}
    dev: dict[str, _Tally] = defaultdict(_Tally)
    _score_dir(se, plans / "dev" / "gold", plans / "dev", layouts, dev)
    print("Development set (../shared/plans/dev), seen while writing the extractor, by layout:\n")
    print(head)
    for name in sorted(k for k in dev if k != "all"):
        print(dev[name].row(se, name))
    print(dev["all"].row(se, "**all 24 plans**"))

    print("\nSample plans and held-out sets (tests/parsing/heldout*, labelled before the extractor ran):\n")
    print(head)
    sets = [("sample plans (../shared/plans)", plans / "gold", plans)]
    sets += [(d.name, d, d) for d in sorted((ROOT / "tests" / "parsing").glob("heldout*"))]
    for name, gold_dir, plans_dir in sets:
        tally: dict[str, _Tally] = defaultdict(_Tally)
        _score_dir(se, gold_dir, plans_dir, {}, tally)
        print(tally["all"].row(se, name))

    print("\nCorpus (../shared/plans/corpus): header and assignments\n")
    print("| file | kind | number | date | assignments | units |\n|---|---|---|---|---|---|")
    with (plans / "corpus" / "headers.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            parsed = parse_file(plans / "corpus" / row["file"])
            h = parsed.header
            date = h.issued_on.isoformat() if h.issued_on else None
            print(
                f"| {row['file']} | {row['kind']} | {'ok' if h.number == row['number'] else h.number} | "
                f"{'ok' if date == row['issued_on'] else date} | {len(parsed.assignments)} | "
                f"{len({a.unit for a in parsed.assignments})} |"
            )

    files = [p for p in (plans / "dev").glob("*.md") if p.name != "README.md"]
    files += [p for p in (plans / "corpus").glob("*.md") if p.name != "README.md"]
    slowest = max((_cpu_seconds(p), p) for p in files)
    samples = sorted((ROOT / "data" / "plans").glob("*.txt"))
    target = min(samples, key=lambda p: abs(p.stat().st_size - 20_000))
    # What the scoring above allocated stays alive in this process; a running bot freezes what start-up
    # allocated (bot/cli/run.py), so a full collection does not walk it on every plan: do the same here.
    gc.collect()
    gc.freeze()
    count, start = 0, time.process_time()
    while time.process_time() - start < 3.0:
        parse_file(target)
        count += 1
    rate = count / (time.process_time() - start)
    print("\nSpeed (CPU time of one process)\n")
    print("| measure | value |\n|---|---|")
    print(
        f"| slowest of {len(files)} dev and corpus files | {slowest[0] * 1000:.0f} ms ({slowest[1].name}) |"
    )
    print(
        f"| plans parsed per second, {target.name} ({target.stat().st_size / 1000:.0f} KB) | {rate:.0f}/s |"
    )


def _cpu_seconds(path: Path) -> float:
    start = time.process_time()
    parse_file(path)
    return time.process_time() - start


if __name__ == "__main__":
    main()
