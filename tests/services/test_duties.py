"""Queries on the gold plans: a unit's duties, who handles a topic, upcoming deadlines, questions."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlmodel import select

from services.duties import unit_duties
from services.importer import import_plan
from services.plans import archive_plan
from services.questions import Intent, parse_question
from services.status import DueStatus
from services.topics import who_is_responsible
from services.units import lookup_unit, resolve_unit
from services.upcoming import upcoming_deadlines
from storage.db import Database
from storage.enums import OccurrenceStatus
from storage.models import Assignment, Deadline, Jurisdiction, Occurrence, Unit
from storage.types import utcnow
from tests.conftest import REPO
from tests.services.test_importer import gold

TODAY = dt.date(2026, 3, 2)


def _load(db: Database) -> None:
    with db.session() as s:
        for stem in ("001", "002", "003", "004"):
            import_plan(
                s, parsed=gold(stem), source_name=stem, content_hash=stem, default_province="Đồng Nai"
            )


def _unit(db: Database, name: str, province: str) -> Unit:
    with db.session() as s:
        j = s.exec(select(Jurisdiction).where(Jurisdiction.name == province)).one()
        unit = resolve_unit(s, name=name, jurisdiction_id=j.id)
        assert unit is not None, name
        return unit


def test_unit_duties_own_class_and_merged(db: Database) -> None:
    _load(db)
    tc = _unit(db, "Sở Tài chính", "Đồng Nai")
    with db.session() as s:
        duties = unit_duties(s, unit_id=tc.id, today=TODAY)
    assert [p.number for p in duties.plans] == ["3935/KH-UBND"]  # not Hậu Giang's plan
    rows = duties.plans[0].duties
    # Own support duty, the duty of Sở KH&ĐT (merged into it), and class duties ("các Sở, Ban, ngành ...").
    assert "Sở Kế hoạch và Đầu tư" in duties.merged_from
    texts = [d.unit_text for d in rows]
    assert "Sở Tài chính" in texts and "Sở Kế hoạch và Đầu tư" in texts
    assert any(d.group_key == "departments_and_mass_orgs" for d in rows)
    assert any(d.group_key == "all_bodies" for d in rows)
    roles = [d.role for d in rows]
    assert roles == sorted(roles, key=lambda r: r != "lead")  # lead before support
    # Class deadline "trước ngày 15/11 hằng năm" applies: next is 15 Nov 2026. Gold deadlines carry
    # no section, so it is given once for the plan rather than pinned to a duty.
    assert duties.plans[0].other_due == dt.date(2026, 11, 15)
    assert all(d.next_due is None for d in rows)
    hg = _unit(db, "Sở Tài chính", "Hậu Giang")
    with db.session() as s:
        other = unit_duties(s, unit_id=hg.id, today=TODAY)
    assert [p.number for p in other.plans] == ["33/KH-UBND"]


def test_district_committee_gets_class_duties_of_its_province(db: Database) -> None:
    _load(db)
    with db.session() as s:
        j = s.exec(select(Jurisdiction).where(Jurisdiction.name == "Nghệ An")).one()
        ks = resolve_unit(s, name="UBND huyện Kỳ Sơn", jurisdiction_id=j.id)
        duties = unit_duties(s, unit_id=ks.id, today=TODAY)
    groups = {d.group_key for p in duties.plans for d in p.duties}
    assert None in groups and "all_levels" in groups  # "Cấp ủy đảng, chính quyền các cấp"


def test_archived_plans_leave_duty_lists(db: Database) -> None:
    _load(db)
    tc = _unit(db, "Sở Tài chính", "Hậu Giang")
    with db.session() as s:
        plan_id = unit_duties(s, unit_id=tc.id, today=TODAY).plans[0].plan_id
        archive_plan(s, plan_id=plan_id)
        assert unit_duties(s, unit_id=tc.id, today=TODAY).plans == []


def test_who_is_responsible(db: Database) -> None:
    _load(db)
    with db.session() as s:
        found = who_is_responsible(s, topic="ai phụ trách viện trợ phi chính phủ?")
        leads = {r.name for r in found if r.lead}
        # Sở KH&ĐT's duty ("thẩm định ... viện trợ phi chính phủ") answers as its successor, Sở Tài chính.
        assert {"Liên hiệp các tổ chức hữu nghị", "Sở Tài chính"} <= leads
        assert found[0].lead >= found[-1].lead
        found = who_is_responsible(s, topic="kinh phi hoat dong")
        assert any(r.name == "Sở Tài chính" for r in found)
        assert who_is_responsible(s, topic="tàu vũ trụ") == []


def test_pages_add_up_to_the_whole_list(db: Database) -> None:
    _load(db)
    tc = _unit(db, "Sở Tài chính", "Đồng Nai")
    with db.session() as s:
        whole = unit_duties(s, unit_id=tc.id, today=TODAY)
        pages = [
            unit_duties(s, unit_id=tc.id, today=TODAY, offset=o, limit=3) for o in range(0, whole.total, 3)
        ]
        past_end = unit_duties(s, unit_id=tc.id, today=TODAY, offset=whole.total, limit=3)
    every = [d for p in whole.plans for d in p.duties]
    assert whole.total == len(every) > 3 and whole.shown == whole.total
    assert [p.total for p in pages] == [whole.total] * len(pages)
    assert [p.shown for p in pages[:-1]] == [3] * (len(pages) - 1)
    assert [(d, p.plan_id) for page in pages for p in page.plans for d in p.duties] == [
        (d, p.plan_id) for p in whole.plans for d in p.duties
    ]  # same duties, same next deadlines, same order
    assert past_end.plans == [] and past_end.total == whole.total
    for plan in whole.plans:  # lead before support, each in the plan's own order
        roles = [d.role for d in plan.duties]
        assert roles == sorted(roles, key=lambda r: r != "lead")
        for role in ("lead", "support"):
            ids = [d.assignment_id for d in plan.duties if d.role == role]
            assert ids == sorted(ids)


def test_newest_plan_first_undated_last(db: Database) -> None:
    base = gold("002")  # 3935/KH-UBND of 8 April 2020
    with db.session() as s:
        for number, issued in (
            ("3935/KH-UBND", base.header.issued_on),
            ("9/KH-UBND", dt.date(2024, 1, 5)),
            (None, None),
        ):
            parsed = replace(
                base, header=replace(base.header, number=number, issued_on=issued, title=f"{number}")
            )
            import_plan(
                s,
                parsed=parsed,
                source_name=f"{number}",
                content_hash=f"{number}",
                default_province="Đồng Nai",
            )
    tc = _unit(db, "Sở Tài chính", "Đồng Nai")
    with db.session() as s:
        plans = unit_duties(s, unit_id=tc.id, today=TODAY, limit=1000).plans
    assert [p.number for p in plans] == ["9/KH-UBND", "3935/KH-UBND", None]


def test_topic_index_follows_duty_changes(db: Database) -> None:
    _load(db)
    with db.session() as s:
        found = who_is_responsible(s, topic="phi chính phủ viện trợ")  # no such phrase: every word
        assert {"Liên hiệp các tổ chức hữu nghị", "Sở Tài chính"} <= {r.name for r in found}
        rows = [a for a in s.exec(select(Assignment)).all() if "ngoai" in (a.duty_key or "").split()]
        assert (
            sum(r.lead + r.support for r in who_is_responsible(s, topic="ngoài", limit=1000)) == len(rows) > 2
        )
        for row in rows[1:]:
            s.delete(row)
        rows[0].duty_key = "hop tac voi tau vu tru"
        s.add(rows[0])
        s.flush()
        assert who_is_responsible(s, topic="ngoài") == []
        [only] = who_is_responsible(s, topic="tàu vũ trụ")
        assert only.lead + only.support == 1


def test_upcoming_deadlines_with_status(db: Database) -> None:
    _load(db)
    vp = _unit(db, "Văn phòng UBND tỉnh", "Hậu Giang")
    with db.session() as s:
        rows = upcoming_deadlines(s, unit_id=vp.id, today=dt.date(2026, 3, 14), horizon_days=120)
        assert [(r.recurrence, r.due, r.due_is_default) for r in rows][:3] == [
            ("quarterly", dt.date(2026, 3, 16), True),
            ("quarterly", dt.date(2026, 6, 16), True),
            ("semiannual", dt.date(2026, 6, 16), True),
        ]
        assert rows[0].status == DueStatus.due_soon
        # Submitted: done on time. The list is read from the dated occurrences, as the chat reads it.
        occurrence = s.exec(
            select(Occurrence).where(
                Occurrence.deadline_id == rows[0].deadline_id,
                Occurrence.unit_id == vp.id,
                Occurrence.due_on == dt.date(2026, 3, 16),
            )
        ).one()
        occurrence.status = OccurrenceStatus.submitted
        occurrence.submitted_at = utcnow().replace(year=2026, month=3, day=15)
        s.add(occurrence)
        s.flush()
        again = upcoming_deadlines(s, unit_id=vp.id, today=dt.date(2026, 3, 20), horizon_days=120)
        assert again[0].status == DueStatus.done_on_time
    nv = _unit(db, "Sở Ngoại vụ", "Đồng Nai")
    with db.session() as s:
        rows = upcoming_deadlines(s, unit_id=nv.id, today=dt.date(2026, 12, 20), horizon_days=10)
        # Its yearly report has no day in the text: the NĐ 09/2019 default (16/12) applies, now overdue.
        assert [(r.due, r.due_is_default, r.status) for r in rows] == [
            (dt.date(2026, 12, 16), True, DueStatus.overdue)
        ]


def test_undated_one_off_deadline_is_listed_without_a_day(db: Database) -> None:
    _load(db)
    with db.session() as s:
        deadline = s.exec(select(Deadline).where(Deadline.recurrence == "once")).one()
        deadline.due_date, deadline.due_source = None, None
        s.add(deadline)
    tc = _unit(db, "Sở Tài chính", "Đồng Nai")
    with db.session() as s:
        rows = upcoming_deadlines(s, unit_id=tc.id, today=TODAY)
    assert rows[-1].due is None and rows[-1].status == DueStatus.no_deadline


def test_questions_and_lookup(db: Database) -> None:
    _load(db)
    q = parse_question("Sở Tài chính Đồng Nai phụ trách gì?")
    assert q is not None and q.intent == Intent.unit_duties and q.unit == "Sở Tài chính Đồng Nai"
    q2 = parse_question("nhiem vu cua so ngoai vu")
    assert q2 is not None and q2.intent == Intent.unit_duties and q2.unit == "so ngoai vu"
    q3 = parse_question("ai phụ trách viện trợ phi chính phủ?")
    assert q3 is not None and q3.intent == Intent.who and q3.topic == "viện trợ phi chính phủ"
    q4 = parse_question("hạn báo cáo của Sở TT&TT")
    assert q4 is not None and q4.intent == Intent.deadlines and q4.unit == "Sở TT&TT"
    assert parse_question("xin chào") is None
    with db.session() as s:
        unit, _ = lookup_unit(s, words="Sở Tài chính Đồng Nai")
        assert unit is not None and unit.name == "Sở Tài chính"
        # Sở KH&ĐT answers as its successor.
        unit, _ = lookup_unit(s, words="so ke hoach va dau tu dong nai")
        assert unit is not None and unit.name == "Sở Tài chính"
        unit, suggestions = lookup_unit(s, words="Sở Tài chính")  # two provinces: ambiguous
        assert unit is None and len(suggestions) >= 2
        dn = s.exec(select(Jurisdiction).where(Jurisdiction.name == "Đồng Nai")).one()
        unit, _ = lookup_unit(s, words="Sở Tài chính", prefer_jurisdiction_id=dn.id)
        assert unit is not None and unit.jurisdiction_id == dn.id
        unit, suggestions = lookup_unit(s, words="Sở Ngoai vu dong nai")
        assert unit is not None and unit.name == "Sở Ngoại vụ"
        unit, suggestions = lookup_unit(s, words="Phòng Kế toán XYZ")
        assert unit is None


def test_a_deadline_is_shown_with_the_duty_of_its_own_item(db: Database) -> None:
    """Extracted deadlines keep their section: the yearly report of III.2 goes with the III.2 duty,
    the class report of the closing paragraph with the class duty (except for Sở Ngoại vụ, which
    receives that report rather than owing it), and III.3 duties get none."""
    from parsing.document import parse_file

    parsed = parse_file(REPO / "data" / "plans" / "002_a5c47825f0dbe0be.txt")
    with db.session() as s:
        import_plan(s, parsed=parsed, source_name="002", content_hash="x", default_province="Đồng Nai")
    sngv = _unit(db, "Sở Ngoại vụ", "Đồng Nai")
    with db.session() as s:
        duties = unit_duties(s, unit_id=sngv.id, today=TODAY)
    by_section = {d.section: d.next_due for d in duties.plans[0].duties}
    assert by_section["III.2"] == dt.date(2026, 12, 16)  # yearly, no day in the text: the NĐ 09 default
    assert by_section["III"] is None  # "các Sở ... gửi về Sở Ngoại vụ trước ngày 15/11 hằng năm"
    assert by_section["III.3"] is None
    snv = _unit(db, "Sở Nội vụ", "Đồng Nai")
    with db.session() as s:
        other = unit_duties(s, unit_id=snv.id, today=TODAY)
    assert {d.section: d.next_due for d in other.plans[0].duties}["III"] == dt.date(2026, 11, 15)
