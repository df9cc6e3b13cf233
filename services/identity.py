"""Who sent an update: the claim of the event, then the sender's account, person, conversation row
and active membership, read together; a new sender registered.

This runs for every update (handlers.router), so the statements are built once and, on PostgreSQL,
the claim and the identity are one statement: one round trip for what every update needs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from sqlalchemy import Select, bindparam
from sqlmodel import Session, col, select

from services.members import ensure_account
from services.processed_events import CLAIM, claim_event
from storage.models import ChatAccount, ConversationState, Membership, Person


class Identity(NamedTuple):
    account: ChatAccount
    person: Person
    state: ConversationState | None  # the conversation row (flow and numbered choices), if any
    membership: Membership | None  # the active one; None = not verified for any unit


def _join_identity(query: Select[*tuple[Any, ...]]) -> Select[*tuple[Any, ...]]:
    """`query` (the sender's account and person) with their conversation row and active membership,
    one row at most."""
    return (
        query.outerjoin(ConversationState, col(ConversationState.account_id) == col(ChatAccount.id))
        .outerjoin(
            Membership, (col(Membership.person_id) == col(ChatAccount.person_id)) & col(Membership.active)
        )
        .limit(1)
    )


_SENDER = (col(ChatAccount.channel) == bindparam("channel")) & (
    col(ChatAccount.external_id) == bindparam("external_id")
)
_ENTITIES = (ChatAccount, Person, ConversationState, Membership)
# Both statements are built once (they are the same for every update; constructing one per call cost
# more than running it). _IDENTITY: no row for an unknown sender.
_IDENTITY = _join_identity(
    select(*_ENTITIES).join(Person, col(Person.id) == col(ChatAccount.person_id)).where(_SENDER)
)
# PostgreSQL: the event's claim and the identity in one statement. No row: the claim lost (a
# redelivery); a row of NULLs: an unknown sender.
_CLAIMED = CLAIM["postgresql"].cte("claimed")
_CLAIM_AND_IDENTITY = _join_identity(
    select(*_ENTITIES)
    .select_from(_CLAIMED)
    .outerjoin(ChatAccount, _SENDER)
    .outerjoin(Person, col(Person.id) == col(ChatAccount.person_id))
)


def claim_and_identify(
    session: Session, *, channel: str, external_id: str, event_key: str | None, now: dt.datetime
) -> tuple[bool, Identity | None]:
    """(claimed, identity): claimed is False for an event already handled (identity then None);
    identity is None for a sender not seen before. No event key: nothing to claim."""
    params = {"channel": channel, "external_id": external_id}
    if event_key is not None:
        if session.get_bind().dialect.name == "postgresql":
            row = session.execute(_CLAIM_AND_IDENTITY, params | {"event_key": event_key, "now": now}).first()
            if row is None:
                return False, None
            return True, (None if row[0] is None else Identity(row[0], row[1], row[2], row[3]))
        if not claim_event(session, channel=channel, key=event_key, now=now):
            return False, None
    row = session.execute(_IDENTITY, params).first()
    return True, (None if row is None else Identity(row[0], row[1], row[2], row[3]))


def register(
    session: Session,
    *,
    channel: str,
    external_id: str,
    chat_id: str,
    display_name: str,
    username: str | None,
    lang: str,
    admin: bool,
    found: Identity | None,
) -> Identity:
    """A new sender gets a Person and a ChatAccount (`lang` is theirs); a known one its current chat,
    the account active again, and the admin flag when configured as an admin."""
    if found is None:
        account = ensure_account(
            session,
            channel=channel,
            external_id=external_id,
            chat_id=chat_id,
            display_name=display_name,
            username=username,
            lang=lang,
        )
        found = Identity(account, session.get_one(Person, account.person_id), None, None)
    account, person = found.account, found.person
    if account.chat_id != chat_id or not account.active:
        account.chat_id, account.active, account.blocked_at = chat_id, True, None
        session.add(account)
    if admin and not person.is_admin:
        person.is_admin = True
        session.add(person)
    return found


class ChatOwner(NamedTuple):
    account_id: int
    person_id: int
    lang: str


def chat_owner(session: Session, *, channel: str, chat_id: str) -> ChatOwner | None:
    """Whose chat a queued message goes to (its words and numbered choices are theirs)."""
    row = session.execute(
        select(col(ChatAccount.id), col(ChatAccount.person_id), col(Person.lang))
        .join(Person, col(Person.id) == col(ChatAccount.person_id))
        .where(ChatAccount.channel == channel, ChatAccount.chat_id == chat_id)
    ).first()
    return None if row is None or row[0] is None else ChatOwner(row[0], row[1], row[2] or "vi")
