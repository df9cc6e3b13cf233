"""Driving the real Application against the fake Bot API server: say something, get the reply."""

from __future__ import annotations

from dataclasses import dataclass

from bot.app import BotApp
from bot.channels.telegram import TelegramBot
from testkit.fakes.telegram_server import FakeTelegram, SentMessage


@dataclass
class Harness:
    tg: FakeTelegram
    app: BotApp
    bot: TelegramBot

    async def say(self, user_id: int, text: str, *, replies: int = 1, **user: object) -> list[SentMessage]:
        """Send `text` as `user_id`; wait for `replies` new messages to that chat and return them."""
        before = len(self.tg.messages.get(str(user_id), []))
        self.tg.push_text(user_id, text, **user)
        return (await self.wait_messages(user_id, before + replies))[before:]

    async def tap(
        self, user_id: int, data: str, *, message_id: int | None = None, replies: int = 1
    ) -> list[SentMessage]:
        """Press a button; an edited message counts as a reply."""
        before_msgs = len(self.tg.messages.get(str(user_id), []))
        before_edits = len(self.tg.calls_to("editMessageText"))
        self.tg.push_callback(user_id, data, message_id)
        await self.tg.wait_for(
            lambda: (
                len(self.tg.messages.get(str(user_id), []))
                - before_msgs
                + len(self.tg.calls_to("editMessageText"))
                - before_edits
                >= replies
            )
        )
        return self.tg.messages.get(str(user_id), [])[before_msgs:]

    async def send_file(
        self, user_id: int, filename: str, content: bytes, *, replies: int = 1
    ) -> list[SentMessage]:
        before = len(self.tg.messages.get(str(user_id), []))
        self.tg.push_document(user_id, filename, content)
        return (await self.wait_messages(user_id, before + replies))[before:]

    async def wait_messages(self, user_id: int, count: int, within: float = 10.0) -> list[SentMessage]:
        await self.tg.wait_for(lambda: len(self.tg.messages.get(str(user_id), [])) >= count, within=within)
        return self.tg.messages[str(user_id)]

    def buttons(self, message: SentMessage) -> list[str]:
        markup = message.reply_markup or {}
        return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]
