"""The command line and the chat give one answer for one deadline (issue 13, items 4 and 5).

A yearly report "trước ngày DD/MM hằng năm" of a plan issued years ago, imported a week after this
year's DD/MM: `dutybot deadlines`, /hanbaocao, /nhiemvu and /stats all say this year's report is
overdue, and `dutybot export ics` right after `dutybot plans import` holds the event. The day is
chosen relative to the real date because the command line reads the system clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select
from typer.testing import CliRunner

from bot.cli import app
from config.settings import Settings, get_settings
from handlers.context import AppServices, ChannelCaps
from handlers.registry import build_router
from messages.types import Incoming, Sender
from services.clock import VN_TZ, ManualClock
from services.members import ensure_account, join_unit
from storage.db import Database
from storage.models import Unit

REPO = Path(__file__).resolve().parents[2]
PLAIN = ChannelCaps(name="console", text_limit=4000, supports_buttons=False, supports_html=False)
NOW = dt.datetime.now(VN_TZ)
DUE = NOW.date() - dt.timedelta(days=7)  # this year's report day, a week ago


@pytest.fixture
def cli(db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[CliRunner]:
    monkeypatch.setenv("DATABASE_URL", db.url)
    get_settings.cache_clear()
    text = (REPO / "data" / "plans" / "002_a5c47825f0dbe0be.txt").read_text(encoding="utf-8")
    assert "**trước ngày 15/11** hằng năm" in text
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(text.replace("15/11", f"{DUE:%d/%m}"), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["plans", "import", str(plan)])
    assert result.exit_code == 0, result.output
    yield runner
    get_settings.cache_clear()


def test_command_line_alone_gives_the_overdue_report_and_its_calendar(cli: CliRunner) -> None:
    result = cli.invoke(app, ["deadlines", "--unit", "Sở Nội vụ Đồng Nai"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[1]
    assert f"{DUE:%d/%m/%Y}" in first and "quá hạn" in first
    result = cli.invoke(app, ["export", "ics", "--unit", "Sở Nội vụ Đồng Nai"])
    assert result.exit_code == 0 and "BEGIN:VEVENT" in result.output
    assert f"DTSTART;VALUE=DATE:{DUE:%Y%m%d}" in result.output


async def test_the_chat_says_what_the_command_line_says(cli: CliRunner, db: Database) -> None:
    settings = Settings(_env_file=None, admins=["console:boss"])  # type: ignore[call-arg]
    services = AppServices(db=db, clock=ManualClock(NOW), settings=settings)
    router = build_router(services)
    with db.session() as s:
        unit = s.exec(select(Unit).where(Unit.name == "Sở Nội vụ")).one()
        account = ensure_account(s, channel="console", external_id="officer")
        join_unit(s, person_id=account.person_id, unit_id=unit.id or 0, now=NOW)
    officer = Sender(channel="console", external_id="officer", chat_id="officer")
    [listing] = await router.handle(Incoming(sender=officer, text="/hanbaocao"), PLAIN)
    first = listing.html.splitlines()[1]
    assert f"{DUE:%d/%m/%Y}" in first and "quá hạn" in first
    [duties] = await router.handle(Incoming(sender=officer, text="/nhiemvu"), PLAIN)
    assert f"{DUE:%d/%m/%Y} — quá hạn" in duties.html
    boss = Sender(channel="console", external_id="boss", chat_id="boss")
    [stats] = await router.handle(Incoming(sender=boss, text="/stats"), PLAIN)
    cli_count = cli.invoke(app, ["deadlines", "--unit", "Sở Nội vụ Đồng Nai"]).output.count("quá hạn")
    assert cli_count == 1
    assert "Đang thực hiện quá hạn: 0\n" not in stats.html and "Đang thực hiện quá hạn: " in stats.html
