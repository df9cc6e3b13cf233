"""Reviewing and correcting plans against a real database: doubts and the directory's closest units,
corrections stored with the plan, members told of a live plan's changes, who may correct, and what a
rewrite must not lose (reminder history, the jurisdiction)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlmodel import Session, col, func, select

from parsing.model import Doubt, ParsedAssignment, ParsedDeadline, ParsedPlan, PlanHeader
from services.clock import VN_TZ
from services.corrected_plans import Committed, commit, export_schema
from services.correction_commands import parse_command
from services.corrections import CorrectionError
from services.importer import import_plan
from services.occurrences import materialize
from services.plan_review import review
from services.review_commands import find_quote, resolve
from services.review_drafts import Author, Draft, open_import, open_live
from services.units import resolve_unit
from storage.db import Database
from storage.models import (
    Assignment,
    AuditLog,
    Deadline,
    Jurisdiction,
    Occurrence,
    Outbox,
    Person,
    Plan,
    PlanCorrection,
    PlanExtraction,
    Unit,
)
from tests.services import world
from tests.services.test_importer import gold

NOW = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 3, 2)
PROVINCE = "Đồng Nai"


def notice(lang: str, change: object) -> object:
    from handlers.review_words import notice as render

    return render(lang, change)  # type: ignore[arg-type]


def admin(s: Session) -> Author:
    person, _ = world.admin(s)
    return Author(name=person.display_name, person_id=person.id)


def import_gold(s: Session, stem: str, author: Author) -> int:
    draft = open_import(s, parsed=gold(stem), source_name=stem, content_hash=stem)
    done = commit(s, draft, author=author, default_province=PROVINCE, now=NOW)
    assert done.result.plan_id is not None
    return done.result.plan_id


def run(s: Session, draft: Draft, author: Author, *lines: str) -> None:
    for line in lines:
        rv = review(s, draft, default_province=PROVINCE)
        cmd = parse_command(line)
        assert cmd is not None, line
        draft.new += resolve(rv, cmd, author=author, now=NOW)


def row_number(draft: Draft, s: Session, unit: str, role: str) -> int:
    rv = review(s, draft, default_province=PROVINCE)
    return next(r.id for r in rv.corrected.rows if r.item.unit == unit and r.item.role == role)


def deadline_number(draft: Draft, s: Session, due: str | None) -> int:
    rv = review(s, draft, default_province=PROVINCE)
    return next(d.id for d in rv.corrected.deadlines if d.item.due == due)


def unit_named(s: Session, name: str) -> Unit:
    province = s.exec(select(Jurisdiction).where(Jurisdiction.name == PROVINCE)).one()
    unit = resolve_unit(s, name=name, jurisdiction_id=province.id)
    assert unit is not None, name
    return unit


def test_live_correction_tells_the_members_of_each_affected_unit(db: Database) -> None:
    """/sua on a live plan: Sở Tài chính becomes lead, Sở Nội vụ loses its duty, the yearly report moves
    from 15/11 to 15/12. Each unit's members get one notice saying what changed for them; a unit whose
    duties did not change gets nothing."""
    with db.session() as s:
        author = admin(s)
        plan_id = import_gold(s, "002", author)
        finance, home, foreign = (unit_named(s, n) for n in ("Sở Tài chính", "Sở Nội vụ", "Sở Ngoại vụ"))
        world.member(s, finance, "Cán bộ Tài chính")
        world.member(s, home, "Cán bộ Nội vụ", lang="en")
        world.member(s, foreign, "Cán bộ Ngoại vụ")
        materialize(s, today=TODAY, plan_id=plan_id)
    with db.session() as s:
        draft = open_live(s, plan_id=plan_id)
        assert draft is not None and draft.live and not draft.stored
        run(
            s,
            draft,
            author,
            f"vai {row_number(draft, s, 'Sở Tài chính', 'support')}",
            f"xoa {row_number(draft, s, 'Sở Nội vụ', 'lead')}",
            f"han h{deadline_number(draft, s, '11-15')} hang nam 15/12",
        )
        done = commit(s, draft, author=author, default_province=PROVINCE, now=NOW, notice=notice)  # type: ignore[arg-type]
        materialize(s, today=TODAY, plan_id=plan_id)
    assert done.new == 3 and not done.stale
    by_unit = {c.unit_name: c for c in done.changes}
    assert set(by_unit) == {"Sở Tài chính", "Sở Nội vụ"}
    assert [x.old_role for x in by_unit["Sở Tài chính"].role_changed] == ["support"]
    assert len(by_unit["Sở Nội vụ"].removed) == 1
    assert all(len(c.deadlines_changed) == 1 for c in by_unit.values())
    with db.session() as s:
        notices = {row.account_id: (row.payload or {})["html"] for row in s.exec(select(Outbox))}
        assert len(notices) == 2 and done.notified == 2
        texts = sorted(notices.values())
        assert any(
            "Nay là chủ trì (trước: phối hợp)" in x and "15/11 → hằng năm 15/12" in x for x in texts
        ), texts
        assert any("No longer yours (lead)" in x for x in texts), texts  # in the member's language
        due = s.exec(select(Deadline).where(Deadline.plan_id == plan_id, Deadline.due_month == 12)).one()
        assert due.due_day == 15
        occurrence_days = {
            o.due_on for o in s.exec(select(Occurrence).where(Occurrence.deadline_id == due.id))
        }
        assert occurrence_days and all(d.month == 12 and d.day == 15 for d in occurrence_days)
        stored = s.exec(select(PlanCorrection).order_by(col(PlanCorrection.seq))).all()
        assert [c.op for c in stored] == ["set_role", "remove_assignment", "set_deadline"]
        assert all(c.person_id == author.person_id and c.author == "Admin" for c in stored)
        assert s.exec(select(AuditLog).where(AuditLog.action == "plan.correct")).one().detail == {
            "plan_id": plan_id,
            "count": 3,
        }


def test_only_admins_correct_checked_in_the_writing_transaction(db: Database) -> None:
    with db.session() as s:
        author = admin(s)
        plan_id = import_gold(s, "002", author)
        officer, _ = world.member(s, unit_named(s, "Sở Tài chính"), "Cán bộ")
    intruder = Author(name="Cán bộ", person_id=officer.id)
    with db.session() as s:
        draft = open_live(s, plan_id=plan_id)
        assert draft is not None
        run(s, draft, intruder, "xoa 1")  # resolving is pure; the write is what is checked
        with pytest.raises(CorrectionError) as err:
            commit(s, draft, author=intruder, default_province=PROVINCE, now=NOW)
        assert err.value.key == "rv.err.not_admin"
    with db.session() as s:  # an admin demoted after opening the draft is refused too
        person = s.get_one(Person, author.person_id)
        person.is_admin = False
        s.add(person)
    with db.session() as s:
        draft = open_live(s, plan_id=plan_id)
        assert draft is not None
        run(s, draft, author, "xoa 1")
        with pytest.raises(CorrectionError):
            commit(s, draft, author=author, default_province=PROVINCE, now=NOW)
    with db.session() as s:
        assert s.exec(select(func.count()).select_from(PlanCorrection)).one() == 0
        assert s.exec(select(func.count()).select_from(Assignment)).one() == len(gold("002").assignments)


def test_a_correction_keeps_the_reminder_history_of_other_deadlines(db: Database) -> None:
    """Writing the plan again must not drop and re-create the open occurrences of deadlines it did not
    change, e.g. a yearly report whose day is the province's default (ids stay, so the reminder ledger
    keyed on them is not sent twice)."""
    with db.session() as s:
        author = admin(s)
        plan_id = import_gold(s, "002", author)
        materialize(s, today=TODAY, plan_id=plan_id)
        undated = s.exec(
            select(Deadline).where(Deadline.plan_id == plan_id, Deadline.due_source == "default")
        ).one()
        before = sorted(o.id for o in s.exec(select(Occurrence).where(Occurrence.deadline_id == undated.id)))
        assert before
    with db.session() as s:
        draft = open_live(s, plan_id=plan_id)
        assert draft is not None
        run(s, draft, author, "xoa 1")
        commit(s, draft, author=author, default_province=PROVINCE, now=NOW)
        materialize(s, today=TODAY, plan_id=plan_id)
    with db.session() as s:
        after = sorted(o.id for o in s.exec(select(Occurrence).where(Occurrence.deadline_id == undated.id)))
        assert after == before


def plan_naming(unit: str) -> ParsedPlan:
    duty = "Chủ trì tổ chức các hoạt động văn hóa, thể thao chào mừng"
    return ParsedPlan(
        header=PlanHeader(number="12/KH-UBND", issuer="UBND tỉnh Đồng Nai", issued_on=dt.date(2026, 1, 5)),
        assignments=[
            ParsedAssignment(unit, False, "lead", duty, "III.1", f"{unit} {duty}"),
            ParsedAssignment("Sở Tài chính", False, "support", duty, "III.1", duty),
        ],
        deadlines=[
            ParsedDeadline(
                unit=unit, action="report", recurrence="yearly", due="12-01", text=f"{unit} báo cáo"
            )
        ],
        doubts=[Doubt("deadline_without_unit", "Báo cáo kết quả trước ngày 20/12/2026 về Sở Nội vụ", "IV")],
        recipients=["Bộ Văn hóa, Thể thao và Du lịch", "Sở Tài chính"],
    )


def test_doubts_come_first_and_an_unknown_unit_is_one_pick_from_the_directory(db: Database) -> None:
    with db.session() as s:
        author = admin(s)
        import_gold(s, "002", author)  # the directory now knows Sở Văn hóa Thể thao và Du lịch
        draft = open_import(
            s, parsed=plan_naming("Sở Văn hoá Thể thao"), source_name="12.txt", content_hash="12"
        )
        rv = review(s, draft, default_province=PROVINCE)
        kinds = [d.kind for d in rv.doubts]
        assert kinds == ["unknown_unit", "deadline_without_unit", "recipient_only"], kinds
        unknown = rv.doubts[0]
        assert unknown.unit == "Sở Văn hoá Thể thao" and unknown.rows == (1,) and unknown.deadlines == (1,)
        assert unknown.suggestions[0] == "Sở Văn hóa Thể thao và Du lịch"
        assert rv.doubts[2].unit == "Bộ Văn hóa, Thể thao và Du lịch"  # Sở Tài chính is assigned: no doubt
        assert rv.units[0].doubtful and rv.units[0].unit == "Sở Văn hoá Thể thao"  # doubtful units first
        run(s, draft, author, f"chon n{unknown.number} 1")
        rv = review(s, draft, default_province=PROVINCE)
        assert [d.kind for d in rv.doubts] == ["deadline_without_unit", "recipient_only"]
        passage = rv.doubts[0].number
        run(s, draft, author, f"them han n{passage} Sở Nội vụ | 20/12/2026")
        rv = review(s, draft, default_province=PROVINCE)
        assert [d.kind for d in rv.doubts] == ["recipient_only"]  # the passage became a deadline
        done = commit(s, draft, author=author, default_province=PROVINCE, now=NOW)
        culture = unit_named(s, "Sở Văn hóa Thể thao và Du lịch")
        rows = s.exec(select(Assignment).where(Assignment.plan_id == done.result.plan_id)).all()
        assert [r.unit_id for r in rows if r.role == "lead"] == [culture.id]
        assert done.result.new_units == []  # no near-duplicate unit was created
        added = s.exec(select(Deadline).where(Deadline.due_date == dt.date(2026, 12, 20))).one()
        assert added.unit_text == "Sở Nội vụ" and added.source.startswith("Báo cáo kết quả")


def test_a_quote_is_found_in_the_document_and_widened_to_its_sentence() -> None:
    text = (
        "IV. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Nội vụ chủ trì triển khai. Các sở, ngành báo cáo kết quả về Sở Nội vụ trước ngày 15/12 "
        "hằng năm; Sở Nội vụ tổng hợp.\n"
        "2. Sở Tài chính bố trí kinh phí. Sở Tài chính báo cáo kết quả trước ngày 30/6.\n"
    )
    draft = Draft(extraction=ParsedPlan(header=PlanHeader()), source_name="x", content_hash="x", text=text)
    assert find_quote(draft, "báo cáo kết quả về Sở Nội vụ") == (
        "Các sở, ngành báo cáo kết quả về Sở Nội vụ trước ngày 15/12 hằng năm;"
    )
    for quote, key in (
        ("báo cáo kết quả", "rv.err.quote_ambiguous"),
        ("nộp báo cáo quý về Bộ", "rv.err.quote_not_found"),
        ("báo cáo", "rv.err.quote_short"),
    ):
        with pytest.raises(CorrectionError) as err:
            find_quote(draft, quote)
        assert err.value.key == key
    legacy = replace(draft, text=None)  # no text kept (a plan stored before): the quote stands
    assert find_quote(legacy, "nộp báo cáo quý về Bộ") == "nộp báo cáo quý về Bộ"


def test_a_plan_stored_before_extractions_were_kept_can_be_corrected(db: Database) -> None:
    """Its rows stand for the extraction; the rewrite keeps its jurisdiction (a district, here)."""
    with db.session() as s:
        author = admin(s)
        parsed = gold("001")  # Hậu Giang, from the issuer
        result = import_plan(
            s, parsed=parsed, source_name="001", content_hash="001", default_province=PROVINCE, now=NOW
        )
        plan_id = result.plan_id
        assert plan_id is not None and s.get(PlanExtraction, plan_id) is None
        jurisdiction_before = s.get_one(Plan, plan_id).jurisdiction_id
    with db.session() as s:
        draft = open_live(s, plan_id=plan_id)
        assert draft is not None and len(draft.extraction.assignments) == len(parsed.assignments)
        run(s, draft, author, "vai 1")
        done = commit(s, draft, author=author, default_province=PROVINCE, now=NOW)
        assert isinstance(done, Committed) and done.result.plan_id == plan_id
    with db.session() as s:
        assert s.get_one(Plan, plan_id).jurisdiction_id == jurisdiction_before
        assert s.get(PlanExtraction, plan_id) is not None
        exported = export_schema(s, plan_id=plan_id)
        assert exported is not None
        assert exported["assignments"][0]["role"] != parsed.assignments[0].role
        assert "1 admin correction" in exported["notes"]


def test_imported_at_stays_for_a_rewrite(db: Database) -> None:
    """Reminders date a plan's deadlines from its import: a correction is not a new import."""
    with db.session() as s:
        author = admin(s)
        plan_id = import_gold(s, "002", author)
    later = NOW + dt.timedelta(days=30)
    with db.session() as s:
        draft = open_live(s, plan_id=plan_id)
        assert draft is not None
        run(s, draft, author, "vai 1")
        commit(s, draft, author=author, default_province=PROVINCE, now=later)
    with db.session() as s:
        plan = s.get_one(Plan, plan_id)
        assert plan.imported_at.astimezone(VN_TZ) == NOW.astimezone(VN_TZ)
        assert plan.updated_at.astimezone(VN_TZ) == later.astimezone(VN_TZ)


def test_a_fallback_marks_its_rows_and_a_near_twin_name_is_offered(db: Database) -> None:
    """Rows read by a fallback are doubtful (marked, their units first); a name one letter from another
    of the same plan ("Sở Sây dựng") is offered that one as its closest unit, even in an empty
    directory."""
    duty = "Tổ chức thực hiện các nhiệm vụ được giao"
    parsed = ParsedPlan(
        header=PlanHeader(number="7/KH-UBND", issuer="UBND tỉnh Đồng Nai"),
        assignments=[
            ParsedAssignment("Sở Xây dựng", False, "lead", duty + " về nhà ở", "II.1"),
            ParsedAssignment("Sở Sây dựng", False, "lead", duty + " về quy hoạch", "II.2"),
            ParsedAssignment("Sở Y tế", False, "lead", duty + " về y tế", "III.1"),
        ],
        doubts=[Doubt("fallback", "", "II")],
    )
    with db.session() as s:
        author = admin(s)
        draft = open_import(s, parsed=parsed, source_name="7.txt", content_hash="7")
        rv = review(s, draft, default_province=PROVINCE)
        assert rv.doubtful_rows == {1, 2}
        assert [u.unit for u in rv.units if u.doubtful] == ["Sở Xây dựng", "Sở Sây dựng"]
        typo = next(d for d in rv.doubts if d.unit == "Sở Sây dựng")
        assert typo.kind == "unknown_unit" and typo.suggestions[0] == "Sở Xây dựng"
        run(s, draft, author, f"chon n{typo.number} 1")
        rv = review(s, draft, default_province=PROVINCE)
        assert [u.unit for u in rv.units] == ["Sở Xây dựng", "Sở Y tế"] and rv.units[0].rows == (1, 2)
        assert not any(d.kind == "unknown_unit" for d in rv.doubts)
