"""Chat accounts of one person across platforms: linking a Telegram and a Zalo account, and where
reminders go.

A person asks for a one-time link code on one platform (`issue_link_code`) and types it on the other
(`redeem_link_code`); both ChatAccounts then belong to one Person, so they share the membership, the
reminder ledger and the admin flag. `Person.preferred_channel` says which platform gets reminders and
broadcasts; `delivery_account` applies it (falling back to any account that still works), and is
what the reminder and broadcast code should call to pick where a person is reached.

Codes are 8 characters, valid for a few minutes, spent on first use; how they are drawn, stored and
guarded against guessing is services.codes, as for invite codes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session, col, select

from services import codes
from storage.enums import Channel, RequestStatus
from storage.models import ChatAccount, JoinRequest, LinkCode, Membership, Person

CODE_LENGTH = 8


class LinkOutcome(StrEnum):
    linked = "linked"
    invalid = "invalid"  # unknown, expired or already used
    own_code = "own_code"  # typed on the account that asked for it
    already_linked = "already_linked"  # both accounts already belong to this person
    same_channel = "same_channel"  # the person already has another account on this platform
    unit_conflict = "unit_conflict"  # each account is a member of a different unit
    locked = "locked"  # too many wrong codes: wait


@dataclass(frozen=True, slots=True)
class LinkResult:
    outcome: LinkOutcome
    person_id: int | None = None
    channels: tuple[str, ...] = ()  # the person's platforms after linking
    preferred_channel: str | None = None
    locked_until: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class AccountOwner:
    person_id: int
    lang: str
    is_admin: bool


def account_owner(session: Session, *, channel: str, external_id: str) -> AccountOwner | None:
    """The person behind a platform identity, if the bot has seen it before."""
    account = session.exec(
        select(ChatAccount).where(ChatAccount.channel == channel, ChatAccount.external_id == external_id)
    ).first()
    if account is None:
        return None
    person = session.get_one(Person, account.person_id)
    return AccountOwner(person_id=account.person_id, lang=person.lang or "vi", is_admin=bool(person.is_admin))


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def issue_link_code(
    session: Session, *, account: ChatAccount, now: dt.datetime, ttl_minutes: int = 15
) -> str:
    """A fresh code for `account`'s person; earlier unused codes of that person stop working."""
    assert account.id is not None
    unused = session.exec(
        select(LinkCode).where(LinkCode.person_id == account.person_id, col(LinkCode.used_at).is_(None))
    ).all()
    for old in unused:
        old.used_at = now
        session.add(old)
    code = codes.new_code(CODE_LENGTH)
    session.add(
        LinkCode(
            code_hash=codes.code_hash(code),
            person_id=account.person_id,
            account_id=account.id,
            created_at=now,
            expires_at=now + dt.timedelta(minutes=ttl_minutes),
        )
    )
    return code


def redeem_link_code(
    session: Session,
    *,
    account: ChatAccount,
    code: str,
    now: dt.datetime,
    max_failures: int = 5,
    lockout_minutes: int = 15,
) -> LinkResult:
    """Join `account` (the one typing the code) and the code's person into one person."""
    account = session.get_one(ChatAccount, account.id)
    if (until := codes.locked_until(account, now)) is not None:
        return LinkResult(LinkOutcome.locked, locked_until=until)
    row = session.exec(select(LinkCode).where(LinkCode.code_hash == codes.code_hash(code))).first()
    if row is None or row.used_at is not None or row.expires_at <= now:
        lockout = dt.timedelta(minutes=lockout_minutes)
        until = codes.wrong_code(account, now=now, max_failures=max_failures, lockout=lockout)
        session.add(account)
        return LinkResult(LinkOutcome.invalid, locked_until=until)
    codes.right_code(account)
    session.add(account)
    if row.account_id == account.id:
        return LinkResult(LinkOutcome.own_code)
    if row.person_id == account.person_id:
        return _result(session, LinkOutcome.already_linked, account.person_id)
    issuer = session.get_one(Person, row.person_id)
    typist = session.get_one(Person, account.person_id)
    issuer_unit, typist_unit = _active_unit(session, issuer), _active_unit(session, typist)
    if issuer_unit and typist_unit and issuer_unit != typist_unit:
        return LinkResult(LinkOutcome.unit_conflict)
    # Keep the person who already belongs to a unit; otherwise the one who asked for the code.
    keep, drop = (typist, issuer) if typist_unit and not issuer_unit else (issuer, typist)
    keep_channels = {a.channel for a in _accounts(session, keep)}
    if keep_channels & {a.channel for a in _accounts(session, drop)}:
        return LinkResult(LinkOutcome.same_channel)
    _merge(session, keep=keep, drop=drop, now=now)
    if keep.preferred_channel is None:
        keep.preferred_channel = account.channel  # where the person just finished linking
    session.add(keep)
    row.used_at = now
    session.add(row)
    session.flush()
    assert keep.id is not None
    return _result(session, LinkOutcome.linked, keep.id)


def set_preferred_channel(session: Session, *, person_id: int, channel: str) -> bool:
    """Send reminders to `channel`; False when the person has no working account there."""
    if not any(
        a.channel == channel and a.active for a in _accounts(session, session.get_one(Person, person_id))
    ):
        return False
    person = session.get_one(Person, person_id)
    person.preferred_channel = Channel(channel)
    session.add(person)
    return True


def person_channels(session: Session, *, person_id: int) -> list[ChatAccount]:
    return _accounts(session, session.get_one(Person, person_id))


def delivery_account(session: Session, *, person_id: int) -> ChatAccount | None:
    """The account that gets this person's reminders and broadcasts (see `delivery_accounts`)."""
    return delivery_accounts(session, person_ids=[person_id]).get(person_id)


@dataclass(frozen=True, slots=True)
class Target:
    """Where one person's reminders and broadcasts go."""

    account_id: int
    channel: str


def delivery_targets(session: Session, *, person_ids: Iterable[int] | None = None) -> dict[int, Target]:
    """person id -> the one account that gets their reminders and broadcasts.

    The preferred platform's account when it still works; otherwise the most recently added working
    account (a blocked Telegram account must not swallow a message the Zalo account could get). One
    account per person, so a person with Telegram and Zalo linked hears everything once. Plain rows
    through the Core connection: the reminder tick asks for ten thousand people at a time.
    """
    statement = (
        select(
            col(ChatAccount.id),
            col(ChatAccount.person_id),
            col(ChatAccount.channel),
            Person.preferred_channel,
        )
        .join(Person, col(Person.id) == col(ChatAccount.person_id))
        .where(col(ChatAccount.active).is_(True))
        .order_by(col(ChatAccount.id))
    )
    if person_ids is not None:
        statement = statement.where(col(ChatAccount.person_id).in_(list(person_ids)))
    session.flush()
    chosen: dict[int, Target] = {}
    for account_id, person_id, channel, preferred in session.connection().execute(statement).all():
        current = chosen.get(person_id)
        if current is None or current.channel != preferred or channel == preferred:
            chosen[person_id] = Target(account_id, channel)
    return chosen


def delivery_accounts(session: Session, *, person_ids: Iterable[int] | None = None) -> dict[int, ChatAccount]:
    """The same choice as `delivery_targets`, as ChatAccount rows (for callers that enqueue)."""
    targets = delivery_targets(session, person_ids=person_ids)
    ids = [t.account_id for t in targets.values()]
    accounts = {a.id: a for a in session.exec(select(ChatAccount).where(col(ChatAccount.id).in_(ids))).all()}
    return {person_id: accounts[t.account_id] for person_id, t in targets.items()}


# --- internals -----------------------------------------------------------------------------------


def _accounts(session: Session, person: Person) -> list[ChatAccount]:
    return list(
        session.exec(
            select(ChatAccount).where(ChatAccount.person_id == person.id).order_by(col(ChatAccount.id))
        )
    )


def _active_unit(session: Session, person: Person) -> int | None:
    membership = session.exec(
        select(Membership).where(Membership.person_id == person.id, col(Membership.active).is_(True))
    ).first()
    return membership.unit_id if membership is not None else None


def _merge(session: Session, *, keep: Person, drop: Person, now: dt.datetime) -> None:
    """Move `drop`'s accounts, membership and pending requests to `keep`. `drop` stays for history."""
    for account in _accounts(session, drop):
        assert keep.id is not None
        account.person_id = keep.id
        session.add(account)
    keep_unit = _active_unit(session, keep)
    memberships = session.exec(
        select(Membership).where(Membership.person_id == drop.id, col(Membership.active).is_(True))
    ).all()
    for membership in memberships:
        if keep_unit is None:
            assert keep.id is not None
            membership.person_id, keep_unit = keep.id, membership.unit_id
        else:  # the same unit twice: one membership is enough
            membership.active, membership.left_at = False, now
        session.add(membership)
    pending = session.exec(
        select(JoinRequest).where(
            JoinRequest.person_id == drop.id, JoinRequest.status == RequestStatus.pending
        )
    ).all()
    for request in pending:
        assert keep.id is not None
        request.person_id = keep.id
        session.add(request)
    keep.is_admin = bool(keep.is_admin or drop.is_admin)
    session.add(keep)


def _result(session: Session, outcome: LinkOutcome, person_id: int) -> LinkResult:
    person = session.get_one(Person, person_id)
    channels = tuple(a.channel for a in _accounts(session, person))
    return LinkResult(
        outcome, person_id=person_id, channels=channels, preferred_channel=person.preferred_channel
    )
