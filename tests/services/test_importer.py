"""Importing the four gold plans: placement, jurisdictions, flags, idempotent re-import, rollback."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from sqlmodel import Session, col, func, select

from parsing.model import ParsedDeadline, ParsedPlan
from services.deadline_days import set_deadline_day
from services.import_result import PlanImportError
from services.importer import import_plan, preview_plan
from services.occurrences import OccurrenceError
from services.units import resolve_unit
from storage.db import Database
from storage.enums import OccurrenceStatus
from storage.models import Assignment, Deadline, DeadlineParty, Jurisdiction, Occurrence, Plan, Unit

GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "gold"


def gold(stem: str) -> ParsedPlan:
    path = next(GOLD.glob(f"{stem}_*.json"))
    return ParsedPlan.from_schema(json.loads(path.read_text(encoding="utf-8")))


def _import(session: Session, parsed: ParsedPlan, content_hash: str = "h1", name: str = "plan.txt"):
    return import_plan(
        session, parsed=parsed, source_name=name, content_hash=content_hash, default_province="Đồng Nai"
    )


def _count(session: Session, model: type, **where: object) -> int:
    statement = select(func.count()).select_from(model)
    for key, value in where.items():
        statement = statement.where(getattr(model, key) == value)
    return int(session.exec(statement).one())


def test_import_all_gold_plans(db: Database) -> None:
    with db.session() as s:
        results = {stem: _import(s, gold(stem), content_hash=stem) for stem in ("001", "002", "003", "004")}
    assert all(r.status == "created" for r in results.values())
    with db.session() as s:
        assert _count(s, Plan) == 4
        assert _count(s, Assignment) == sum(len(gold(stem).assignments) for stem in results)
        # Jurisdictions come from the issuers.
        juris = {p.number or p.issuer: s.get(Jurisdiction, p.jurisdiction_id) for p in s.exec(select(Plan))}
        assert juris["3935/KH-UBND"].name == "Đồng Nai"
        assert juris["33/KH-UBND"].name == "Hậu Giang"
        assert juris["Tỉnh ủy Nghệ An"].name == "Nghệ An"
        binh_lang = juris["40/KH-UBND"]
        assert binh_lang.name == "Bình Lãng" and binh_lang.level == "commune"
        assert s.get(Jurisdiction, binh_lang.parent_id).name == "Đồng Nai"
        # Sở Tài chính of Đồng Nai (successor of Sở KH&ĐT) is not Sở Tài chính of Hậu Giang.
        tc = s.exec(select(Unit).where(Unit.key == "so tai chinh")).all()
        assert len(tc) == 2 and len({u.jurisdiction_id for u in tc}) == 2
    r002 = results["002"]
    assert r002.group_assignments == 4
    assert r002.deadlines == 3 and r002.undated_deadlines == 1
    assert "Sở Ngoại vụ" in r002.new_units


def test_groups_and_units_are_placed(db: Database) -> None:
    with db.session() as s:
        _import(s, gold("002"))
        rows = s.exec(select(Assignment).order_by(col(Assignment.position))).all()
        by_text = {a.unit_text: a for a in rows}
        assert by_text["UBND các huyện, thành phố"].group_key == "district_committees"
        assert by_text["các Sở, Ban, ngành, đoàn thể"].group_key == "departments_and_mass_orgs"
        assert by_text["Sở Ngoại vụ"].unit_id is not None and not by_text["Sở Ngoại vụ"].flagged
        # "Liên hiệp ... tỉnh Đồng Nai" and "Liên hiệp ... tỉnh" are one unit.
        lh = {a.unit_id for a in rows if a.unit_text.startswith("Liên hiệp")}
        assert len(lh) == 1
        # The deadline "các Sở, Ban, ngành, đoàn thể; UBND các huyện, thành phố" has two class parties.
        yearly = s.exec(select(Deadline).where(Deadline.due_month == 11)).one()
        parties = s.exec(select(DeadlineParty).where(DeadlineParty.deadline_id == yearly.id)).all()
        assert sorted(p.group_key or "" for p in parties) == [
            "departments_and_mass_orgs",
            "district_committees",
        ]
        once = s.exec(select(Deadline).where(Deadline.recurrence == "once")).one()
        assert once.due_date == dt.date(2020, 4, 30) and once.due_source == "text"


def test_old_department_keeps_its_duty_and_successor_carries_it(db: Database) -> None:
    with db.session() as s:
        _import(s, gold("002"))
        khdt = s.exec(select(Assignment).where(Assignment.unit_text == "Sở Kế hoạch và Đầu tư")).one()
        unit = s.get(Unit, khdt.unit_id)
        assert unit is not None and unit.successor_id is not None and not khdt.flagged
        assert s.get(Unit, unit.successor_id).name == "Sở Tài chính"


def test_department_with_no_successor_is_flagged_not_dropped(db: Database) -> None:
    parsed = gold("004")
    extra = dataclasses.replace(parsed.assignments[3], unit="Sở Lao động - Thương binh và Xã hội")
    parsed.assignments.append(extra)
    with db.session() as s:
        result = _import(s, parsed)
        assert result.flagged == ["Sở Lao động - Thương binh và Xã hội"]
        row = s.exec(select(Assignment).where(Assignment.unit_text.startswith("Sở Lao động"))).one()
        assert row.flagged and row.unit_id is not None


def test_reimport_same_file_is_idempotent(db: Database) -> None:
    with db.session() as s:
        first = _import(s, gold("002"))
    with db.session() as s:
        again = _import(s, gold("002"))
        assert again.status == "unchanged" and again.plan_id == first.plan_id
        assert (again.assignments, again.deadlines) == (first.assignments, first.deadlines)
        assert _count(s, Plan) == 1 and _count(s, Assignment) == first.assignments
        # Same plan from a re-OCR'd file (new hash): updated in place, still no duplicates.
        third = _import(s, gold("002"), content_hash="other")
        assert third.status == "updated" and third.plan_id == first.plan_id
        assert _count(s, Assignment) == first.assignments and _count(s, Deadline) == first.deadlines
        assert _count(s, Unit) == _count(s, Unit)  # no duplicate units either:
        assert len(s.exec(select(Unit).where(Unit.key == "so ngoai vu")).all()) == 1


def test_reimport_changed_file_updates_rows_and_keeps_history(db: Database) -> None:
    with db.session() as s:
        _import(s, gold("002"))
        yearly = s.exec(select(Deadline).where(Deadline.due_month == 11)).one()
        undated = s.exec(select(Deadline).where(col(Deadline.due_source).is_(None))).one()
        owner = s.exec(select(Unit).where(Unit.key == "so ngoai vu")).one()
        done = Occurrence(
            deadline_id=yearly.id,
            unit_id=owner.id,
            due_on=dt.date(2025, 11, 15),
            status=OccurrenceStatus.submitted,
        )
        s.add(done)
        set_deadline_day(s, deadline_id=undated.id, month=12, day=10, today=dt.date(2025, 11, 1))
    changed = gold("002")
    changed.assignments.pop()  # one duty removed
    changed.deadlines.pop(1)  # the one-off deadline removed
    changed.deadlines.append(
        ParsedDeadline(unit="Sở Ngoại vụ", action="report", recurrence="quarterly", due=None, text="hàng quý")
    )
    with db.session() as s:
        result = _import(s, changed, content_hash="h2")
        assert result.status == "updated"
        assert _count(s, Assignment) == len(changed.assignments)
        assert _count(s, Deadline) == 3 and result.kept_deadlines == 2
        assert s.get(Deadline, yearly.id) is not None  # unchanged deadline kept its row ...
        assert s.get(Occurrence, done.id).status == "submitted"  # ... and its report history
        kept = s.get(Deadline, undated.id)
        assert (kept.due_month, kept.due_day, kept.due_source) == (12, 10, "admin")  # admin day survives
        assert s.exec(select(Deadline).where(Deadline.recurrence == "once")).first() is None


def test_failed_import_writes_nothing(db: Database) -> None:
    parsed = gold("002")
    bad = dataclasses.replace(parsed.assignments[0], role="lead")
    parsed.assignments.append(dataclasses.replace(bad, unit="Sở Ngoại vụ", duty=None))  # type: ignore[arg-type]
    with db.session() as s:
        _import(s, gold("004"))
    with pytest.raises(TypeError), db.session() as s:  # fails half-way through the assignments
        _import(s, parsed)
    with db.session() as s:
        assert _count(s, Plan) == 1
        assert resolve_unit(s, name="Sở Ngoại vụ", jurisdiction_id=None) is None
        assert _count(s, Assignment) == len(gold("004").assignments)


def test_empty_plan_is_refused_with_a_message(db: Database) -> None:
    with db.session() as s, pytest.raises(PlanImportError) as err:
        _import(s, ParsedPlan(header=gold("002").header), name="trong.txt")
    assert "trong.txt" in err.value.message("vi") and "Tổ chức thực hiện" in err.value.message("vi")
    assert "implementation part" in err.value.message("en")


def test_preview_writes_nothing_and_matches_import(db: Database) -> None:
    with db.session() as s:
        preview = preview_plan(
            s, parsed=gold("002"), source_name="p.txt", content_hash="h", default_province="Đồng Nai"
        )
        assert preview.preview and preview.plan_id is None
        assert _count(s, Plan) == 0 and _count(s, Unit) == 0 and _count(s, Jurisdiction) == 0
        real = _import(s, gold("002"), content_hash="h")
    assert (preview.assignments, preview.deadlines, preview.new_units) == (
        real.assignments,
        real.deadlines,
        real.new_units,
    )


def test_set_deadline_day_validates(db: Database) -> None:
    with db.session() as s:
        _import(s, gold("004"))
        quarterly = s.exec(select(Deadline).where(Deadline.recurrence == "quarterly")).one()
        today = dt.date(2025, 11, 1)
        with pytest.raises(OccurrenceError) as refused:
            set_deadline_day(s, deadline_id=quarterly.id, month=2, day=30, today=today)
        assert refused.value.key == "deadlines.day_invalid"
        set_deadline_day(s, deadline_id=quarterly.id, month=3, day=10, today=today)
        assert (quarterly.due_month, quarterly.due_day, quarterly.due_source) == (3, 10, "admin")


def test_periodic_day_from_the_text_is_kept(db: Database) -> None:
    parsed = gold("004")
    parsed.deadlines.append(
        ParsedDeadline(
            unit="Văn phòng UBND tỉnh",
            action="report",
            recurrence="quarterly",
            due=None,
            text="trước ngày 10 tháng cuối quý",
            day=10,
            month=3,
        )
    )
    parsed.deadlines.append(
        ParsedDeadline(
            unit="Sở Tài chính",
            action="report",
            recurrence="monthly",
            due=None,
            text="trước ngày 20 hằng tháng",
            day=20,
        )
    )
    with db.session() as s:
        result = _import(s, parsed)
        assert result.undated_deadlines == 3  # the three "định kỳ" rules of the gold file only
        rows = {d.source: d for d in s.exec(select(Deadline))}
        q = rows["trước ngày 10 tháng cuối quý"]
        assert (q.due_month, q.due_day, q.due_source) == (3, 10, "text")
        m = rows["trước ngày 20 hằng tháng"]
        assert (m.due_month, m.due_day, m.due_source) == (None, 20, "text")


@pytest.mark.parametrize(
    ("issuer", "place", "jurisdiction"),
    [
        ("Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh", "Lương Minh", ("commune", "Lương Minh")),
        ("Huyện ủy Lục Nam", "Lục Nam", ("district", "Lục Nam")),
        ("UBND thành phố Hồ Chí Minh", "Minh", ("province", "Hồ Chí Minh")),
        # a central body's plan is read in the bot's own province, not in the city where it sits
        ("Bộ Văn hóa, Thể thao và Du lịch", "Hà Nội", ("province", "Đồng Nai")),
        ("Thủ tướng Chính phủ", "Hà Nội", ("province", "Đồng Nai")),
    ],
)
def test_the_plans_jurisdiction_is_its_issuers(
    db: Database, issuer: str, place: str, jurisdiction: tuple[str, str]
) -> None:
    plan = gold("002")
    plan = dataclasses.replace(plan, header=dataclasses.replace(plan.header, issuer=issuer, place=place))
    with db.session() as s:
        result = _import(s, plan)
        stored = s.get_one(Plan, result.plan_id)
        where = s.get_one(Jurisdiction, stored.jurisdiction_id)
        assert (where.level, where.name) == jurisdiction


def test_the_same_file_read_by_a_newer_extractor_updates_its_plan(db: Database) -> None:
    """An upgrade that reads the header differently (a fuller issuer) changes the plan's identity: the
    same file imported again is still the same plan, updated, never a second copy."""
    old = gold("002")
    old = dataclasses.replace(old, header=dataclasses.replace(old.header, issuer="UBND"))
    with db.session() as s:
        first = _import(s, old, content_hash="same-file")
    with db.session() as s:
        again = _import(s, gold("002"), content_hash="same-file")
        assert again.plan_id == first.plan_id and again.status == "updated"
        assert _count(s, Plan) == 1 and s.get_one(Plan, first.plan_id).issuer == "UBND tỉnh Đồng Nai"


def test_an_office_held_by_a_person_is_the_issuers(db: Database) -> None:
    """ "Đồng chí Phó chủ tịch Thường trực" in a commune Front plan is an office of the issuing body, in
    the commune: a unit of its own (officers join it like any unit), named with its body, never read for
    a place ("... phản biện xã hội" is in no commune "hội"); several holders ("Các đồng chí ...") are a
    class the admin places."""
    from parsing.extract import parse_text

    text = (
        "ỦY BAN MTTQ VIỆT NAM\nXÃ LƯƠNG MINH\nBAN THƯỜNG TRỰC\nSố: 16/KH-MTTQ-BTT\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nLương Minh, ngày 18 tháng 11 năm 2025\n\nKẾ HOẠCH\n"
        "Thực hiện công tác bầu cử\n\nII. NỘI DUNG\n\n1. Xây dựng hướng dẫn công tác bầu cử\n\n"
        "- Thời gian hoàn thành: Tháng 11/2025.\n\n"
        "- Đơn vị chủ trì: Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực Giám sát và Phản biện"
        " xã hội\n\n"
        "- Đơn vị phối hợp: Các đồng chí Chuyên viên cơ quan MTTQ xã.\n\nIII. TỔ CHỨC THỰC HIỆN\n\n"
        "1. Đồng chí Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch Ủy ban MTTQ Việt Nam xã lãnh đạo, chỉ đạo"
        " chung.\n"
    )
    plan = parse_text(text)
    assert plan.header.issuer == "Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh"
    with db.session() as s:
        result = _import(s, plan)
        offices = {u.name: u for u in s.exec(select(Unit).where(Unit.kind == "office")).all()}
        assert set(offices) == {
            "Phó chủ tịch Thường trực, phụ trách lĩnh vực Giám sát và Phản biện xã hội"
            " — Ban Thường trực Ủy ban MTTQ Việt Nam",
            "Ủy viên Ban Thường vụ Đảng ủy, Chủ tịch Ủy ban MTTQ Việt Nam xã"
            " — Ban Thường trực Ủy ban MTTQ Việt Nam",
        }
        commune = s.get_one(Jurisdiction, s.get_one(Plan, result.plan_id).jurisdiction_id)
        assert (commune.level, commune.name) == ("commune", "Lương Minh")
        assert {u.jurisdiction_id for u in offices.values()} == {commune.id}
        # its deadline is owed by the office
        deadline = s.exec(select(Deadline)).one()
        owed = s.exec(select(DeadlineParty).where(DeadlineParty.deadline_id == deadline.id)).all()
        assert {p.unit_id for p in owed} == {
            u.id for n, u in offices.items() if n.startswith("Phó chủ tịch Thường trực")
        }
        assert "Các đồng chí Chuyên viên cơ quan MTTQ xã" in result.unplaced
