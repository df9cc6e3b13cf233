"""The status line of a long piece of work (OCR of a scan, page by page), for any channel.

Where the platform can edit a sent message (Telegram) the line is one message updated in place (a
page takes about a second, so edits stay within Telegram's pace for a chat). Where it cannot (Zalo, the
console) the first line is sent and later ones only every `resend_every` seconds, so a ten-page scan
does not flood the chat.
"""

from __future__ import annotations

import asyncio
import logging

from bot.channels.base import ChannelAdapter, DeliveryError
from messages.types import Reply, StatusSink

log = logging.getLogger(__name__)


def status_line(
    channel: ChannelAdapter, chat_id: str, *, edit_every: float = 0.0, resend_every: float = 15.0
) -> StatusSink:
    """A `StatusSink` that shows the latest status in `chat_id` through `channel`."""
    message_id: str | None = None
    shown_at: float | None = None
    can_edit = True

    async def show(html: str) -> None:
        nonlocal message_id, shown_at, can_edit
        now = asyncio.get_running_loop().time()
        reply = Reply(html)
        try:
            if message_id is not None and can_edit:
                if shown_at is not None and now - shown_at < edit_every:
                    return
                if await channel.edit(chat_id, message_id, reply):
                    shown_at = now
                    return
                can_edit = False
            if shown_at is not None and now - shown_at < resend_every:
                return
            message_id = await channel.send(chat_id, reply)
            shown_at = now
        except DeliveryError as exc:  # a status line that fails is dropped: the work goes on
            log.info("status line to %s not shown: %s", chat_id, exc)

    return show
