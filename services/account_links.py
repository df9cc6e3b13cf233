"""Chat accounts of one person across platforms: who is behind an account, and linking accounts.

A person may reach the bot from Telegram and from Zalo; both ChatAccounts point at the same Person
(and so the same Membership). Reminders go to the person's preferred channel.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from storage.models import ChatAccount, Person


@dataclass(frozen=True, slots=True)
class AccountOwner:
    person_id: int
    lang: str
    is_admin: bool


def account_owner(session: Session, *, channel: str, external_id: str) -> AccountOwner | None:
    """The person behind a platform identity, if the bot has seen it before."""
    row = session.exec(
        select(ChatAccount, Person)
        .join(Person, Person.id == ChatAccount.person_id)  # type: ignore[arg-type]
        .where(ChatAccount.channel == channel, ChatAccount.external_id == external_id)
    ).first()
    if row is None:
        return None
    _account, person = row
    assert person.id is not None
    return AccountOwner(person_id=person.id, lang=person.lang or "vi", is_admin=bool(person.is_admin))
