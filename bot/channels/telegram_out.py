"""Telegram outbound: the adapter that sends and edits (python-telegram-bot's Bot), replies as HTML
with inline keyboards split at line boundaries above 4096 characters, and Telegram's errors mapped
to the channel-neutral ones in bot/channels/base.py, so the delivery worker treats Telegram and Zalo
alike. Through the webhook, an update answered by exactly one plain message gets it back in the HTTP
response (the Bot API's "reply to the webhook with a method call"), saving one request per update."""

from __future__ import annotations

import contextvars
import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    LinkPreviewOptions,
    TelegramObject,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.channels.base import (
    ChatMoved,
    DeliveryError,
    PermanentFailure,
    RateLimited,
    RecipientBlocked,
    RetryLater,
    split_text,
    text_units,
)
from handlers.context import ChannelCaps
from messages.render import to_plain
from messages.types import Reply

log = logging.getLogger(__name__)

TEXT_LIMIT = 4096


CAPTION_LIMIT = 1024  # a document's or photo's caption


CAPS = ChannelCaps(name="telegram", text_limit=TEXT_LIMIT, supports_buttons=True, supports_html=True)


BLOCKED_HINTS = ("chat not found", "user is deactivated", "bot was kicked", "peer_id_invalid")


def _seconds(value: int | float | dt.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dt.timedelta) else float(value)


def map_error(exc: TelegramError) -> DeliveryError:
    """telegram.error -> the channel-neutral delivery errors."""
    if isinstance(exc, RetryAfter):
        return RateLimited(_seconds(exc.retry_after), "429 flood control")
    if isinstance(exc, ChatMigrated):
        return ChatMoved(str(exc.new_chat_id))
    if isinstance(exc, Forbidden):
        return RecipientBlocked(exc.message)
    if isinstance(exc, BadRequest):
        if any(h in exc.message.lower() for h in BLOCKED_HINTS):
            return RecipientBlocked(exc.message)
        return PermanentFailure(exc.message)
    if isinstance(exc, TimedOut):
        return RetryLater(5, "timed out")
    if isinstance(exc, NetworkError):  # includes 5xx answers from the Bot API
        return RetryLater(5, exc.message)
    return PermanentFailure(exc.message)


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in reply.buttons]
    )


NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def message_params(chat_id: str, reply: Reply) -> list[dict[str, Any]]:
    """THE rendering of a text Reply as Bot API sendMessage parameters: one dict per part (split at
    4096), the keyboard on the last. Used for sends and for answers in the webhook response."""
    parts = split_text(reply.html, TEXT_LIMIT, html=True)
    return [
        {
            "chat_id": chat_id,
            "text": part,
            "parse_mode": ParseMode.HTML,
            "reply_markup": keyboard(reply) if i == len(parts) - 1 else None,
            "link_preview_options": NO_PREVIEW,
        }
        for i, part in enumerate(parts)
    ]


def webhook_answer(chat_id: str, reply: Reply) -> dict[str, Any] | None:
    """The reply as a method call for the webhook's HTTP response, or None when it cannot be one (a
    file, an edit of the pressed message, several parts): those are sent as requests."""
    if reply.file is not None or reply.edit_message_id:
        return None
    params = message_params(chat_id, reply)
    if len(params) != 1:
        return None
    body = {
        k: v.to_dict() if isinstance(v, TelegramObject) else v for k, v in params[0].items() if v is not None
    }
    return {"method": "sendMessage", **body}


WEBHOOK_ANSWER_WAIT = 5.0  # seconds the webhook request waits for its answer; slower ones are sent


@dataclass(slots=True)
class WebhookAnswer:
    """Where the handler of a webhook update leaves its one answer, while `open` (the HTTP request is
    still waiting for it); once closed, the handler sends its replies as requests."""

    open: bool = True
    params: dict[str, Any] | None = None


# Set by `TelegramBot.accept` (webhook) for the update it is processing. Unset when polling.
WEBHOOK_ANSWER_SLOT: contextvars.ContextVar[WebhookAnswer | None] = contextvars.ContextVar(
    "telegram_webhook_answer", default=None
)


class TelegramChannel:
    """The ChannelAdapter for Telegram (see bot/channels/base.py)."""

    name = "telegram"
    text_limit = TEXT_LIMIT
    supports_buttons = True
    supports_html = True
    caps = CAPS

    def __init__(self, bot: Any) -> None:
        self.bot = bot

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        try:
            if reply.file is not None:
                return await self._send_file(chat_id, reply)
            message_id: str | None = None
            for params in message_params(chat_id, reply):
                message = await self.bot.send_message(**params)
                message_id = str(message.message_id)
            return message_id
        except TelegramError as exc:
            raise map_error(exc) from exc

    async def _send_file(self, chat_id: str, reply: Reply) -> str:
        """A document, or a picture (`photo`: a chart) shown inline. Text longer than a caption
        (1024 characters) goes first as messages, with the buttons, and the file follows alone."""
        assert reply.file is not None
        f = reply.file
        caption: str | None = reply.html
        markup = keyboard(reply)
        if text_units(to_plain(reply.html)) > CAPTION_LIMIT:
            for params in message_params(chat_id, reply):
                await self.bot.send_message(**params)
            caption, markup = None, None
        common: dict[str, Any] = {
            "chat_id": chat_id,
            "caption": caption or None,
            "parse_mode": ParseMode.HTML,
            "reply_markup": markup,
        }
        if f.photo:
            message = await self.bot.send_photo(photo=InputFile(f.content, filename=f.filename), **common)
        else:
            message = await self.bot.send_document(document=f.content, filename=f.filename, **common)
        return str(message.message_id)

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> bool:
        parts = split_text(reply.html, TEXT_LIMIT, html=True)
        if len(parts) > 1 or reply.file is not None:
            return False
        try:
            await self.bot.edit_message_text(
                chat_id=chat_id,
                message_id=int(message_id),
                text=parts[0],
                parse_mode=ParseMode.HTML,
                reply_markup=keyboard(reply),
                link_preview_options=NO_PREVIEW,
            )
        except BadRequest as exc:
            if "not modified" in exc.message.lower():
                return True
            log.info("edit of %s/%s refused (%s); sending instead", chat_id, message_id, exc.message)
            return False
        except TelegramError as exc:
            raise map_error(exc) from exc
        return True

    async def set_chat_menu(self, chat_id: str, commands: Sequence[tuple[str, str]] | None) -> None:
        """setMyCommands for the chat's own scope (BotCommandScopeChat), or deleteMyCommands for it:
        the chat then sees the default menu of its language again."""
        scope = BotCommandScopeChat(int(chat_id))
        try:
            if commands is None:
                await self.bot.delete_my_commands(scope=scope)
            else:
                menu = [BotCommand(name, desc[:256]) for name, desc in commands]
                await self.bot.set_my_commands(menu, scope=scope)
        except TelegramError as exc:
            log.warning(
                "command menu of chat %s not %s: %s", chat_id, "reset" if commands is None else "set", exc
            )
