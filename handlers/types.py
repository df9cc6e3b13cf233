"""The platform-neutral conversation vocabulary: what comes in from a chat and what goes back out.

Handlers only see these types; channel adapters (bot/channels) translate them to and from each
platform. Reply text is a small escaped HTML subset (<b>, <i>, <code>, <a href>): Telegram sends it as
HTML, Zalo and the console turn it into plain text.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

CALLBACK_DATA_MAX_BYTES = 64  # Telegram's limit; the strictest of the channels


@dataclass(frozen=True, slots=True)
class Sender:
    channel: str  # storage.models.Channel value
    external_id: str  # the platform's user id
    chat_id: str  # where replies go
    display_name: str = ""
    username: str | None = None
    language_code: str | None = None  # the platform's hint, used only for new people


@dataclass(frozen=True, slots=True)
class IncomingFile:
    """A document the user sent; `fetch` downloads it only when a handler needs the bytes."""

    filename: str
    size: int | None
    fetch: Callable[[], Awaitable[bytes]]


@dataclass(frozen=True, slots=True)
class Incoming:
    """One message or button press. Exactly one of text / callback / file is usually set."""

    sender: Sender
    text: str | None = None
    callback: str | None = None  # button data (Telegram) or a numbered choice resolved by the router
    file: IncomingFile | None = None
    # The platform's unique id of this delivery (Telegram's update_id): the router claims it in the
    # same transaction as the sender's identity and answers a redelivery with nothing. None: the
    # channel deduplicates itself (Zalo claims every event, text or not, before it gets here).
    event_key: str | None = None
    callback_message_id: str | None = None  # the message whose button was pressed (for editing)


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    data: str
    # On channels without buttons, the number to type for it: a list whose items are numbered
    # gives each item's button that item's number ("3" picks item 3); unnumbered buttons follow.
    number: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= len(self.data.encode()) <= CALLBACK_DATA_MAX_BYTES:
            raise ValueError(f"callback data must be 1-{CALLBACK_DATA_MAX_BYTES} bytes: {self.data!r}")


@dataclass(frozen=True, slots=True)
class OutgoingFile:
    filename: str
    content: bytes
    mime_type: str = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to send. `html` is already escaped; build it with handlers.render helpers."""

    html: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    file: OutgoingFile | None = None
    edit_message_id: str | None = None  # edit this message instead of sending a new one, where supported
    extra: dict[str, Any] = field(default_factory=dict)

    def to_payload(self) -> dict[str, Any]:
        """JSON-safe form for the outbox (files are not queued)."""
        if self.file is not None:
            raise ValueError("files are sent directly, not through the outbox")
        return {
            "html": self.html,
            "buttons": [[{"label": b.label, "data": b.data} for b in row] for row in self.buttons],
        }

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Reply:
        rows = tuple(tuple(Button(**b) for b in row) for row in payload.get("buttons") or [])
        return cls(html=payload["html"], buttons=rows)
