"""The correction vocabulary on ParsedPlans: each operation, rows found again by what they say, and
the outcomes a re-application reports (stale, redundant)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from parsing.model import Doubt, ParsedAssignment, ParsedDeadline, ParsedPlan, PlanHeader
from services.correction_commands import parse_command, parse_when
from services.correction_refs import assignment_ref, deadline_ref
from services.corrections import Correction, CorrectionError, apply_corrections, restore, snapshot

NOW = dt.datetime(2026, 3, 2, 1, 0, tzinfo=dt.UTC)


def plan() -> ParsedPlan:
    duty_a = "Chủ trì tổ chức tuyên truyền, phổ biến Luật Việc làm đến người lao động"
    duty_b = "Hướng dẫn các doanh nghiệp thực hiện chế độ báo cáo"
    return ParsedPlan(
        header=PlanHeader(number="172/KH-UBND", issuer="UBND tỉnh Đồng Nai", issued_on=dt.date(2025, 11, 18)),
        assignments=[
            ParsedAssignment("Sở Nội vụ", False, "lead", duty_a, "IV.1", duty_a),
            ParsedAssignment("Sở Tư pháp", False, "lead", duty_a, "IV.1", duty_a),
            ParsedAssignment("Sở Tài chính", False, "lead", duty_b + ", bảo đảm", "IV.2", duty_b),
            ParsedAssignment("Sở Tài chính", False, "lead", "đúng thời hạn quy định", "IV.2", duty_b),
        ],
        deadlines=[
            ParsedDeadline(
                unit="các sở, ban, ngành",
                action="report",
                recurrence="yearly",
                due="11-15",
                text="Các sở, ban, ngành báo cáo kết quả về Sở Nội vụ trước ngày 15/11 hằng năm",
                to="Sở Nội vụ",
            )
        ],
        doubts=[Doubt("item_without_unit", "Tổ chức sơ kết việc thi hành Luật", "IV.3")],
        recipients=["Bộ Nội vụ", "Sở Nội vụ"],
    )


def c(op: str, **args: object) -> Correction:
    return Correction(op=op, args=args, author="Admin", at=NOW.isoformat())


def test_each_operation() -> None:
    p = plan()
    a = p.assignments
    corrected = apply_corrections(
        p,
        [
            c("remove_assignment", row=assignment_ref(a[1])),
            c("set_role", row=assignment_ref(a[0]), role="support"),
            c("merge_rows", rows=[assignment_ref(a[2]), assignment_ref(a[3])]),
            c("add_assignment", unit="Sở Lao động", role="lead", group=False, duty=a[0].duty, section="IV.1"),
            c("set_deadline", row=deadline_ref(p.deadlines[0]), set={"recurrence": "yearly", "due": "12-15"}),
            c(
                "add_deadline",
                unit="Sở Tài chính",
                action="report",
                recurrence="once",
                due="2026-06-30",
                text="Sở Tài chính báo cáo trước ngày 30/6/2026",
            ),
            c("map_unit", **{"from": "Sở Lao động", "to": "Sở Nội vụ", "group": False}),
        ],
    )
    assert [o.status for o in corrected.outcomes] == ["applied"] * 7
    rows = {r.id: r.item for r in corrected.rows}
    assert 2 not in rows and 4 not in rows  # removed, merged away: numbers not reused
    assert rows[1].role == "support"
    assert rows[3].duty.startswith("Hướng dẫn") and rows[3].duty.endswith("đúng thời hạn quy định")
    assert rows[5].unit == "Sở Nội vụ" and rows[5].role == "lead"  # added (5), then mapped
    assert [r.id for r in corrected.rows] == [1, 5, 3]  # an added row stands beside its duty
    assert corrected.deadlines[0].item.due == "12-15" and corrected.deadlines[0].item.day == 15
    assert corrected.deadlines[1].item.due == "2026-06-30" and corrected.deadlines[1].id == 2
    assert corrected.plan.doubts == p.doubts and corrected.plan.recipients == p.recipients


def test_corrections_find_their_rows_in_a_different_extraction() -> None:
    """Re-import with another extractor: rows cut a little differently are found; gone rows are stale;
    additions the extraction now makes itself are redundant."""
    p = plan()
    corrections = [
        c("set_role", row=assignment_ref(p.assignments[0]), role="support"),
        c("remove_assignment", row=assignment_ref(p.assignments[1])),
        c("add_assignment", unit="Sở Lao động", role="lead", group=False, duty="Kiểm tra doanh nghiệp"),
    ]
    later = plan()
    later.assignments = [
        replace(later.assignments[0], duty=later.assignments[0].duty + " trên địa bàn tỉnh", section="V.1"),
        ParsedAssignment("Sở Lao động", False, "lead", "Kiểm tra doanh nghiệp", "V.3"),
    ]
    corrected = apply_corrections(later, corrections)
    assert [o.status for o in corrected.outcomes] == ["applied", "stale", "redundant"]
    assert corrected.rows[0].item.role == "support"
    assert len(corrected.rows) == 2


def test_a_role_the_extraction_now_reads_is_redundant() -> None:
    p = plan()
    fix = c("set_role", row=assignment_ref(p.assignments[0]), role="support")
    p.assignments[0] = replace(p.assignments[0], role="support")
    assert apply_corrections(p, [fix]).outcomes[0].status == "redundant"


def test_snapshot_round_trip_keeps_everything() -> None:
    p = plan()
    p.header = replace(p.header, kind="KẾ HOẠCH", place="Đồng Nai")
    p.read_by = "ocr"
    assert restore(snapshot(p)) == p


def test_unknown_operation_is_refused() -> None:
    with pytest.raises(CorrectionError):
        Correction(op="drop_table", args={})


@pytest.mark.parametrize(
    ("typed", "recurrence", "due", "day", "month"),
    [
        ("15/12/2026", "once", "2026-12-15", None, None),
        ("trước ngày 15.12.2026", "once", "2026-12-15", None, None),
        ("4/2026", "once", "2026-04-30", None, None),
        ("quý IV/2026", "once", "2026-12-31", None, None),
        ("hằng năm 15/12", "yearly", "12-15", 15, 12),
        ("hang nam", "yearly", None, None, None),
        ("hằng quý 10", "quarterly", None, 10, None),
        ("hằng quý 10/6", "quarterly", None, 10, 3),
        ("6 tháng 15/6", "semiannual", None, 15, 6),
        ("hằng tháng 20", "monthly", None, 20, None),
        ("every year 15/11", "yearly", "11-15", 15, 11),
    ],
)
def test_dates_as_typed(
    typed: str, recurrence: str, due: str | None, day: int | None, month: int | None
) -> None:
    when = parse_when(typed)
    assert (when.recurrence, when.due, when.day, when.month) == (recurrence, due, day, month)


@pytest.mark.parametrize(("typed", "key"), [("31/2/2026", "rv.err.when"), ("sớm nhất", "rv.err.when")])
def test_dates_that_cannot_be_read(typed: str, key: str) -> None:
    with pytest.raises(CorrectionError) as err:
        parse_when(typed)
    assert err.value.key == key


def test_a_one_off_deadline_needs_its_year() -> None:
    with pytest.raises(CorrectionError) as err:
        parse_when("15/12", current="once")
    assert err.value.key == "rv.err.when_year"
    assert parse_when("15/12", current="yearly").due == "12-15"


@pytest.mark.parametrize(
    ("line", "verb", "targets", "role", "text"),
    [
        ("xoá 12 13", "remove", ("12", "13"), None, ""),
        ("xoa h3", "remove", ("h3",), None, ""),
        ("VAI 12 phối hợp", "role", ("12",), "support", ""),
        ("thêm 12 chủ trì Sở Tư pháp", "add", ("12",), "lead", "Sở Tư pháp"),
        ("add 12 support Giám đốc các Sở", "add", ("12",), "support", "Giám đốc các Sở"),
        ("them n2 So Tu phap phoi hop", "add", ("n2",), "support", "So Tu phap"),
        ("gộp 12 13", "merge", ("12", "13"), None, ""),
        ("hạn h3 hằng năm 15/12", "due", ("h3",), None, "hằng năm 15/12"),
        ("chọn n2 1", "pick", ("n2",), None, "1"),
        ("xem d4", "show", ("d4",), None, ""),
        ("hoàn tác", "undo", (), None, ""),
    ],
)
def test_commands(line: str, verb: str, targets: tuple[str, ...], role: str | None, text: str) -> None:
    cmd = parse_command(line)
    assert cmd is not None
    assert (cmd.verb, cmd.targets, cmd.role, cmd.text) == (verb, targets, role, text)


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("xoá", "rv.usage.remove"),
        ("xoá n2", "rv.usage.remove"),
        ("vai h3", "rv.usage.role"),
        ("thêm 12 Sở Tư pháp", "rv.usage.add"),
        ("gộp 12", "rv.usage.merge"),
        ("hạn 12 15/12", "rv.usage.due"),
        ("thêm hạn Sở A | hằng năm 15/12", "rv.usage.add_deadline"),
    ],
)
def test_malformed_commands_say_how(line: str, key: str) -> None:
    with pytest.raises(CorrectionError) as err:
        parse_command(line)
    assert err.value.key == key


def test_a_question_is_not_a_command() -> None:
    assert parse_command("Sở Tài chính phụ trách gì?") is None
