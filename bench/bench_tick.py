"""Time and peak memory of one reminder tick with 100,000 deadline occurrences and 10,000 members.

    uv run python bench/bench_tick.py [--occurrences 100000] [--members 10000] [--db /tmp/bench.db]

The province: 3,334 units with 3 members each (one a leader), 200 deadline rules spread over them,
occurrences due from 60 days ago to 300 days ahead (past ones 90 % confirmed, the rest overdue).
Measured: the first morning on an empty ledger (everything whose reminder day has come is caught up:
the worst case, e.g. the first start), a tick a minute later (nothing new: the cost of every tick),
the next working day's morning (steady state), a tick in quiet hours, and the admins' digests.
Time is measured without tracing; peak memory is tracemalloc's peak in a second, traced run on a copy
of the same database (Python allocations), plus the process's max RSS. Goal: a tick under 1 s and
300 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import shutil
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert
from sqlmodel import func, select

from config.settings import Settings
from services.clock import VN_TZ, ManualClock
from services.digests import run_digests
from services.reminders import run_tick
from services.workdays import WorkCalendar
from storage.db import Database
from storage.models import (
    ChatAccount,
    Deadline,
    Jurisdiction,
    Membership,
    Occurrence,
    Person,
    Plan,
    Unit,
)

TODAY = dt.date(2026, 3, 10)  # a Tuesday


def build(db: Database, *, occurrences: int, members: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    per_unit = 3
    n_units = members // per_unit + (1 if members % per_unit else 0)
    now = dt.datetime.now(dt.UTC)
    with db.session() as s:
        j = Jurisdiction(name="Đồng Nai", key="dong nai")
        s.add(j)
        s.flush()
        s.execute(
            insert(Unit),
            [
                {
                    "name": f"Đơn vị {i}",
                    "kind": "so",
                    "key": f"don vi {i}",
                    "jurisdiction_id": j.id,
                    "created_at": now,
                }
                for i in range(n_units)
            ],
        )
        unit_ids = list(s.exec(select(Unit.id)).all())
        s.execute(
            insert(Person),
            [{"display_name": f"P{i}", "lang": "vi", "created_at": now} for i in range(members)],
        )
        person_ids = list(s.exec(select(Person.id)).all())
        s.execute(
            insert(ChatAccount),
            [
                {
                    "person_id": pid,
                    "channel": "telegram",
                    "external_id": str(pid),
                    "chat_id": str(pid),
                    "created_at": now,
                }
                for pid in person_ids
            ],
        )
        s.execute(
            insert(Membership),
            [
                {
                    "person_id": pid,
                    "unit_id": unit_ids[i // per_unit],
                    "role": "leader" if i % per_unit == 0 else "officer",
                    "joined_at": now,
                }
                for i, pid in enumerate(person_ids)
            ],
        )
        plan = Plan(
            identity="bench", number="1/KH-UBND", jurisdiction_id=j.id, source_name="b", source_hash="b"
        )
        s.add(plan)
        s.flush()
        s.execute(
            insert(Deadline),
            [
                {
                    "plan_id": plan.id,
                    "position": i,
                    "unit_text": "các sở",
                    "action": "report",
                    "recipient": "Sở Nội vụ",
                    "recurrence": "once",
                    "source": f"báo cáo kết quả thực hiện nhiệm vụ số {i} trước ngày quy định",
                }
                for i in range(200)
            ],
        )
        deadline_ids = list(s.exec(select(Deadline.id)).all())
        seen: set[tuple[int, int, dt.date]] = set()
        rows = []
        confirmed_at = dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(9), tzinfo=VN_TZ)
        while len(rows) < occurrences:
            due = TODAY + dt.timedelta(days=rng.randint(-60, 300))
            key = (rng.choice(deadline_ids), rng.choice(unit_ids), due)
            if key in seen:
                continue
            seen.add(key)
            done = due < TODAY and rng.random() < 0.9
            rows.append(
                {
                    "deadline_id": key[0],
                    "unit_id": key[1],
                    "due_on": due,
                    "status": "confirmed" if done else "open",
                    "submitted_at": confirmed_at if done else None,
                }
            )
        for i in range(0, len(rows), 20000):
            s.execute(insert(Occurrence), rows[i : i + 20000])


YESTERDAY = TODAY - dt.timedelta(days=1)  # Monday 9 March
SCENARIOS = [
    ("tick in quiet hours (23:00)", YESTERDAY, dt.time(23, 0), "tick"),
    ("first morning, empty ledger", YESTERDAY, dt.time(8, 0), "tick"),
    ("next tick (nothing new)", YESTERDAY, dt.time(8, 1), "tick"),
    ("next morning (steady state)", TODAY, dt.time(8, 0), "tick"),
    ("next tick (nothing new)", TODAY, dt.time(8, 1), "tick"),
    ("admins' digests", TODAY, dt.time(8, 2), "digests"),
]


def run_scenarios(url: str, *, trace: bool) -> list[tuple[float, float, str]]:
    """Each scenario in order on one database; time without tracing, memory with it (separate runs,
    since tracemalloc slows Python down several times)."""
    settings = Settings()
    db = Database(url)
    out = []
    for _label, day, at, fn in SCENARIOS:
        clock = ManualClock(dt.datetime.combine(day, at, tzinfo=VN_TZ))
        if trace:
            tracemalloc.start()
        start = time.perf_counter()
        with db.session() as s:
            if fn == "tick":
                r = run_tick(s, clock=clock, settings=settings)
                detail = f"{r.candidates:,} candidates, {r.reminders:,} ledger rows, {r.messages:,} messages"
            else:
                d = run_digests(s, clock=clock, settings=settings)
                detail = f"{d.daily} daily + {d.weekly} weekly digests"
        elapsed = time.perf_counter() - start
        peak = 0.0
        if trace:
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
        out.append((elapsed, peak, detail))
    db.dispose()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--occurrences", type=int, default=100_000)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--db", default="/tmp/dutybot-bench-tick.db")
    args = parser.parse_args()
    path = Path(args.db)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = Database(f"sqlite:///{path}")
    db.migrate()
    t0 = time.perf_counter()
    build(db, occurrences=args.occurrences, members=args.members)
    with db.session() as s:
        admin = Person(display_name="admin", is_admin=True)
        s.add(admin)
        s.flush()
        s.add(ChatAccount(person_id=admin.id or 0, channel="telegram", external_id="admin", chat_id="admin"))
        n_occ = s.exec(select(func.count()).select_from(Occurrence)).one()
        n_mem = s.exec(select(func.count()).select_from(Membership)).one()
        n_units = s.exec(select(func.count()).select_from(Unit)).one()
    db.dispose()  # checkpoints the WAL so the file can be copied
    built = time.perf_counter() - t0
    print(f"built {n_occ:,} occurrences, {n_mem:,} members, {n_units:,} units in {built:.1f} s")
    WorkCalendar().is_working_day(TODAY)  # load the holiday tables once (a process does it at start)
    copies = {}
    for name in ("time", "memory"):
        copies[name] = path.with_name(f"{path.stem}-{name}.db")
        shutil.copy(path, copies[name])
    timed = run_scenarios(f"sqlite:///{copies['time']}", trace=False)
    traced = run_scenarios(f"sqlite:///{copies['memory']}", trace=True)
    print()
    print(f"{'what':34} {'time (s)':>9} {'peak MB':>8}  detail")
    print("-" * 100)
    for (label, *_), (elapsed, _, detail), (_, peak, _) in zip(SCENARIOS, timed, traced, strict=True):
        print(f"{label:34} {elapsed:9.3f} {peak:8.1f}  {detail}")
    print("-" * 100)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process max RSS {rss:.0f} MB (includes building the data set); goal: tick < 1 s, < 300 MB")


if __name__ == "__main__":
    main()
