"""What a handler gets: the app's services and one request's resolved identity.

`AppServices` is built once by the composition root (bot/app.py) and shared by every channel;
`Request` is built per incoming message by the router after it has looked the sender up.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from config.settings import Settings
from messages.types import Incoming
from services.clock import Clock
from storage.db import Database
from storage.models import ChatAccount, ConversationState, Membership, Person


@dataclass(frozen=True, slots=True)
class ChannelCaps:
    """What the sender's platform can show; the router degrades replies to fit."""

    name: str
    text_limit: int
    supports_buttons: bool
    supports_html: bool
    invite_link: str | None = None  # "https://t.me/<bot>?start={code}" where the platform has deep links


async def _nobody_to_tell(person_id: int) -> None:
    """No platform to update (a plain AppServices: the CLI, tests of handlers alone)."""


@dataclass(slots=True)
class AppServices:
    db: Database
    clock: Clock
    settings: Settings
    # Awaited by a handler once a person's admin role change is committed (/promote, /demote). The
    # composition root (bot/app.py) sets it to refresh what the platforms show that person (their
    # Telegram command menu), so handlers reach the channels without knowing any of them.
    admin_changed: Callable[[int], Awaitable[None]] = _nobody_to_tell


@dataclass(slots=True)
class Request:
    app: AppServices
    incoming: Incoming
    caps: ChannelCaps
    account: ChatAccount
    person: Person
    membership: Membership | None = None  # the active one; None = not verified for any unit
    args: list[str] = field(default_factory=list)  # command arguments or callback data parts
    # The account's conversation row as read at the start of the update, with the identity (one
    # session per update); the router reads the active flow and the numbered choices from it.
    # Handlers use set_flow / flow_data, which read and write the database.
    state: ConversationState | None = None

    @property
    def lang(self) -> str:
        return self.person.lang or "vi"

    @property
    def is_admin(self) -> bool:
        return bool(self.person.is_admin)
