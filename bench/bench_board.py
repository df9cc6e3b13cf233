"""The collector's board and the status chart, timed.

A receiving unit (Sở Ngoại vụ) collects from N owing units, each owing K dated reports (K deadlines
of one plan, due over the coming weeks): N x K occurrences, a third of them submitted (some late,
half confirmed). Measured, each run as the chat runs them:
- /theodoi: the unit's collections with their counts (services.collector.collections);
- one board page: a collection's N units' states, worst first, and the page's submissions
  (collector.board + collector.details for 15 rows);
- the status chart of /stats for 500 units (services.charts.status_chart), rendered without a
  display (matplotlib imported beforehand, as in a running bot).

    uv run python bench/bench_board.py                 # 1,000 units x 10 occurrences, SQLite
    uv run python bench/bench_board.py --units 200 --db postgresql+psycopg://...
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert

from bench.common import fresh_database, machine_info, machine_table, table
from services import collector
from services.charts import CATEGORIES, Labels, UnitCounts, status_chart
from services.clock import VN_TZ
from storage.db import Database
from storage.models import (
    Deadline,
    DeadlineParty,
    Jurisdiction,
    Membership,
    Occurrence,
    Person,
    Plan,
    Unit,
)

TODAY = dt.date(2026, 3, 12)


def build(db: Database, units: int, per_unit: int) -> tuple[int, list[tuple[int, dt.date]]]:
    rnd = random.Random(16)
    with db.session() as s:
        prov = Jurisdiction(name="Đồng Nai", key="dong nai")
        s.add(prov)
        s.flush()
        receiving = Unit(name="Sở Ngoại vụ", kind="so", key="so ngoai vu", jurisdiction_id=prov.id)
        s.add(receiving)
        person = Person(display_name="Chuyên viên")
        s.add(person)
        s.flush()
        s.add(Membership(person_id=person.id or 0, unit_id=receiving.id or 0))
        s.execute(
            insert(Unit),
            [
                {
                    "name": f"UBND xã {i:04d}",
                    "kind": "ubnd",
                    "key": f"xa {i}",
                    "jurisdiction_id": prov.id,
                    "created_at": dt.datetime.now(dt.UTC),
                }
                for i in range(units)
            ],
        )
        unit_ids = [u.id for u in s.query(Unit).filter(Unit.kind == "ubnd").all()]
        plan = Plan(
            identity="35",
            number="35/KH-UBND",
            source_name="35.txt",
            source_hash="35",
            jurisdiction_id=prov.id,
        )
        s.add(plan)
        s.flush()
        keys = []
        for k in range(per_unit):
            due = TODAY + dt.timedelta(days=7 * k - 21)
            d = Deadline(
                plan_id=plan.id or 0,
                position=k,
                unit_text="UBND các xã",
                recurrence="once",
                due_date=due,
                recipient="Sở Ngoại vụ",
                recipient_unit_id=receiving.id,
                source=f"báo cáo {k}",
            )
            s.add(d)
            s.flush()
            s.add(DeadlineParty(deadline_id=d.id or 0, group_key="ubnd_xa", unit_text="UBND các xã"))
            keys.append((d.id or 0, due))
            rows = []
            for uid in unit_ids:
                r = rnd.random()
                submitted = None
                status = "open"
                if r < 0.33:
                    submitted = dt.datetime.combine(
                        due + dt.timedelta(days=rnd.randint(-5, 3)), dt.time(9), tzinfo=VN_TZ
                    )
                    status = "confirmed" if r < 0.16 else "submitted"
                rows.append(
                    {
                        "deadline_id": d.id,
                        "unit_id": uid,
                        "due_on": due,
                        "status": status,
                        "submitted_at": submitted,
                    }
                )
            s.execute(insert(Occurrence), rows)
    return person.id or 0, keys


def timed(fn: object, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()  # type: ignore[operator]
        out.append((time.perf_counter() - start) * 1000)
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--per-unit", type=int, default=10)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--db", default="sqlite:////tmp/dutybot-bench-board.db")
    parser.add_argument("--no-machine", action="store_true")
    args = parser.parse_args()
    if args.db.startswith("sqlite:///"):
        Path(args.db.removeprefix("sqlite:///")).unlink(missing_ok=True)
    url = fresh_database(args.db) if args.db.startswith("postgresql") else args.db
    db = Database(url)
    db.migrate()
    person, keys = build(db, args.units, args.per_unit)
    receiving = 1
    with db.session() as s:
        receiving = s.query(Membership).filter(Membership.person_id == person).one().unit_id

    def collections() -> None:
        with db.session() as s:
            collector.collections(s, unit_id=receiving, today=TODAY)

    def board() -> None:
        deadline_id, due = keys[len(keys) // 2]
        with db.session() as s:
            collector.check_receiver(s, person_id=person, deadline_id=deadline_id)
            b = collector.board(s, deadline_id=deadline_id, due_on=due, today=TODAY)
            collector.details(s, b.rows[:15])

    rnd = random.Random(5)
    chart_rows = [
        UnitCounts(f"UBND xã Phước Thiền {i:03d}", {c: rnd.randint(0, 6) for c in CATEGORIES})
        for i in range(500)
    ]
    labels = Labels.of("vi")
    status_chart(chart_rows[:5], title="warm-up", labels=labels)  # imports matplotlib, loads fonts
    rows = []
    for name, fn, runs in (
        (f"/theodoi: collections ({args.per_unit} x {args.units} occurrences)", collections, args.runs),
        (f"board page: one collection of {args.units} units", board, args.runs),
        ("status chart, 500 units (PNG)", lambda: status_chart(chart_rows, title="500", labels=labels), 10),
    ):
        fn()
        values = timed(fn, runs)
        rows.append(
            (name, runs, f"{statistics.median(values):.1f}", f"{pct(values, 0.95):.1f}", f"{max(values):.1f}")
        )
    if not args.no_machine:
        print(machine_table(machine_info(url)))
        print()
    print(table(("what", "runs", "p50 ms", "p95 ms", "max ms"), rows))
    db.dispose()


if __name__ == "__main__":
    main()
