"""PostgreSQL restarts while two delivery processes send a broadcast: they reconnect (the pool's
checkout check, retried writes) and finish with every member served exactly once, nobody twice.

Needs the server of .ci/postgres.sh (its data directory, DUTYBOT_PG_DATA, and pg_ctl) and
DUTYBOT_PG_RESTARTABLE=1 (.ci/run sets it: on a developer machine the server may be shared with other
checkouts' test runs, which a restart would break); skipped otherwise and on SQLite.
"""

from __future__ import annotations

import asyncio
import gc
import glob
import os
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from storage.db import Database
from testkit.broadcast_world import ADMIN_CHAT, broadcast_status, outbox_rows, seed_members, start_broadcast
from testkit.delivery_worker import spawn_worker, worker_command
from testkit.fakes.telegram_server import FakeTelegram

DATA = Path(os.environ.get("DUTYBOT_PG_DATA", "/tmp/dutybot-pg"))
MEMBERS = 300


def pg_ctl() -> list[str] | None:
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not bins or not (DATA / "PG_VERSION").exists():
        return None
    cmd = [bins[-1], "-D", str(DATA), "-l", str(DATA / "server.log"), "-w", "-m", "fast", "restart"]
    if os.geteuid() == 0:
        return ["su", "postgres", "-s", "/bin/bash", "-c", " ".join(cmd)]
    return cmd


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::ResourceWarning")
async def test_database_restart_under_load(db: Database) -> None:
    if not db.url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    restart = pg_ctl()
    if os.environ.get("DUTYBOT_PG_RESTARTABLE") != "1":
        pytest.skip("set DUTYBOT_PG_RESTARTABLE=1 when this PostgreSQL server may be restarted")
    if restart is None:
        pytest.skip("no .ci/postgres.sh server to restart")
    admin = seed_members(db, MEMBERS)
    bc = start_broadcast(db, admin_account_id=admin)
    with FakeTelegram() as tg:
        tg.delay = 0.01

        def received() -> Counter[str]:
            with tg._lock:
                return Counter({c: len(m) for c, m in tg.messages.items() if c != ADMIN_CHAT})

        workers = [
            spawn_worker(worker_command(db.url, tg.base_url, tg.token, rate=100, batch=20, lease_ttl=30))
            for _ in range(2)
        ]
        try:
            await tg.wait_for(lambda: sum(received().values()) >= 60, within=30)
            done = await asyncio.to_thread(
                subprocess.run, restart, capture_output=True, text=True, timeout=60
            )
            assert done.returncode == 0, done.stdout + done.stderr
            at_restart = sum(received().values())
            assert at_restart < MEMBERS
            outs = []
            for w in workers:
                out, _ = w.communicate(timeout=90)
                outs.append(out)
        finally:
            for w in workers:
                if w.poll() is None:
                    w.kill()
                    w.communicate()
        counts = received()
    db.engine.dispose()  # the test's own pool holds connections from before the restart
    gc.collect()  # connections the restart killed are collected here, not in the next test
    assert broadcast_status(db, bc) == "done", "\n".join(outs)
    rows = outbox_rows(db, bc)
    assert Counter(s for _, s, _ in rows) == {"sent": MEMBERS}, Counter((s, e) for _, s, e in rows)
    assert sorted(counts.values()) == [1] * MEMBERS
    print(f"restarted after {at_restart} sends; all {MEMBERS} delivered once")
