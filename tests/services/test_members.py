"""Invites behave like passwords: single use, expiring, hashed, rate limited; join requests; leaving."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from services.clock import ManualClock
from services.members import (
    CodeResult,
    active_membership,
    create_invite,
    decide_join,
    ensure_account,
    leave_unit,
    looks_like_code,
    redeem_invite,
    request_join,
)
from storage.db import Database
from storage.models import Invite, Unit

LOCK = dt.timedelta(minutes=15)


def unit(db: Database, name: str = "Sở Nội vụ") -> int:
    with db.session() as s:
        u = Unit(name=name, kind="so", key=name.lower())
        s.add(u)
        s.flush()
        return u.id or 0


def redeem(db: Database, account_id: int, code: str, now: dt.datetime) -> CodeResult:
    with db.session() as s:
        return redeem_invite(
            s, account_id=account_id, code=code, now=now, max_failures=3, lockout=LOCK
        ).result


def test_invite_is_hashed_single_use_and_expires(db: Database, clock: ManualClock) -> None:
    uid = unit(db)
    with db.session() as s:
        _, code = create_invite(s, unit_id=uid, now=clock.now(), ttl=dt.timedelta(hours=1))
        _, late = create_invite(s, unit_id=uid, now=clock.now(), ttl=dt.timedelta(hours=1))
        a = ensure_account(s, channel="telegram", external_id="1").id or 0
        b = ensure_account(s, channel="telegram", external_id="2").id or 0
        stored = [i.code_hash for i in s.exec(select(Invite))]
    assert looks_like_code(code) and code.replace("-", "") not in " ".join(stored)
    assert redeem(db, a, code.lower(), clock.now()) is CodeResult.joined  # case and dashes do not matter
    assert redeem(db, b, code, clock.now()) is CodeResult.wrong  # used
    clock.advance(dt.timedelta(hours=2))
    assert redeem(db, b, late, clock.now()) is CodeResult.wrong  # expired


def test_wrong_codes_lock_the_account_for_a_while(db: Database, clock: ManualClock) -> None:
    uid = unit(db)
    with db.session() as s:
        _, code = create_invite(s, unit_id=uid, now=clock.now(), ttl=dt.timedelta(days=1))
        a = ensure_account(s, channel="zalo", external_id="z").id or 0
    assert [redeem(db, a, "AAAA-BBBB-CC", clock.now()) for _ in range(3)] == [
        CodeResult.wrong,
        CodeResult.wrong,
        CodeResult.locked,
    ]
    assert redeem(db, a, code, clock.now()) is CodeResult.locked  # even the right code, while locked
    clock.advance(LOCK + dt.timedelta(seconds=1))
    assert redeem(db, a, code, clock.now()) is CodeResult.joined


def test_join_request_approval_switch_and_leave(db: Database, clock: ManualClock) -> None:
    first, second = unit(db, "Sở Nội vụ"), unit(db, "Sở Y tế")
    with db.session() as s:
        person = ensure_account(s, channel="telegram", external_id="7").person_id
        admin = ensure_account(s, channel="telegram", external_id="8").person_id
        jr = request_join(s, person_id=person, unit_id=first, now=clock.now())
        assert request_join(s, person_id=person, unit_id=first, now=clock.now()).id == jr.id  # no duplicates
    with db.session() as s:
        assert (
            decide_join(s, request_id=jr.id or 0, approve=True, admin_id=admin, now=clock.now()) is not None
        )
        assert decide_join(s, request_id=jr.id or 0, approve=False, admin_id=admin, now=clock.now()) is None
        assert active_membership(s, person_id=person).unit_id == first  # type: ignore[union-attr]
        jr2 = request_join(s, person_id=person, unit_id=second, now=clock.now())
        decide_join(s, request_id=jr2.id or 0, approve=True, admin_id=admin, now=clock.now())
        assert active_membership(s, person_id=person).unit_id == second  # type: ignore[union-attr]
        assert leave_unit(s, person_id=person, now=clock.now()).id == second  # type: ignore[union-attr]
        assert active_membership(s, person_id=person) is None
