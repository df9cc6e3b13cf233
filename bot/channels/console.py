"""The terminal chat: the same router as Telegram and Zalo, in plain text with numbered choices.

Used by `dutybot console` (and by `dutybot run` when no platform token is set), so the conversation
can be tried on the local database in a minute. It is a real ChannelAdapter: notices and broadcasts
queued for console accounts are printed by its delivery worker.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import TextIO

from bot.channels.base import split_text
from handlers.context import ChannelCaps
from messages.i18n import catalog, pick
from messages.render import to_plain
from messages.types import Incoming, IncomingFile, Reply, Sender

log = logging.getLogger(__name__)

TEXT_LIMIT = 4000
CAPS = ChannelCaps(name="console", text_limit=TEXT_LIMIT, supports_buttons=False, supports_html=False)

Dispatch = Callable[[Incoming, ChannelCaps], Awaitable[list[Reply]]]

# The console's own words (the terminal is not a chat platform: they are not in messages/texts).
TEXTS: dict[str, dict[str, str]] = {
    "console.intro": {
        "vi": "Bảng điều khiển dutybot: gõ như trong Telegram hoặc Zalo; /quit hoặc Ctrl-D để thoát.\n"
        "Gửi một tệp kế hoạch: gõ «file: đường/dẫn/kế-hoạch.docx». "
        "Các tệp bot gửi (/lich, /export) được lưu vào {files}.",
        "en": "dutybot console: type as you would in Telegram or Zalo; /quit or Ctrl-D to leave.\n"
        "To send a plan file, type “file: path/to/plan.docx”. "
        "Files the bot sends (/lich, /export) are saved in {files}.",
    },
    "console.file_saved": {
        "vi": "[đã lưu tệp: {path} ({size} byte)]",
        "en": "[file saved: {path} ({size} bytes)]",
    },
    "console.no_file": {
        "vi": "Không tìm thấy tệp {path}. Gõ «file: » rồi đường dẫn tới một tệp .docx, .pdf, .txt hoặc .md.",
        "en": "No file {path}. Type “file: ” followed by the path of a .docx, .pdf, .txt or .md file.",
    },
}


def t(lang: str | None, key: str, **values: object) -> str:
    """A console text, or one of the chat's catalogue (a reply's error line)."""
    return pick(TEXTS[key] if key in TEXTS else catalog()[key], lang, values)


class ConsoleChannel:
    """Prints replies; `send` to another console user is shown with their name."""

    name = "console"
    text_limit = TEXT_LIMIT
    supports_buttons = False
    supports_html = False
    caps = CAPS

    def __init__(
        self, out: TextIO | None = None, me: str | None = None, files_dir: Path | None = None
    ) -> None:
        self.out = out or sys.stdout
        self.me = me
        self.files_dir = files_dir or Path("var") / "console-files"
        self._sent = 0

    def render(self, reply: Reply) -> str:
        text = "\n".join(split_text(to_plain(reply.html), TEXT_LIMIT, html=False))
        if reply.file is not None:  # a terminal cannot show a file: it is written where the user can open it
            path = self._save(reply.file.filename, reply.file.content)
            text += "\n" + t(None, "console.file_saved", path=path, size=len(reply.file.content))
        return text

    def _save(self, filename: str, content: bytes) -> Path:
        self.files_dir.mkdir(parents=True, exist_ok=True)
        path = self.files_dir / Path(filename).name
        stem, n = path.stem, 1
        while path.exists():  # never overwrite an earlier export
            n += 1
            path = path.with_name(f"{stem}-{n}{path.suffix}")
        path.write_bytes(content)
        return path.resolve()

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
            path = _path(text[5:].strip())
            if not await asyncio.to_thread(path.is_file):
                note = Reply(t(None, "console.no_file", path=path))
                await self.channel.send(self.sender.chat_id, note)
                return [note]
            incoming = Incoming(sender=self.sender, file=_local_file(path))
        else:
            incoming = Incoming(sender=self.sender, text=text)
        replies = await self.dispatch(incoming, CAPS)
        for reply in replies:
            await self.channel.send(self.sender.chat_id, reply)
        return replies

    async def repl(self, lines: TextIO | None = None, prompt: str = "> ") -> None:
        """Read lines until end of input or /quit. Bytes that are not UTF-8 are read as U+FFFD, and
        a line that fails is answered with the error message: nothing typed ends the session (nor
        the scheduler and workers running beside it)."""
        source = lines or sys.stdin
        _tolerant(source)
        _tolerant(self.channel.out)
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
                try:
                    await self.say(line.strip())
                except Exception:
                    log.exception("console line failed")
                    self.channel.out.write(t(None, "error.internal") + "\n\n")


def _path(typed: str) -> Path:
    return Path(typed).expanduser()


def _tolerant(stream: TextIO) -> None:
    """Undecodable input and unencodable output are replaced, not raised (a pipe, a C locale)."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError):  # already read from, or not a text stream we can change
            log.debug("console stream %r not reconfigured", stream)


def _local_file(p: Path) -> IncomingFile:

    async def fetch() -> bytes:
        return await asyncio.to_thread(p.read_bytes)

    return IncomingFile(filename=p.name, size=p.stat().st_size if p.exists() else None, fetch=fetch)
