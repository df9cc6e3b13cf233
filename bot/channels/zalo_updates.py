"""What a Zalo update says, in the router's terms: who sent it (`sender`), the photo it carries
(`photo_url`), and files as `IncomingFile`s, fetched already or on demand."""

from __future__ import annotations

from typing import Any

from messages.types import IncomingFile, Sender
from storage.enums import Channel


def photo_url(message: dict[str, Any]) -> str | None:
    """The image of a message.image.received: `photo_url` (the Bot Platform's field), or the older
    `photo` (a URL, or a list of sizes), whichever is there."""
    for value in (message.get("photo_url"), message.get("photo")):
        if isinstance(value, str) and value.strip():
            return value.strip()
        if isinstance(value, list):
            for item in reversed(value):  # the largest last
                url = item if isinstance(item, str) else item.get("url") if isinstance(item, dict) else None
                if isinstance(url, str) and url.strip():
                    return url.strip()
    return None


def fetched(filename: str, data: bytes) -> IncomingFile:
    async def fetch() -> bytes:
        return data

    return IncomingFile(filename=filename, size=len(data), fetch=fetch)


def unfetched(url: str) -> IncomingFile:
    """An image nobody may import: named for the router, never downloaded."""

    async def fetch() -> bytes:
        raise RuntimeError("an image not to be read was fetched")

    return IncomingFile(filename=url.rsplit("/", 1)[-1][:80] or "image.jpg", size=None, fetch=fetch)


def sender_of(message: dict[str, Any]) -> Sender | None:
    sender = message.get("from") or {}
    chat = message.get("chat") or {}
    user_id = sender.get("id")
    if not user_id:
        return None
    return Sender(
        channel=Channel.zalo,
        external_id=str(user_id),
        chat_id=str(chat.get("id") or user_id),
        display_name=str(sender.get("display_name") or sender.get("name") or ""),
    )
