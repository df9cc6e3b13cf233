"""Annex task tables: lead and supporting columns, time cells."""

from __future__ import annotations

from parsing.extract import parse_text
from parsing.tables import table_rows

TABLE = """| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
|---|---|---|---|---|
| 1 | Rà soát văn bản | Sở Tư pháp | Sở Nội vụ, Công an tỉnh | Quý IV/2023 |
| 2 | Bố trí kinh phí | Sở Tài chính | Các cơ quan liên quan | Hằng năm |
| 3 | Tập huấn | Sở Y tế | UBND các huyện, thị xã, thành phố | Thường xuyên |
"""


def test_table_rows_give_lead_support_and_deadlines() -> None:
    result = table_rows(TABLE, plan_year=2023)
    rows = {(a.unit, a.role, a.section) for a in result.assignments}
    assert ("Sở Tư pháp", "lead", "Phụ lục.1") in rows
    assert ("Sở Nội vụ", "support", "Phụ lục.1") in rows
    assert ("Công an tỉnh", "support", "Phụ lục.1") in rows
    assert ("UBND các huyện, thị xã, thành phố", "support", "Phụ lục.3") in rows
    assert not any("liên quan" in a.unit for a in result.assignments)  # catch-all
    deadlines = {(d.unit, d.recurrence, d.due) for d in result.deadlines}
    assert deadlines == {("Sở Tư pháp", "once", "2023-12-31"), ("Sở Tài chính", "yearly", None)}


def test_table_without_lead_column_is_ignored() -> None:
    text = "| STT | Chỉ tiêu | Năm 2023 |\n|---|---|---|\n| 1 | Sở Y tế | 80% |\n"
    assert table_rows(text, plan_year=2023).assignments == []


def test_annex_after_recipients_is_read() -> None:
    text = (
        "Số: 5/KH-UBND\nHà Nam, ngày 02 tháng 3 năm 2024\nKẾ HOẠCH\nThử\n"
        "I. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ chủ trì thực hiện Kế hoạch.\n"
        "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nPHỤ LỤC\n" + TABLE
    )
    units = {(a.unit, a.role) for a in parse_text(text).assignments}
    assert ("Sở Nội vụ", "lead") in units
    assert ("Sở Tư pháp", "lead") in units
    assert ("Sở Nội vụ", "support") in units
