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
    channel: str  # storage.enums.Channel value
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


StatusSink = Callable[[str], Awaitable[None]]


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
    # Photos sent together (a Telegram album, images in a row on Zalo): the pages of one plan, in
    # order; `file` is then the first of them.
    album: tuple[IncomingFile, ...] = ()
    # Shows the sender a status line while a long handler runs (OCR of a scan, page by page): the
    # channel sends it, then edits it in place where the platform can (Telegram), else sends sparingly.
    status: StatusSink | None = None

    @property
    def files(self) -> tuple[IncomingFile, ...]:
        """Every file of the message: the album's, or the one file."""
        return self.album or ((self.file,) if self.file is not None else ())


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
    # A file already kept on disk (a submitted report, a digest's chart): a queued message carries
    # only this path and the delivery worker reads the bytes when it sends.
    path: str | None = None
    photo: bool = False  # shown inline as a picture where the platform can (a chart), else a document


@dataclass(frozen=True, slots=True)
class Reply:
    """One message to send. `html` is already escaped; build it with messages.render helpers."""

    html: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    file: OutgoingFile | None = None
    edit_message_id: str | None = None  # edit this message instead of sending a new one, where supported
    extra: dict[str, Any] = field(default_factory=dict)

    def to_payload(self) -> dict[str, Any]:
        """JSON-safe form for the outbox. A file is queued by its path on disk, never its bytes;
        a file with no path is sent directly, not through the outbox."""
        payload: dict[str, Any] = {
            "html": self.html,
            "buttons": [[{"label": b.label, "data": b.data} for b in row] for row in self.buttons],
        }
        if self.file is not None:
            if self.file.path is None:
                raise ValueError("a file is queued by its path on disk; this one has none")
            f = self.file
            payload["file"] = {"filename": f.filename, "mime_type": f.mime_type, "path": f.path}
            if f.photo:
                payload["file"]["photo"] = True
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> Reply:
        """The queued reply; a file's bytes are read from its path now (OSError: it is gone)."""
        rows = tuple(tuple(Button(**b) for b in row) for row in payload.get("buttons") or [])
        file = None
        if isinstance(payload.get("file"), dict):
            f = payload["file"]
            with open(f["path"], "rb") as fh:
                content = fh.read()
            file = OutgoingFile(
                f["filename"], content, f["mime_type"], path=f["path"], photo=bool(f.get("photo"))
            )
        return cls(html=payload["html"], buttons=rows, file=file)
