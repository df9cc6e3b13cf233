"""Reading plans never blocks the bot: a child process, a time limit, a clear message (issue 13, 2)."""

from __future__ import annotations

import asyncio
import datetime as dt
import multiprocessing
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from bot.cli import app
from config.settings import Settings, get_settings
from handlers.context import AppServices, ChannelCaps
from handlers.registry import build_router
from messages.types import Incoming, IncomingFile, Sender
from parsing.errors import DocumentError
from parsing.model import ParsedPlan
from services.clock import ManualClock
from services.plan_reading import ReadTimedOut, read_plan, run_limited
from storage.db import Database
from storage.models import Plan

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "plans" / "002_a5c47825f0dbe0be.txt"
PLAIN = ChannelCaps(name="console", text_limit=4000, supports_buttons=False, supports_html=False)


def spin(*_: object) -> ParsedPlan:
    """A reader caught in an endless loop, as the extractor once was on a real 32 KB plan."""
    n = 0
    while True:
        n += 1


def test_a_runaway_reader_is_stopped_and_its_process_killed() -> None:
    started = time.monotonic()
    with pytest.raises(ReadTimedOut) as caught:
        run_limited(spin, b"x", timeout=0.5, source="frozen.md")
    assert caught.value.seconds == 0.5 and time.monotonic() - started < 10
    assert [p for p in multiprocessing.active_children() if p.name == "plan-reader"] == []


def test_a_real_plan_is_read_and_document_errors_keep_their_message() -> None:
    plan = read_plan(SAMPLE.read_bytes(), SAMPLE.name, max_bytes=2**20, timeout=60)
    assert plan.header.number == "3935/KH-UBND" and len(plan.assignments) > 10
    with pytest.raises(DocumentError) as caught:
        read_plan(b"\x00\x01binary\xff" * 50, "scan.jpg", max_bytes=2**20, timeout=60)
    assert caught.value.key in {"not_a_document", "unsupported_format"}
    assert "scan.jpg" in caught.value.message("vi")


async def test_the_event_loop_keeps_running_while_a_plan_is_read() -> None:
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    task = asyncio.create_task(ticker())
    with pytest.raises(ReadTimedOut):
        await asyncio.to_thread(run_limited, spin, timeout=1.0, source="frozen.md")
    task.cancel()
    assert ticks > 30  # ~100 expected: the loop was free the whole second


@pytest.fixture
def admin_router(db: Database) -> Iterator[tuple[AppServices, object]]:
    clock = ManualClock(dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC))
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        admins=["console:boss"],
        parse_timeout_seconds=0.001,
    )
    services = AppServices(db=db, clock=clock, settings=settings)
    yield services, build_router(services)


async def test_a_plan_past_the_limit_gets_a_clear_message_and_nothing_is_imported(
    admin_router: tuple[AppServices, object], db: Database
) -> None:
    _services, router = admin_router
    data = SAMPLE.read_bytes()

    async def fetch() -> bytes:
        return data

    boss = Sender(channel="console", external_id="boss", chat_id="boss")
    incoming = Incoming(sender=boss, file=IncomingFile(filename=SAMPLE.name, size=len(data), fetch=fetch))
    [reply] = await router.handle(incoming, PLAIN)  # type: ignore[attr-defined]
    assert "mất quá 0.001 giây nên đã dừng lại; chưa nhập gì" in reply.html
    [reply] = await router.handle(Incoming(sender=boss, text="1"), PLAIN)  # type: ignore[attr-defined]
    with db.session() as s:
        assert s.exec(select(Plan)).all() == []


def test_plans_import_past_the_limit_imports_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.setenv("PARSE_TIMEOUT_SECONDS", "0.001")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["plans", "import", str(SAMPLE)])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 1
    assert f"{SAMPLE.name}: đọc quá 0.001 giây nên đã dừng; không nhập gì" in result.output
    with db.session() as s:
        assert s.exec(select(Plan)).all() == []
