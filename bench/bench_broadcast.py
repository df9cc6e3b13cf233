"""Broadcast to N members through a fake Bot API that enforces Telegram's limits (30 messages/s
overall, 1/s per chat, 429 + retry_after above them), with 1..k real delivery worker processes.

    uv run python bench/bench_broadcast.py --members 10000 --processes 1 --db sqlite:////tmp/bc.db
    uv run python bench/bench_broadcast.py --members 10000 --processes 2 4 --db postgresql+psycopg://...

Each worker process is `python -m testkit.delivery_worker` (the real DeliveryWorker.run() and the real
python-telegram-bot Bot over HTTP). Every process is configured with the full cap, as every process
of a deployment gets the same TELEGRAM_RATE_PER_SECOND: they share it through the database
(services/send_slots.py, docs/deployment.md), and each stays 2 % under it for jitter. Measured at the
fake server: the achieved rate (successful sends between the first and the last one), its share of
the cap (goal >= 0.95), 429 answers, and from the server's per-chat counts and the outbox: lost (a
member with no message and no failed row) and duplicated (a member with two) — both must be 0.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import fresh_database, machine_info, machine_table, table
from storage.db import Database
from testkit.broadcast_world import (
    ADMIN_CHAT,
    CHAT_BASE,
    broadcast_status,
    outbox_rows,
    seed_members,
    start_broadcast,
)
from testkit.delivery_worker import spawn_worker, worker_command
from testkit.fakes.telegram_server import FakeTelegram

HEADERS = (
    "db",
    "procs",
    "members",
    "queue s",
    "send s",
    "msgs/s",
    "cap share",
    "429s",
    "sent",
    "failed",
    "lost",
    "dup",
    "worker RSS MB",
)


def run(url: str, members: int, processes: int, cap: float) -> list[object]:
    url = fresh_database(url)
    db = Database(url)
    db.migrate()
    admin = seed_members(db, members)
    t0 = time.perf_counter()
    bc = start_broadcast(db, admin_account_id=admin)
    queue_s = time.perf_counter() - t0
    with FakeTelegram() as tg:
        tg.enforce_rate(per_second=cap, per_chat_interval=1.0)
        cmd = worker_command(url, tg.base_url, tg.token, rate=cap, batch=100)
        workers = [spawn_worker(cmd) for _ in range(processes)]
        outs = []
        for w in workers:
            try:
                out, _ = w.communicate(timeout=members / cap * 3 + 120)
            except subprocess.TimeoutExpired:
                w.kill()
                out, _ = w.communicate()
            outs.append(out)
        calls = [c for c in tg.calls_to("sendMessage") if str(c.params.get("chat_id")) != ADMIN_CHAT]
        with tg._lock:
            got = Counter({c: len(m) for c, m in tg.messages.items() if c != ADMIN_CHAT})
    ok = sorted(c.at for c in calls if c.status == 200)
    span = ok[-1] - ok[0] if len(ok) > 1 else float("nan")
    rate = (len(ok) - 1) / span if len(ok) > 1 else 0.0
    rows = outbox_rows(db, bc)
    status = Counter(s for _, s, _ in rows)
    failed_chats = {c for c, s, _ in rows if s != "sent"}
    expected = {str(CHAT_BASE + i) for i in range(members)}
    lost = sum(1 for c in expected if got[c] == 0 and c not in failed_chats)
    dup = sum(1 for c in expected if got[c] > 1)
    rss = [float(o.rsplit("peak RSS ", 1)[1].split()[0]) for o in outs if "peak RSS" in o]
    if broadcast_status(db, bc) != "done":
        print("\n".join(outs), file=sys.stderr)
    db.dispose()
    return [
        "postgresql" if url.startswith("postgresql") else "sqlite",
        processes,
        members,
        f"{queue_s:.1f}",
        f"{span:.1f}",
        f"{rate:.2f}",
        f"{rate / cap:.3f}",
        sum(1 for c in calls if c.status == 429),
        status["sent"],
        status["failed"] + status["blocked"],
        lost,
        dup,
        f"{max(rss):.0f}" if rss else "?",
    ]


def main(argv: list[str] | None = None) -> list[list[object]]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--processes", type=int, nargs="+", default=[1])
    parser.add_argument("--db", default="sqlite:////tmp/dutybot-bench-broadcast.db")
    parser.add_argument("--cap", type=float, default=30.0, help="the fake server's messages/s")
    parser.add_argument("--no-machine", action="store_true")
    args = parser.parse_args(argv)
    rows = [run(args.db, args.members, n, args.cap) for n in args.processes]
    if not args.no_machine:
        print(machine_table(machine_info(args.db)))
    print(
        f"Broadcast through a fake Bot API enforcing {args.cap:g} msgs/s and 1/s per chat"
        " (goal: cap share >= 0.95)"
    )
    print(table(HEADERS, rows))
    return rows


if __name__ == "__main__":
    main()
