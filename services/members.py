"""People, their chat accounts and unit memberships: invites, join requests, leaving, admins.

Invite codes are the only way in without an admin's tap, so they are treated like passwords: drawn
from `secrets`, shown once, stored only as a SHA-256 hash, single-use, expiring, and an account that
types too many wrong codes is locked for a while (`ChatAccount.failed_codes` / `locked_until`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import Session, col, select

from services import codes
from storage.enums import Channel, MemberRole, RequestStatus
from storage.models import AuditLog, ChatAccount, Invite, JoinRequest, Membership, Person, Unit

CODE_ALPHABET = codes.ALPHABET
CODE_LENGTH = 10  # 31**10 ~ 2**49.5
CODE_SHAPE = re.compile(r"^[A-Za-z2-9]{4}-?[A-Za-z2-9]{4}-?[A-Za-z2-9]{2}$")


class CodeResult(StrEnum):
    joined = "joined"
    wrong = "wrong"  # unknown, used or expired: the user is not told which
    locked = "locked"


@dataclass(frozen=True, slots=True)
class Redemption:
    result: CodeResult
    unit: Unit | None = None
    locked_until: dt.datetime | None = None
    attempts_left: int = 0


def looks_like_code(text: str) -> bool:
    return bool(CODE_SHAPE.match(text.strip()))


def format_code(raw: str) -> str:
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def audit(session: Session, *, person_id: int | None, action: str, **detail: object) -> None:
    session.add(AuditLog(person_id=person_id, action=action, detail=dict(detail)))


# --- invites -------------------------------------------------------------------------------------


def create_invite(
    session: Session,
    *,
    unit_id: int,
    now: dt.datetime,
    ttl: dt.timedelta,
    created_by: int | None = None,
    role: MemberRole = MemberRole.officer,
) -> tuple[Invite, str]:
    """A new single-use invite; returns the row and the code (the only time the code exists)."""
    if session.get(Unit, unit_id) is None:
        raise ValueError(f"no unit {unit_id}")
    raw = codes.new_code(CODE_LENGTH)
    invite = Invite(
        code_hash=codes.code_hash(raw),
        unit_id=unit_id,
        role=role,
        created_by=created_by,
        created_at=now,
        expires_at=now + ttl,
    )
    session.add(invite)
    session.flush()
    audit(session, person_id=created_by, action="invite.create", unit_id=unit_id, invite_id=invite.id)
    return invite, format_code(raw)


def redeem_invite(
    session: Session,
    *,
    account_id: int,
    code: str,
    now: dt.datetime,
    max_failures: int,
    lockout: dt.timedelta,
) -> Redemption:
    """Link the account's person to the invite's unit, or count a wrong attempt."""
    account = session.get_one(ChatAccount, account_id)
    if (until := codes.locked_until(account, now)) is not None:
        return Redemption(CodeResult.locked, locked_until=until)
    invite = session.exec(select(Invite).where(Invite.code_hash == codes.code_hash(code))).first()
    if invite is None or invite.used_at is not None or invite.expires_at <= now:
        until = codes.wrong_code(account, now=now, max_failures=max_failures, lockout=lockout)
        session.add(account)
        if until is not None:
            return Redemption(CodeResult.locked, locked_until=until)
        return Redemption(CodeResult.wrong, attempts_left=max_failures - account.failed_codes)
    invite.used_at, invite.used_by = now, account.person_id
    codes.right_code(account)
    session.add_all([invite, account])
    unit = join_unit(session, person_id=account.person_id, unit_id=invite.unit_id, role=invite.role, now=now)
    audit(session, person_id=account.person_id, action="invite.redeem", invite_id=invite.id)
    return Redemption(CodeResult.joined, unit=unit)


# --- memberships ---------------------------------------------------------------------------------


def active_membership(session: Session, *, person_id: int) -> Membership | None:
    return session.exec(
        select(Membership).where(Membership.person_id == person_id, col(Membership.active).is_(True))
    ).first()


def join_unit(
    session: Session, *, person_id: int, unit_id: int, now: dt.datetime, role: MemberRole = MemberRole.officer
) -> Unit:
    """Make `unit_id` the person's one active unit (switching ends the previous membership)."""
    leave_unit(session, person_id=person_id, now=now)
    session.add(Membership(person_id=person_id, unit_id=unit_id, role=role, joined_at=now))
    return session.get_one(Unit, unit_id)


def leave_unit(session: Session, *, person_id: int, now: dt.datetime) -> Unit | None:
    """End the person's active membership; returns the unit left, if any."""
    current = active_membership(session, person_id=person_id)
    if current is None:
        return None
    current.active, current.left_at = False, now
    session.add(current)
    session.flush()
    return session.get(Unit, current.unit_id)


# --- join requests -------------------------------------------------------------------------------


def request_join(session: Session, *, person_id: int, unit_id: int, now: dt.datetime) -> JoinRequest:
    """Ask to join a unit; a repeated request for the same unit returns the pending one."""
    pending = session.exec(
        select(JoinRequest).where(
            JoinRequest.person_id == person_id,
            JoinRequest.unit_id == unit_id,
            JoinRequest.status == RequestStatus.pending,
        )
    ).first()
    if pending is not None:
        return pending
    req = JoinRequest(person_id=person_id, unit_id=unit_id, created_at=now)
    session.add(req)
    session.flush()
    return req


def decide_join(
    session: Session, *, request_id: int, approve: bool, admin_id: int, now: dt.datetime
) -> JoinRequest | None:
    """Approve or refuse a pending request; None when it does not exist or was already decided."""
    req = session.get(JoinRequest, request_id)
    if req is None or req.status != RequestStatus.pending:
        return None
    req.status = RequestStatus.approved if approve else RequestStatus.refused
    req.decided_at, req.decided_by = now, admin_id
    session.add(req)
    if approve:
        join_unit(session, person_id=req.person_id, unit_id=req.unit_id, now=now)
    audit(session, person_id=admin_id, action=f"join.{req.status}", request_id=req.id)
    return req


# --- accounts and admins -------------------------------------------------------------------------


def accounts_of(session: Session, *, person_id: int) -> list[ChatAccount]:
    return list(
        session.exec(
            select(ChatAccount).where(ChatAccount.person_id == person_id, col(ChatAccount.active).is_(True))
        ).all()
    )


def admin_accounts(session: Session) -> list[ChatAccount]:
    return list(
        session.exec(
            select(ChatAccount)
            .join(Person, col(Person.id) == col(ChatAccount.person_id))
            .where(col(Person.is_admin).is_(True), col(ChatAccount.active).is_(True))
        ).all()
    )


def find_account(session: Session, *, who: str) -> ChatAccount | None:
    """An account by "channel:external_id" or "@username"."""
    if who.startswith("@"):
        return session.exec(select(ChatAccount).where(ChatAccount.username == who[1:])).first()
    channel, _, external = who.partition(":")
    if not external:
        return None
    return session.exec(
        select(ChatAccount).where(ChatAccount.channel == channel, ChatAccount.external_id == external)
    ).first()


def ensure_account(
    session: Session,
    *,
    channel: str,
    external_id: str,
    display_name: str = "",
    lang: str = "vi",
    chat_id: str | None = None,
    username: str | None = None,
) -> ChatAccount:
    """The account for a platform identity, creating the person if needed: the one way a person and
    an account are made (a sender's first message, the console, the CLI's admins)."""
    account = find_account(session, who=f"{channel}:{external_id}")
    if account is not None:
        return account
    person = Person(display_name=display_name or username or external_id, lang=lang)
    session.add(person)
    session.flush()
    assert person.id is not None
    account = ChatAccount(
        person_id=person.id,
        channel=Channel(channel),
        external_id=external_id,
        chat_id=chat_id or external_id,
        username=username,
    )
    session.add(account)
    session.flush()
    return account


def get_person(session: Session, *, person_id: int | None) -> Person | None:
    """The person as stored now (an admin right revoked a moment ago is already gone)."""
    return session.get(Person, person_id) if person_id is not None else None


def set_admin(session: Session, *, person_id: int, admin: bool, by: int | None) -> Person:
    person = session.get_one(Person, person_id)
    person.is_admin = admin
    session.add(person)
    audit(session, person_id=by, action="admin.promote" if admin else "admin.demote", target=person_id)
    return person


def set_language(session: Session, *, person_id: int, lang: str) -> Person:
    person = session.get_one(Person, person_id)
    person.lang = lang
    session.add(person)
    return person
