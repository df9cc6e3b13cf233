"""Shared by the scale benchmarks and the fault tests: machine facts, a seeded broadcast, a delivery
worker process, and a plain text table.

The worker process is the real thing: `python -m bench.common worker ...` runs the real
`DeliveryWorker.run()` (liveness lease, recovery, claiming with FOR UPDATE SKIP LOCKED on PostgreSQL)
through the real python-telegram-bot `Bot` and `TelegramChannel` against a Bot API at `--api`, and
exits once no broadcast is left sending. Several of them share one database like several `dutybot`
processes do.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import resource
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from sqlalchemy import insert, text  # noqa: E402
from sqlmodel import col, select  # noqa: E402

from handlers.broadcast import render  # noqa: E402
from services import broadcasts  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.enums import BroadcastStatus  # noqa: E402
from storage.models import Broadcast, ChatAccount, Membership, Outbox, Person, Unit  # noqa: E402
from storage.types import utcnow  # noqa: E402

CHAT_BASE = 10_000_000  # member i has chat id CHAT_BASE + i
ADMIN_CHAT = "999"


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


def peak_rss_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


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


def seed_members(db: Database, members: int) -> int:
    """One unit, `members` officers with a Telegram account each, and an admin; returns the admin's
    account id (the broadcast's progress message goes there)."""
    now = utcnow()
    with db.session() as s:
        unit = Unit(name="Sở Thông tin và Truyền thông", kind="so", key="so thong tin va truyen thong")
        admin = Person(display_name="Admin", is_admin=True)
        s.add_all([unit, admin])
        s.flush()
        admin_account = ChatAccount(
            person_id=admin.id or 0, channel="telegram", external_id=ADMIN_CHAT, chat_id=ADMIN_CHAT
        )
        s.add(admin_account)
        s.flush()
        first = s.exec(select(Person.id).order_by(col(Person.id).desc())).first() or 0
        s.execute(
            insert(Person),
            [
                {"display_name": f"Cán bộ {i}", "lang": "vi", "is_admin": False, "created_at": now}
                for i in range(members)
            ],
        )
        ids = list(s.exec(select(Person.id).where(col(Person.id) > first).order_by(col(Person.id))).all())
        add_telegram_members(s, person_ids=ids, unit_id=unit.id, chat_base=CHAT_BASE, now=now)
        return admin_account.id or 0


def start_broadcast(db: Database, *, admin_account_id: int, text_: str = "Thông báo họp giao ban") -> int:
    """Create and queue a broadcast to everyone, as the /broadcast flow does; returns its id."""
    with db.session() as s:
        account = s.get_one(ChatAccount, admin_account_id)
        bc = broadcasts.create_broadcast(
            s,
            created_by=account.person_id,
            text=text_,
            audience=broadcasts.audience_all(),
            progress_account_id=admin_account_id,
            now=utcnow(),
        )
        broadcasts.start_broadcast(s, broadcast_id=bc.id or 0, now=utcnow(), render=render)
        return bc.id or 0


def outbox_rows(db: Database, broadcast_id: int) -> list[tuple[str, str, str | None]]:
    """(chat id, status, error) of every row of the broadcast."""
    with db.session() as s:
        rows = s.exec(
            select(ChatAccount.chat_id, Outbox.status, Outbox.error)
            .join(ChatAccount, col(ChatAccount.id) == col(Outbox.account_id))
            .where(Outbox.broadcast_id == broadcast_id)
        ).all()
    return [(c, st, e) for c, st, e in rows]


def broadcast_status(db: Database, broadcast_id: int) -> str:
    with db.session() as s:
        return s.get_one(Broadcast, broadcast_id).status


# --- the worker process ----------------------------------------------------------------------------


def worker_command(
    url: str,
    api: str,
    token: str,
    *,
    rate: float,
    per_chat: float = 1.0,
    batch: int = 100,
    lease_ttl: float = 15.0,
    worker_id: str | None = None,
) -> list[str]:
    cmd = [sys.executable, "-m", "bench.common", "worker", url, api, token, "--rate", str(rate)]
    cmd += ["--per-chat", str(per_chat), "--batch", str(batch), "--lease-ttl", str(lease_ttl)]
    return cmd + (["--id", worker_id] if worker_id else [])


def spawn_worker(cmd: list[str], **kw: object) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_", "DATABASE_"))}
    return subprocess.Popen(  # type: ignore[call-overload]
        cmd,
        cwd=REPO,
        env=env | {"PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **kw,
    )


async def _worker_main(args: argparse.Namespace) -> None:
    import logging

    from telegram import Bot
    from telegram.request import HTTPXRequest

    from bot.channels.telegram_out import TelegramChannel
    from bot.delivery import DeliveryWorker
    from services.clock import SystemClock

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    db = Database(args.url)
    bot = Bot(
        args.token,
        base_url=args.api.rstrip("/"),
        request=HTTPXRequest(connection_pool_size=64, read_timeout=args.read_timeout),
    )
    await bot.initialize()
    worker = DeliveryWorker(
        db=db,
        channel=TelegramChannel(bot),
        clock=SystemClock(),
        rate_per_second=args.rate,
        per_chat_interval=args.per_chat,
        batch_size=args.batch,
        idle_sleep=0.1,
        progress_every=2.0,
        lease_ttl=args.lease_ttl,
        worker_id=args.id,
    )
    task = asyncio.create_task(worker.run())
    print(f"worker {worker.worker_id} started", flush=True)
    while not task.done():
        await asyncio.sleep(0.25)
        try:
            with db.session() as s:
                sending = s.exec(
                    select(Broadcast.id).where(Broadcast.status == BroadcastStatus.sending)
                ).all()
                left = s.exec(
                    select(Outbox.id).where(col(Outbox.status).in_(("pending", "sending"))).limit(1)
                ).all()
        except Exception:  # the database restarting
            continue
        if not sending and not left:
            break
    worker.stop()
    await task
    await bot.shutdown()
    db.dispose()
    print(f"worker {worker.worker_id} done, peak RSS {peak_rss_mb():.0f} MB", flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.common")
    sub = parser.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("worker", help="run one delivery worker until no broadcast is sending")
    w.add_argument("url")
    w.add_argument("api", help="Bot API base URL, e.g. http://127.0.0.1:8081/bot")
    w.add_argument("token")
    w.add_argument("--rate", type=float, default=30.0)
    w.add_argument("--per-chat", type=float, default=1.0)
    w.add_argument("--batch", type=int, default=100)
    w.add_argument("--lease-ttl", type=float, default=15.0)
    w.add_argument("--read-timeout", type=float, default=5.0)
    w.add_argument("--id", default=None)
    args = parser.parse_args(argv)
    asyncio.run(_worker_main(args))


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


def elapsed(start: dt.datetime) -> float:
    return (utcnow() - start).total_seconds()


if __name__ == "__main__":
    main()


def add_telegram_members(
    s: Any, *, person_ids: list[int], unit_id: int | None, chat_base: int, now: dt.datetime
) -> None:
    """Telegram accounts (chat ids chat_base + i) and unit memberships for people, in two inserts."""
    s.execute(
        insert(ChatAccount),
        [
            {
                "person_id": pid,
                "channel": "telegram",
                "external_id": str(chat_base + i),
                "chat_id": str(chat_base + i),
                "active": True,
                "failed_codes": 0,
                "created_at": now,
            }
            for i, pid in enumerate(person_ids)
        ],
    )
    s.execute(
        insert(Membership),
        [
            {"person_id": pid, "unit_id": unit_id, "role": "officer", "active": True, "joined_at": now}
            for pid in person_ids
        ],
    )
