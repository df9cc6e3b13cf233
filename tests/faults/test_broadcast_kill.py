"""Two delivery processes share a broadcast; one is SIGKILLed mid-send and a replacement started.

Every member either got the message exactly once (row `sent`), or the row is `failed` with
"interrupted mid-send" and the member got it at most once (it was in flight at the kill). Nothing is
left pending, and the survivor recovered the dead worker's rows through its expired liveness lease.
Runs on SQLite (serialised writers) and on PostgreSQL (FOR UPDATE SKIP LOCKED).
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import time
from collections import Counter

import pytest

from services.outbox_rows import INTERRUPTED
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

MEMBERS = 240


def received(tg: FakeTelegram) -> Counter[str]:
    with tg._lock:
        return Counter({chat: len(msgs) for chat, msgs in tg.messages.items() if chat != ADMIN_CHAT})


def finish(proc: subprocess.Popen[str], within: float = 60) -> str:
    try:
        out, _ = proc.communicate(timeout=within)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
        raise AssertionError(f"worker did not finish:\n{out}") from None
    return out


@pytest.mark.slow
async def test_sigkill_mid_broadcast_then_restart(db: Database) -> None:
    admin = seed_members(db, MEMBERS)
    bc = start_broadcast(db, admin_account_id=admin)
    with FakeTelegram() as tg:
        tg.delay = 0.02  # a send takes a while, so a kill lands with requests in flight

        def cmd(name: str) -> list[str]:
            return worker_command(
                db.url, tg.base_url, tg.token, rate=80, batch=20, lease_ttl=2, worker_id=name
            )

        a, b = spawn_worker(cmd("a")), spawn_worker(cmd("b"))
        try:
            await tg.wait_for(lambda: sum(received(tg).values()) >= 60, within=30)
            a.send_signal(signal.SIGKILL)
            out_a, _ = a.communicate()
            killed_at = sum(received(tg).values())
            assert killed_at < MEMBERS, "the broadcast finished before the kill"
            c = spawn_worker(cmd("c"))  # the restarted process
            out_b, out_c = finish(b), finish(c)
        finally:
            for p in (a, b):
                if p.poll() is None:
                    p.kill()
                    p.communicate()
        assert broadcast_status(db, bc) == "done", out_b + out_c
        counts = received(tg)

    rows = outbox_rows(db, bc)
    assert len(rows) == MEMBERS
    statuses = Counter(status for _, status, _ in rows)
    assert set(statuses) <= {"sent", "failed"}, statuses
    for chat, status, error in rows:
        if status == "sent":
            assert counts[chat] == 1, (chat, counts[chat])
        else:
            assert error == INTERRUPTED and counts[chat] <= 1, (chat, error, counts[chat])
    assert max(counts.values()) == 1  # nobody got it twice
    assert set(counts) <= {str(CHAT_BASE + i) for i in range(MEMBERS)}
    assert statuses["failed"] <= 20  # at most one batch was in flight in the killed worker
    print(out_a)
    print(f"killed after {killed_at} sends; {statuses['sent']} sent, {statuses['failed']} interrupted")


@pytest.mark.slow
async def test_kill_before_any_send_loses_nothing(db: Database) -> None:
    """A worker killed while idle leaves no claimed rows: the next one sends everything."""
    admin = seed_members(db, 30)
    with FakeTelegram() as tg:
        cmd = worker_command(db.url, tg.base_url, tg.token, rate=100, batch=10, lease_ttl=2)
        idle = spawn_worker(cmd)
        assert idle.stdout is not None
        line = await asyncio.wait_for(asyncio.to_thread(idle.stdout.readline), 30)
        assert "started" in line  # its run has begun, with nothing queued
        idle.send_signal(signal.SIGKILL)
        idle.communicate()
        bc = start_broadcast(db, admin_account_id=admin)
        started = time.monotonic()
        finish(spawn_worker(cmd))
        assert time.monotonic() - started < 30
        assert sorted(received(tg).values()) == [1] * 30
    assert {s for _, s, _ in outbox_rows(db, bc)} == {"sent"}
