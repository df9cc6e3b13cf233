"""The reminder tick: what is due when, to whom, once; catch-up, snoozes, escalation, grouping."""

from __future__ import annotations

import datetime as dt

from sqlmodel import select

from config.settings import Settings
from messages.types import Reply
from services import closing
from services import occurrences as occ_svc
from services.clock import VN_TZ, ManualClock
from services.reminders import run_tick
from storage.db import Database
from storage.enums import DeliveryStatus
from storage.models import Occurrence, Outbox, Reminder
from tests.services import world

D = dt.date
SETTINGS = Settings()


def at(day: dt.date, hh: int = 8, mm: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hh, mm, tzinfo=VN_TZ)


def tick(db: Database, clock: ManualClock) -> int:
    with db.session() as s:
        return run_tick(s, clock=clock, settings=SETTINGS).messages


def drain(db: Database) -> list[tuple[int, Reply]]:
    """Deliver (record) and mark sent every pending outbox row: (account id, reply)."""
    with db.session() as s:
        rows = s.exec(select(Outbox).where(Outbox.status == DeliveryStatus.pending).order_by(Outbox.id)).all()
        out = []
        for row in rows:
            out.append((row.account_id, Reply.from_payload(row.payload or {})))
            row.status = DeliveryStatus.sent
            s.add(row)
    return out


def keys(db: Database) -> list[tuple[int, str, bool]]:
    with db.session() as s:
        return [
            (r.person_id, r.offset_key, r.late) for r in s.exec(select(Reminder).order_by(Reminder.id)).all()
        ]


def _one_unit(db: Database, *due: dt.date, leader: bool = True) -> dict[str, int]:
    with db.session() as s:
        prov = world.province(s)
        u = world.unit(s, "Sở Ngoại vụ", prov)
        officer, acc = world.member(s, u, "Chị A")
        boss, boss_acc = world.member(s, u, "Anh Trưởng", leader=leader)
        p = world.plan(s, "5/KH-UBND", prov, D(2026, 1, 1))
        for day in due:
            world.deadline(s, p, [u], recurrence="once", due_date=day)
        occ_svc.materialize(s, today=D(2026, 3, 1))
        return {
            "officer": officer.id or 0,
            "boss": boss.id or 0,
            "acc": acc.id or 0,
            "boss_acc": boss_acc.id or 0,
        }


def test_reminds_on_offsets_once_each(db: Database) -> None:
    ids = _one_unit(db, D(2026, 3, 13))  # Friday
    clock = ManualClock(at(D(2026, 3, 6), 7, 59))
    assert tick(db, clock) == 0  # before 08:00
    clock.set(at(D(2026, 3, 6)))
    assert tick(db, clock) == 2  # d-7: both members
    assert tick(db, clock) == 0  # never twice
    clock.set(at(D(2026, 3, 6), 15))
    assert tick(db, clock) == 0
    sent = drain(db)
    assert sorted(a for a, _ in sent) == sorted([ids["acc"], ids["boss_acc"]])
    reply = sent[0][1]
    assert "13/03/2026" in reply.html and "Sở Ngoại vụ" in reply.html
    assert [b.data for row in reply.buttons for b in row] == [
        "dl:done:1",
        "dl:snooze:1:1",
        "dl:snooze:1:3",
        "duty:page:1",
    ]
    for day, expected in [(D(2026, 3, 9), 0), (D(2026, 3, 10), 2), (D(2026, 3, 12), 2), (D(2026, 3, 13), 2)]:
        clock.set(at(day, 8, 30))
        assert tick(db, clock) == expected, day
    assert [k for p, k, _ in keys(db) if p == ids["officer"]] == ["d-7", "d-3", "d-1", "d0"]
    assert not any(late for *_, late in keys(db))


def test_saturday_due_date_is_announced_on_friday_and_quiet_hours_hold(db: Database) -> None:
    _one_unit(db, D(2026, 3, 14))  # Saturday: d-1 and d0 both fall on Friday 13
    clock = ManualClock(at(D(2026, 3, 13), 21, 30))
    assert tick(db, clock) == 0  # quiet hours: nothing, the tick waits for the morning
    clock.set(at(D(2026, 3, 14), 10))
    assert tick(db, clock) == 0  # Saturday: nothing
    clock.set(at(D(2026, 3, 13), 8))
    assert tick(db, clock) == 2
    with db.session() as s:
        assert {r.offset_key for r in s.exec(select(Reminder)).all()} == {"d0"}


def test_one_message_gathers_every_deadline_of_the_morning(db: Database) -> None:
    _one_unit(
        db, D(2026, 3, 13), D(2026, 3, 13), D(2026, 3, 17)
    )  # d-7 of two, d-3 of the third: Mar 6 / Mar 14->13
    clock = ManualClock(at(D(2026, 3, 6)))
    assert tick(db, clock) == 2
    [(_, reply), _] = drain(db)
    assert reply.html.count("Hạn:") == 2
    clock.set(at(D(2026, 3, 13)))
    assert tick(db, clock) == 2
    [(_, reply), _] = drain(db)
    assert reply.html.count("Hạn:") == 3  # d0 of two + d-3 (Sat 14 -> Fri 13) of the third


def test_restart_after_downtime_sends_one_late_reminder_not_a_backlog(db: Database) -> None:
    ids = _one_unit(db, D(2026, 3, 13))
    clock = ManualClock(at(D(2026, 3, 11), 14))  # down on the 6th and the 10th
    assert tick(db, clock) == 2
    assert [k for p, k, _ in keys(db) if p == ids["officer"]] == ["d-3"]
    assert all(late for *_, late in keys(db))
    sent = drain(db)
    assert "Nhắc muộn" in sent[0][1].html
    clock.set(at(D(2026, 3, 12)))
    assert tick(db, clock) == 2
    # down for weeks: the unit was told, the deadline is long past; it gets the current overdue one
    clock.set(at(D(2026, 4, 8)))
    assert tick(db, clock) == 2
    assert [k for p, k, _ in keys(db) if p == ids["officer"]][-1] == "late+18"


def test_done_stops_snooze_delays_escalation_reaches_the_leader(db: Database) -> None:
    ids = _one_unit(db, D(2026, 3, 13), D(2026, 3, 20))
    clock = ManualClock(at(D(2026, 3, 6)))
    tick(db, clock)
    with db.session() as s:
        first, second = s.exec(select(Occurrence).order_by(Occurrence.due_on)).all()
        assert first.id and second.id
        closing.snooze(s, occurrence_id=first.id, person_id=ids["officer"], days=3, today=D(2026, 3, 6))
        f_id, s_id = first.id, second.id
    clock.set(at(D(2026, 3, 9)))  # Monday: snooze until Monday 9 -> the snooze reminder
    tick(db, clock)
    clock.set(at(D(2026, 3, 10)))
    tick(db, clock)
    officer = [k for p, k, _ in keys(db) if p == ids["officer"]]
    assert officer == ["d-7", "snooze:2026-03-09", "d-3"]
    with db.session() as s:
        closing.mark_submitted(s, occurrence_id=s_id, person_id=ids["officer"], note=None, now=clock.now())
    # the first one goes overdue; late+2 on Tue 17, escalation to the leader on Wed 18
    for day in (
        D(2026, 3, 12),
        D(2026, 3, 13),
        D(2026, 3, 16),
        D(2026, 3, 17),
        D(2026, 3, 18),
        D(2026, 3, 19),
    ):
        clock.set(at(day))
        tick(db, clock)
    with db.session() as s:
        rows = s.exec(select(Reminder).where(Reminder.occurrence_id == f_id).order_by(Reminder.id)).all()
        boss = [r.offset_key for r in rows if r.person_id == ids["boss"]]
        officer = [r.offset_key for r in rows if r.person_id == ids["officer"]]
        second_rows = s.exec(select(Reminder).where(Reminder.occurrence_id == s_id)).all()
    assert officer == ["d-7", "snooze:2026-03-09", "d-3", "d-1", "d0", "late+2", "late+4"]
    assert boss == ["d-7", "d-3", "d-1", "d0", "late+2", "escalate", "late+4"]
    assert second_rows == []  # submitted before its first reminder (d-7 = Fri 13)
    drain(db)
