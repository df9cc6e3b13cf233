"""A delivery worker process, as `dutybot run` runs one, for the fault tests and the broadcast
benchmarks.

`python -m testkit.delivery_worker URL API TOKEN ...` runs the real `DeliveryWorker.run()` (liveness
lease, recovery, claiming with FOR UPDATE SKIP LOCKED on PostgreSQL) through the real
python-telegram-bot `Bot` and `TelegramChannel` against a Bot API at API, and exits once no broadcast
is left sending. Several of them share one database like several `dutybot` processes do; a test may
SIGKILL one mid-send.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import resource
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlmodel import col, select

from storage.db import Database
from storage.enums import BroadcastStatus
from storage.models import Broadcast, Outbox

REPO = Path(__file__).resolve().parent.parent


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
    cmd = [sys.executable, "-m", "testkit.delivery_worker", url, api, token, "--rate", str(rate)]
    cmd += ["--per-chat", str(per_chat), "--batch", str(batch), "--lease-ttl", str(lease_ttl)]
    return cmd + (["--id", worker_id] if worker_id else [])


def spawn_worker(cmd: list[str], **kw: object) -> subprocess.Popen[str]:
    """The worker as a child process, with none of this process's bot settings in its environment."""
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


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def _worker_main(args: argparse.Namespace) -> None:
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
    parser = argparse.ArgumentParser(prog="python -m testkit.delivery_worker")
    parser.add_argument("url")
    parser.add_argument("api", help="Bot API base URL, e.g. http://127.0.0.1:8081/bot")
    parser.add_argument("token")
    parser.add_argument("--rate", type=float, default=30.0)
    parser.add_argument("--per-chat", type=float, default=1.0)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--lease-ttl", type=float, default=15.0)
    parser.add_argument("--read-timeout", type=float, default=5.0)
    parser.add_argument("--id", default=None)
    asyncio.run(_worker_main(parser.parse_args(argv)))


if __name__ == "__main__":
    main()
