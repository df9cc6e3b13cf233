"""Deadline phrases -> recurrence and due, per SCHEMA.md."""

from __future__ import annotations

import pytest

from parsing.deadlines import find_deadlines


@pytest.mark.parametrize(
    ("clause", "want"),
    [
        ("báo cáo gửi về Sở Ngoại vụ trước ngày 15/11 hằng năm", {("yearly", "11-15")}),
        ("triển khai thực hiện (trong tháng 4/2020)", {("once", "2020-04-30")}),
        ("hoàn thành trước ngày 20/12/2024", {("once", "2024-12-20")}),
        ("chậm nhất ngày 20/12/2024 gửi kế hoạch", {("once", "2024-12-20")}),
        ("hoàn thành trong quý III/2023", {("once", "2023-09-30")}),
        ("báo cáo Sở Nội vụ trước ngày 10 tháng cuối quý", {("quarterly", None)}),
        ("hàng tháng báo cáo UBND tỉnh", {("monthly", None)}),
        ("báo cáo năm trước ngày 15 tháng 11 gửi Sở Nội vụ", {("yearly", "11-15")}),
        (
            "báo cáo sơ kết 6 tháng trước ngày 20/6, báo cáo tổng kết năm trước ngày 20/11",
            {("semiannual", "06-20"), ("yearly", "11-20")},
        ),
        ("thực hiện từ ngày 05/02/2026 - 08/02/2026", {("once", "2026-02-08")}),
        ("lập và nộp trước ngày 15 tháng 02 của năm liền kề sau năm báo cáo", {("yearly", "02-15")}),
        ("báo cáo năm gửi trước ngày 15/01 năm sau", {("yearly", "01-15")}),
        ("báo cáo nhanh kết quả ngày bầu cử trong ngày 15/3/2026", {("once", "2026-03-15")}),
        ("chi trả lương hưu, trợ cấp bảo hiểm xã hội hằng tháng cho người nghỉ hưu", set()),
        # each period its own date: in brackets after it, or listed in the same order
        (
            "định kỳ hằng quý (trước ngày 15 của tháng cuối quý), 6 tháng (trước ngày 15/6), năm (trước ngày "
            "15/12) báo cáo Sở Nội vụ",
            {("quarterly", None), ("semiannual", "06-15"), ("yearly", "12-15")},
        ),
        (
            "báo cáo định kỳ 6 tháng, năm về UBND tỉnh trước ngày 20/6 và 20/12",
            {("semiannual", "06-20"), ("yearly", "12-20")},
        ),
        (
            "Thời gian chậm nhất gửi báo cáo về Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh ngày 23/3/2026",
            {("once", "2026-03-23")},
        ),
        ("tổ chức tổng kết vào tháng 12/2025", {("once", "2025-12-31")}),
        ("gửi Sở Nông nghiệp và Môi trường trước ngày 31 tháng 8 năm 2025", {("once", "2025-08-31")}),
        ("hoàn thành trước 30/9/2025", {("once", "2025-09-30")}),
        ("định kỳ hằng năm báo cáo Ban Thường vụ Tỉnh ủy", {("yearly", None)}),
        (
            "định kỳ hàng quý, 06 tháng, hàng năm, tổng hợp kết quả, báo cáo UBND tỉnh",
            {("quarterly", None), ("semiannual", None), ("yearly", None)},
        ),
        (
            "định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 15/12) báo cáo UBND tỉnh",
            {("semiannual", "06-15"), ("yearly", "12-15")},
        ),
        (
            "định kỳ hằng quý, 6 tháng, năm tổng hợp báo cáo gửi UBND tỉnh",
            {("quarterly", None), ("semiannual", None), ("yearly", None)},
        ),
        ("báo cáo kết quả 6 tháng, năm 2024 gửi UBND tỉnh", {("semiannual", None)}),
        # one cue for several dates; the hour before the day is dropped
        ("báo cáo UBND tỉnh trước ngày 15/6 và 15/12 hằng năm", {("yearly", "06-15"), ("yearly", "12-15")}),
        (
            "gửi báo cáo trước ngày 10/6, 10/9 và 10/12/2026",
            {("once", "2026-06-10"), ("once", "2026-09-10"), ("once", "2026-12-10")},
        ),
        ("gửi báo cáo về Sở Nông nghiệp và Môi trường trước 17h00 ngày 25/11/2025", {("once", "2025-11-25")}),
        ("nộp hồ sơ trước 16 giờ 30 phút, ngày 05/12/2025", {("once", "2025-12-05")}),
        ("báo cáo trước ngày 05 hằng tháng", {("monthly", None)}),
        ("ban hành Chương trình công tác đối ngoại định kỳ hằng năm", set()),
        ("cụ thể hóa thành nhiệm vụ trong kế hoạch công tác hàng năm", set()),
        ("định kỳ báo cáo tình hình theo quy định", set()),
    ],
)
def test_phrases(clause: str, want: set[tuple[str, str | None]]) -> None:
    assert {(d.recurrence, d.due) for d in find_deadlines(clause)} == want


def test_recipient_and_action() -> None:
    (d,) = find_deadlines("báo cáo kết quả gửi về Sở Ngoại vụ trước ngày 15/11 hằng năm")
    assert (d.action, d.to) == ("report", "Sở Ngoại vụ")
    (d,) = find_deadlines("định kỳ hàng năm báo cáo Bộ Ngoại giao, UBND tỉnh")
    assert d.to == "Bộ Ngoại giao; UBND tỉnh"
    (d,) = find_deadlines("xây dựng kế hoạch (trong tháng 4/2020)")
    assert (d.action, d.to) == ("deliver", None)


def test_date_without_year_takes_the_plan_year() -> None:
    (d,) = find_deadlines("hoàn thành trước ngày 30/6", plan_year=2024)
    assert (d.recurrence, d.due) == ("once", "2024-06-30")


@pytest.mark.parametrize(
    ("clause", "want"),
    [
        # the day (and month within the period) is kept even where SCHEMA's `due` stays null
        ("Hằng tháng, trước ngày 20, báo cáo tiến độ về Sở Kế hoạch và Đầu tư", ("monthly", None, 20, None)),
        ("Định kỳ hằng tháng (trước ngày 25) báo cáo kết quả về UBND huyện", ("monthly", None, 25, None)),
        ("báo cáo tình hình về Trung tâm trước ngày 15 hằng tháng", ("monthly", None, 15, None)),
        ("báo cáo Sở Nội vụ trước ngày 10 tháng cuối quý", ("quarterly", None, 10, 3)),
        ("báo cáo quý gửi trước ngày 05 tháng cuối cùng của mỗi quý", ("quarterly", None, 5, 3)),
        ("báo cáo UBND tỉnh trước ngày 15/11 hằng năm", ("yearly", "11-15", 15, 11)),
        ("hoàn thành trước ngày 20/12/2024", ("once", "2024-12-20", 20, 12)),
        ("hàng tháng báo cáo UBND tỉnh", ("monthly", None, None, None)),
    ],
)
def test_day_and_month(clause: str, want: tuple[str, str | None, int | None, int | None]) -> None:
    (d,) = find_deadlines(clause)
    assert (d.recurrence, d.due, d.day, d.month) == want


def test_semiannual_month_counts_within_the_half_year() -> None:
    found = find_deadlines("định kỳ 6 tháng (trước ngày 15/12) báo cáo UBND tỉnh")
    assert [(d.recurrence, d.day, d.month) for d in found] == [("semiannual", 15, 6)]


def test_party_style_one_year() -> None:
    found = find_deadlines("định kỳ 6 tháng, 1 năm báo cáo kết quả về Ban Thường vụ Huyện ủy")
    assert {(d.recurrence, d.due) for d in found} == {("semiannual", None), ("yearly", None)}
