"""Annex task tables: lead and supporting columns, time cells."""

from __future__ import annotations

from parsing.extract import parse_text
from parsing.markup_tables import split_tables
from parsing.table_roles import TableRows, read_table

TABLE = """| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |
|---|---|---|---|---|
| 1 | Rà soát văn bản | Sở Tư pháp | Sở Nội vụ, Công an tỉnh | Quý IV/2023 |
| 2 | Bố trí kinh phí | Sở Tài chính | Các cơ quan liên quan | Hằng năm |
| 3 | Tập huấn | Sở Y tế | UBND các huyện, thị xã, thành phố | Thường xuyên |
"""


def table_rows(text: str, *, plan_year: int) -> TableRows:
    """Every task table in the text, read."""
    out = TableRows()
    for item in split_tables(text.splitlines()):
        if not isinstance(item, str) and (rows := read_table(item, plan_year=plan_year)) is not None:
            out.assignments.extend(rows.assignments)
            out.deadlines.extend(rows.deadlines)
    return out


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


CELL_PER_LINE = """TT
Nhiệm vụ
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian thực hiện
Sản phẩm
1
Làm sạch dữ liệu hộ tịch, kết nối với Cơ sở dữ liệu quốc gia về
dân cư
Sở Tư pháp
Công an tỉnh, UBND các huyện, thành phố
Tháng 6/2025
Dữ liệu được làm sạch
2
Nâng cấp hệ thống thông tin giải quyết thủ tục hành chính
Sở Khoa học và Công nghệ
Báo Phú Thọ, Đài Phát thanh và
Truyền hình tỉnh
2025 - 2026
Báo cáo của Sở Y tế
3
Tuyên truyền về định danh điện tử
Công an tỉnh
Các cơ quan, đơn vị liên quan
Thường xuyên
Tin, bài
III. TỔ CHỨC THỰC HIỆN
"""


def test_table_flattened_one_cell_per_line() -> None:
    result = table_rows(CELL_PER_LINE, plan_year=2025)
    rows = {(a.unit, a.role, a.duty) for a in result.assignments}
    duty1 = "Làm sạch dữ liệu hộ tịch, kết nối với Cơ sở dữ liệu quốc gia về dân cư"
    assert (("Sở Tư pháp", "lead", duty1)) in rows
    assert {(u, r) for u, r, _d in rows} == {
        ("Sở Tư pháp", "lead"),
        ("Công an tỉnh", "support"),
        ("UBND các huyện, thành phố", "support"),
        ("Sở Khoa học và Công nghệ", "lead"),
        ("Báo Phú Thọ", "support"),
        ("Đài Phát thanh và Truyền hình tỉnh", "support"),
        ("Công an tỉnh", "lead"),
    }  # the product cell ("Báo cáo của Sở Y tế") and the catch-all name nobody
    assert {(d.unit, d.recurrence, d.due) for d in result.deadlines} == {
        ("Sở Tư pháp", "once", "2025-06-30"),
        ("Sở Khoa học và Công nghệ", "yearly", None),  # a span of years recurs (gold/README.md)
    }  # "Thường xuyên" is no deadline
    items = split_tables(CELL_PER_LINE.splitlines())
    assert items[-1] == "III. TỔ CHỨC THỰC HIỆN"  # the part title after the table is not a cell


# A gazette's annex as pdftotext prints it: column names wrapped over two lines, each cell's wrapped
# lines one under the other, Roman group rows, and the column names again at the top of the next page.
WRAPPED_CELLS = """PHỤ LỤC
DANH MỤC CÁC NHIỆM VỤ
STT
Tên nhiệm vụ cụ thể
Cơ quan
chủ trì
Cơ quan
phối hợp
Kết quả
Thời gian hoàn
thành
I. Đổi mới mạnh mẽ tư duy và hành động trong lãnh đạo, chỉ đạo
1.
Đưa các chỉ tiêu bao phủ về bảo hiểm y tế
vào nghị quyết, kế hoạch phát triển
của địa phương
Ủy ban nhân
dân các cấp
Các cơ quan, tổ
chức, đơn vị có
liên quan.
Các chỉ tiêu được
đưa vào nghị quyết
Hằng năm và
từng giai đoạn

70
STT
Tên nhiệm vụ cụ thể
Cơ quan
chủ trì
Cơ quan
phối hợp
Kết quả
Thời gian hoàn
thành
2.
Xây dựng Đề án đổi mới công tác truyền
thông về bảo hiểm y tế.
Bộ Tài chính
Bộ Y tế, Bộ Khoa học và
Công nghệ
Đề án
Quý I/2027
"""


def test_table_flattened_with_wrapped_cells_and_page_heads() -> None:
    result = table_rows(WRAPPED_CELLS, plan_year=2026)
    assert {(a.unit, a.role) for a in result.assignments} == {
        ("Ủy ban nhân dân các cấp", "lead"),
        ("Bộ Tài chính", "lead"),
        ("Bộ Y tế", "support"),
        ("Bộ Khoa học và Công nghệ", "support"),
    }
    assert {(d.unit, d.recurrence, d.due) for d in result.deadlines} == {
        ("Ủy ban nhân dân các cấp", "yearly", None),
        ("Bộ Tài chính", "once", "2027-03-31"),
    }


# The Government's annex: a column no word describes ("Căn cứ bổ sung"), two cells on one line with
# the extraction's gap between them (the row's number and its task too), the product before the time,
# and "Tháng" / "9/2026" wrapped.
GAP_AND_EXTRA_COLUMN = """TT
Tên nhiệm vụ
Cơ quan
chủ trì
Cơ quan
phối hợp
Kết quả
Thời gian
hoàn thành
Căn cứ
bổ sung
1  Thực hiện nghiêm quy định về cơ cấu lãnh đạo
Các bộ,
cơ quan ngang bộ  Bộ Nội vụ
Báo cáo
hằng năm
2026 và
hằng năm
Nghị quyết
số 66-NQ/TW
2
Nghiên cứu, xây dựng Đề án
Bộ Tư pháp
Các bộ, cơ quan ngang bộ
Đề án
Tháng
9/2026
Nghị quyết
số 66-NQ/TW
"""


def test_table_flattened_with_a_gap_and_an_unnamed_column() -> None:
    result = table_rows(GAP_AND_EXTRA_COLUMN, plan_year=2026)
    assert {(a.unit, a.role) for a in result.assignments} == {
        ("Các bộ, cơ quan ngang bộ", "lead"),
        ("Bộ Nội vụ", "support"),
        ("Bộ Tư pháp", "lead"),
        ("Các bộ, cơ quan ngang bộ", "support"),
    }
    assert {(d.unit, d.recurrence, d.due) for d in result.deadlines} == {
        ("Các bộ, cơ quan ngang bộ", "once", "2026-12-31"),
        ("Các bộ, cơ quan ngang bộ", "yearly", None),
        ("Bộ Tư pháp", "once", "2026-09-30"),
    }
