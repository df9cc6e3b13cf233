"""One unit-resolution rule for every entry point that grants access (issue 13, item 1).

An invite made for the wrong unit hands an officer another unit's duties and reminders: names the
directory does not hold get "not found" with suggestions, never a guess; exact names work.
"""

from __future__ import annotations

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
from services.clock import ManualClock
from services.samples import import_samples_if_empty
from storage.db import Database
from storage.models import Invite, Unit

REPO = Path(__file__).resolve().parents[2]
PLAIN = ChannelCaps(name="console", text_limit=4000, supports_buttons=False, supports_html=False)


@pytest.fixture
def samples(db: Database) -> Database:
    with db.session() as s:
        assert import_samples_if_empty(s, directory=REPO / "data" / "plans", default_province="Đồng Nai") == 4
    return db


@pytest.fixture
def cli(samples: Database, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("DATABASE_URL", samples.url)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def invites(db: Database) -> list[tuple[int, str]]:
    with db.session() as s:
        return [(i.unit_id, s.get_one(Unit, i.unit_id).name) for i in s.exec(select(Invite))]


@pytest.mark.parametrize("words", ["xyz", "Sở Không Có", "Sở Giáo dục và Đào tạo Đồng Nai"])
def test_invite_for_a_unit_not_in_the_directory_is_refused(
    cli: CliRunner, samples: Database, words: str
) -> None:
    result = cli.invoke(app, ["invite", "create", "--unit", words])
    assert result.exit_code == 1, result.output
    assert f"Không tìm thấy đơn vị “{words}”" in result.output
    assert invites(samples) == []


def test_a_near_miss_is_refused_with_suggestions(cli: CliRunner, samples: Database) -> None:
    result = cli.invoke(app, ["invite", "create", "--unit", "Sở Không Có", "--lang", "en"])
    assert result.exit_code == 1
    assert "No unit matches “Sở Không Có”" in result.output and "Did you mean:" in result.output
    assert invites(samples) == []


def test_invite_for_an_exact_name_in_local_time(cli: CliRunner, samples: Database) -> None:
    result = cli.invoke(app, ["invite", "create", "--unit", "Sở Nội vụ Đồng Nai", "--hours", "24"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Sở Nội vụ (")
    assert "giờ Việt Nam" in result.output and "UTC" not in result.output
    assert [name for _, name in invites(samples)] == ["Sở Nội vụ"]


def test_console_member_of_an_unknown_unit_is_refused(cli: CliRunner, samples: Database) -> None:
    result = cli.invoke(app, ["console", "--as", "x", "--no-admin", "--unit", "Sở Không Có"])
    assert result.exit_code == 1 and "Không tìm thấy đơn vị" in result.output


async def test_chat_invite_with_an_exact_name_makes_the_invite(samples: Database) -> None:
    clock = ManualClock(__import__("datetime").datetime(2026, 3, 2, 1, 0, tzinfo=__import__("datetime").UTC))
    services = AppServices(
        db=samples, clock=clock, settings=Settings(_env_file=None, admins=["console:boss"])
    )  # type: ignore[call-arg]
    router = build_router(services)
    boss = Sender(channel="console", external_id="boss", chat_id="boss")
    [reply] = await router.handle(Incoming(sender=boss, text="/invite Sở Nội vụ"), PLAIN)
    assert "Sở Nội vụ" in reply.html and "Trả lời bằng số" not in reply.html
    assert [name for _, name in invites(samples)] == ["Sở Nội vụ"]
    [reply] = await router.handle(Incoming(sender=boss, text="/invite Sở Không Có"), PLAIN)
    assert "Không có đơn vị nào đúng tên «Sở Không Có»" in reply.html
    assert len(invites(samples)) == 1  # nothing made before the admin chooses
