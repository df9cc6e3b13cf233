"""The one interface every chat platform implements, and the errors its `send` may raise.

Handlers never see a platform; the delivery worker and the router only see this protocol. Richer
features degrade: no buttons -> numbered choices (handled by the router), no HTML -> plain text,
long text -> split at line boundaries with "(1/3)" markers.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Protocol

from messages.types import Reply


class DeliveryError(Exception):
    """Base class: a message could not be delivered now."""


class RetryLater(DeliveryError):
    """Rate limited (429) or a transient failure (5xx, timeout): try again after `seconds`."""

    def __init__(self, seconds: float, reason: str = "") -> None:
        super().__init__(reason or f"retry after {seconds}s")
        self.seconds = seconds
        self.reason = reason


class RateLimited(RetryLater):
    """429: the platform asks the whole bot to slow down, so every process pauses this channel's
    sends for `seconds` (services/send_slots.hold), not only the send that was refused."""


class RecipientBlocked(DeliveryError):
    """The user blocked the bot or the chat is gone: stop sending, mark the account inactive."""


class ChatMoved(DeliveryError):
    """The chat has a new id (Telegram group migrated to supergroup): store it and resend."""

    def __init__(self, new_chat_id: str) -> None:
        super().__init__(f"chat moved to {new_chat_id}")
        self.new_chat_id = new_chat_id


class PermanentFailure(DeliveryError):
    """The platform refused the message for good (bad request); record the reason, do not retry."""


class ChannelAdapter(Protocol):
    name: str  # storage.enums.Channel value
    text_limit: int
    supports_buttons: bool
    supports_html: bool

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Send (splitting if needed); return the platform message id of the last part, if any."""
        ...

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> bool:
        """Edit a sent message where the platform can; return False where it cannot (caller re-sends)."""
        ...

    async def set_chat_menu(self, chat_id: str, commands: Sequence[tuple[str, str]] | None) -> None:
        """Give one chat its own command menu ((command, description) pairs: an admin's), or with
        None take it away so the chat sees the default menus again. A no-op where the platform has
        no command menus (Zalo, the console). Never raises for a refused request: a menu is a
        convenience, logged and left for the next start-up to set."""
        ...


MARKER_ROOM = 10  # room for "(12/34)\n"


def text_units(text: str) -> int:
    """Length as the platforms count it: UTF-16 code units (an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int, *, html: bool) -> list[str]:
    """Split at line boundaries into parts of at most `limit` units, each led by "(1/3)" when several.

    One splitter for every channel (Telegram 4096, Zalo 2000, the console). NFC first, since NFD
    Vietnamese is longer. Our HTML keeps tags within a line, so a line break is always a safe cut; a
    single line longer than a part is cut at spaces (a word longer than a part is cut anywhere) as
    plain text and re-escaped when `html` (platforms count the parsed text, which is the plain part).
    """
    from messages.render import esc, to_plain

    text = unicodedata.normalize("NFC", text).strip()
    if text_units(text) <= limit:
        return [text] if text else []
    budget = limit - MARKER_ROOM
    pieces: list[str] = []
    for line in text.split("\n"):
        if text_units(line) <= budget:
            pieces.append(line)
        else:
            plain = to_plain(line) if html else line
            pieces.extend(esc(p) if html else p for p in _fit_line(plain, budget))
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for piece in pieces:
        extra = text_units(piece) + (1 if current else 0)
        if current and size + extra > budget:
            parts.append("\n".join(current).strip("\n"))
            current, size = [piece], text_units(piece)
        else:
            current.append(piece)
            size += extra
    if current:
        parts.append("\n".join(current).strip("\n"))
    parts = [p for p in parts if p.strip()]
    return [f"({i}/{len(parts)})\n{part}" for i, part in enumerate(parts, 1)] if len(parts) > 1 else parts


def _fit_line(line: str, budget: int) -> list[str]:
    """Cut one over-long line at spaces; a word longer than the budget is cut where it must be."""
    pieces: list[str] = []
    current = ""
    for word in line.split(" "):
        while text_units(word) > budget:
            room = budget - text_units(current) - (1 if current else 0)
            head, word = _cut(word, room)
            if head:
                pieces.append(f"{current} {head}" if current else head)
            elif current:
                pieces.append(current)
            current = ""
        candidate = f"{current} {word}" if current else word
        if text_units(candidate) > budget:
            pieces.append(current)
            current = word
        else:
            current = candidate
    if current:
        pieces.append(current)
    return pieces


def _cut(word: str, room: int) -> tuple[str, str]:
    taken = 0
    for i, ch in enumerate(word):
        taken += text_units(ch)
        if taken > room:
            return word[:i], word[i:]
    return word, ""
