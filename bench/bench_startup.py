"""How long a `dutybot` command takes from the shell prompt to its answer (issue 13: every command
took 2-5 s before doing anything, because the command line imported the bot, python-telegram-bot,
uvicorn and Alembic whatever it was asked).

    uv run python bench/bench_startup.py            # 7 runs of each command, on a fresh SQLite file

Each run is a new process, as an admin's shell starts it (`.venv/bin/dutybot ...`), after one run that
writes the project's compiled bytecode (an installed tool's state after its first command; a shell
with PYTHONDONTWRITEBYTECODE set recompiles the project on every run, 0.1-0.3 s more); the table
gives the fastest, median and slowest wall time. Goal: `plans list` and `plans parse` under 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DUTYBOT = Path(sys.executable).parent / "dutybot"
PLAN = ROOT / "data" / "plans" / "002_a5c47825f0dbe0be.txt"


def timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([str(DUTYBOT), *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {
            "DATABASE_URL": f"sqlite:///{tmp}/startup.db",
            "IMPORT_SAMPLES_WHEN_EMPTY": "false",
        }
        subprocess.run([str(DUTYBOT), "plans", "import", str(PLAN)], env=env, check=True, capture_output=True)
        commands = {
            "plans list": ["plans", "list"],
            "plans parse (22 KB text plan)": ["plans", "parse", str(PLAN)],
            "deadlines --unit": ["deadlines", "--unit", "Sở Nội vụ Đồng Nai"],
            "--help": ["--help"],
        }
        print(f"| command | runs | fastest | median | slowest | (load {os.getloadavg()[0]:.2f}) |")
        print("|---|---|---|---|---|---|")
        for name, argv in commands.items():
            timed(argv, env)  # the first run writes the project's bytecode, as an admin's first command does
            times = sorted(timed(argv, env) for _ in range(args.runs))
            print(
                f"| `dutybot {name}` | {args.runs} | {times[0]:.2f} s | {statistics.median(times):.2f} s "
                f"| {times[-1]:.2f} s | |"
            )


if __name__ == "__main__":
    main()
