"""What a Zalo update says, in the router's terms: who sent it (`sender`), the photo it carries
(`photo_url`), and files as `IncomingFile`s, fetched already or on demand; and the waits of the
polling loop that give way as soon as the channel stops."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
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


async def unless_stopped(call: Awaitable[Any], stop: asyncio.Event) -> Any:
    """Await `call`, but give up (returning None) as soon as `stop` is set."""
    task = asyncio.ensure_future(call)
    stopper = asyncio.ensure_future(stop.wait())
    done, _ = await asyncio.wait({task, stopper}, return_when=asyncio.FIRST_COMPLETED)
    if task in done:
        stopper.cancel()
        return task.result()
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    return None


async def sleep_unless(
    seconds: float, stop: asyncio.Event, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
) -> None:
    """Wait `seconds` with `sleep`, or less when `stop` is set first."""
    await unless_stopped(sleep(seconds), stop)
