"""Messages to people other than the sender (admins, a requester): queued in the Outbox.

Going through the queue means the platform's rate limits and blocked-user handling apply, and a
notice reaches every linked account of the person in that person's language.
"""

from __future__ import annotations

from collections.abc import Callable

from handlers.context import AppServices
from messages.types import Reply
from services.members import accounts_of, admin_accounts
from services.outbox import enqueue
from storage.models import Person


def notify_person(app: AppServices, *, person_id: int, render: Callable[[str], Reply], key: str) -> int:
    """Queue `render(lang)` to each active account of a person; `key` makes it idempotent."""
    with app.db.session() as session:
        person = session.get_one(Person, person_id)
        queued = 0
        for account in accounts_of(session, person_id=person_id):
            row = enqueue(
                session,
                account=account,
                reply=render(person.lang),
                kind="notice",
                dedup_key=f"{key}:{account.id}",
            )
            queued += row is not None
        return queued


def notify_admins(app: AppServices, *, render: Callable[[str], Reply], key: str) -> int:
    """Queue a notice to every admin account (join requests, errors)."""
    with app.db.session() as session:
        queued = 0
        for account in admin_accounts(session):
            person = session.get_one(Person, account.person_id)
            row = enqueue(
                session,
                account=account,
                reply=render(person.lang),
                kind="notice",
                dedup_key=f"{key}:{account.id}",
            )
            queued += row is not None
        return queued
