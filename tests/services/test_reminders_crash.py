"""SIGKILL while a morning's reminders are going out, restart: every member got exactly one copy (or,
for a message in flight at the kill, it is recorded failed "interrupted mid-send" and arrived at most
once). A second tick after the restart queues nothing: the ledger already holds the morning."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlmodel import select

from services import occurrences as occ_svc
from services.clock import VN_TZ
from storage.db import Database
from storage.enums import DeliveryStatus
from storage.models import ChatAccount, Outbox, Reminder
from testkit.fakes.telegram_server import FakeTelegram
from tests.services import world

REPO = Path(__file__).resolve().parents[2]
WHEN = dt.datetime(2026, 3, 6, 8, 0, tzinfo=VN_TZ)  # Friday: d-7 of deadlines due 13/3
UNITS, PER_UNIT = 30, 5


def _build(db: Database) -> dict[str, int]:
    chats: dict[str, int] = {}
    with db.session() as s:
        prov = world.province(s)
        plan = world.plan(s, "9/KH-UBND", prov, dt.date(2026, 1, 1))
        for i in range(UNITS):
            unit = world.unit(s, f"Đơn vị {i}", prov)
            world.deadline(s, plan, [unit], recurrence="once", due_date=dt.date(2026, 3, 13))
            for k in range(PER_UNIT):
                person, account = world.member(s, unit, f"m{i}-{k}", leader=k == 0)
                account.chat_id = str(10_000 + i * 10 + k)
                s.add(account)
                chats[account.chat_id] = person.id or 0
        occ_svc.materialize(s, today=WHEN.date())
    return chats


def _start(url: str, tg: FakeTelegram) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "ZALO_", "DATABASE_"))}
    return subprocess.Popen(
        [sys.executable, "-m", "tests.services.crash_runner", url, tg.base_url, tg.token, WHEN.isoformat()],
        cwd=REPO,
        env=env | {"PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _received(tg: FakeTelegram) -> Counter[str]:
    return Counter({chat: len(msgs) for chat, msgs in tg.messages.items()})


@pytest.mark.slow
async def test_sigkill_mid_send_then_restart_sends_each_reminder_once(
    db: Database, database_url: str
) -> None:
    chats = _build(db)
    with FakeTelegram() as tg:
        tg.delay = 0.03  # a slow API widens the window in which the kill lands mid-send
        first = _start(database_url, tg)
        try:
            await tg.wait_for(lambda: sum(_received(tg).values()) >= 40, within=60)
        finally:
            first.send_signal(signal.SIGKILL)
            out1, _ = first.communicate(timeout=30)
        assert first.returncode == -signal.SIGKILL, out1
        before = sum(_received(tg).values())
        assert 40 <= before < len(chats), f"the kill did not land mid-send ({before} sent)\n{out1}"

        second = _start(database_url, tg)
        out2, _ = await asyncio.to_thread(second.communicate, timeout=120)
        assert second.returncode == 0, out2
        assert "tick: 0 messages queued" in out2  # the ledger already held this morning
        received = _received(tg)

    with db.session() as s:
        boxes = s.exec(select(Outbox).where(Outbox.kind == "reminder")).all()
        accounts = {a.id: a for a in s.exec(select(ChatAccount)).all()}
        ledger = s.exec(select(Reminder)).all()
    assert len(boxes) == len(chats)  # one message per member
    assert len(ledger) == len(chats) and {r.offset_key for r in ledger} == {"d-7"}
    interrupted = 0
    for box in boxes:
        chat = accounts[box.account_id].chat_id
        if box.status == DeliveryStatus.sent:
            assert received[chat] == 1, chat
        else:
            assert (box.status, box.error) == (DeliveryStatus.failed, "interrupted mid-send"), chat
            assert received[chat] <= 1, chat
            interrupted += 1
    print(f"sent before the kill {before}, interrupted {interrupted}, received {sum(received.values())}")
    assert max(received.values()) == 1  # nobody got two copies
    assert interrupted <= 5  # at most one claimed batch was in flight
    assert sum(received.values()) >= len(chats) - interrupted
