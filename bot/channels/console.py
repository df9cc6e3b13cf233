"""The terminal chat: the same router as Telegram and Zalo, in plain text with numbered choices.

Used by `dutybot console` (and by `dutybot run` when no platform token is set), so the conversation
can be tried on the local database in a minute. It is a real ChannelAdapter: notices and broadcasts
queued for console accounts are printed by its delivery worker.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import TextIO

from bot.channels.base import split_text
from handlers.context import ChannelCaps
from handlers.render import to_plain
from handlers.types import Incoming, IncomingFile, Reply, Sender

TEXT_LIMIT = 4000
CAPS = ChannelCaps(name="console", text_limit=TEXT_LIMIT, supports_buttons=False, supports_html=False)

Dispatch = Callable[[Incoming, ChannelCaps], Awaitable[list[Reply]]]


class ConsoleChannel:
    """Prints replies; `send` to another console user is shown with their name."""

    name = "console"
    text_limit = TEXT_LIMIT
    supports_buttons = False
    supports_html = False
    caps = CAPS

    def __init__(self, out: TextIO | None = None, me: str | None = None) -> None:
        self.out = out or sys.stdout
        self.me = me
        self._sent = 0

    def render(self, reply: Reply) -> str:
        text = "\n".join(split_text(to_plain(reply.html), TEXT_LIMIT, html=False))
        if reply.file is not None:
            text += f"\n[file: {reply.file.filename}, {len(reply.file.content)} bytes]"
        return text

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        prefix = "" if chat_id == self.me else f"[to {chat_id}] "
        self.out.write(f"{prefix}{self.render(reply)}\n\n")
        self.out.flush()
        self._sent += 1
        return str(self._sent)

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> bool:
        return False  # a terminal cannot change what it printed; the caller sends anew

    async def set_chat_menu(self, chat_id: str, commands: Sequence[tuple[str, str]] | None) -> None:
        """A terminal has no command menu (/help lists the commands)."""


class ConsoleSession:
    """One person chatting from the terminal."""

    def __init__(
        self, dispatch: Dispatch, channel: ConsoleChannel, *, user: str, display_name: str = ""
    ) -> None:
        self.dispatch = dispatch
        self.channel = channel
        self.sender = Sender(
            channel="console", external_id=user, chat_id=user, display_name=display_name or user
        )

    async def say(self, text: str) -> list[Reply]:
        """Handle one typed line; a line "file: <path>" sends that file (admins import plans so)."""
        if text.startswith("file:"):
            incoming = Incoming(sender=self.sender, file=_local_file(text[5:].strip()))
        else:
            incoming = Incoming(sender=self.sender, text=text)
        replies = await self.dispatch(incoming, CAPS)
        for reply in replies:
            await self.channel.send(self.sender.chat_id, reply)
        return replies

    async def repl(self, lines: TextIO | None = None, prompt: str = "> ") -> None:
        source = lines or sys.stdin
        loop = asyncio.get_running_loop()
        while True:
            self.channel.out.write(prompt)
            self.channel.out.flush()
            line = await loop.run_in_executor(None, source.readline)
            if not line:
                return
            if line.strip() in ("/quit", "/exit"):
                return
            if line.strip():
                await self.say(line.strip())


def _local_file(path: str) -> IncomingFile:
    from pathlib import Path

    p = Path(path).expanduser()

    async def fetch() -> bytes:
        return await asyncio.to_thread(p.read_bytes)

    return IncomingFile(filename=p.name, size=p.stat().st_size if p.exists() else None, fetch=fetch)
