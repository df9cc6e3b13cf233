"""Chat throughput through the webhook path: updates/s and update -> reply latency (p50/p99).

    uv run python bench/bench_chat.py --db sqlite:////tmp/chat.db [--rate 300] [--seconds 10]

Three processes, as in a deployment: the fake Bot API (its own process, timestamps every call), the
bot (`dutybot run` with TELEGRAM_WEBHOOK_URL: uvicorn + starlette webhook route + the real
python-telegram-bot Application + router + database), and this load generator, which POSTs updates
with the secret header at an offered rate (open loop, httpx async) from many users; each user writes
at most once every few seconds so a chat's reply is the first sendMessage to that chat after its
update. Latency is update POST -> the reply's arrival, measured one of two ways: an update answered
with one plain message carries it in the webhook's HTTP response (`{"method": "sendMessage", ...}`,
as Telegram accepts), so the load generator reads the response body and timestamps its arrival;
any other reply is a request to the fake Bot API, timestamped there (CLOCK_MONOTONIC is
system-wide). The "in resp" column counts the replies carried in responses. Real Telegram
executes that method after the response; this last hop is not in the measured latency. The mix:
half "/nhiemvu" from members of a unit with real duties (the sample plans), a quarter "ai phụ
trách ..." questions, a quarter "/help". Goal: >= 300 updates/s, p99 <= 100 ms on 2 cores.
"bot CPU ms/upd" is the bot processes' CPU time over the run divided by the updates: the cost of an
update whatever else shares the machine. The measured run follows --warmup seconds (default 5) of the
same load: a process's first seconds include its start-up jobs (the first reminder tick, dating the
deadline rules) and opening its database connections, and on PostgreSQL with two processes a load
that starts at full rate during them queued for about 3 s (--warmup 0 shows a cold start).
BENCH_CHAT_TRACE=<file> writes (send time, latency ms) of every update answered in its response, to
find when a run stalled.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import aiohttp
import httpx
from sqlalchemy import insert
from sqlmodel import col, select

from bench.common import fresh_database, machine_info, machine_table, table
from config.settings import ROOT
from services.samples import import_samples_if_empty
from services.units import search_units
from storage.db import Database
from storage.models import Person
from storage.types import utcnow
from testkit.broadcast_world import add_telegram_members

SECRET = "bench-webhook-secret-0123456789"
TOKEN = "123456:BENCH-TOKEN"
USER_BASE = 50_000_000
HEADERS = (
    "db",
    "offered/s",
    "updates",
    "replies",
    "in resp",
    "achieved/s",
    "p50 ms",
    "p90 ms",
    "p99 ms",
    "max ms",
    "bot CPU ms/upd",
    "bot RSS MB",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fake_api(queue: mp.Queue) -> None:
    from testkit.fakes.telegram_server import FakeTelegram

    tg = FakeTelegram(token=TOKEN).start()
    queue.put(tg.base_url)
    signal.sigwait([signal.SIGTERM])


def seed(url: str, users: int) -> None:
    db = Database(url)
    db.migrate()
    now = utcnow()
    with db.session() as s:
        import_samples_if_empty(s, directory=ROOT / "data" / "plans", default_province="Đồng Nai")
        unit = search_units(s, query="Sở Tài chính", limit=1)[0].unit
        s.execute(
            insert(Person),
            [
                {"display_name": f"U{i}", "lang": "vi", "is_admin": False, "created_at": now}
                for i in range(users)
            ],
        )
        ids = list(
            s.exec(select(Person.id).where(col(Person.display_name).startswith("U")).order_by(col(Person.id)))
        )
        add_telegram_members(s, person_ids=ids, unit_id=unit.id, chat_base=USER_BASE, now=now)
    db.dispose()


def update(update_id: int, user: int, text: str) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": {"id": user, "type": "private", "first_name": "U"},
        "from": {"id": user, "is_bot": False, "first_name": "U", "language_code": "vi"},
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": message}


TEXTS = ("/nhiemvu", "ai phụ trách chuyển đổi số", "/nhiemvu", "/help")


Sent = tuple[str, float, float | None]  # chat id, POST time, time the reply arrived in the response


async def load(urls: list[str], rate: float, seconds: float, users: int, first: int = 0) -> list[Sent]:
    """POST rate*seconds updates, evenly spaced, round-robin over the bot processes at `urls`; per
    update (chat id, send time, arrival of the body when it is a sendMessage to that chat, else
    None: that reply comes through the Bot API); update ids start after `first`. aiohttp, not
    httpx: the generator shares the 2 cores with the bot, and httpx's connection pool cost it more
    CPU per request than the bot spent."""
    total = int(rate * seconds)
    sent: list[Sent] = []
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET, "Content-Type": "application/json"}
    connector = aiohttp.TCPConnector(limit=256, limit_per_host=256)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as client:
        start = time.monotonic()
        tasks = []

        async def post(n: int) -> None:
            user = USER_BASE + n % users
            body = json.dumps(update(first + n + 1, user, TEXTS[(n // users + n) % len(TEXTS)]))
            at = time.monotonic()
            for attempt in range(3):  # a keep-alive connection the server just closed: send again
                try:
                    async with client.post(
                        f"{urls[n % len(urls)]}/telegram", data=body, headers=headers
                    ) as r:
                        r.raise_for_status()
                        answered = None
                        if r.content_type == "application/json":
                            reply = await r.json()
                            if reply.get("method") == "sendMessage" and str(reply.get("chat_id")) == str(
                                user
                            ):
                                answered = time.monotonic()
                        else:
                            await r.read()
                    break
                except aiohttp.ClientConnectionError:
                    if attempt == 2:
                        raise
            sent.append((str(user), at, answered))

        for n in range(total):
            delay = start + n / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(post(n)))
        await asyncio.gather(*tasks)
    return sent


def _start_bot(url: str, api: str) -> tuple[subprocess.Popen[str], str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_", "DATABASE_"))}
    env |= {
        "DATABASE_URL": url,
        "TELEGRAM_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api,
        "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "WEBHOOK_PORT": str(port),
        "IMPORT_SAMPLES_WHEN_EMPTY": "false",
        "PYTHONPATH": str(ROOT),
    }
    bot = subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import main; main()", "run"],
        cwd="/tmp",
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return bot, base
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or bot.poll() is not None:
            bot.kill()
            raise RuntimeError("bot did not start")
        time.sleep(0.2)


def run(
    db_url: str, rate: float, seconds: float, users: int, api: str, bots: int, warmup: float
) -> list[object]:
    url = fresh_database(db_url, name="dutybot_bench_chat")
    seed(url, users)
    procs: list[subprocess.Popen[str]] = []
    try:
        bases = []
        for _ in range(bots):  # one at a time: each migrates and sets the webhook on start
            bot, base = _start_bot(url, api)
            procs.append(bot)
            bases.append(base)
        if warmup > 0:  # the same load, not counted: a process's first seconds cost more (see below)
            asyncio.run(load(bases, rate, warmup, users, first=10_000_000))
            time.sleep(2)
        cpu_before = sum(_cpu_seconds(bot.pid) for bot in procs)
        sent = asyncio.run(load(bases, rate, seconds, users))
        time.sleep(3)  # the last replies
        cpu = sum(_cpu_seconds(bot.pid) for bot in procs) - cpu_before
        calls = httpx.get(api.rsplit("/bot", 1)[0] + "/_calls", timeout=30).json()
        rss = "+".join(_peak_rss(bot.pid) for bot in procs)
    finally:
        for bot in procs:
            bot.send_signal(signal.SIGTERM)
        for bot in procs:
            bot.communicate(timeout=30)
    replies: dict[str, list[float]] = {}
    for method, chat, status, at in calls:
        if method == "sendMessage" and status == 200:
            replies.setdefault(chat, []).append(at)
    latencies: list[float] = []
    trace: list[tuple[float, float]] = []
    in_response = 0
    for chat, at, answered in sorted(sent, key=lambda x: x[1]):
        if answered is not None:
            trace.append((at, (answered - at) * 1000))
            latencies.append((answered - at) * 1000)
            in_response += 1
            continue
        later = [r for r in replies.get(chat, []) if r >= at]
        if later:
            latencies.append((later[0] - at) * 1000)
            replies[chat].remove(later[0])
    if os.environ.get("BENCH_CHAT_TRACE"):  # (send time, latency) per update, to find stalls
        Path(os.environ["BENCH_CHAT_TRACE"]).write_text(json.dumps(trace))
    latencies.sort()
    first = min(at for _, at, _ in sent)
    last_reply = max(
        [at for m, _, st, at in calls if m == "sendMessage" and st == 200]
        + [answered for _, _, answered in sent if answered is not None],
        default=first,
    )
    achieved = len(latencies) / (last_reply - first)

    def pct(p: float) -> str:
        return f"{latencies[min(len(latencies) - 1, int(p * len(latencies)))]:.0f}" if latencies else "-"

    return [
        "postgresql" if url.startswith("postgresql") else "sqlite",
        f"{rate:g}",
        len(sent),
        len(latencies),
        in_response,
        f"{achieved:.0f}",
        f"{statistics.median(latencies):.0f}" if latencies else "-",
        pct(0.90),
        pct(0.99),
        f"{latencies[-1]:.0f}" if latencies else "-",
        f"{cpu * 1000 / max(1, len(sent)):.2f}",
        rss,
    ]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (/proc/<pid>/stat fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _peak_rss(pid: int) -> str:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return f"{int(line.split()[1]) / 1024:.0f}"
    return "?"


def main(argv: list[str] | None = None) -> list[list[object]]:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", nargs="+", default=["sqlite:////tmp/dutybot-bench-chat.db"])
    parser.add_argument("--rate", type=float, nargs="+", default=[300.0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--bots", type=int, default=1, help="bot processes, updates round-robin")
    parser.add_argument(
        "--warmup",
        type=float,
        default=5.0,
        help="seconds of the same load first, not measured (0: cold start)",
    )
    parser.add_argument("--no-machine", action="store_true")
    args = parser.parse_args(argv)
    queue: mp.Queue = mp.get_context("spawn").Queue()
    fake = mp.get_context("spawn").Process(target=_fake_api, args=(queue,), daemon=True)
    fake.start()
    api = queue.get(timeout=30)
    try:
        rows = [
            run(db, rate, args.seconds, args.users, api, args.bots, args.warmup)
            for db in args.db
            for rate in args.rate
        ]
    finally:
        fake.terminate()
        fake.join(10)
    if not args.no_machine:
        print(machine_table(machine_info(args.db[-1])))
    print(
        "Chat through the webhook (dutybot run) -> reply at the fake Bot API (goal >= 300/s, p99 <= 100 ms)"
    )
    print(table(HEADERS, rows))
    return rows


if __name__ == "__main__":
    main()
