"""Shared by the benchmarks: machine facts, a fresh database per run, and a plain text table. What
the fault tests share with the benchmarks (the broadcast world, the delivery worker process, the fake
platform APIs) lives in testkit/."""

from __future__ import annotations

import os
import platform
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from sqlalchemy import text  # noqa: E402

from storage.db import Database  # noqa: E402

# --- machine --------------------------------------------------------------------------------------


def machine_info(database_url: str | None = None) -> dict[str, str]:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        kb = int(Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1])
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    info = {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "OS": f"{platform.system()} {platform.release()}",
    }
    if database_url and database_url.startswith("postgresql"):
        info["PostgreSQL"] = postgres_version(database_url)
    return info


def postgres_version(url: str) -> str:
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            return str(conn.execute(text("SHOW server_version")).scalar())
    finally:
        db.dispose()


# --- data -----------------------------------------------------------------------------------------


def fresh_database(url: str, *, name: str = "dutybot_bench") -> str:
    """A new empty database for one run: a file path for SQLite, a recreated database `name` on
    PostgreSQL (benchmarks that may run at the same time on one server pass their own name)."""
    if url.startswith("postgresql"):
        import sqlalchemy as sa

        admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return url.rsplit("/", 1)[0] + f"/{name}"
    path = Path(url.split("///", 1)[-1])
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return url


# --- output ---------------------------------------------------------------------------------------


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(h) for h in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    line = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [line]
    for n, row in enumerate(cells):
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if n == 0:
            out.append(line)
    out.append(line)
    return "\n".join(out)


def machine_table(info: dict[str, str]) -> str:
    return table(("machine", ""), list(info.items()))
