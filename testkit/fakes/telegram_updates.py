"""Telegram updates as the Bot API delivers them, built from a few facts: a user's text, a button
press, a document, photos (an album). The fake server (testkit.fakes.telegram_server) queues them for
getUpdates; webhook tests POST them to the bot's route themselves."""

from __future__ import annotations

import time
from typing import Any

BOT_ID = 7000000001
BOT_USERNAME = "dutybot_test_bot"


def user(user_id: int, *, first_name: str | None = None, language_code: str = "vi") -> dict[str, Any]:
    return {
        "id": user_id,
        "is_bot": False,
        "first_name": first_name or f"User {user_id}",
        "username": f"user{user_id}",
        "language_code": language_code,
    }


def bot_user() -> dict[str, Any]:
    """The bot itself, as getMe answers."""
    return {
        "id": BOT_ID,
        "is_bot": True,
        "first_name": "dutybot",
        "username": BOT_USERNAME,
        "can_join_groups": False,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
    }


def private_chat(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "type": "private", "first_name": f"User {user_id}"}


def text_message(message_id: int, user_id: int, text: str, **who: Any) -> dict[str, Any]:
    """A private message; a leading /command carries its bot_command entity, as Telegram marks it."""
    message: dict[str, Any] = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": private_chat(user_id),
        "from": user(user_id, **who),
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return message


def callback_query(query_id: str, user_id: int, data: str, message_id: int = 1, **who: Any) -> dict[str, Any]:
    """A press of an inline button under one of the bot's messages."""
    message = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": private_chat(user_id),
        "from": {"id": BOT_ID, "is_bot": True, "first_name": "dutybot"},
        "text": "...",
    }
    return {
        "id": query_id,
        "from": user(user_id, **who),
        "chat_instance": str(user_id),
        "data": data,
        "message": message,
    }


def document_message(
    message_id: int, user_id: int, *, file_id: str, filename: str, size: int, caption: str | None = None
) -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": private_chat(user_id),
        "from": user(user_id),
        "document": {"file_id": file_id, "file_unique_id": file_id, "file_name": filename, "file_size": size},
    }
    if caption:
        message["caption"] = caption
    return message


def photo_message(
    message_id: int, user_id: int, *, file_id: str, size: int, group: str | None = None
) -> dict[str, Any]:
    """A photo as Telegram sends it: its sizes smallest first (`<file_id>s` the thumbnail), one
    media_group_id for every photo of an album."""
    message: dict[str, Any] = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": private_chat(user_id),
        "from": user(user_id),
        "photo": [
            {"file_id": f"{file_id}s", "file_unique_id": f"{file_id}s", "width": 90, "height": 128},
            {"file_id": file_id, "file_unique_id": file_id, "width": 1240, "height": 1754, "file_size": size},
        ],
    }
    if group:
        message["media_group_id"] = group
    return message


def sent_message(chat_id: str, message_id: int, text: str) -> dict[str, Any]:
    """What sendMessage and editMessageText answer: the bot's message as stored."""
    return {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": {"id": int(chat_id), "type": "private"},
        "from": {"id": BOT_ID, "is_bot": True, "first_name": "dutybot", "username": BOT_USERNAME},
        "text": text,
    }
