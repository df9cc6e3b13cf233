"""The one interface every chat platform implements, and the errors its `send` may raise.

Handlers never see a platform; the delivery worker and the router only see this protocol. Richer
features degrade: no buttons -> numbered choices (handled by the router), no HTML -> plain text,
long text -> split at line boundaries with "(1/3)" markers.
"""

from __future__ import annotations

from typing import Protocol

from handlers.types import Reply


class DeliveryError(Exception):
    """Base class: a message could not be delivered now."""


class RetryLater(DeliveryError):
    """Rate limited (429) or a transient failure (5xx, timeout): try again after `seconds`."""

    def __init__(self, seconds: float, reason: str = "") -> None:
        super().__init__(reason or f"retry after {seconds}s")
        self.seconds = seconds
        self.reason = reason


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
    name: str  # storage.models.Channel value
    text_limit: int
    supports_buttons: bool
    supports_html: bool

    async def send(self, chat_id: str, reply: Reply) -> str | None:
        """Send (splitting if needed); return the platform message id of the last part, if any."""
        ...

    async def edit(self, chat_id: str, message_id: str, reply: Reply) -> bool:
        """Edit a sent message where the platform can; return False where it cannot (caller re-sends)."""
        ...


MARKER_ROOM = 10  # room for "\n(12/34)"


def split_text(text: str, limit: int, *, html: bool) -> list[str]:
    """Split at line boundaries into parts of at most `limit` characters, marked "(1/3)" ...

    Our HTML keeps tags within a line, so a line break is always a safe cut. A single line longer
    than a part is cut as plain text (at a space where possible) and re-escaped when `html`.
    """
    from handlers.render import esc, to_plain

    if len(text) <= limit:
        return [text]
    room = limit - MARKER_ROOM
    pieces: list[str] = []
    for line in text.split("\n"):
        if len(line) <= room:
            pieces.append(line)
            continue
        plain = to_plain(line) if html else line
        while plain:
            cut = len(plain) if len(plain) <= room else (plain.rfind(" ", room // 2, room) + 1 or room)
            chunk, plain = plain[:cut], plain[cut:]
            # escaping may lengthen a chunk; platforms count the parsed text, which is the plain chunk
            pieces.append(esc(chunk) if html else chunk)
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for piece in pieces:
        if current and size + 1 + len(piece) > room:
            parts.append("\n".join(current))
            current, size = [], 0
        current.append(piece)
        size += len(piece) + (1 if size else 0)
    if current:
        parts.append("\n".join(current))
    total = len(parts)
    return [f"{part}\n({i}/{total})" for i, part in enumerate(parts, 1)] if total > 1 else parts
