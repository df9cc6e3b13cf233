"""Run every benchmark and print one combined report with the machine it ran on.

    uv run python bench/run_all.py                       # quick sizes, SQLite only (~3 min)
    uv run python bench/run_all.py --full --pg URL       # the issue's sizes, SQLite and PostgreSQL

--full: broadcast 10,000 members (1 process on SQLite; 2 and 4 on PostgreSQL), chat at 300 and 400
updates/s for 20 s (one bot process on SQLite; one and two on PostgreSQL, where a process waits
for the server on every query), plans/tick benches at their defaults (1,000 plans, 100,000
occurrences). Each
bench runs as its own process (its peak memory is its own) and prints its own table; this script
prints the machine first and adds the load average, because a shared machine skews every number.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine_info, machine_table

BENCH = Path(__file__).resolve().parent


def bench(name: str, *args: str) -> str:
    cmd = [sys.executable, str(BENCH / name), *args]
    print(f"$ {' '.join(cmd[1:])}", flush=True)
    started = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, env=os.environ | {"PYTHONWARNINGS": "ignore"})
    out = done.stdout if done.returncode == 0 else done.stdout + done.stderr[-3000:]
    return f"{out.rstrip()}\n({name}: {time.monotonic() - started:.0f} s, exit {done.returncode})\n"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--full", action="store_true", help="the issue's sizes (about 35 minutes)")
    parser.add_argument(
        "--pg", help="a PostgreSQL URL (e.g. $(bash .ci/postgres.sh)) for the PostgreSQL rows"
    )
    args = parser.parse_args()
    sqlite = "sqlite:////tmp/dutybot-bench.db"
    members = "10000" if args.full else "600"
    outputs = [
        bench("bench_startup.py"),
        bench("bench_plans.py"),
        bench("bench_extraction.py"),
        bench("bench_tick.py", *([] if args.full else ["--occurrences", "20000", "--members", "2000"])),
        bench("bench_broadcast.py", "--no-machine", "--members", members, "--processes", "1", "--db", sqlite),
    ]
    if args.pg:
        procs = ["2", "4"] if args.full else ["2"]
        broadcast = ["bench_broadcast.py", "--no-machine", "--members", members]
        for n in procs:
            outputs.append(bench(*broadcast, "--processes", n, "--db", args.pg))
    seconds = "20" if args.full else "8"
    rates = ["--rate", "300", "400"] if args.full else ["--rate", "300"]
    chat = ["bench_chat.py", "--no-machine", "--seconds", seconds, *rates]
    outputs.append(bench(*chat, "--db", sqlite))
    if args.pg:
        for bots in ("1", "2"):
            outputs.append(bench(*chat, "--bots", bots, "--db", args.pg))
    print()
    print(
        machine_table(machine_info(args.pg) | {"load avg (1/5/15 min)": " ".join(map(str, os.getloadavg()))})
    )
    for out in outputs:
        print()
        print(out)


if __name__ == "__main__":
    main()
