"""The console channel: the same conversation in plain text with numbered choices."""

from __future__ import annotations

import io

from bot.app import BotApp
from bot.channels.console import ConsoleChannel, ConsoleSession
from config.settings import Settings


async def test_console_plain_text_and_numbered_choices(database_url: str) -> None:
    app = BotApp.build(Settings(_env_file=None, database_url=database_url, admins=["console:boss"]))  # type: ignore[call-arg]
    out = io.StringIO()
    channel = ConsoleChannel(out=out, me="boss")
    session = ConsoleSession(app.dispatch, channel, user="boss")
    await session.say("/lang")
    assert "1. Tiếng Việt" in out.getvalue() and "2. English" in out.getvalue()
    await session.say("2")
    assert "Language set to English." in out.getvalue()
    await session.say("/stats")
    assert "<b>" not in out.getvalue() and "Statistics" in out.getvalue()
    app.services.db.dispose()
