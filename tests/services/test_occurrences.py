"""Rules -> occurrences per owing unit, defaults, admin-set days and the two-step close."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from services import closing, deadline_days, occurrence_views
from services import occurrences as occ_svc
from services.clock import VN_TZ
from services.occurrences import OccurrenceError
from services.status import DueStatus
from storage.db import Database
from storage.models import Deadline, Occurrence, Reminder
from tests.services import world

D = dt.date
NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ)


def _setup(db: Database) -> dict[str, int]:
    with db.session() as s:
        prov = world.province(s)
        a = world.unit(s, "Sở Ngoại vụ", prov)
        b = world.unit(s, "Sở Tài chính", prov)
        old = world.unit(s, "Sở Kế hoạch và Đầu tư", prov)
        old.successor_id, old.active = b.id, False
        pa, _ = world.member(s, a, "Chị A")
        pb, _ = world.member(s, b, "Anh B")
        adm, _ = world.admin(s)
        p = world.plan(s, "1/KH-UBND", prov, D(2026, 1, 1))
        monthly = world.deadline(s, p, [a], recurrence="monthly", day=5)
        yearly_no_day = world.deadline(s, p, [a, old], recurrence="yearly")
        once = world.deadline(s, p, [b], recurrence="once", due_date=D(2026, 3, 20))
        past_once = world.deadline(s, p, [b], recurrence="once", due_date=D(2025, 6, 1))
        ids = {
            "a": a.id,
            "b": b.id,
            "pa": pa.id,
            "pb": pb.id,
            "admin": adm.id,
            "monthly": monthly.id,
            "yearly": yearly_no_day.id,
            "once": once.id,
            "past": past_once.id,
        }
    return {k: int(v or 0) for k, v in ids.items()}


def test_materialize_per_unit_with_defaults_and_successors(db: Database) -> None:
    ids = _setup(db)
    today = D(2026, 3, 2)
    with db.session() as s:
        added = occ_svc.materialize(s, today=today)
        # monthly 5th: 5 Feb 2026 (45 days back, after the import) .. 5 Apr 2027 (400 days ahead) = 15;
        # yearly default 16/12 for A and the merged unit's successor B: 2; once 20/3: 1; the 2025
        # one-off is before the plan was imported.
        assert added == 15 + 2 + 1
        assert occ_svc.materialize(s, today=today) == 0  # idempotent
        yearly = s.get_one(Deadline, ids["yearly"])
        assert yearly.due_source == "default"
        assert [d.id for d in deadline_days.undated(s)] == [ids["yearly"]]
        rows = s.exec(select(Occurrence).where(Occurrence.deadline_id == ids["yearly"])).all()
        assert sorted((r.unit_id, r.due_on) for r in rows) == sorted(
            [(ids["a"], D(2026, 12, 16)), (ids["b"], D(2026, 12, 16))]
        )
        monthly = s.exec(select(Occurrence.due_on).where(Occurrence.deadline_id == ids["monthly"])).all()
        assert min(monthly) == D(2026, 2, 5)  # not 5 Jan: more than 45 days back


def test_admin_sets_the_day_and_future_occurrences_move(db: Database) -> None:
    ids = _setup(db)
    today = D(2026, 3, 2)
    with db.session() as s:
        occ_svc.materialize(s, today=today)
        old = s.exec(select(Occurrence).where(Occurrence.deadline_id == ids["yearly"])).all()
        s.add(Reminder(occurrence_id=old[0].id or 0, person_id=ids["pa"], offset_key="d-7", planned_for=NOW))
        s.flush()
        deadline_days.set_deadline_day(s, deadline_id=ids["yearly"], day=15, month=11, today=today)
        rows = s.exec(select(Occurrence).where(Occurrence.deadline_id == ids["yearly"])).all()
        assert {r.due_on for r in rows} == {D(2026, 11, 15)}
        assert s.exec(select(Reminder)).all() == []
        assert s.get_one(Deadline, ids["yearly"]).due_source == "admin"
        with pytest.raises(OccurrenceError) as err:
            deadline_days.set_deadline_day(s, deadline_id=ids["once"], day=1, month=None, today=today)
        assert err.value.key == "deadlines.day_needs_year"


def test_two_step_close_and_statuses(db: Database) -> None:
    ids = _setup(db)
    today = D(2026, 3, 2)
    with db.session() as s:
        occ_svc.materialize(s, today=today)
        march = s.exec(
            select(Occurrence).where(
                Occurrence.deadline_id == ids["monthly"], Occurrence.due_on == D(2026, 3, 5)
            )
        ).one()
        assert march.id is not None
        views = occurrence_views.unit_occurrences(s, unit_id=ids["a"], today=today)
        assert [v.status for v in views[:2]] == [DueStatus.overdue, DueStatus.due_soon]  # 5 Feb, 5 Mar
        assert views[1].id == march.id
        with pytest.raises(OccurrenceError) as err:
            closing.mark_submitted(s, occurrence_id=march.id, person_id=ids["pb"], note=None, now=NOW)
        assert err.value.key == "deadlines.not_yours"
        closing.mark_submitted(s, occurrence_id=march.id, person_id=ids["pa"], note=None, now=NOW)
        closing.mark_submitted(
            s,
            occurrence_id=march.id,
            person_id=ids["pa"],
            note=" https://x/bc.pdf ",
            now=NOW + dt.timedelta(1),
        )
        view = occurrence_views.get_view(s, occurrence_id=march.id, today=today)
        assert view.status is DueStatus.done_on_time and view.note == "https://x/bc.pdf"
        assert view.state == "submitted"
        assert [v.id for v in occurrence_views.awaiting_confirmation(s, today=today)] == [march.id]
        with pytest.raises(OccurrenceError):
            closing.confirm(s, occurrence_id=march.id, admin_id=ids["pa"], now=NOW)
        closing.send_back(s, occurrence_id=march.id, admin_id=ids["admin"], reason="thiếu số liệu")
        view = occurrence_views.get_view(s, occurrence_id=march.id, today=D(2026, 3, 6))
        assert view.status is DueStatus.overdue and view.returned_reason == "thiếu số liệu"
        late = NOW + dt.timedelta(days=5)
        closing.mark_submitted(s, occurrence_id=march.id, person_id=ids["pa"], note=None, now=late)
        closing.confirm(s, occurrence_id=march.id, admin_id=ids["admin"], now=late)
        view = occurrence_views.get_view(s, occurrence_id=march.id, today=D(2026, 3, 9))
        assert (view.state, view.status) == ("confirmed", DueStatus.done_late)
        with pytest.raises(OccurrenceError) as err:
            closing.mark_submitted(s, occurrence_id=march.id, person_id=ids["pa"], note=None, now=late)
        assert err.value.key == "deadlines.already_confirmed"
        until = closing.snooze(s, occurrence_id=views[2].id, person_id=ids["pa"], days=3, today=today)
        assert until == D(2026, 3, 5)
