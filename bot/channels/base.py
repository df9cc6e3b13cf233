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
