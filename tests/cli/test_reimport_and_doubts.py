"""Re-imports say what they remove (and ask in chat); doubts speak the admin's language; archived
plans come back (issue 13, item 7 and minor items)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import func, select
from typer.testing import CliRunner

from bot.cli import app
from config.settings import Settings, get_settings
from handlers.context import AppServices, ChannelCaps
from handlers.registry import build_router
from handlers.router import Router
from messages.types import Incoming, IncomingFile, Sender
from services.clock import ManualClock
from storage.db import Database
from storage.models import Assignment, Deadline

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "data" / "plans" / "002_a5c47825f0dbe0be.txt"
NO_IMPLEMENTATION = REPO / "tests" / "fixtures" / "issue13" / "no_implementation_part.txt"
PLAIN = ChannelCaps(name="console", text_limit=4000, supports_buttons=False, supports_html=False)
BOSS = Sender(channel="console", external_id="boss", chat_id="boss")


def shortened(tmp_path: Path) -> Path:
    """The same plan (same number and issuer) with its part III cut: duties and the 15/11 report go."""
    text = PLAN.read_text(encoding="utf-8")
    head = text.partition("III.")[0]
    path = tmp_path / "ke-hoach-rut-gon.txt"
    path.write_text(head + "\n\nNơi nhận:\n- Như trên;\n", encoding="utf-8")
    return path


@pytest.fixture
def cli(db: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("DATABASE_URL", db.url)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def counts(db: Database) -> tuple[int, int]:
    with db.session() as s:
        return (
            s.exec(select(func.count()).select_from(Assignment)).one(),
            s.exec(select(func.count()).select_from(Deadline)).one(),
        )


def test_a_reimport_that_drops_duties_says_which(cli: CliRunner, db: Database, tmp_path: Path) -> None:
    assert cli.invoke(app, ["plans", "import", str(PLAN)]).exit_code == 0
    before = counts(db)
    result = cli.invoke(app, ["plans", "import", str(shortened(tmp_path))])
    assert result.exit_code == 0, result.output
    after = counts(db)
    dropped = before[0] - after[0]
    assert dropped > 0 and after[1] < before[1]
    assert f"bản mới bỏ {dropped} nhiệm vụ và {before[1] - after[1]} thời hạn" in result.output
    assert "- thời hạn các Sở, Ban, ngành" in result.output
    assert "báo cáo kết quả thực hiện lồng ghép" in result.output


async def _send(router: Router, path: Path) -> str:
    data = await asyncio.to_thread(path.read_bytes)

    async def fetch() -> bytes:
        return data

    file = IncomingFile(filename=path.name, size=len(data), fetch=fetch)
    [reply] = await router.handle(Incoming(sender=BOSS, file=file), PLAIN)
    return reply.html


async def test_in_chat_a_reimport_that_drops_duties_asks_first(db: Database, tmp_path: Path) -> None:
    settings = Settings(_env_file=None, admins=["console:boss"])  # type: ignore[call-arg]
    router = build_router(AppServices(db=db, clock=ManualClock(dt.datetime.now(dt.UTC)), settings=settings))
    first = await _send(router, PLAN)
    assert "Bản này bỏ" not in first
    await router.handle(Incoming(sender=BOSS, text="1"), PLAIN)  # ✅ Nhập
    before = counts(db)
    preview = await _send(router, shortened(tmp_path))
    assert "⚠️ <b>Bản này bỏ" in preview and "1. ⚠️ Nhập và bỏ" in preview
    assert "thời hạn: các Sở, Ban, ngành" in preview
    await router.handle(Incoming(sender=BOSS, text="2"), PLAIN)  # ❌ Huỷ: nothing changes
    assert counts(db) == before
    await _send(router, shortened(tmp_path))
    await router.handle(Incoming(sender=BOSS, text="1"), PLAIN)
    assert counts(db)[0] < before[0]


def test_doubts_are_said_in_the_admins_language(cli: CliRunner) -> None:
    result = cli.invoke(app, ["plans", "import", str(NO_IMPLEMENTATION)])
    assert result.exit_code == 0, result.output
    assert "không thấy phần TỔ CHỨC THỰC HIỆN" in result.output
    plan_id = next(line.split("#")[1].split()[0] for line in result.output.splitlines() if "#" in line)
    shown = cli.invoke(app, ["plans", "show", plan_id]).output
    assert "! không thấy phần TỔ CHỨC THỰC HIỆN" in shown and "no implementation part" not in shown
    assert "một lần 20/12/2026" in shown and "once" not in shown
    shown = cli.invoke(app, ["plans", "show", plan_id, "--lang", "en"]).output
    assert "! no implementation part (TỔ CHỨC THỰC HIỆN) found" in shown


async def test_the_chat_preview_translates_doubts(db: Database) -> None:
    settings = Settings(_env_file=None, admins=["console:boss"])  # type: ignore[call-arg]
    router = build_router(AppServices(db=db, clock=ManualClock(dt.datetime.now(dt.UTC)), settings=settings))
    preview = await _send(router, NO_IMPLEMENTATION)
    assert "Không thấy phần TỔ CHỨC THỰC HIỆN" in preview and "found" not in preview


def test_an_archived_plan_imported_again_is_restored(cli: CliRunner) -> None:
    out = cli.invoke(app, ["plans", "import", str(PLAN)]).output
    plan_id = out.split("#")[1].split()[0]
    assert cli.invoke(app, ["plans", "archive", plan_id]).exit_code == 0
    result = cli.invoke(app, ["plans", "import", str(PLAN)])
    assert "đã khôi phục từ lưu trữ" in result.output
    [line] = [x for x in cli.invoke(app, ["plans", "list"]).output.splitlines() if "3935/KH-UBND" in x]
    assert "đang dùng" in line
