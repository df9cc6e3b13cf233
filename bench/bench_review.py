"""Correcting a plan's extraction: what one tap or typed command costs the bot.

Every step of a review (a button, a typed correction) works the draft out again: the extraction with
its corrections applied, a preview import in a rolled-back SAVEPOINT, the directory lookups of the
plan's unit names (and the closest units of unknown ones), then the page. A correction resolves the
command against that and works it out once more; the confirmation writes the plan with its
corrections. Measured on a directory of `--plans` imported synthetic plans (one province's units,
as bench_plans builds them) and on plans of `--rows` duties with 0, 10 and 50 corrections.

    uv run python bench/bench_review.py [--plans 200] [--rows 60 300] [--repeat 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_plans import percentile, synthetic_plan  # noqa: E402
from bench.common import machine_info, machine_table, table  # noqa: E402
from handlers.plan_review_view import render  # noqa: E402
from services.corrected_plans import commit  # noqa: E402
from services.correction_commands import parse_command  # noqa: E402
from services.importer import import_plan  # noqa: E402
from services.plan_review import review  # noqa: E402
from services.review_commands import resolve  # noqa: E402
from services.review_drafts import Author, open_import  # noqa: E402
from storage.db import Database  # noqa: E402

NOW = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
AUTHOR = Author(name="bench")


def corrections_for(rows: int, count: int) -> list[str]:
    """A realistic mix: role switches, removals, additions, merges, one deadline date."""
    lines: list[str] = []
    for i in range(count):
        n = 1 + (i * 7) % rows
        kind = i % 4
        if kind == 0:
            lines.append(f"vai {n}")
        elif kind == 1:
            lines.append(f"xoa {n}")
        elif kind == 2:
            lines.append(f"them {n} phoi hop Sở Tư pháp {i}")
        else:
            lines.append(f"han h1 hang nam {1 + i % 28}/12")
    return lines


def timed(fn: object, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append((time.perf_counter() - start) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--plans", type=int, default=200, help="plans imported first (the directory)")
    parser.add_argument("--rows", type=int, nargs="+", default=[60, 300], help="duties of the reviewed plan")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-machine", action="store_true")
    args = parser.parse_args()
    rng = random.Random(20251204)
    results: list[list[object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        db.migrate()
        for i in range(args.plans):
            with db.session() as session:
                import_plan(
                    session,
                    parsed=synthetic_plan(i * 10, 60, rng),  # one province: index % 10 == 0
                    source_name=f"{i}.txt",
                    content_hash=f"seed{i}",
                    default_province="Đồng Nai",
                    now=NOW,
                )
        for rows in args.rows:
            parsed = synthetic_plan(10_000 + rows, rows, rng)
            for count in (0, 10, 50):
                with db.session() as session:
                    draft = open_import(
                        session, parsed=parsed, source_name="r.txt", content_hash=f"r{rows}-{count}"
                    )
                    for line in corrections_for(rows, count):
                        rv = review(session, draft, default_province="Đồng Nai")
                        cmd = parse_command(line)
                        assert cmd is not None
                        draft.new += resolve(rv, cmd, author=AUTHOR, now=NOW)

                    def tap(draft=draft, session=session) -> None:
                        rv = review(session, draft, default_province="Đồng Nai")
                        render("vi", rv, buttons=True)

                    def correct(draft=draft, session=session) -> None:
                        rv = review(session, draft, default_province="Đồng Nai")
                        cmd = parse_command("vai 2")
                        assert cmd is not None
                        made = resolve(rv, cmd, author=AUTHOR, now=NOW)
                        draft.new += made
                        render("vi", review(session, draft, default_province="Đồng Nai"), buttons=True)
                        del draft.new[-len(made) :]

                    taps = timed(tap, args.repeat)
                    fixes = timed(correct, args.repeat)
                    page = render("vi", review(session, draft, default_province="Đồng Nai"), buttons=True)
                    start = time.perf_counter()
                    commit(session, draft, author=AUTHOR, default_province="Đồng Nai", now=NOW)
                    confirm = (time.perf_counter() - start) * 1000
                    session.rollback()
                results.append(
                    [
                        rows,
                        count,
                        f"{statistics.median(taps):.1f} / {percentile(taps, 0.95):.1f}",
                        f"{statistics.median(fixes):.1f} / {percentile(fixes, 0.95):.1f}",
                        f"{confirm:.0f}",
                        f"{len(page.html)} / {sum(len(r) for r in page.buttons)}",
                    ]
                )
        db.dispose()
    if not args.no_machine:
        print(machine_table(machine_info()))
    print(f"directory: {args.plans} imported plans of one province; {args.repeat} runs each (ms)")
    print(
        table(
            (
                "duties",
                "corrections",
                "a tap: p50 / p95 ms",
                "a correction: p50 / p95 ms",
                "confirm ms",
                "overview chars / buttons",
            ),
            results,
        )
    )


if __name__ == "__main__":
    main()
