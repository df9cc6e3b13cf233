"""Broadcast audiences: one message per person, on the channel they chose."""

from __future__ import annotations

from sqlmodel import select

from messages.types import Reply
from services.broadcasts import audience_all, create_broadcast, start_broadcast
from services.clock import ManualClock
from storage.db import Database
from storage.models import ChatAccount, Membership, Outbox, Person, Unit


def _person(s, name: str, *accounts: tuple[str, bool], preferred: str | None = None) -> Person:  # type: ignore[no-untyped-def]
    person = Person(display_name=name, preferred_channel=preferred)
    s.add(person)
    s.flush()
    for channel, active in accounts:
        s.add(
            ChatAccount(
                person_id=person.id,
                channel=channel,
                external_id=f"{name}-{channel}",
                chat_id=f"{name}-{channel}",
                active=active,
            )
        )
    return person


def test_linked_person_hears_once_on_the_chosen_channel(db: Database, clock: ManualClock) -> None:
    with db.session() as s:
        unit = Unit(name="Sở Ngoại vụ", kind="so", key="so ngoai vu")
        s.add(unit)
        s.flush()
        both = _person(s, "an", ("telegram", True), ("zalo", True), preferred="zalo")
        blocked_pref = _person(s, "binh", ("telegram", True), ("zalo", False), preferred="zalo")
        gone = _person(s, "chi", ("telegram", False))
        admin = _person(s, "admin", ("console", True))
        for p in (both, blocked_pref, gone):
            s.add(Membership(person_id=p.id, unit_id=unit.id))
        bc = create_broadcast(
            s,
            created_by=admin.id or 0,
            text="Họp lúc 14h",
            audience=audience_all(),
            progress_account_id=None,
            now=clock.now(),
        )
        queued = start_broadcast(
            s, broadcast_id=bc.id or 0, now=clock.now(), render=lambda b, lang: Reply(b.text)
        )
    with db.session() as s:
        rows = s.exec(select(Outbox, ChatAccount).join(ChatAccount)).all()
    targets = sorted((a.external_id for _, a in rows))
    assert queued == 2
    assert targets == ["an-zalo", "binh-telegram"]  # preferred Zalo; blocked Zalo falls back to Telegram
