"""OCR benchmark over the whole test set: seconds per page, peak memory, and extraction F1 on the
scans against F1 on the same plans' text, per plan.

The test set (testkit/scans) is made from the real plans in ../shared/plans and
../shared/plans/dev: each printed as the document it is, rasterised at 200 dpi ("clean") and at
150 dpi turned 1.5 degrees with noise and a red seal over the signature ("degraded"), wrapped as
image-only PDFs and read through parsing.document like any upload. Scored with the shared scorer
(../shared/tools/score_extraction.py: unit-role F1, deadline F1, number and date).

    uv run python bench/bench_ocr.py [--limit N] [--plans GLOB]

Needs Tesseract with the Vietnamese model and a Vietnamese serif font (see README).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import machine_info, table  # noqa: E402
from parsing.document import parse_bytes  # noqa: E402
from testkit.scans.printing import font_files  # noqa: E402
from testkit.scans.scanning import scans_of  # noqa: E402

SHARED = ROOT.parent / "shared"


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score_extraction.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _f1s(s, pred: dict, gold: dict) -> tuple[float, float, bool, bool]:  # type: ignore[no-untyped-def]
    g_ur, p_ur = s.unit_role_set(gold), s.unit_role_set(pred)
    g_dl, p_dl = s.deadline_rows(gold), s.deadline_rows(pred)
    ur = s.prf(s.match_pairs(g_ur, p_ur, s.same_unit_role)[0], len(g_ur), len(p_ur))[2]
    dl = s.prf(s.match_pairs(g_dl, p_dl, s.same_deadline)[0], len(g_dl), len(p_dl))[2]
    gp, pp = gold.get("plan") or {}, pred.get("plan") or {}
    number = s.fold(gp.get("number") or "") == s.fold(pp.get("number") or "")
    return ur, dl, number, (gp.get("issued_on") or None) == (pp.get("issued_on") or None)


def _ratio(ocr: float, text: float) -> float:
    return ocr / text if text else (1.0 if ocr == 0 else float("inf"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="only the first N plans")
    ap.add_argument("--plans", default="*", help="file name glob")
    args = ap.parse_args()
    fonts = font_files()
    if fonts is None:
        sys.exit("no Vietnamese serif font (apt-get install fonts-liberation2)")
    s = _scorer()
    files = [  # the labelled plans (dev/README.md is no plan)
        path
        for path in sorted((SHARED / "plans").glob(f"{args.plans}.txt"))
        + sorted((SHARED / "plans" / "dev").glob(f"{args.plans}.md"))
        if (path.parent / "gold" / f"{path.stem}.json").is_file()
    ]
    files = files[: args.limit] if args.limit else files
    rows = []
    pages_total = seconds_total = 0.0
    ratios: list[float] = []
    means: dict[str, list[list[float]]] = {}  # variant -> per plan [text UR, OCR UR, text DL, OCR DL]
    all_right = True
    for path in files:
        gold_file = path.parent / "gold" / f"{path.stem}.json"
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = _f1s(s, parse_bytes(path.read_bytes(), path.name).to_schema(), gold)
        for scan in scans_of(path, fonts):
            pdf = scan.pdf()
            started = time.perf_counter()
            plan = parse_bytes(pdf, f"{path.stem}.pdf")
            seconds = time.perf_counter() - started
            got = _f1s(s, plan.to_schema(), gold)
            pages_total += len(scan.pages)
            seconds_total += seconds
            r_ur, r_dl = _ratio(got[0], text[0]), _ratio(got[1], text[1])
            ratios += [r_ur, r_dl]
            means.setdefault(scan.variant, []).append([text[0], got[0], text[1], got[1]])
            all_right &= got[2] and got[3]
            rows.append(
                [
                    path.stem[:20],
                    scan.variant,
                    str(len(scan.pages)),
                    f"{seconds / len(scan.pages):.2f}",
                    f"{text[0]:.2f} / {got[0]:.2f}",
                    f"{r_ur:.2f}",
                    f"{text[1]:.2f} / {got[1]:.2f}",
                    f"{r_dl:.2f}",
                    "ok" if got[2] else "MISS",
                    "ok" if got[3] else "MISS",
                ]
            )
            print(" | ".join(rows[-1]), flush=True)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print()
    print(", ".join(f"{k}: {v}" for k, v in machine_info().items()))
    print(
        table(
            [
                "plan",
                "scan",
                "pages",
                "s/page",
                "unit-role F1 text / OCR",
                "ratio",
                "deadline F1 text / OCR",
                "ratio",
                "number",
                "date",
            ],
            rows,
        )
    )
    print(
        f"\n{len(files)} plans, {pages_total:.0f} pages: "
        f"{seconds_total / max(pages_total, 1):.2f} s per page "
        f"(two pages at a time on this machine); peak memory: bot process {own:.0f} MB, one Tesseract "
        f"process {children:.0f} MB; lowest F1 ratio {min(ratios, default=0):.2f}; "
        f"every number and date right: {all_right}"
    )
    for variant, f1s in means.items():  # the set as a whole: mean F1 over its plans, OCR against text
        ur_text, ur_ocr, dl_text, dl_ocr = (sum(col) / len(f1s) for col in zip(*f1s, strict=True))
        print(
            f"{variant}: mean unit-role F1 {ur_text:.3f} text / {ur_ocr:.3f} OCR "
            f"(ratio {ur_ocr / ur_text:.3f}), "
            f"deadline F1 {dl_text:.3f} / {dl_ocr:.3f} (ratio {dl_ocr / dl_text:.3f})"
        )


if __name__ == "__main__":
    main()
