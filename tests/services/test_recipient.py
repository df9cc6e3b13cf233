"""A unit is not told it owes a report to itself.

Plan 3935/KH-UBND (Đồng Nai, gold 002): "các Sở, Ban, ngành, đoàn thể; UBND các huyện, thành phố ...
báo cáo ... về Sở Ngoại vụ trước ngày 15/11 hằng năm". The class reaches Sở Ngoại vụ, the recipient;
through the real importer, the recipient is resolved and left out of the class's debtors in the duty
list, the deadline lists, the dated occurrences and so the reminders, while the other departments
still owe it and a unit named explicitly owes it whoever receives it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from sqlmodel import Session, col, select

from config.settings import Settings
from parsing.document import parse_file
from parsing.model import ParsedPlan
from services import occurrence_views
from services import occurrences as occ_svc
from services.calendar_export import unit_calendar
from services.clock import VN_TZ, ManualClock
from services.duties import unit_duties
from services.importer import import_plan
from services.placement import reresolve_recipients
from services.reminders import run_tick
from services.units import resolve_unit, units_owing
from services.upcoming import upcoming_deadlines
from storage.db import Database
from storage.enums import OccurrenceStatus
from storage.models import Deadline, Jurisdiction, Occurrence, Outbox, Reminder, Unit
from tests.conftest import REPO
from tests.services import world
from tests.services.test_importer import gold

D = dt.date
TODAY = D(2026, 3, 2)
NOVEMBER_15 = D(2026, 11, 15)


def _import(s: Session, parsed: ParsedPlan, content_hash: str = "002") -> None:
    import_plan(
        s,
        parsed=parsed,
        source_name="002.txt",
        content_hash=content_hash,
        default_province="Đồng Nai",
        now=dt.datetime(2026, 3, 1, 9, tzinfo=VN_TZ),
    )


def _unit(s: Session, name: str) -> Unit:
    province = s.exec(select(Jurisdiction).where(Jurisdiction.name == "Đồng Nai")).one()
    unit = resolve_unit(s, name=name, jurisdiction_id=province.id)
    assert unit is not None and unit.id is not None, name
    return unit


def _yearly(s: Session) -> Deadline:
    """The class deadline "trước ngày 15/11 hằng năm", sent to Sở Ngoại vụ."""
    return s.exec(select(Deadline).where(Deadline.due_month == 11, Deadline.due_day == 15)).one()


def _with_deadline(parsed: ParsedPlan, **changes: Any) -> ParsedPlan:
    """Gold 002 with its yearly class deadline changed (parties, recipient, sentence)."""
    deadlines = [dataclasses.replace(d, **changes) if d.due == "11-15" else d for d in parsed.deadlines]
    assert deadlines != parsed.deadlines
    return dataclasses.replace(parsed, deadlines=deadlines)


def _listed(s: Session, unit_id: int, deadline_id: int) -> dict[str, bool]:
    """Where the deadline shows for the unit: duty list (per duty or per plan), deadline list, /hanbaocao."""
    duties = unit_duties(s, unit_id=unit_id, today=TODAY)
    upcoming = upcoming_deadlines(s, unit_id=unit_id, today=TODAY, horizon_days=300)
    dated = occurrence_views.unit_occurrences(s, unit_id=unit_id, today=TODAY)
    return {
        "duty": any(d.deadline_id == deadline_id for p in duties.plans for d in p.duties),
        "plan": any(p.other_due == NOVEMBER_15 for p in duties.plans),
        "upcoming": any(u.deadline_id == deadline_id for u in upcoming),
        "occurrences": any(v.deadline_id == deadline_id for v in dated),
    }


def test_recipient_reached_only_through_its_class_does_not_owe_the_report(db: Database) -> None:
    with db.session() as s:
        _import(s, gold("002"))
        occ_svc.materialize(s, today=TODAY)
        ngoai_vu, noi_vu = _unit(s, "Sở Ngoại vụ"), _unit(s, "Sở Nội vụ")
        yearly = _yearly(s)
        assert yearly.recipient == "Sở Ngoại vụ"
        assert yearly.recipient_unit_id == ngoai_vu.id  # (a) resolved to the directory's unit
        assert yearly.id is not None and ngoai_vu.id is not None and noi_vu.id is not None
        # (b) not shown to the recipient anywhere ...
        assert _listed(s, ngoai_vu.id, yearly.id) == dict.fromkeys(
            ("duty", "plan", "upcoming", "occurrences"), False
        )
        # ... though it still sees its own duties of the plan and its own deadline (to UBND tỉnh)
        assert unit_duties(s, unit_id=ngoai_vu.id, today=TODAY).total > 0
        assert [
            u.recipient for u in upcoming_deadlines(s, unit_id=ngoai_vu.id, today=TODAY, horizon_days=300)
        ] == ["Ủy ban nhân dân tỉnh"]
        # (c) another unit of the class still owes it, everywhere
        assert _listed(s, noi_vu.id, yearly.id) == {
            "duty": False,
            "plan": True,
            "upcoming": True,
            "occurrences": True,
        }
        owing = {u.name for u in units_owing(s, deadline=yearly)}
        assert "Sở Nội vụ" in owing and "Sở Ngoại vụ" not in owing
        assert b"dutybot-deadline-%d-" % yearly.id not in unit_calendar(s, unit_id=ngoai_vu.id, today=TODAY)
        assert b"dutybot-deadline-%d-" % yearly.id in unit_calendar(s, unit_id=noi_vu.id, today=TODAY)


def test_the_sample_document_itself_names_the_recipient(db: Database) -> None:
    """The same through the extractor: data/plans/002 read and parsed, not its gold labels."""
    parsed = parse_file(REPO / "data" / "plans" / "002_a5c47825f0dbe0be.txt")
    with db.session() as s:
        _import(s, parsed)
        ngoai_vu = _unit(s, "Sở Ngoại vụ")
        yearly = _yearly(s)
        assert yearly.recipient_unit_id == ngoai_vu.id
        assert "Sở Ngoại vụ" not in {u.name for u in units_owing(s, deadline=yearly)}
        assert "Sở Nội vụ" in {u.name for u in units_owing(s, deadline=yearly)}


def test_a_unit_named_explicitly_still_owes_its_report_to_itself(db: Database) -> None:
    parsed = _with_deadline(
        gold("002"), unit="các Sở, Ban, ngành, đoàn thể; UBND các huyện, thành phố; Sở Ngoại vụ"
    )
    with db.session() as s:
        _import(s, parsed)
        occ_svc.materialize(s, today=TODAY)
        ngoai_vu = _unit(s, "Sở Ngoại vụ")
        yearly = _yearly(s)
        assert yearly.recipient_unit_id == ngoai_vu.id and yearly.id is not None and ngoai_vu.id is not None
        assert _listed(s, ngoai_vu.id, yearly.id) == {
            "duty": False,
            "plan": True,
            "upcoming": True,
            "occurrences": True,
        }  # (d)
        assert "Sở Ngoại vụ" in {u.name for u in units_owing(s, deadline=yearly)}


def test_reports_through_a_department_leave_that_department_out(db: Database) -> None:
    """ "UBND tỉnh (qua Sở Ngoại vụ)": Sở Ngoại vụ receives and compiles them, so it is the one left out."""
    sentence = "báo cáo kết quả thực hiện về UBND tỉnh (qua Sở Ngoại vụ) trước ngày 15/11 hằng năm"
    with db.session() as s:
        _import(s, _with_deadline(gold("002"), to="UBND tỉnh", text=sentence))
        ngoai_vu = _unit(s, "Sở Ngoại vụ")
        assert _yearly(s).recipient_unit_id == ngoai_vu.id
        assert "Sở Ngoại vụ" not in {u.name for u in units_owing(s, deadline=_yearly(s))}
        # the channel written in the recipient itself, and gửi ... tổng hợp
        _import(s, _with_deadline(gold("002"), to="UBND tỉnh (thông qua Sở Nội vụ tổng hợp)"), "v2")
        assert _yearly(s).recipient_unit_id == _unit(s, "Sở Nội vụ").id
        _import(s, _with_deadline(gold("002"), to="Sở Ngoại vụ tổng hợp"), "v3")
        assert _yearly(s).recipient_unit_id == ngoai_vu.id


def test_recipients_outside_the_directory_stay_unresolved(db: Database) -> None:
    with db.session() as s:
        _import(s, _with_deadline(gold("002"), to="Bộ Ngoại giao"))
        units_before = len(s.exec(select(Unit)).all())
        assert _yearly(s).recipient_unit_id is None
        assert "Sở Ngoại vụ" in {u.name for u in units_owing(s, deadline=_yearly(s))}
        # a class receives nothing; a channel outside the directory leaves the addressee
        _import(s, _with_deadline(gold("002"), to="các sở, ngành"), "v2")
        assert _yearly(s).recipient_unit_id is None
        sentence = "báo cáo kết quả về Sở Nội vụ (qua Phòng Công chức viên chức) trước ngày 15/11 hằng năm"
        _import(s, _with_deadline(gold("002"), to="Sở Nội vụ", text=sentence), "v3")
        assert _yearly(s).recipient_unit_id == _unit(s, "Sở Nội vụ").id
        assert len(s.exec(select(Unit)).all()) == units_before  # no unit was made up for a recipient


def test_the_unit_carrying_a_merged_recipient_is_left_out(db: Database) -> None:
    """Reports "về Sở Kế hoạch và Đầu tư", which merged into Sở Tài chính (NĐ 45/2025)."""
    with db.session() as s:
        _import(s, _with_deadline(gold("002"), to="Sở Kế hoạch và Đầu tư"))
        occ_svc.materialize(s, today=TODAY)
        khdt, tai_chinh, noi_vu = (
            _unit(s, "Sở Kế hoạch và Đầu tư"),
            _unit(s, "Sở Tài chính"),
            _unit(s, "Sở Nội vụ"),
        )
        yearly = _yearly(s)
        assert khdt.successor_id == tai_chinh.id and yearly.recipient_unit_id == khdt.id
        assert (
            yearly.id is not None
            and tai_chinh.id is not None
            and noi_vu.id is not None
            and khdt.id is not None
        )
        assert not any(_listed(s, tai_chinh.id, yearly.id).values())
        assert not any(_listed(s, khdt.id, yearly.id).values())  # answered as Sở Tài chính
        assert _listed(s, noi_vu.id, yearly.id)["upcoming"]
        assert "Sở Tài chính" not in {u.name for u in units_owing(s, deadline=yearly)}


# --- reminders over a simulated November -------------------------------------------------------------


def _reminded(s: Session, person_id: int, deadline_id: int) -> int:
    return len(
        s.exec(
            select(Reminder.id)
            .join(Occurrence, col(Occurrence.id) == col(Reminder.occurrence_id))
            .where(Reminder.person_id == person_id, Occurrence.deadline_id == deadline_id)
        ).all()
    )


def _simulate(db: Database, first: D, last: D) -> None:
    """Every day at 08:30, as the scheduler does: date the rules, then tick."""
    clock = ManualClock(dt.datetime.combine(first, dt.time(8, 30), tzinfo=VN_TZ))
    day = first
    while day <= last:
        clock.set(dt.datetime.combine(day, dt.time(8, 30), tzinfo=VN_TZ))
        with db.session() as s:
            occ_svc.materialize(s, today=day)
        with db.session() as s:
            run_tick(s, clock=clock, settings=Settings())
        day += dt.timedelta(days=1)


def _members(db: Database) -> tuple[int, int, int, int]:
    """A leader of Sở Ngoại vụ (the recipient) and of Sở Nội vụ: (their person ids, the recipient's
    chat account, the class deadline)."""
    with db.session() as s:
        ngoai_vu, noi_vu = _unit(s, "Sở Ngoại vụ"), _unit(s, "Sở Nội vụ")
        recipient, account = world.member(s, ngoai_vu, "Chị Ngoại vụ", leader=True)
        debtor, _ = world.member(s, noi_vu, "Anh Nội vụ", leader=True)
        deadline_id = _yearly(s).id
        assert recipient.id and debtor.id and account.id and deadline_id
        return recipient.id, debtor.id, account.id, deadline_id


def _messages_to(s: Session, account_id: int) -> list[str]:
    rows = s.exec(select(Outbox).where(Outbox.account_id == account_id)).all()
    return [str((row.payload or {}).get("html", "")) for row in rows]


def test_no_reminder_reaches_the_recipient_over_the_period(db: Database) -> None:
    with db.session() as s:
        _import(s, gold("002"))
    recipient, debtor, account, deadline_id = _members(db)
    _simulate(db, D(2026, 11, 2), D(2026, 11, 24))
    with db.session() as s:
        offsets = {r.offset_key for r in s.exec(select(Reminder).where(Reminder.person_id == debtor)).all()}
        assert {"d-7", "d-3", "d0", "late+2"} <= offsets, (
            offsets
        )  # the other department, as before (15/11: a Sunday)
        assert _reminded(s, recipient, deadline_id) == 0
        # nothing at all in the period: its own deadline (to UBND tỉnh) falls in December
        assert _messages_to(s, account) == []


def test_reresolve_fixes_an_upgraded_database_and_stops_its_reminders(db: Database) -> None:
    """Before revision 0004 no deadline had a recipient unit and the recipient owed its own report:
    `reresolve_recipients` (dutybot plans reresolve) resolves it and drops the recipient's open
    occurrences, keeping a report it already marked submitted as history."""
    with db.session() as s:
        _import(s, gold("002"))
        _yearly(s).recipient_unit_id = None  # as the migration leaves existing rows
        occ_svc.materialize(s, today=D(2026, 11, 2))
        ngoai_vu = _unit(s, "Sở Ngoại vụ")
        past = Occurrence(
            deadline_id=_yearly(s).id or 0,
            unit_id=ngoai_vu.id or 0,
            due_on=D(2025, 11, 15),
            status=OccurrenceStatus.submitted,
        )
        s.add(past)
    recipient, debtor, account, deadline_id = _members(db)
    _simulate(db, D(2026, 11, 6), D(2026, 11, 9))  # the old behaviour: d-7 to the recipient too
    with db.session() as s:
        assert _reminded(s, recipient, deadline_id) == 1 and _reminded(s, debtor, deadline_id) == 1
        result = reresolve_recipients(s)
        assert (result.changed, result.dropped) == (1, 2)  # 15/11/2026 and 15/11/2027 (dated 400 days ahead)
        assert _yearly(s).recipient_unit_id == _unit(s, "Sở Ngoại vụ").id
        left = s.exec(select(Occurrence).where(Occurrence.unit_id == _unit(s, "Sở Ngoại vụ").id)).all()
        assert [(o.deadline_id, o.status) for o in left if o.deadline_id == deadline_id] == [
            (deadline_id, OccurrenceStatus.submitted)
        ]
        assert reresolve_recipients(s).changed == 0  # idempotent
    _simulate(db, D(2026, 11, 10), D(2026, 11, 24))
    with db.session() as s:
        assert _reminded(s, recipient, deadline_id) == 0  # its ledger rows went with the occurrence
        assert _reminded(s, debtor, deadline_id) >= 4
        assert len(_messages_to(s, account)) == 1  # the d-7 sent before the fix, nothing since


def test_a_recipient_that_enters_the_directory_later_is_resolved_then(db: Database) -> None:
    """Plan A reports to Sở Tư pháp, which no plan had named as a party; plan B, imported later, names
    it as one: the import that creates the unit resolves A's recipient too."""
    with db.session() as s:
        _import(s, _with_deadline(gold("002"), to="Sở Tư pháp"))
        assert _yearly(s).recipient_unit_id is None
        other = gold("002")
        header = dataclasses.replace(other.header, number="99/KH-UBND")
        duty = dataclasses.replace(other.assignments[0], unit="Sở Tư pháp", group=False)
        _import(s, dataclasses.replace(other, header=header, assignments=[duty], deadlines=[]), "b")
        assert _yearly(s).recipient_unit_id == _unit(s, "Sở Tư pháp").id
        assert "Sở Tư pháp" not in {u.name for u in units_owing(s, deadline=_yearly(s))}
