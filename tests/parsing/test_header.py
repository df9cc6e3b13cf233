"""Header fields from the layouts real files arrive in."""

from __future__ import annotations

import datetime as dt

import pytest

from parsing.header import parse_header, parse_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Số: 3935/KH-UBND", "3935/KH-UBND"),
        ("Số: 40 /KH - UBND", "40/KH-UBND"),
        ("Số 35-KH/TU", "35-KH/TU"),
        ("CÔNG VĂN ĐẾN Số: 3541\nNgày: 18/8/2022", None),
    ],
)
def test_number(text: str, number: str | None) -> None:
    assert parse_number(text) == number


def test_cells_run_together() -> None:
    text = (
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HẬU GIANG Độc lập - Tự do - Hạnh phúc\n"
        "Số: 33/KH-UBND Hậu Giang, ngày 13 tháng 3 năm 2018\n\nKẾ HOẠCH\n\nCông tác đối ngoại năm 2018\n\n"
        "Thực hiện ...\n"
    )
    header, _ = parse_header(text)
    assert header.number == "33/KH-UBND"
    assert header.issued_on == dt.date(2018, 3, 13)
    assert header.place == "Hậu Giang"
    assert header.issuer == "UBND tỉnh Hậu Giang"
    assert header.kind == "KẾ HOẠCH"
    assert header.title == "Công tác đối ngoại năm 2018"


def test_stamp_date_is_not_the_issue_date() -> None:
    header, _ = parse_header("CÔNG VĂN Số: 3541\nĐẾN Ngày: 18/8/2022\n\n## KẾ HOẠCH\n\ntriển khai ...\n")
    assert header.number is None
    assert header.issued_on is None
    assert header.title == "triển khai ..."
